"""The public algorithm pages for residents, mounted at /algoritmes/ (no login)."""

from django.urls import path

from naleving.controls import views

app_name = "algorithms"
urlpatterns = [path("<slug:name>/", views.public_filter, name="detail")]
