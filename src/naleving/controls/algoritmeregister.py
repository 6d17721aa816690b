"""The algoritmeregister entry of a filter, to the national register's publication standard "1.0" (its
field model: controls/tests/data/algoritmeregister_v1_0.json, with its source).

The contact address is settings.NALEVING_ALGORITHM_CONTACT_EMAIL; while it is the example.nl placeholder,
``export`` refuses (the staff page and ``naleving algoritmeregister``). The public pages under /algoritmes/
are the entry's website (settings.NALEVING_PUBLIC_URL, or the address of the request).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from naleving.common.formatting import percent
from naleving.controls.algoritmeregister_nl import legal_basis_links, method_nl, source_data_nl
from naleving.controls.models import Filter, FilterStatus

STATUS_LABELS = {
    FilterStatus.IN_ONTWIKKELING: "In ontwikkeling",
    FilterStatus.IN_GEBRUIK: "In gebruik",
    FilterStatus.BUITEN_GEBRUIK: "Buiten gebruik",
}
#: the standard's maximum lengths of the texts we write (v1_0; the fixture holds them all)
LIMITS = {
    "name": 100,
    "description_short": 400,
    "goal": 2500,
    "proportionality": 2500,
    "human_intervention": 2500,
    "risks": 2500,
    "lawful_basis": 2500,
    "methods_and_models": 5000,
    "source_data": 2500,
    "impacttoetsen": 2500,
    "provider": 200,
}
STANDARD_VERSION = "1.0"
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


def published_filters() -> list[Filter]:
    """The filters residents see in the index at /algoritmes/: in use, or out of use after having been in use
    (the register keeps those with their end date)."""
    return [
        f
        for f in Filter.objects.filter(status__in=[FilterStatus.IN_GEBRUIK, FilterStatus.BUITEN_GEBRUIK])
        if f.status == FilterStatus.IN_GEBRUIK or usage_period(f)[0]
    ]


def public_runs(filter_: Filter):
    """The runs residents see: released runs (the production use) of a filter in or once in use; never the
    test runs of a filter in development, nor runs that were not released."""
    from naleving.controls.models import ControlRun

    if filter_.status == FilterStatus.IN_ONTWIKKELING:
        return ControlRun.objects.none()
    return filter_.runs.filter(status=ControlRun.Status.RELEASED).order_by("-reference_date", "-created_at")


def contact_email() -> str:
    return (getattr(settings, "NALEVING_ALGORITHM_CONTACT_EMAIL", "") or DEFAULT_CONTACT_EMAIL).strip()


def contact_is_placeholder(address: str | None = None) -> bool:
    """Whether the contact address is empty or still an example address (example.nl and its kin)."""
    domain = (address if address is not None else contact_email()).rpartition("@")[2].lower()
    return not domain or any(domain == d or domain.endswith("." + d) for d in PLACEHOLDER_DOMAINS)


PLACEHOLDER_DOMAINS = ("example.nl", "example.com", "example.org", "example.net")
CONTACT_ERROR = (
    "Het algoritmeregister kan nog niet worden gevuld: het contactadres is nog het voorbeeldadres {address}. "
    "Stel in NALEVING_ALGORITHM_CONTACT_EMAIL het algemene adres in waar inwoners vragen over algoritmes "
    "kunnen stellen (docs/configuration.md)."
)


def export_blocker() -> str:
    """Why no entry may be exported for the register yet; empty when it may."""
    address = contact_email()
    return CONTACT_ERROR.format(address=address or "(leeg)") if contact_is_placeholder(address) else ""


def export(filter_: Filter, *, base_url: str = "") -> dict[str, object]:
    """The entry as it is delivered to the register; refused while the contact address is a placeholder."""
    blocker = export_blocker()
    if blocker:
        raise ValidationError(blocker)
    return entry(filter_, base_url=base_url)


def usage_period(filter_: Filter) -> tuple[str | None, str | None]:
    """Begin and end month ("2026-01") of the filter's use, from its status history: begin is the last time
    it went 'in gebruik', end the last time it left use after that (only while it is 'buiten gebruik')."""
    begin = end = None
    for change in filter_.changes.order_by("at", "pk"):
        before, after = change.before.get("status"), change.after.get("status")
        if after == FilterStatus.IN_GEBRUIK and before != FilterStatus.IN_GEBRUIK:
            begin, end = change.at, None
        elif before == FilterStatus.IN_GEBRUIK and after != FilterStatus.IN_GEBRUIK:
            end = change.at
    if filter_.status == FilterStatus.IN_GEBRUIK:
        end = None
    elif filter_.status != FilterStatus.BUITEN_GEBRUIK:
        begin = end = None  # back in development: not in use, no period to publish

    def month(moment):
        return timezone.localtime(moment).strftime("%Y-%m") if moment else None

    return month(begin), month(end)


def public_url(filter_: Filter, base_url: str = "") -> str:
    """The filter's public page, absolute (settings.NALEVING_PUBLIC_URL first), or "" without a base."""
    base = (getattr(settings, "NALEVING_PUBLIC_URL", "") or base_url).rstrip("/")
    return f"{base}{reverse('algorithms:detail', args=[filter_.name])}" if base else ""


DPIA_TITLE = "Data Protection Impact Assessment (DPIA)"


