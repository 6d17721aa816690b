"""Rules 1-3 of the contract: exempt facts, the benadelingsbedrag, correction and recovery."""

from __future__ import annotations

from decimal import Decimal

from naleving.rules.context import Context, euro, money_json, step
from naleving.rules.model import Correction, Json, MonthlyAmount, Recovery, TraceStep
from naleving.rules.money import ZERO, cents


def exempt_fact(ctx: Context) -> tuple[bool, TraceStep]:
    """Rule 1: a fact the municipality can take from a listed register is not covered by the duty to inform."""
    source = ctx.request.violation.source_known
    listed = ctx.params.words("exempt_sources")
    exempt = source is not None and source in listed
    if exempt:
        text = (
            f"De gemeente kon dit gegeven zelf vinden in een register ({source}). "
            "Daarom hoefde u het niet zelf door te geven. U krijgt hiervoor geen straf."
        )
    else:
        text = (
            "U moest dit gegeven zelf doorgeven. De gemeente kon het niet uit een aangewezen register halen."
        )
    inputs: dict[str, Json] = {
        "source_known": source,
        "regulation": ctx.request.regulation,
        "parameters": ctx.used("exempt_sources"),
    }
    return exempt, step("vrijgesteld_feit", ctx.cite("art. 17 lid 1 Pw; art. 53a Pw"), inputs, exempt, text)


def monthly_total(monthly: tuple[MonthlyAmount, ...]) -> Decimal:
    """Σ max(paid - entitled, 0) over the months, rounded to cents."""
    return cents(sum((max(m.paid - m.entitled, ZERO) for m in monthly), ZERO))


#: What the benadelingsbedrag is an amount of: net assistance for the Pw (18a(2)), the gross benefit for IOAW
#: and IOAZ (their art. 20a(2)).
_BENEFIT_NL = {"Pw": "bijstand", "Bbz": "bijstand", "IOAW": "bruto-uitkering", "IOAZ": "bruto-uitkering"}


def benadelingsbedrag(ctx: Context) -> tuple[Decimal, TraceStep]:
    """Rule 2: the amount received wrongly or too high, given or computed from the monthly list."""
    request = ctx.request
    if request.monthly:
        amount = monthly_total(request.monthly)
        inputs: dict[str, Json] = {"monthly": len(request.monthly), "source": "monthly"}
        text = (
            f"Per maand is gekeken wat u kreeg en waar u recht op had. U kreeg samen {euro(amount)} te veel."
        )
    else:
        amount = cents(request.benadelingsbedrag or ZERO)
        inputs = {"source": "request"}
        text = f"U heeft {euro(amount)} {_BENEFIT_NL[request.regulation]} te veel of ten onrechte gekregen."
    if amount == ZERO:
        text = "U heeft door het niet melden geen bijstand te veel gekregen. Het blijft wel een overtreding."
    return amount, step("benadelingsbedrag", ctx.cite("art. 18a lid 2 Pw"), inputs, money_json(amount), text)


def _recovered(ctx: Context, amount: Decimal) -> Decimal:
    judgements = ctx.request.judgements
    if judgements.urgent_reasons_recovery == "full":
        return ZERO
    if judgements.urgent_reasons_recovery == "partial":
        # validate_request guarantees an amount between zero and the benadelingsbedrag
        return cents(judgements.recovery_amount or ZERO)
    return amount


def _recovery_text(amount: Decimal, recovered: Decimal) -> str:
    if recovered == amount:
        return (
            f"De gemeente vordert {euro(amount)} terug. Dat is verplicht. "
            "Het bedrag wordt verrekend met uw uitkering."
        )
    if recovered == ZERO:
        return f"Er zijn dringende redenen. Daarom vordert de gemeente de {euro(amount)} niet terug."
    return (
        f"Er zijn dringende redenen om minder terug te vorderen. U betaalt {euro(recovered)} terug. "
        f"Voor {euro(amount - recovered)} ziet de gemeente af van terugvordering."
    )


def correction_and_recovery(
    ctx: Context, exempt: bool, amount: Decimal
) -> tuple[Correction, Recovery, TraceStep]:
    """Rule 3: restore the lawful situation; recovery is mandatory (58(1)), set-off too (60(4))."""
    citation = ctx.cite("art. 54 lid 3 Pw; art. 58 lid 1 en 8 Pw; art. 60 lid 4 Pw")
    none = Recovery(required=False, amount=ZERO, refrained_amount=ZERO, setoff_mandatory=False)
    if amount == ZERO:
        text = "Er is niets te veel betaald. Er hoeft niets te worden hersteld of terugbetaald."
        return (
            Correction("none", ZERO),
            none,
            step("terugvordering", citation, {"exempt": exempt}, "none", text),
        )
    if exempt:
        text = (
            f"Het te veel betaalde bedrag van {euro(amount)} wordt verrekend met uw volgende uitkering. "
            "Er komt geen besluit tot terugvordering."
        )
        return (
            Correction("verrekening", amount),
            none,
            step("terugvordering", citation, {"exempt": True}, "verrekening", text),
        )
    recovered = _recovered(ctx, amount)
    recovery = Recovery(
        required=recovered > ZERO,
        amount=recovered,
        refrained_amount=amount - recovered,
        setoff_mandatory=recovered > ZERO,
    )
    inputs: dict[str, Json] = {
        "benadelingsbedrag": money_json(amount),
        "urgent_reasons_recovery": ctx.request.judgements.urgent_reasons_recovery,
    }
    outcome: Json = {"recovery": money_json(recovered), "refrained": money_json(amount - recovered)}
    text = "Uw recht op bijstand wordt herzien. " + _recovery_text(amount, recovered)
    return Correction("herziening", amount), recovery, step("terugvordering", citation, inputs, outcome, text)
