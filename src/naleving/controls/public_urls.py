"""The public algorithm pages for residents, mounted at /algoritmes/ (no login)."""

from django.urls import path

from naleving.controls import public_views

app_name = "algorithms"
urlpatterns = [
    path("", public_views.public_index, name="index"),
    path("<slug:name>/", public_views.public_filter, name="detail"),
]
