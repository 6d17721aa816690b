"""Sessions in the database, as Django's own, with the read every signed-in request makes compiled once.

``SESSION_ENGINE`` points here. The session table, its rows and everything else are Django's
(``django.contrib.sessions.backends.db``); only the read of a session by its key runs SQL compiled once per
process (``common.compiled.objects_for``): building and compiling Django's query cost about 0.4 ms of every
signed-in page on the bench machine. An expired session is left out as Django leaves it out.
"""

from django.contrib.sessions.backends import db
from django.db.models import QuerySet
from django.utils import timezone

from naleving.common.compiled import objects_for


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The unexpired session of this key, or None (and the key forgotten), as Django's read gives it."""
        key = self.session_key
        found = objects_for("accounts.session", self.model, _session_query, key) if key else []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None


def _session_query(key: str) -> QuerySet:
    return SessionStore.get_model_class().objects.filter(session_key=key).order_by()
