from django.urls import path

from naleving.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.list_index, name="index"),
    path("opstellen/", views.list_propose, name="propose"),
    path("<int:pk>/", views.list_detail, name="detail"),
    path("<int:pk>/goedkeuren/", views.list_approve, name="approve"),
    path("<int:pk>/uitvoeren/", views.list_execute, name="execute"),
    path("verklaringen/", views.certificate_list, name="certificates"),
    path("verklaringen/<int:pk>/", views.certificate_detail, name="certificate"),
]
