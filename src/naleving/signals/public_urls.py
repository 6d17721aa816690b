"""The public report page for residents, mounted at /melden/ (no login)."""

from django.urls import path

from naleving.signals import public_views

app_name = "melden"
urlpatterns = [
    path("", public_views.report, name="report"),
    path("ontvangen/", public_views.receipt, name="receipt"),
]
