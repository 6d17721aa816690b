"""Helpers of the maatregel tests: the afstemmingsverordening's figures as an approved profile version (the
shipped profiles have none, so without this every proposal is refused), a verzuim of Jansen, heard, and the
arguments of ``maatregel_record`` that follow the proposal."""

from datetime import date
from decimal import Decimal

import yaml

#: The figures of a test afstemmingsverordening, within the law (18(5): 1 to 3 months at 100 %)
FIGURES = {
    "maatregel.verordening.pw18_4.months_first": 1,
    "maatregel.verordening.pw18_4.months_recidive": 2,
    "maatregel.verordening.category.1.percentage": 5,
    "maatregel.verordening.category.1.months": 1,
    "maatregel.verordening.category.2.percentage": 10,
    "maatregel.verordening.category.2.months": 1,
    "maatregel.verordening.category.3.percentage": 20,
    "maatregel.verordening.category.3.months": 2,
}
SEED = "Afstemmingsverordening Participatiewet Testgemeente 2026"
#: the day of the breach, the invitation and the hearing, and the decision (all before today, 2026-12-03)
HAPPENED = date(2026, 10, 5)
INVITED, HEARD = date(2026, 10, 12), date(2026, 10, 19)
DECIDED = date(2026, 11, 20)

WEGING = {
    "ernst_gedraging": "De inwoner weigerde op 5 oktober een passende baan als magazijnmedewerker.",
    "verwijtbaarheid_maatregel": "De inwoner wist van de plicht; er was geen ziekte of overmacht.",
    "omstandigheden_middelen": "Alleenstaand, geen kinderen; de huur wordt via de huurtoeslag betaald.",
    "dringende_redenen_maatregel": "Nee: de inwoner raakt de woning niet kwijt door één maand verlaging.",
    "zienswijze": "U zei dat de reistijd te lang was. De reistijd was 40 minuten; dat is redelijk.",
}
TOETS = {
    "onevenredig": "De inwoner zorgt voor een zieke moeder.",
    "effect": "Met een volle verlaging kan de huur niet worden betaald.",
    "schulden_zorg": "Er zijn huurschulden; aangemeld bij schuldhulp.",
}


def profile_with_figures(base_text: str, figures: dict, *, seed: str = SEED, note: str = "") -> str:
    """``base_text`` (a profile file) with ``figures`` added as overrides, each citing an article of the
    verordening named ``seed``."""
    data = yaml.safe_load(base_text)
    overrides = dict(data.get("overrides") or {})
    for index, (name, value) in enumerate(figures.items(), start=1):
        override = {"value": value, "seed": seed, "section": f"artikel {index}", "confidence": "H"}
        if note:
            override["note"] = note
        overrides[name] = override
    data["overrides"] = overrides
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def current_profile_text(name: str) -> str:
    """The profile's text in force: the latest approved version, else the shipped file."""
    from naleving.rules.registry import PROFILE_DIR
    from naleving.ruleset.models import ParameterSet, SetKind, SetStatus

    approved = (
        ParameterSet.objects.filter(kind=SetKind.PROFILE, profile_name=name, status=SetStatus.APPROVED)
        .order_by("-seq")
        .first()
    )
    return approved.text if approved else (PROFILE_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def verordening_approve(*, proposer, approver, profile: str = "landelijk", figures: dict = FIGURES):
    """Propose (``proposer``, e.g. the beheerder) and approve (another person: four eyes) a version of
    ``profile`` that adds the verordening's figures; returns the approved ParameterSet."""
    from naleving.ruleset.services import parameterset_approve, parameterset_propose

    proposed = parameterset_propose(
        actor=proposer,
        text=profile_with_figures(current_profile_text(profile), figures),
        source_url="https://lokaleregelgeving.overheid.nl/",
        title=f"Beleidsprofiel {profile}: cijfers van de afstemmingsverordening (test)",
    )
    return parameterset_approve(actor=approver, parameter_set=proposed)


def verzuim_make(world, *, obligation: str = "pw_18_4_a", category=None, heard: bool = True, resident=None):
    """A verzuim of Jansen (or ``resident``), reported and (unless told otherwise) heard, by the consulent."""
    from naleving.decisions import maatregel

    actor = world["consulent"]
    verzuim = maatregel.verzuim_register(
        actor=actor,
        resident=resident or world["jansen"],
        obligation=obligation,
        category=category,
        happened_on=HAPPENED,
        facts="De inwoner weigerde een aangeboden baan als magazijnmedewerker bij Bakker Logistiek.",
    )
    if heard:
        verzuim = maatregel.verzuim_hearing(
            actor=actor,
            verzuim=verzuim,
            invited_on=INVITED,
            heard_on=HEARD,
            record="De reistijd van 40 minuten vond ik te lang.",
        )
    return verzuim


def record_arguments(proposal: dict, **overrides) -> dict:
    """The arguments of ``maatregel_record`` that follow ``proposal``, with the weighing answered."""
    chosen = proposal["response"]["maatregel"]
    return {
        "decision_date": DECIDED,
        "verwijtbaarheid": "normaal",
        "verwijtbaarheid_motivation": "De plicht was uitgelegd in het plan van aanpak.",
        "start_month": date(2026, 12, 1),
        "percentage": Decimal(chosen["percentage"] or "100"),
        "months": int(chosen["months"] or 1),
        "weging": dict(WEGING),
        **overrides,
    }
