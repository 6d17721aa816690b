from django.urls import path

from naleving.ops import views

app_name = "ops"

urlpatterns = [
    path("gezondheid/live", views.live, name="live"),
    path("gezondheid/ready", views.ready, name="ready"),
    path("metrics", views.metrics, name="metrics"),
]
