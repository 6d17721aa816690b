"""Staff single sign-on (ADR 0022); mounted in ``accounts/urls.py`` under /account/sso/."""

from django.urls import path

from naleving.accounts import oidc_views

urlpatterns = [
    path("sso/", oidc_views.sso_start, name="sso_start"),
    path("sso/terug/", oidc_views.sso_callback, name="sso_callback"),
]
