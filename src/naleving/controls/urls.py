from django.urls import path

from naleving.controls import views

app_name = "controls"
urlpatterns = [path("", views.control_list, name="list")]