def _impact_assessments() -> tuple[list[dict[str, str]], str]:
    url = getattr(settings, "NALEVING_ALGORITHM_DPIA_URL", "")
    if url:
        return [{"title": DPIA_TITLE, "link": url}], (
            "DPIA: de gemeente heeft voor de themacontroles een gegevensbeschermingseffectbeoordeling (AVG "
            "art. 35) gemaakt; de uitkomst staat achter de link."
        )
    return [], (
        "DPIA: de gemeente legt de gegevensbeschermingseffectbeoordeling (AVG art. 35) van de themacontroles "
        "buiten deze toepassing vast; zij is (nog) niet openbaar gepubliceerd. Vraag haar op via het "
        "contactadres van deze registratie."
    )


EFFECT_ON_RESIDENTS = (
    "Gevolg voor inwoners: wie door de controle wordt geselecteerd, wordt niet automatisch gecontroleerd of "
    "gekort. Een medewerker bekijkt het dossier en kan om uitleg of stukken vragen of een onderzoek starten. "
    "Alleen na onderzoek, en nadat de inwoner zijn kant van het verhaal heeft kunnen vertellen, kan de "
    "uitkering worden herzien, teruggevorderd of een boete volgen. Een kleine groep inwoners wordt door "
    "loting gekozen voor de controlegroep; hun dossier wordt op dezelfde manier bekeken. Wie niet wordt "
    "geselecteerd, merkt niets van de controle."
)
ALTERNATIVES = (
    "Overwogen alternatieven: alle dossiers op vaste momenten met de hand nakijken (zwaarder voor alle "
    "inwoners en niet uitvoerbaar); alleen afgaan op meldingen en op de signalen van het Inlichtingenbureau "
    "(mist situaties die pas blijken uit het naast elkaar leggen van deze bronnen); een zelflerend "
    "risicomodel (afgewezen: niet uit te leggen, en het kan ongemerkt selecteren op persoonskenmerken). "
    "Gekozen is een eenvoudige, uitlegbare regel per situatie, met een controlegroep die toetst of de regel "
    "beter werkt dan toeval."
)


def entry(filter_: Filter, *, base_url: str = "") -> dict[str, object]:
    """The register entry of ``filter_`` in the fields of publication standard 1.0 (not checked for the
    contact address: ``export`` does that)."""
    begin, end = usage_period(filter_)
    assessments, assessments_text = _impact_assessments()
    data: dict[str, object] = {
        "name": f"Themacontrole {filter_.title}",
        "description_short": (
            f"{filter_.purpose} De controle stelt alleen signalen voor; een medewerker beoordeelt elk signaal."
        ),
        "organization": settings.NALEVING_ORGANISATION,
        "status": STATUS_LABELS[filter_.status],
        "begin_date": begin,
        "end_date": end,
        "contact_email": contact_email(),
        "website": public_url(filter_, base_url) or None,
        "publication_category": "Impactvolle algoritmes",
        "lang": "nld",
        "category": ["Sociale zekerheid"],
        "goal": (
            "Rechtmatige verstrekking van bijstand (Participatiewet): tijdig vinden van situaties waarin de "
            f"uitkering mogelijk niet klopt. {_cut(filter_.purpose, 1200)} {EFFECT_ON_RESIDENTS}"
        ),
        "proportionality": (
            "De controle gebruikt alleen objectieve gegevens uit betrouwbare bronnen en alleen de kolommen die "
            "zij nodig heeft. Ruwe gegevens worden na de run verwijderd; alleen treffers, parameters, aantallen, "
            "vingerafdrukken van bestanden en het biasrapport worden bewaard. "
            f"{ALTERNATIVES} {effectiveness_text(filter_)}"
        ),
        "human_intervention": (
            "De controle neemt geen besluit. Elke treffer wordt een signaal dat een medewerker beoordeelt, met "
            "de gegevens die tot selectie leidden. Pas na onderzoek en hoor en wederhoor kan een besluit volgen."
        ),
        "risks": (
            "Vertekening naar leeftijd, geslacht, huishoudtype of wijk. Elke run krijgt een biascheck "
            "(selectieratio's, chi-kwadraattoets, Cramér's V); een gemarkeerde run, en een run waarvoor te "
            "weinig gegevens waren om de biascheck te doen, wordt pas vrijgegeven na een toelichting van de "
            "analist en goedkeuring door de functionaris gegevensbescherming. " + outcomes_text(filter_)
        ),
        "lawful_basis": filter_.legal_basis,
        "lawful_basis_grouping": legal_basis_links(filter_.legal_basis),
        "impacttoetsen_grouping": assessments,
        "impacttoetsen": assessments_text,
        "source_data": source_data_nl(filter_.name, filter_.data_used),
        "methods_and_models": (
            method_nl(filter_.name, filter_.purpose)
            + " Regelgebaseerde selectie, geen zelflerend model; gevoelige kenmerken worden nooit gebruikt om "
            "te selecteren, alleen om de selectie te toetsen."
        ),
        # The standard asks for the external supplier, or "Intern ontwikkeld"; we name the organisation that
        # runs the control (and answers for it), which the product cannot know better.
        "provider": settings.NALEVING_ORGANISATION,
        "standard_version": STANDARD_VERSION,
    }
    for key, limit in LIMITS.items():
        data[key] = _cut(str(data[key]), limit)
    return {key: value for key, value in data.items() if value is not None}
