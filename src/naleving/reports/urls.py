from django.urls import path

from naleving.reports import views

app_name = "reports"
urlpatterns = [path("", views.overview, name="overview")]
