"""The decision-contract request for a maatregel (``"kind": "maatregel"``) on a verzuim, and the engine's
catalogue of the obligations a maatregel can be imposed for.

A verzuim is a breach of an obligation of the Participatiewet other than the duty to inform (Pw 18(2)-(8):
work and re-integration). The request carries the obligation (the engine's code, the day of the breach and,
for an obligation of 18(2), the category of the municipality's afstemmingsverordening), the culpability, the
household (as ``engine_request.build_request`` gives it) and the resident's earlier maatregelen, so the
engine can see recidive (18(6)). Pure reads; ``decisions.maatregel`` sends the request to the engine through
``services._evaluate`` and stores it with the besluit.
"""

from dataclasses import dataclass
from datetime import date

from naleving import rules
from naleving.decisions import finality
from naleving.decisions.engine_request import age_band, profile_of
from naleving.decisions.models import Besluit, BesluitStatus, SanctionType
from naleving.residents.selectors import active_benefit

#: The obligation code of Pw 18(2): every obligation of the law that 18(4) does not name
PW_18_2 = "pw_18_2"
#: The categories of an afstemmingsverordening the engine knows (maatregel.verordening.category.N)
CATEGORIES = (1, 2, 3)


@dataclass(frozen=True)
class Obligation:
    """One obligation of the engine's catalogue: its code, article and Dutch label, and whether the law
    itself prescribes the reduction (18(4)-(5)) or the verordening does by category (18(2))."""

    code: str
    article: str
    label: str
    mandatory: bool
    confidence: str = "H"


def obligations() -> dict[str, Obligation]:
    """The engine's catalogue of obligations (code -> Obligation), in the engine's order."""
    return {
        code: Obligation(
            code=code,
            article=entry.article,
            label=entry.label_nl.rstrip("."),
            mandatory=entry.mandatory,
            confidence=entry.confidence,
        )
        for code, entry in rules.OBLIGATIONS.items()
    }


def obligation_choices() -> list[tuple[str, str]]:
    """The obligations as form choices: the label with its article."""
    return [
        (
            o.code,
            f"{o.label} ({o.article}{', tekst niet gecontroleerd' if o.confidence == 'UNCONFIRMED' else ''})",
        )
        for o in obligations().values()
    ]


def _obligation_of(besluit: Besluit) -> str:
    verzuim = getattr(besluit, "verzuim", None)
    if verzuim is not None:
        return verzuim.obligation
    return ((besluit.engine_request or {}).get("obligation") or {}).get("code") or PW_18_2


def history(*, resident, verzuim, decision_date: date) -> list[dict]:
    """The resident's earlier vastgestelde maatregelen, oldest first, dated as they were imposed (a decision
    on objection takes the date of the besluit it replaced); this verzuim's own besluit is left out."""
    earlier = (
        Besluit.objects.filter(
            resident=resident, status=BesluitStatus.VASTGESTELD, sanction_type=SanctionType.MAATREGEL
        )
        .exclude(verzuim=verzuim)
        .order_by("decision_date", "pk")
    )
    dated = sorted(
        ((finality.root_of(besluit).decision_date, besluit) for besluit in earlier),
        key=lambda pair: (pair[0], pair[1].pk),
    )
    return [
        {"type": "maatregel", "obligation": _obligation_of(besluit), "date": imposed.isoformat()}
        for imposed, besluit in dated
        if imposed <= decision_date
    ]


def build_maatregel_request(*, verzuim, decision_date: date, verwijtbaarheid: str) -> dict:
    """The maatregel request (decision-contract.md, section "De maatregel") for ``verzuim``."""
    resident = verzuim.resident
    benefit = active_benefit(resident, decision_date) or active_benefit(resident, verzuim.happened_on)
    return {
        "kind": "maatregel",
        "profile": profile_of(resident),
        "decision_date": decision_date.isoformat(),
        "regulation": benefit.regulation if benefit else "Pw",
        "obligation": {
            "code": verzuim.obligation,
            "breached_on": verzuim.happened_on.isoformat(),
            "category": verzuim.category,
        },
        "culpability": verwijtbaarheid,
        "history": history(resident=resident, verzuim=verzuim, decision_date=decision_date),
        "household": {
            "type": resident.household_type,
            "kostendelers": resident.kostendelers,
            "age_band": age_band(resident.birth_date, decision_date),
        },
        "judgements": {"urgent_reasons_maatregel": False},
    }
