from django.urls import path

from naleving.claims import views

app_name = "claims"
urlpatterns = [
    path("", views.VorderingListView.as_view(), name="list"),
    path("<int:pk>/", views.vordering_detail, name="detail"),
    path("<int:pk>/aflossing/", views.aflossing_register, name="payment"),
    path("<int:pk>/kwijtschelden/", views.vordering_waive, name="waive"),
    path("<int:pk>/afboeken/", views.vordering_write_off, name="write_off"),
]
