"""How a resident proves who they are on the public change pages (/wijziging-doorgeven/). ADR 0010.

The municipality configures the login method (``NALEVING_RESIDENT_LOGIN``):

- ``test``: the demo's *test login*, BSN plus birth date matched against the registered residents. It is
  labelled as a test login on every page and replaces DigiD only in the demo: anyone who knows somebody's
  BSN and birth date could use it, so production refuses it (settings/production.py turns it ``off``).
- ``off``: the pages explain that reporting online is not available yet and how to report otherwise.
- ``digid``: DigiD through the municipality's OpenID Connect broker (``prevention/digid.py``, ADR 0022): the
  BSN comes from the broker's signed ID token, and a level of assurance below ``NALEVING_DIGID["MIN_LOA"]``
  (default "substantieel") is refused.
- a dotted path to a class with the same interface as ``TestLogin``: e.g. eHerkenning for a municipality
  that has it. Such a backend returns the BSN it was given by the broker.

After a successful login the session holds the resident's id, the method and the time, for at most
``SESSION_MINUTES``; the session key is rotated at login and the identity is removed at logout. The session
is the resident's own (its own cookie, ``resident_session.py``), never the staff session.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string

from naleving.audit.services import audit_record
from naleving.residents.selectors import residents_for_linking

SESSION_KEY = "naleving.prevention.resident_identity"
SESSION_MINUTES = 30
#: Failed test logins per client per hour before the form refuses more (guessing birth dates).
FAILURE_LIMIT = 5
FAILURE_WINDOW = 60 * 60
_FAILURE_SALT = "naleving.prevention.identification.failures"


@dataclass(frozen=True)
class ResidentIdentity:
    resident_id: int
    method: str  # what the report records as "ingelogd met"
    name: str = ""  # shown on the pages so residents see they are logged in as themselves


class TestLogin:
    """The demo's test login: BSN and birth date. Never for production (see the module docstring)."""

    key = "testlogin"
    label = "Testlogin (in deze demo in plaats van DigiD)"
    available = True
    is_test = True

    def identify(self, *, bsn: str, birth_date: date) -> ResidentIdentity | None:
        # Unscoped on purpose (no staff member is involved); the caller shows the same message for an
        # unknown BSN and a wrong birth date, so a BSN cannot be probed for being a client.
        resident = residents_for_linking(bsns=[bsn]).get(bsn)
        if resident is None or resident.birth_date != birth_date:
            return None
        return ResidentIdentity(resident_id=resident.pk, method=self.key, name=resident.full_name)


class NotConfigured:
    """No online login: the pages say how to report a change by phone or at the desk instead."""

    key = "uit"
    label = "Niet ingericht"
    available = False
    is_test = False

    def identify(self, **kwargs) -> ResidentIdentity | None:
        return None


BACKENDS = {"test": TestLogin, "off": NotConfigured, "digid": "naleving.prevention.digid.DigiDLogin"}


def identification_backend() -> Any:
    configured = getattr(settings, "NALEVING_RESIDENT_LOGIN", "test") or "test"
    backend = BACKENDS.get(configured) or configured
    if isinstance(backend, str):
        backend = import_string(backend)
    return backend()


def identity_login(request, identity: ResidentIdentity) -> None:
    """Remember the identified resident in a fresh session, and log the login."""
    request.session.cycle_key()
    request.session.set_expiry(SESSION_MINUTES * 60)
    request.session[SESSION_KEY] = {
        "resident_id": identity.resident_id,
        "method": identity.method,
        "name": identity.name,
        "at": timezone.now().isoformat(),
    }
    audit_record(
        actor=None,
        code="resident.identified",
        resident_id=identity.resident_id,
        purpose="Inwoner logt in om een wijziging door te geven",
        after={"methode": identity.method},
    )


def identity_from_session(request) -> ResidentIdentity | None:
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    try:
        since = datetime.fromisoformat(data["at"])
    except (KeyError, TypeError, ValueError):
        return None
    if (timezone.now() - since).total_seconds() > SESSION_MINUTES * 60:
        request.session.pop(SESSION_KEY, None)
        return None
    return ResidentIdentity(
        resident_id=int(data["resident_id"]), method=str(data["method"]), name=str(data.get("name", ""))
    )


def identity_logout(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def _failure_key(request) -> str:
    client = request.META.get("REMOTE_ADDR", "")
    return "wijziging-login:" + salted_hmac(_FAILURE_SALT, client, algorithm="sha256").hexdigest()


def too_many_failures(request) -> bool:
    return cache.get(_failure_key(request), 0) >= FAILURE_LIMIT


def count_failure(request) -> None:
    """A failed login: counted under a keyed hash of the address (the address is never stored)."""
    key = _failure_key(request)
    if not cache.add(key, 1, FAILURE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, FAILURE_WINDOW)
    audit_record(
        actor=None, code="resident.identification_failed", purpose="Mislukte testlogin (wijziging doorgeven)"
    )
