from django.urls import path

from naleving.ruleset import views

app_name = "ruleset"
urlpatterns = [
    path("", views.set_list, name="list"),
    path("voorstellen/", views.propose_value, name="propose"),
    path("voorstellen/bestand/", views.propose_file, name="propose_file"),
    path("<int:pk>/", views.set_detail, name="detail"),
    path("<int:pk>/beoordelen/", views.set_review, name="review"),
]
