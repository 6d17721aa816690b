from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_migrate, post_save


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


def _forget_kept_counts(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """A user's roles or municipalities changed (from either side of the relation): forget the counts kept
    for him (``common.paging.kept_for_user``), so none of them is shown for his old scope."""
    from naleving.common.paging import lists_changed

    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            lists_changed(instance.pk)
        return
    if action == "pre_clear":  # the users are gone after the clear: forget theirs now
        column = f"{type(instance)._meta.model_name}_id"
        pk_set = set(sender.objects.filter(**{column: instance.pk}).values_list("user_id", flat=True))
    elif action not in ("post_add", "post_remove"):
        return
    for user_id in pk_set or ():
        lists_changed(user_id)


def _forget_kept_counts_of_user(sender, instance, created, **kwargs) -> None:
    """A user's flags changed (working for all municipalities, active, superuser): forget his counts."""
    if not created:
        from naleving.common.paging import lists_changed

        lists_changed(instance.pk)


class AccountsConfig(AppConfig):
    name = "naleving.accounts"
    label = "accounts"

    def ready(self) -> None:
        post_migrate.connect(_roles_sync_after_migrate, dispatch_uid="naleving.accounts.roles_sync")
        user_groups = self.get_model("User").groups.through
        m2m_changed.connect(
            _forget_group_names, sender=user_groups, dispatch_uid="naleving.accounts.group_names"
        )
        # counts kept for a user (common.paging) are forgotten when his roles or municipalities change
        for through in (user_groups, self.get_model("User").gemeenten.through):
            m2m_changed.connect(_forget_kept_counts, sender=through, dispatch_uid=f"naleving.kept.{through}")
        post_save.connect(
            _forget_kept_counts_of_user, sender=self.get_model("User"), dispatch_uid="naleving.kept.user"
        )
