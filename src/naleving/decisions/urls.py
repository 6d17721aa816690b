from django.urls import path

from naleving.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.BesluitListView.as_view(), name="list"),
    path("wat-als/", views.what_if, name="what_if"),
    path("onderzoek/<int:investigation_pk>/voorbereiden/", views.besluit_prepare, name="prepare"),
    path("<int:pk>/", views.besluit_detail, name="detail"),
    path("<int:pk>/medeondertekenen/", views.besluit_cosign, name="cosign"),
    path("<int:pk>/opschorting/ingang/", views.opschorting_start, name="opschorting_start"),
    path("<int:pk>/brief.pdf", views.besluit_letter, name="letter"),
]
