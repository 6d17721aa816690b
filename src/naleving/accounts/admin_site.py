"""The Django admin, narrowed (ADR 0018): only superusers, only reading, only after the one login page.

Users, teams and roles are managed in the product (Beheer › Gebruikers), where roles come from the role
table and approver roles need a second person. The admin is left for a superuser (made on the command
line with ``naleving createsuperuser``) to look at technical tables: lock-outs, the task queue.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse


class ReadOnlyAdminMixin:
    """No adding, changing or deleting through the admin: every write goes through a service."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class NalevingAdminSite(admin.AdminSite):
    site_header = "Naleving: technisch beheer (alleen lezen)"
    site_title = "Naleving technisch beheer"
    index_title = "Technische tabellen"

    def has_permission(self, request):
        from naleving.accounts.second_factor import second_factor_satisfied

        user = request.user
        return user.is_active and user.is_superuser and second_factor_satisfied(user)

    def login(self, request, extra_context=None):
        """No second login form: /beheer/login/ sends everyone to the product's login (with the code)."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("accounts:login"))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)

    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        read_only = type(f"ReadOnly{base.__name__}", (ReadOnlyAdminMixin, base), {})
        super().register(model_or_iterable, read_only, **options)
