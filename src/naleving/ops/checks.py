"""What is still missing before this installation can serve production (``naleving check --deploy-ready``,
issue #25, docs/howto/upgrade.md). Each line names one thing, says ``OK`` or ``ontbreekt``, and when it is
missing says what to set. Nothing here shows personal data or a secret's value.

The configuration lines read the settings; the last lines are the readiness probe's own checks
(``health.readiness``: database, cache, migrations, worker, audit checkpoint, amounts), where a warning
counts as missing too (the amounts for the next 90 days).
"""

import socket
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks as django_checks
from django.db import connection

from naleving.audit.checkpoints import PUBLIC_KEY_FILE
from naleving.controls.algoritmeregister import contact_email, contact_is_placeholder
from naleving.gemeenten.models import Gemeente
from naleving.ops.health import OK, readiness

DEVELOPMENT_KEYS = {"test-secret-key-not-for-production", "development-audit-key-not-for-production"}
OBJECTION_FIELDS = ("objection_addressee", "objection_street", "objection_postcode", "objection_city")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "testserver"}


@dataclass(frozen=True)
class Line:
    name: str
    ok: bool
    detail: str
    to_set: str = ""

    def render(self) -> str:
        head = f"{'OK' if self.ok else 'ontbreekt':<10}{self.name}: {self.detail}"
        return head if self.ok or not self.to_set else f"{head}\n{'':<10}→ {self.to_set}"


def _secret_key() -> Line:
    key = settings.SECRET_KEY or ""
    if len(key) >= 50 and key not in DEVELOPMENT_KEYS and not key.startswith("django-insecure"):
        return Line("geheime sleutel", True, f"gezet ({len(key)} tekens)")
    return Line(
        "geheime sleutel",
        False,
        "niet gezet, te kort of een ontwikkelsleutel",
        "NALEVING_SECRET_KEY: minstens 50 willekeurige tekens (python -c 'import secrets; print(secrets.token_urlsafe(64))')",
    )


def _allowed_hosts() -> Line:
    hosts = [h for h in settings.ALLOWED_HOSTS if h]
    public = [h for h in hosts if h not in LOCAL_HOSTS]
    if public and "*" not in hosts:
        return Line("hostnamen", True, ", ".join(public))
    return Line(
        "hostnamen",
        False,
        "geen publieke hostnaam" if "*" not in hosts else "'*' laat elke hostnaam toe",
        "NALEVING_ALLOWED_HOSTS: de hostnaam of -namen waaronder de dienst bereikbaar is, met komma's",
    )


def _database() -> Line:
    if connection.vendor == "postgresql":
        return Line("database", True, f"PostgreSQL, database {settings.DATABASES['default']['NAME']}")
    return Line(
        "database",
        False,
        f"{connection.vendor}, niet PostgreSQL",
        "DATABASE_URL=postgres://gebruiker@server:5432/naam (docs/deployment.md, PostgreSQL)",
    )


def _audit_key() -> Line:
    key = str(getattr(settings, "NALEVING_AUDIT_KEY", "") or "")
    if len(key) >= 32 and key not in DEVELOPMENT_KEYS:
        return Line("auditsleutel", True, "gezet")
    return Line(
        "auditsleutel",
        False,
        "niet gezet, te kort of de ontwikkelsleutel",
        "NALEVING_AUDIT_KEY: 32 willekeurige bytes, vóór de eerste migratie (docs/howto/audit.md)",
    )


def _checkpoint_keys() -> Line:
    private = Path(settings.NALEVING_AUDIT_SIGNING_KEY)
    public = Path(settings.NALEVING_AUDIT_ANCHOR_DIR) / PUBLIC_KEY_FILE
    missing = [str(p) for p in (private, public) if not p.is_file()]
    if not missing:
        return Line("ondertekening controlepunten", True, f"sleutel en {public.parent} aanwezig")
    return Line(
        "ondertekening controlepunten",
        False,
        "niet gevonden: " + ", ".join(missing),
        "NALEVING_AUDIT_SIGNING_KEY en NALEVING_AUDIT_ANCHOR_DIR, dan `naleving audit keygen`",
    )


def _ops_token() -> Line:
    if len(settings.NALEVING_OPS_TOKEN or "") >= 32:
        return Line("token voor bewaking", True, "gezet")
    return Line(
        "token voor bewaking",
        False,
        "niet gezet of korter dan 32 tekens",
        "NALEVING_OPS_TOKEN: het token van de readiness-probe en de Prometheus-scraper",
    )


def _https() -> Line:
    wanted = {
        "SECURE_SSL_REDIRECT": bool(settings.SECURE_SSL_REDIRECT),
        "SESSION_COOKIE_SECURE": bool(settings.SESSION_COOKIE_SECURE),
        "CSRF_COOKIE_SECURE": bool(settings.CSRF_COOKIE_SECURE),
        "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS > 0,
        "SECURE_PROXY_SSL_HEADER": bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None)),
    }
    off = [name for name, on in wanted.items() if not on]
    if not off:
        return Line("HTTPS", True, "alleen HTTPS, veilige cookies, HSTS, TLS bij de reverse proxy")
    return Line(
        "HTTPS",
        False,
        "uit: " + ", ".join(off),
        "NALEVING_SECURE=true met DJANGO_SETTINGS_MODULE=naleving.settings.production",
    )


