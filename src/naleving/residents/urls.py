from django.urls import path

from naleving.residents import views, views_avg

app_name = "residents"
urlpatterns = [
    path("", views.ResidentListView.as_view(), name="list"),
    path("nieuw/", views.resident_create, name="create"),
    path("verzoeken/", views.registratieverzoeken, name="requests"),
    path("verzoeken/<int:pk>/afhandelen/", views.registratieverzoek_handle, name="request_handle"),
    path("<int:pk>/uitkering/", views.benefit_create, name="benefit_create"),
    path("<int:pk>/corrigeren/", views_avg.resident_correct, name="correct"),
    path(
        "<int:pk>/bezwaar-verwerking/", views_avg.privacy_objection_register, name="privacy_objection_create"
    ),
    path("bezwaren-verwerking/", views_avg.privacy_objections, name="privacy_objections"),
    path(
        "bezwaren-verwerking/<int:pk>/beslissen/",
        views_avg.privacy_objection_decide,
        name="privacy_objection_decide",
    ),
]
