"""Writes for municipalities and for which of them a staff member works for. Each runs in one transaction
with its audit event (Beheer › Gemeenten, Beheer › Gebruikers)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from naleving.audit.services import audit_record
from naleving.gemeenten.models import Gemeente

MANAGE = "gemeenten.manage_gemeente"
MANAGE_USERS = "accounts.manage_users"

#: the fields the beheer page edits (the logo separately: a file, not a value in the audit log)
FIELDS = (
    "code",
    "name",
    "bestuursorgaan",
    "objection_addressee",
    "objection_street",
    "objection_postcode",
    "objection_city",
    "phone",
    "email",
    "website",
    "visiting_address",
    "payment_iban",
    "payment_account_name",
    "policy_profile",
)


def _require(actor, permission: str) -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied


def _values(gemeente: Gemeente) -> dict[str, str]:
    return {name: getattr(gemeente, name) for name in FIELDS}


@transaction.atomic
def gemeente_save(*, actor, gemeente: Gemeente, logo=None) -> Gemeente:
    """Store a new or changed municipality (validated by its form), with a new ``logo`` upload if given.
    The audit event holds the changed values and whether the logo changed."""
    _require(actor, MANAGE)
    created = gemeente.pk is None
    before = {} if created else _values(Gemeente.objects.get(pk=gemeente.pk))
    if logo is not None:
        gemeente.logo = logo
    gemeente.full_clean()
    gemeente.save()
    after = _values(gemeente)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    audit_record(
        actor=actor,
        code="gemeente.created" if created else "gemeente.changed",
        obj=gemeente,
        before={k: before[k] for k in changed if k in before},
        after={**changed, **({"logo": gemeente.logo.name} if logo is not None else {})},
    )
    return gemeente


@transaction.atomic
def user_gemeenten_set(*, actor, user, gemeenten, all_gemeenten: bool) -> bool:
    """Set the municipalities ``user`` works for: all (also ones added later) or the given ones. Returns
    whether anything changed; a change is audited with the codes before and after."""
    _require(actor, MANAGE_USERS)
    chosen = sorted({g.pk: g for g in gemeenten}.values(), key=lambda g: g.code)
    before = {"alle": user.all_gemeenten, "gemeenten": sorted(user.gemeenten.values_list("code", flat=True))}
    after = {"alle": bool(all_gemeenten), "gemeenten": [] if all_gemeenten else [g.code for g in chosen]}
    if before == after:
        return False
    user.all_gemeenten = bool(all_gemeenten)
    user.save(update_fields=["all_gemeenten"])
    user.gemeenten.set([] if all_gemeenten else chosen)
    audit_record(actor=actor, code="user.gemeenten_changed", obj=user, before=before, after=after)
    return True