def _two_factor() -> Line:
    roles = list(settings.NALEVING_2FA_REQUIRED_ROLES)
    if roles:
        return Line("tweede factor", True, "alle medewerkers" if roles == ["*"] else ", ".join(roles))
    return Line(
        "tweede factor",
        False,
        "voor geen enkele rol verplicht",
        "NALEVING_2FA_REQUIRED_ROLES=* (of de rollen die een tweede factor moeten gebruiken)",
    )


def _email() -> Line:
    options = settings.MAILERS["default"].get("OPTIONS", {})
    host, port = options.get("host", "localhost"), int(options.get("port", 25))
    sender = settings.DEFAULT_FROM_EMAIL or ""
    if sender.endswith("@localhost"):
        return Line(
            "e-mail", False, f"afzender {sender}", "NALEVING_EMAIL_FROM: het afzenderadres van uitnodigingen"
        )
    try:
        with socket.create_connection((host, port), timeout=3):
            pass
    except OSError as exc:
        return Line(
            "e-mail",
            False,
            f"mailserver {host}:{port} niet bereikbaar ({type(exc).__name__})",
            "NALEVING_EMAIL_HOST en NALEVING_EMAIL_PORT: de mailrelay voor uitnodigingen",
        )
    return Line("e-mail", True, f"mailserver {host}:{port} bereikbaar, afzender {sender}")


def _objection_addresses() -> Line:
    try:
        gemeenten = list(Gemeente.objects.order_by("name"))
    except Exception as exc:
        return Line(
            "bezwaaradressen", False, f"gemeenten niet te lezen ({type(exc).__name__})", "naleving migrate"
        )
    if not gemeenten:
        return Line(
            "bezwaaradressen", False, "nog geen gemeente", "Beheer › Gemeenten: voeg de gemeenten toe"
        )
    missing = [g.name for g in gemeenten if not all(getattr(g, f).strip() for f in OBJECTION_FIELDS)]
    if not missing:
        return Line("bezwaaradressen", True, f"{len(gemeenten)} gemeente(n) met een volledig bezwaaradres")
    return Line(
        "bezwaaradressen",
        False,
        "onvolledig bij " + ", ".join(missing),
        "Beheer › Gemeenten: t.a.v., straat of postbus, postcode en plaats voor bezwaar",
    )


def _algorithm_contact() -> Line:
    """The algoritmeregister's contact address: the register export refuses an empty or example address."""
    address = contact_email()
    if not contact_is_placeholder(address):
        return Line("contactadres algoritmeregister", True, address)
    return Line(
        "contactadres algoritmeregister",
        False,
        f"nog het voorbeeldadres {address}" if address else "niet gezet",
        "NALEVING_ALGORITHM_CONTACT_EMAIL: het algemene adres waar inwoners vragen over algoritmes stellen "
        "(geen example.nl, example.com of example.org)",
    )


#: system checks that are a line of their own here (naleving.W001, W002: the amounts, see ``gereed: amounts``)
OWN_LINE = {"naleving.W001", "naleving.W002"}


def _django_deploy_checks() -> Line:
    found = [
        m
        for m in django_checks.run_checks(include_deployment_checks=True)
        if not m.is_silenced() and m.id not in OWN_LINE
    ]
    serious = [m for m in found if m.level >= django_checks.WARNING]
    if not serious:
        return Line("Django-controles", True, "`check --deploy` meldt niets")
    ids = ", ".join(sorted({m.id or "?" for m in serious}))
    return Line("Django-controles", False, f"{len(serious)} melding(en): {ids}", "naleving check --deploy")


#: what to do when a readiness check fails (docs/deployment.md names the units)
READINESS_FIX = {
    "database": "DATABASE_URL, en of PostgreSQL draait",
    "cache": "naleving migrate (maakt de cachetabel naleving_cache)",
    "migrations": "naleving migrate (na een back-up, docs/howto/upgrade.md)",
    "worker": "systemctl enable --now naleving-worker@1 (naleving db_worker)",
    "audit_checkpoint": "systemctl enable --now naleving-audit-checkpoint.timer (naleving audit checkpoint)",
    "amounts": "Beheer › Wettelijke bedragen: nieuwe bedragen voorstellen en laten goedkeuren",
}


def _handhaver_access() -> Line:
    """The day each case became final, kept for the handhavers' access (ADR 0030), agrees with the cases."""
    from django.db import DatabaseError

    from naleving.investigations.access import access_final_on_mismatches

    name = "einde toegang handhavers"
    try:
        wrong = access_final_on_mismatches()
    except DatabaseError as error:
        return Line(name, False, f"niet te controleren: {type(error).__name__}", "naleving migrate")
    if not wrong:
        return Line(name, True, "elk onderzoek bewaart de datum die zijn zaak geeft")
    return Line(
        name,
        False,
        f"{len(wrong)} onderzoek(en) bewaren een andere datum dan hun zaak geeft",
        "naleving handhaver-access --repair (herstelt de datums uit de zaken en legt dat vast in de auditlog)",
    )


def _readiness() -> list[Line]:
    return [
        Line(f"gereed: {check.name}", check.status == OK, check.detail, READINESS_FIX.get(check.name, ""))
        for check in readiness()
    ]


def deploy_ready() -> list[Line]:
    """Every line of the production checklist, configuration first, then the readiness checks."""
    return [
        _secret_key(),
        _allowed_hosts(),
        _database(),
        _audit_key(),
        _checkpoint_keys(),
        _ops_token(),
        _https(),
        _two_factor(),
        _email(),
        _objection_addresses(),
        _algorithm_contact(),
        _django_deploy_checks(),
        *_readiness(),
        _handhaver_access(),
    ]
