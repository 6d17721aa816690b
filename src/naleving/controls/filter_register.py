"""The filter register: one filter per analytics control, with its purpose and data in plain Dutch, its
owner and status, and the FG's assessments. Every write runs in one transaction with its audit event."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from naleving import analytics
from naleving.accounts.roles import ROLES
from naleving.audit.services import audit_record
from naleving.controls.models import Filter, FilterApproval, FilterChange, FilterStatus
from naleving.controls.permissions import APPROVE_FILTER, RUN, require
from naleving.controls.proxy import proxy_check_again

#: plain-Dutch purpose of each control, for the register and the public page
PURPOSE_NL = {
    "voertuigen": (
        "Vindt uitkeringsgerechtigden op wier naam in het afgelopen jaar meerdere voertuigen stonden (RDW). "
        "Veel kopen en verkopen kan wijzen op inkomsten of vermogen die gemeld moeten worden."
    ),
    "vermogen": (
        "Vindt huishoudens waarvan het banksaldo boven de vermogensgrens van de Participatiewet ligt."
    ),
    "adresbezetting": (
        "Vindt adressen die leeg staan of waarop meer mensen staan ingeschreven dan de woning redelijkerwijs "
        "kan huisvesten."
    ),
    "kostendelers": (
        "Vindt uitkeringen waarin met minder kostendelers is gerekend dan er volgens de BRP op het adres wonen."
    ),
    "brp_adres": (
        "Vindt uitkeringsgerechtigden die niet (meer) in de BRP staan ingeschreven op het adres dat de "
        "gemeente voor de uitkering gebruikt."
    ),
}

DATA_NAMES_NL = {
    "clients": "uitkeringsadministratie",
    "brp": "BRP-inschrijvingen (met DUO-studiefinanciering)",
    "addresses": "adressen (BAG)",
    "vehicles": "voertuigregistraties (RDW)",
    "balances": "banksaldi (Belastingdienst / bank)",
}


def filters_sync() -> list[Filter]:
    """Make sure every analytics control has its filter in the register (idempotent; keeps edits)."""
    filters = []
    for name, info in analytics.CONTROLS.items():
        filter_, _ = Filter.objects.get_or_create(
            name=name,
            defaults={
                "title": (info.title_nl or name)[:100],
                "purpose": PURPOSE_NL.get(name, info.description),
                "legal_basis": "; ".join(info.legal_basis),
                "data_used": "; ".join(
                    f"{DATA_NAMES_NL.get(file, file)}: {', '.join(columns)}"
                    for file, columns in info.data_used.items()
                ),
            },
        )
        filters.append(filter_)
    return filters


@transaction.atomic
def filter_approve(*, actor, filter_: Filter, decision: str, note: str = "") -> FilterApproval:
    require(actor, APPROVE_FILTER)
    if decision not in FilterApproval.Decision.values:
        raise ValidationError({"decision": "Kies goedkeuren of afwijzen."})
    approval = FilterApproval.objects.create(filter=filter_, approved_by=actor, decision=decision, note=note)
    audit_record(actor=actor, code="filter.approved", obj=filter_, after={"decision": decision})
    return approval


#: roles (accounts.roles keys) whose members can own a filter: who answers for it in the algoritmeregister
OWNER_ROLES = ("data_analist", "teamleider")


def owner_candidates():
    """Active users who may own a filter (``OWNER_ROLES``), by name."""
    groups = [role.name for role in ROLES if role.key in OWNER_ROLES]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=groups)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@transaction.atomic
def filter_update(*, actor, filter_: Filter, owner, status: str, note: str = "") -> Filter:
    """Change a filter's owner or status, kept in its history. A filter goes 'in gebruik' only when the FG's
    latest assessment approved it; out of use, it can no longer run."""
    require(actor, RUN)
    filter_ = Filter.objects.select_for_update().get(pk=filter_.pk)
    if status not in FilterStatus.values:
        raise ValidationError({"status": "Kies een geldige status."})
    if owner is not None and not owner_candidates().filter(pk=owner.pk).exists():
        raise ValidationError({"owner": "Kies als eigenaar een actieve data-analist of teamleider."})
    latest = filter_.approvals.order_by("-at", "-pk").first()
    if (
        status == FilterStatus.IN_GEBRUIK
        and filter_.status != FilterStatus.IN_GEBRUIK
        and not (latest and latest.decision == FilterApproval.Decision.APPROVED)
    ):
        raise ValidationError(
            {
                "status": "Een filter gaat pas in gebruik als de FG het bij de laatste beoordeling heeft goedgekeurd."
            }
        )
    before = {"owner": filter_.owner_id, "status": filter_.status}
    after = {"owner": owner.pk if owner else None, "status": status}
    if before == after:
        raise ValidationError("Er is niets gewijzigd.")
    filter_.owner, filter_.status = owner, status
    filter_.save(update_fields=["owner", "status"])
    FilterChange.objects.create(
        filter=filter_, changed_by=actor, before=before, after=after, note=note.strip()
    )
    audit_record(actor=actor, code="filter.changed", obj=filter_, before=before, after=after)
    if before["status"] != status:
        # A changed filter gets its proxy check again, on its latest delivery (controls.proxy).
        proxy_check_again(
            actor=actor,
            filter_=filter_,
            reason=f"status gewijzigd naar '{FilterStatus(status).label}'",
        )
    return filter_
