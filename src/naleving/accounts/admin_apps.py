"""The app config that installs Naleving's narrowed admin site (listed in INSTALLED_APPS instead of
``django.contrib.admin``)."""

from django.contrib.admin.apps import AdminConfig


class NalevingAdminConfig(AdminConfig):
    """The Django admin with Naleving's narrowed site (superusers only, read only; ADR 0018)."""

    default_site = "naleving.accounts.admin_site.NalevingAdminSite"
