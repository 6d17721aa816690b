"""The algoritmeregister entry of a filter (publication standard 1.0.0, legal-rules.md §10).

The contact address is settings.NALEVING_ALGORITHM_CONTACT_EMAIL; when it is not set, the placeholder
"algoritmeregister@example.nl" is used, which a municipality must replace before publishing.
"""

from django.conf import settings

from naleving.common.formatting import percent
from naleving.controls.models import Filter, FilterStatus

STATUS_LABELS = {
    FilterStatus.IN_ONTWIKKELING: "In ontwikkeling",
    FilterStatus.IN_GEBRUIK: "In gebruik",
    FilterStatus.BUITEN_GEBRUIK: "Buiten gebruik",
}
LIMITS = {
    "name": 100,
    "description_short": 350,
    "goal": 2500,
    "proportionality": 2500,
    "human_intervention": 2500,
    "risks": 2500,
    "lawful_basis": 2500,
    "methods_and_models": 5000,
}
DEFAULT_CONTACT_EMAIL = "algoritmeregister@example.nl"


def _number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


CONCLUSIONS = {
    "hoger": "Het filter vindt daarmee aantoonbaar meer dan toeval.",
    "onzeker": "Het is nog niet aangetoond dat het filter meer vindt dan toeval.",
    "lager": "Het filter vindt aantoonbaar minder dan toeval; het gebruik wordt heroverwogen.",
}


def effectiveness_text(filter_: Filter) -> str:
    """The control-group comparison over all runs of the filter, as a sentence for the register entry
    (hit rates only from ``PUBLIC_MIN_CLOSED`` closed investigations per group, as on the public page)."""
    from naleving.controls.selectors import PUBLIC_MIN_CLOSED, runs_effectiveness, total_effectiveness

    total = total_effectiveness(runs_effectiveness(list(filter_.runs.all())).values())
    selected, control = total.selected, total.control
    text = "De effectiviteit wordt getoetst met een aselecte controlegroep die op dezelfde manier wordt beoordeeld."
    if not total.public:
        return f"{text} Er zijn nog te weinig afgeronde onderzoeken (minder dan {PUBLIC_MIN_CLOSED} per groep) om de uitkomst te tonen."
    text += (
        f" Tot nu toe stelde na selectie {percent(selected.hit_rate)} van de afgeronde onderzoeken een schending vast"
        f" ({selected.breaches} van {selected.closed}), in de controlegroep {percent(control.hit_rate)}"
        f" ({control.breaches} van {control.closed})."
    )
    if total.lift is not None:
        text += f" Lift {_number(total.lift)}"
        if total.lift_interval is not None:
            low, high = total.lift_interval
            text += f" (95%-betrouwbaarheidsinterval {_number(low)}–{_number(high)})"
        text += "."
    if total.lift_conclusion is not None:
        text += " " + CONCLUSIONS[total.lift_conclusion]
    return text


def outcomes_text(filter_: Filter) -> str:
    """The outcome fairness over all released runs of the filter, as sentences for the register entry: per
    attribute the verdict, and for a flagged one the groups compared (only groups with at least
    ``PUBLIC_MIN_CLOSED`` closed investigations are named, as on the public page)."""
    from naleving.controls.outcomes import outcome_report_for
    from naleving.controls.presentation.bias import ATTRIBUTE_NL, group_nl
    from naleving.controls.presentation.outcomes import VERDICT_NL
    from naleving.controls.selectors import PUBLIC_MIN_CLOSED

    report = outcome_report_for(filter_=filter_)
    text = (
        "Na vrijgave wordt per groep gevolgd hoe vaak het onderzoek na selectie géén schending vond (voor niets "
        "onderzocht) en hoe vaak een sanctie volgde, met een schatting van onterecht en terecht geselecteerden "
        "uit de controlegroep; een verhouding buiten 0,8-1,25 met p < 0,05 gaat naar de FG."
    )
    if not report["outcomes"]:
        return f"{text} Er zijn nog geen afgeronde onderzoeken na selectie."
    parts = []
    for attribute, section in report["attributes"].items():
        if section.get("unavailable"):
            continue
        label = ATTRIBUTE_NL.get(attribute, attribute).lower()
        sentence = f"{label}: {VERDICT_NL.get(section['verdict'], section['verdict']).lower()}"
        if section["verdict"] == "flag":
            shown = [
                f"{group_nl(attribute, name)} {percent(g['fdr'])}"
                for name, g in section["groups"].items()
                if g["n_outcome"] >= PUBLIC_MIN_CLOSED and g["fdr"] is not None
            ]
            if shown:
                sentence += f" (voor niets onderzocht: {', '.join(shown)})"
        parts.append(sentence)
    return f"{text} Tot nu toe ({report['outcomes']} afgeronde onderzoeken): {'; '.join(parts)}."


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entry(filter_: Filter) -> dict[str, object]:
    from naleving import analytics

    info = analytics.CONTROLS.get(filter_.name)
    data = {
        "name": f"Themacontrole {filter_.title}",
        "description_short": (
            f"{filter_.purpose} De controle stelt alleen signalen voor; een medewerker beoordeelt elk signaal."
        ),
        "organization": settings.NALEVING_ORGANISATION,
        "status": STATUS_LABELS[filter_.status],
        "contact_email": getattr(settings, "NALEVING_ALGORITHM_CONTACT_EMAIL", "") or DEFAULT_CONTACT_EMAIL,
        "publication_category": "Impactvolle algoritmes",
        "lang": "nld",
        "category": ["Sociale zekerheid"],
        "goal": (
            "Rechtmatige verstrekking van bijstand (Participatiewet): tijdig vinden van situaties waarin de "
            f"uitkering mogelijk niet klopt. {filter_.purpose}"
        ),
        "proportionality": (
            "De controle gebruikt alleen objectieve gegevens uit betrouwbare bronnen en alleen de kolommen die "
            "zij nodig heeft. Ruwe gegevens worden na de run verwijderd; alleen treffers, parameters, aantallen, "
            "vingerafdrukken van bestanden en het biasrapport worden bewaard. " + effectiveness_text(filter_)
        ),
        "human_intervention": (
            "De controle neemt geen besluit. Elke treffer wordt een signaal dat een medewerker beoordeelt, met "
            "de gegevens die tot selectie leidden. Pas na onderzoek en hoor en wederhoor kan een besluit volgen."
        ),
        "risks": (
            "Vertekening naar leeftijd, geslacht, huishoudtype of wijk. Elke run krijgt een biascheck "
            "(selectieratio's, chi-kwadraattoets, Cramér's V); een gemarkeerde run wordt pas vrijgegeven na "
            "een toelichting van de analist en goedkeuring door de functionaris gegevensbescherming. "
            + outcomes_text(filter_)
        ),
        "lawful_basis": filter_.legal_basis,
        "source_data": filter_.data_used,
        "methods_and_models": (
            (info.description if info else filter_.purpose)
            + " Regelgebaseerde selectie, geen zelflerend model; gevoelige kenmerken worden nooit gebruikt om "
            "te selecteren, alleen om de selectie te toetsen."
        ),
        "standard_version": "1.0.0",
    }
    for key, limit in LIMITS.items():
        data[key] = _cut(str(data[key]), limit)
    return data
