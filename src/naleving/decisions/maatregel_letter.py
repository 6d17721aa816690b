"""What a maatregel letter says beyond the common parts of the beschikking (``letters.letter_context``).

The obligation that was not met with its article (from the engine's stored response), the facts, the
resident's zienswijze (or why they were not heard, Awb 4:11/4:12) and how it was weighed, the reduction
(percentage of the norm, months, from which month, per month and in total), the legal basis: Pw 18(1)
(tailoring), 18(2) or 18(4)-(5) for the obligation, the municipality's afstemmingsverordening as the profile
parameter cites it, 18(3) reconsideration within at most three months, and Awb 4:8. Texts checked against
the Pw 18 text in ``rules/parameters/maatregel.yaml`` (18(1)-(5) read; paragraphs 6, 9 and 10 are marked M
or UNCONFIRMED there and are not cited here). Amounts come from the besluit, never recomputed.
"""

from __future__ import annotations

from naleving import rules
from naleving.common.formatting import long_date, month_year
from naleving.decisions.models import Besluit
from naleving.ruleset.selectors import registry_at

PW = "Participatiewet"


def _verordening_parameters(besluit: Besluit) -> list[str]:
    """The names of the verordening's figures this maatregel used (18(4): the months; 18(2): the
    category's percentage and months)."""
    obligation = (besluit.engine_request or {}).get("obligation") or {}
    proposal = (besluit.engine_response or {}).get("maatregel") or {}
    if ((besluit.engine_response or {}).get("obligation") or {}).get("mandatory"):
        which = "months_recidive" if proposal.get("recidive") else "months_first"
        return [f"maatregel.verordening.pw18_4.{which}"]
    category = obligation.get("category")
    return [f"maatregel.verordening.category.{category}.{part}" for part in ("percentage", "months")]


def verordening_citations(besluit: Besluit) -> list[str]:
    """The citations of the afstemmingsverordening's figures, as the approved profile version gives them
    (with the parameter set the besluit was decided with); empty when they cannot be read any more."""
    try:
        found = rules.parameters_in_force(
            besluit.profile, besluit.decision_date, registry_at(besluit.parameter_set_seq)
        )["parameters"]
    except rules.RulesError:
        return []
    citations = []
    for name in _verordening_parameters(besluit):
        citation = (found.get(name) or {}).get("citation")
        if citation and citation not in citations:
            citations.append(citation)
    return citations


def _legal_basis(besluit: Besluit, obligation: dict, reconsider: int | None) -> list[tuple[str, str]]:
    basis = [
        (
            f"art. 18 lid 1 {PW}",
            "de gemeente past de bijstand aan op uw omstandigheden, mogelijkheden en middelen",
        ),
        (
            obligation.get("article") or f"art. 18 {PW}",
            f"de verplichting: {obligation.get('label_nl', '').rstrip('.').lower()}",
        ),
    ]
    if obligation.get("mandatory"):
        basis.append(
            (
                f"art. 18 lid 4 en 5 {PW}",
                "komt u deze verplichting niet na, dan verlaagt de gemeente de bijstand met 100 procent, "
                "voor 1 tot 3 maanden; hoeveel maanden staat in de verordening",
            )
        )
    else:
        basis.append(
            (
                f"art. 18 lid 2 {PW}",
                "komt u een verplichting uit de wet niet na, dan verlaagt de gemeente de bijstand volgens "
                "de verordening",
            )
        )
    for citation in verordening_citations(besluit):
        basis.append((citation, "hierin staat hoeveel procent en hoeveel maanden de gemeente verlaagt"))
    if reconsider:
        basis.append(
            (
                f"art. 18 lid 3 {PW}",
                f"de gemeente bekijkt dit besluit binnen {reconsider} maanden opnieuw",
            )
        )
    basis.append(
        (
            "art. 4:8 Algemene wet bestuursrecht",
            "voordat de gemeente dit besluit neemt, mag u vertellen wat u ervan vindt",
        )
    )
    return basis


def maatregel_context(besluit: Besluit) -> dict:
    """The parts of the letter only a maatregel has; ``legal_basis`` replaces the fine path's."""
    response = besluit.engine_response or {}
    obligation = response.get("obligation") or {}
    proposal = response.get("maatregel") or {}
    reconsider = proposal.get("reconsider_within_months")
    verzuim = getattr(besluit, "verzuim", None)
    return {
        "maatregel": {
            "article": obligation.get("article", ""),
            "label": obligation.get("label_nl", "").rstrip("."),
            "happened_on": long_date(verzuim.happened_on) if verzuim else "",
            "facts": verzuim.facts if verzuim else "",
            "hearing_record": verzuim.hearing_record if verzuim else "",
            "hearing_on": long_date(verzuim.hearing_on) if verzuim and verzuim.hearing_on else "",
            "hearing_waived": verzuim.hearing_waived_reason if verzuim else "",
            "zienswijze_weighed": (besluit.weging or {}).get("zienswijze", ""),
            "percentage": f"{besluit.maatregel_percentage.normalize():f}".replace(".", ",")
            if besluit.maatregel_percentage is not None
            else "",
            "months": besluit.maatregel_months,
            "start": month_year(besluit.maatregel_start) if besluit.maatregel_start else "",
            "monthly": besluit.maatregel_monthly,
            "total": besluit.maatregel_total,
            "norm": proposal.get("norm"),
            "reconsider": reconsider,
        },
        "legal_basis": _legal_basis(besluit, obligation, reconsider),
        "joint_liability": [],
    }
