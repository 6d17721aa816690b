from django.urls import path

from naleving.residents import views

app_name = "residents"
urlpatterns = [
    path("", views.ResidentListView.as_view(), name="list"),
    path("nieuw/", views.resident_create, name="create"),
    path("verzoeken/", views.registratieverzoeken, name="requests"),
    path("verzoeken/<int:pk>/afhandelen/", views.registratieverzoek_handle, name="request_handle"),
    path("<int:pk>/uitkering/", views.benefit_create, name="benefit_create"),
]
