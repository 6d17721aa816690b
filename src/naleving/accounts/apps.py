from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_migrate


def _roles_sync_after_migrate(sender, app_config, **kwargs) -> None:
    """After `migrate` (install, upgrade, a test database's flush), make the role groups match ``roles.ROLES``,
    so a permission a new version gives a role (e.g. ``ops.view_health`` to the beheerder) reaches every
    installation without a separate step. Runs once, after the last app's permissions exist."""
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is not with_models[-1]:
        return
    from naleving.accounts.services import roles_sync

    roles_sync()


def _forget_group_names(sender, instance, **kwargs) -> None:
    """A user's groups changed through this object: ``services.group_names`` and the permission checks read
    them again (``services.authorisation_load`` may have filled Django's permission caches from them)."""
    from naleving.accounts.services import GROUP_NAMES_CACHE

    for name in (GROUP_NAMES_CACHE, "_perm_cache", "_group_perm_cache"):
        instance.__dict__.pop(name, None)


class AccountsConfig(AppConfig):
    name = "naleving.accounts"
    label = "accounts"

    def ready(self) -> None:
        post_migrate.connect(_roles_sync_after_migrate, dispatch_uid="naleving.accounts.roles_sync")
        user_groups = self.get_model("User").groups.through
        m2m_changed.connect(
            _forget_group_names, sender=user_groups, dispatch_uid="naleving.accounts.group_names"
        )
