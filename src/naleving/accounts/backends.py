"""Django's ``ModelBackend``, with the read of the signed-in user every request makes compiled once.

``AUTHENTICATION_BACKENDS`` names it where Django's stood: passwords, permissions and the check of an active
account are Django's own; only ``get_user`` (the user of a session, by id, on every signed-in request) runs
SQL compiled once per process (``common.compiled.objects_for``): building and compiling Django's query cost
about 0.3 ms of every signed-in page on the bench machine. A session made by Django's backend before this one
replaced it names a backend no longer configured: its user signs in again once (docs/howto/upgrade.md).
"""

from functools import cache

from django.conf import settings
from django.contrib.auth import backends, get_user_model, load_backend
from django.db.models import QuerySet

from naleving.common.compiled import objects_for

#: the backend's dotted path, as a session records it
PATH = "naleving.accounts.backends.ModelBackend"


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        """The user of this id if he may sign in (``user_can_authenticate``: active), else None."""
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        found = objects_for("accounts.user", get_user_model(), _user_query, user_id)
        return found[0] if found and self.user_can_authenticate(found[0]) else None


def _user_query(user_id: int) -> QuerySet:
    return get_user_model()._default_manager.filter(pk=user_id).order_by()


def configured() -> tuple:
    """The backends of ``AUTHENTICATION_BACKENDS``, made once per process and list of paths.

    Django's ``auth.get_backends()`` imports and makes every backend again on each call, and a permission test
    calls it once: about fifty times a list page (``User.has_perm``). The backends keep no state of their own."""
    return _made(tuple(settings.AUTHENTICATION_BACKENDS))


@cache
def _made(paths: tuple[str, ...]) -> tuple:
    return tuple(load_backend(path) for path in paths)
