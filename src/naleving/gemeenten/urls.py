"""Beheer › Gemeenten (mounted at /beheer/gemeenten/, before the Django admin)."""

from django.urls import path

from naleving.gemeenten import views

app_name = "gemeenten"
urlpatterns = [
    path("", views.gemeente_list, name="list"),
    path("nieuw/", views.gemeente_create, name="create"),
    path("<int:pk>/", views.gemeente_edit, name="edit"),
]
