"""The proxy check of a filter (issue #23): is an input the filter uses a stand-in for district, age band, sex
or household type? The arithmetic is `naleving.analytics.proxy`; this module stores the checks, the analyst's
justification and the FG's decision, and holds the release gate.

When a check is made:
- on every delivery, while its files are there (the run computes the reports from its own reading of the
  files, ``analytics.run_controls(with_proxy=True)``; ``processing`` calls ``proxy_checks_store`` in the
  transaction that stores the runs): a newly registered filter gets its first check with the first delivery
  it runs on, before any run of it can be released;
- when a filter's status changes (``filter_register.filter_update``) and on demand (the analyst's
  "Proxycontrole uitvoeren" on the filter page): from the tables of the filter's latest delivery, kept in the
  report as counts (the delivered files are deleted after the run).

A check whose input crosses the threshold (V > 0.3, p < 0.05) needs the analyst's written justification and
the FG's approval before a run of the filter is released. A new check takes over the justification (and the
FG's approval, if given) of the filter's latest justified check when it flags no other pair of input and
attribute, and no flagged V rose by more than ``CARRY_MARGIN``: new data with the same pattern was approved
already; a new pattern needs a new justification. Every write runs in one transaction with its audit event.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.analytics import proxy as analytics_proxy
from naleving.audit.services import audit_record
from naleving.controls.models import Delivery, Filter, ProxyCheck
from naleving.controls.permissions import APPROVE_FILTER, RUN, require
from naleving.controls.presentation.bias import ATTRIBUTE_NL
from naleving.controls.presentation.values import format_float, format_p_value

#: how far a flagged V may rise above the approved one and keep the approval
CARRY_MARGIN = 0.1


def proxy_checks_store(*, delivery: Delivery, reports: dict[str, dict]) -> list[ProxyCheck]:
    """A check per filter of the delivery (the caller holds the transaction of the runs)."""
    filters = {f.name: f for f in Filter.objects.filter(name__in=list(reports))}
    return [
        _check_create(
            actor=delivery.created_by,
            filter_=filters[name],
            delivery=delivery,
            report=report,
            reason=f"levering {delivery.pk}, peildatum {delivery.reference_date:%d-%m-%Y}",
        )
        for name, report in reports.items()
        if name in filters
    ]


@transaction.atomic
def proxy_check_run(*, actor, filter_: Filter, reason: str = "op verzoek van de analist") -> ProxyCheck:
    """The check again from the tables of the filter's latest delivery (analyst)."""
    require(actor, RUN)
    check = proxy_check_again(actor=actor, filter_=filter_, reason=reason)
    if check is None:
        raise ValidationError(
            f"Voor het filter '{filter_.title}' is nog geen levering verwerkt: de proxycontrole heeft gegevens "
            "nodig. Lever eerst gegevens aan; de controle draait dan vanzelf mee."
        )
    return check


def proxy_check_again(*, actor, filter_: Filter, reason: str) -> ProxyCheck | None:
    """A new check from the latest delivery's tables; None when no delivery was checked yet. For the
    register's changes (the caller holds the transaction and has checked the actor's permission)."""
    latest = ProxyCheck.objects.filter(filter=filter_, delivery__isnull=False).first()
    if latest is None:
        return None
    report = analytics_proxy.reassess(latest.report)
    return _check_create(actor=actor, filter_=filter_, delivery=latest.delivery, report=report, reason=reason)


def _check_create(*, actor, filter_: Filter, delivery, report: dict, reason: str) -> ProxyCheck:
    check = ProxyCheck(
        filter=filter_,
        delivery=delivery,
        reason=reason[:200],
        report=report,
        max_v=report.get("max_v"),
        needs_justification=bool(report.get("needs_justification")),
        created_by=actor,
    )
    carried = _carried_from(filter_, report) if check.needs_justification else None
    if carried is not None:
        check.justification, check.justified_by, check.justified_at = (
            carried.justification,
            carried.justified_by,
            carried.justified_at,
        )
        if carried.fg_approved_by_id:
            check.fg_approved_by, check.fg_approved_at = carried.fg_approved_by, carried.fg_approved_at
            check.fg_note = f"Overgenomen van proxycontrole {carried.pk}. {carried.fg_note}".strip()
        report["carried_from"] = carried.pk
    check.save()
    audit_record(
        actor=actor,
        code="control.proxy_checked",
        obj=filter_,
        after={
            "check": check.pk,
            "delivery": delivery.pk if delivery else None,
            "reason": check.reason,
            "max_v": check.max_v,
            "needs_justification": check.needs_justification,
            "flagged": [f"{f['input']}~{f['attribute']}" for f in report.get("flagged", [])],
            "carried_from": report.get("carried_from"),
        },
    )
    return check


def _pairs(report: dict) -> dict[tuple[str, str], float]:
    return {(f["input"], f["attribute"]): f["cramers_v"] for f in report.get("flagged", [])}


