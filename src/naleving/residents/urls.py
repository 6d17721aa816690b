from django.urls import path

from naleving.residents import views

app_name = "residents"
urlpatterns = [
    path("", views.ResidentListView.as_view(), name="list"),
    path("nieuw/", views.resident_create, name="create"),
    path("<int:pk>/uitkering/", views.benefit_create, name="benefit_create"),
]
