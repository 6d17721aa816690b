"""The resident's change pages, mounted at /wijziging-doorgeven/ (no staff login)."""

from django.urls import path

from naleving.prevention import digid, public_views

app_name = "wijziging"
urlpatterns = [
    path("", public_views.start, name="start"),
    path("formulier/", public_views.report_form, name="form"),
    path("ontvangen/<str:reference>/", public_views.receipt, name="receipt"),
    path("ontvangen/<str:reference>/bewijs.pdf", public_views.receipt_pdf, name="receipt_pdf"),
    path("uitloggen/", public_views.logout, name="logout"),
    path("digid/", digid.digid_start, name="digid_start"),
    path("digid/terug/", digid.digid_callback, name="digid_callback"),
]