def _carried_from(filter_: Filter, report: dict) -> ProxyCheck | None:
    """The filter's latest justified check whose flagged pairs cover this report's (see the module)."""
    previous = filter_.proxy_checks.exclude(justification="").first()
    if previous is None:
        return None
    approved, now = _pairs(previous.report), _pairs(report)
    if all(pair in approved and v <= approved[pair] + CARRY_MARGIN for pair, v in now.items()):
        return previous
    return None


@transaction.atomic
def proxy_check_justify(*, actor, check: ProxyCheck, justification: str) -> ProxyCheck:
    """The analyst's written justification of the flagged inputs; it needs the FG's approval (again)."""
    require(actor, RUN)
    justification = justification.strip()
    if not justification:
        raise ValidationError(
            {"justification": "Schrijf waarom deze invoer gebruikt mag worden, ondanks de samenhang."}
        )
    check = ProxyCheck.objects.select_for_update().get(pk=check.pk)
    if not check.needs_justification:
        raise ValidationError(
            "Deze proxycontrole vond geen invoer boven de drempel; er valt niets te verantwoorden."
        )
    check.justification, check.justified_by, check.justified_at = justification, actor, timezone.now()
    check.fg_approved_by, check.fg_approved_at, check.fg_note = None, None, ""
    check.save(
        update_fields=[
            "justification",
            "justified_by",
            "justified_at",
            "fg_approved_by",
            "fg_approved_at",
            "fg_note",
        ]
    )
    audit_record(actor=actor, code="control.proxy_justified", obj=check.filter, after={"check": check.pk})
    return check


@transaction.atomic
def proxy_check_fg_decide(*, actor, check: ProxyCheck, approved: bool, note: str = "") -> ProxyCheck:
    """The FG approves the justification, or does not (then with a note saying why)."""
    require(actor, APPROVE_FILTER)
    check = ProxyCheck.objects.select_for_update().get(pk=check.pk)
    if not check.needs_justification:
        raise ValidationError(
            "Alleen een proxycontrole met invoer boven de drempel vraagt goedkeuring van de FG."
        )
    if not check.justification:
        raise ValidationError("De analist heeft nog geen verantwoording gegeven; beoordelen kan pas daarna.")
    note = note.strip()
    if not approved and not note:
        raise ValidationError({"note": "Schrijf waarom u de verantwoording niet goedkeurt."})
    check.fg_approved_by, check.fg_approved_at = (actor, timezone.now()) if approved else (None, None)
    check.fg_note = note
    check.save(update_fields=["fg_approved_by", "fg_approved_at", "fg_note"])
    audit_record(
        actor=actor,
        code="control.proxy_fg_approved" if approved else "control.proxy_fg_rejected",
        obj=check.filter,
        after={"check": check.pk, "note": note},
    )
    return check


def latest_check(filter_: Filter) -> ProxyCheck | None:
    return filter_.proxy_checks.select_related("delivery").first()


def flagged_text(check: ProxyCheck) -> str:
    """The flagged inputs in Dutch: "invoer 'x' hangt samen met wijk (Cramér's V = 0,95, p < 0,001)"."""
    parts = [
        f"invoer '{f['label_nl']}' hangt samen met {ATTRIBUTE_NL.get(f['attribute'], f['attribute']).lower()} "
        f"(Cramér's V = {format_float(f['cramers_v'], 2)}, {_p(f['p_value'])})"
        for f in check.report.get("flagged", [])
    ]
    return "; ".join(parts)


def _p(p_value: float) -> str:
    shown = format_p_value(p_value)
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"


def proxy_blocker(filter_: Filter) -> str:
    """Why the filter's runs may not be released because of its proxy check; empty when they may."""
    check = latest_check(filter_)
    if check is None or not check.needs_justification or check.fg_approved_by_id:
        return ""
    threshold = format_float(analytics_proxy.THRESHOLD, 1)
    found = (
        f"De proxycontrole van dit filter ({check.reason}) vond: {flagged_text(check)}; de drempel is "
        f"V = {threshold}. "
    )
    if not check.justification:
        todo = (
            "De treffers kunnen pas signalen worden als de analist op de pagina van de proxycontrole (via de "
            "filterpagina) heeft verantwoord waarom deze invoer gebruikt mag worden en de FG die verantwoording "
            "heeft goedgekeurd."
        )
    elif check.fg_note:
        todo = (
            f"De FG keurde de verantwoording niet goed ({check.fg_note}). Pas het filter aan of verantwoord "
            "de invoer opnieuw op de pagina van de proxycontrole; daarna beoordeelt de FG opnieuw."
        )
    else:
        todo = (
            "De analist heeft dit verantwoord; de treffers kunnen signalen worden zodra de FG dat goedkeurt."
        )
    return found + todo


def proxy_check_get(*, check_id: int) -> ProxyCheck:
    """One proxy check by id (the register is readable by every reader of it); DoesNotExist otherwise."""
    return ProxyCheck.objects.select_related(
        "filter", "delivery", "justified_by", "fg_approved_by", "created_by"
    ).get(pk=check_id)
