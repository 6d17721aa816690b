from django.urls import path

from naleving.claims import views

app_name = "claims"
urlpatterns = [
    path("", views.VorderingListView.as_view(), name="list"),
    path("<int:pk>/", views.vordering_detail, name="detail"),
    path("<int:pk>/aflossing/", views.aflossing_register, name="payment"),
    path("<int:pk>/kwijtschelden/", views.vordering_waive, name="waive"),
    path("<int:pk>/afboeken/", views.vordering_write_off, name="write_off"),
    path("<int:pk>/aanmaning/", views.aanmaning_send, name="aanmaning"),
    path("<int:pk>/dwangbevel/", views.dwangbevel_issue, name="dwangbevel"),
    path("<int:pk>/niet-meewerken/", views.non_cooperation, name="non_cooperation"),
    path("stap/<int:pk>/brief/", views.step_pdf, name="step_pdf"),
    path("invordering/", views.collection_terms, name="collection"),
    path("inwoner/<int:resident_pk>/", views.resident_overview, name="resident"),
]
