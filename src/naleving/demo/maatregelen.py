"""A few maatregelen in the demo (issue #19), made through the real services.

The shipped profiles have no figures of an afstemmingsverordening, so first every profile the demo
municipalities use gets a version with demo figures: proposed by the demo beheerder and approved by a
teamleider (four eyes), through ``ruleset.services`` as under Beheer › Wettelijke bedragen. The figures are
DEMO FIGURES, labelled so in the verordening's name and the note: 18(4) one month, one more on recidive (two
months); categories 1 to 3 of 18(2): 5 % for 1 month, 10 % for 1 month, 20 % for 2 months. They lie within the
law (18(5): 100 % for 1 to 3 months) and are no municipality's real policy.

Then a handful of residents on a Pw benefit without earlier besluiten get a verzuim from their consulent:
two heard and decided (a job refused, Pw 18(4) onder a; a re-integration appointment missed, 18(2) category 2)
with the maatregel letter sent; one closed without a maatregel (no culpability: ill); one reported and not yet
heard (on the consulent's list of open verzuimen). Cheap: four verzuimen whatever the size of the demo.

``maatregelen_load(reference_date)`` returns the number of verzuimen it made; ``demo.load`` calls it after
the objections. Run again on the same database it adds nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

import yaml
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from naleving.accounts.models import User
from naleving.decisions import dispatch, maatregel, services
from naleving.decisions.models import Besluit, BesluitStatus, Verzuim
from naleving.gemeenten.models import Gemeente
from naleving.residents.models import Benefit, Resident
from naleving.rules import parameters_in_force
from naleving.rules.registry import PROFILE_DIR
from naleving.ruleset.models import ParameterSet, SetKind, SetStatus
from naleving.ruleset.selectors import source
from naleving.ruleset.services import parameterset_approve, parameterset_propose

#: the demo afstemmingsverordening (DEMO FIGURES, within Pw 18(5))
DEMO_FIGURES = {
    "maatregel.verordening.pw18_4.months_first": 1,
    "maatregel.verordening.pw18_4.months_recidive": 2,
    "maatregel.verordening.category.1.percentage": 5,
    "maatregel.verordening.category.1.months": 1,
    "maatregel.verordening.category.2.percentage": 10,
    "maatregel.verordening.category.2.months": 1,
    "maatregel.verordening.category.3.percentage": 20,
    "maatregel.verordening.category.3.months": 2,
}
#: the article of the demo verordening each figure is in
ARTICLES = {
    "maatregel.verordening.pw18_4.months_first": "artikel 9 lid 1",
    "maatregel.verordening.pw18_4.months_recidive": "artikel 9 lid 2",
    "maatregel.verordening.category.1.percentage": "artikel 8 lid 1 onder a",
    "maatregel.verordening.category.1.months": "artikel 8 lid 1 onder a",
    "maatregel.verordening.category.2.percentage": "artikel 8 lid 1 onder b",
    "maatregel.verordening.category.2.months": "artikel 8 lid 1 onder b",
    "maatregel.verordening.category.3.percentage": "artikel 8 lid 1 onder c",
    "maatregel.verordening.category.3.months": "artikel 8 lid 1 onder c",
}
NOTE = "Demo-cijfers voor de demonstratie van Naleving, niet het beleid van een echte gemeente."
SOURCE = "https://lokaleregelgeving.overheid.nl/"

JOB = "De inwoner weigerde op {day} een passende baan als medewerker in een magazijn, aangeboden via het werkgeversservicepunt."
APPOINTMENT = "De inwoner kwam op {day} zonder bericht niet naar de afspraak van het re-integratietraject."
ILL = "De inwoner kwam op {day} niet naar het sollicitatiegesprek dat de gemeente had geregeld."
VIEWS = {
    "job": "De reistijd van bijna een uur vond ik te lang, en ik dacht dat ik nog kon kiezen.",
    "appointment": "Ik was de afspraak vergeten. Het spijt me; ik kom de volgende keer wel.",
    "ill": "Ik lag die week met koorts in bed; de huisarts kan dat bevestigen.",
}
WEGING = {
    "verwijtbaarheid_maatregel": "De plicht stond in het plan van aanpak; er was geen ziekte of overmacht.",
    "omstandigheden_middelen": "Er zijn geen kinderen of schulden bekend die de verlaging onevenredig maken.",
    "dringende_redenen_maatregel": "Nee: de huur en de vaste lasten komen niet in gevaar.",
}
WEGING_BY_STORY = {
    "job": {
        "ernst_gedraging": "Een passend aanbod werd geweigerd; daardoor duurt de bijstand langer.",
        "zienswijze": "De inwoner vond de reistijd te lang. Een reistijd tot drie uur per dag is passend "
        "(art. 18 lid 4 onder d Pw).",
    },
    "appointment": {
        "ernst_gedraging": "Eén gemiste afspraak van het traject, zonder bericht: categorie 2 van de verordening.",
        "zienswijze": "De inwoner was de afspraak vergeten. Dat is begrijpelijk, maar de afspraak stond in de "
        "brief en in het plan van aanpak.",
    },
}


# -- the demo verordening as an approved profile version -------------------------------------------------------


def _with_permission(permission: str, *, other_than: User | None = None) -> User | None:
    for user in User.objects.filter(is_active=True).order_by("pk"):
        if user != other_than and user.has_perm(permission):
            return user
    return None


def _profile_text(name: str) -> str:
    approved = (
        ParameterSet.objects.filter(kind=SetKind.PROFILE, profile_name=name, status=SetStatus.APPROVED)
        .order_by("-seq")
        .first()
    )
    return approved.text if approved else (PROFILE_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def demo_profile_text(base_text: str, gemeenten: str) -> str:
    """``base_text`` (a profile file) with the demo verordening's figures, each citing its article."""
    data = yaml.safe_load(base_text)
    seed = f"Afstemmingsverordening Participatiewet {gemeenten} (demo)"
    overrides = dict(data.get("overrides") or {})
    for name, value in DEMO_FIGURES.items():
        overrides[name] = {
            "value": value,
            "seed": seed,
            "section": ARTICLES[name],
            "confidence": "H",
            "note": NOTE,
        }
    data["overrides"] = overrides
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _has_figures(profile: str, on: date) -> bool:
    found = parameters_in_force(profile, on, source()[1])["parameters"]
    return all(name in found for name in DEMO_FIGURES)


def verordening_demo_approve(reference_date: date) -> int:
    """A version of each profile the demo municipalities use, with the demo figures; how many were approved."""
    proposer = _with_permission("ruleset.propose_parameterset")
    approver = _with_permission("ruleset.approve_parameterset", other_than=proposer)
    if proposer is None or approver is None:
        return 0
    by_profile: dict[str, list[str]] = {}
    for gemeente in Gemeente.objects.order_by("name"):
        by_profile.setdefault(gemeente.policy_profile or settings.NALEVING_DEFAULT_PROFILE, []).append(
            gemeente.name
        )
    approved = 0
    for profile, names in sorted(by_profile.items()):
        if _has_figures(profile, reference_date):
            continue
        label = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"
        proposed = parameterset_propose(
            actor=proposer,
            text=demo_profile_text(_profile_text(profile), label),
            source_url=SOURCE,
            title=f"Beleidsprofiel {profile}: Afstemmingsverordening Participatiewet {label} (demo-cijfers)"[
                :200
            ],
            note=NOTE,
        )
        parameterset_approve(actor=approver, parameter_set=proposed, note=NOTE)
        approved += 1
    return approved


# -- a handful of verzuimen ---------------------------------------------------------------------------------


def _residents(happened: date, decided: date, count: int) -> list[Resident]:
    """Residents on a Pw benefit from before ``happened`` to after ``decided``, with a consulent and no
    besluit or verzuim yet (so no other history changes what the engine proposes), lowest number first."""
    running = Benefit.objects.filter(regulation="Pw", start_date__lte=happened).exclude(end_date__lt=decided)
    return list(
        Resident.objects.filter(pk__in=running.values("resident_id"), consulent__isnull=False)
        .exclude(pk__in=Besluit.objects.values("resident_id"))
        .exclude(pk__in=Verzuim.objects.values("resident_id"))
        .select_related("consulent")
        .order_by("pk")[:count]
    )


def _cosign(besluit: Besluit) -> None:
    for user in User.objects.filter(is_active=True).exclude(pk=besluit.recorded_by_id).order_by("pk"):
        if user.has_perm("decisions.cosign_besluit"):
            try:
                services.besluit_cosign(actor=user, besluit=besluit)
            except (PermissionDenied, ValidationError):  # outside this user's team: try the next one
                continue
            return


def _decide(verzuim: Verzuim, story: str, decided: date, sent: date) -> None:
    actor = verzuim.resident.consulent
    proposal = maatregel.maatregel_propose(
        actor=actor, verzuim=verzuim, decision_date=decided, verwijtbaarheid="normaal"
    )
    chosen = proposal["response"]["maatregel"]
    start = date(decided.year + decided.month // 12, decided.month % 12 + 1, 1)
    besluit = maatregel.maatregel_record(
        actor=actor,
        verzuim=verzuim,
        decision_date=decided,
        verwijtbaarheid="normaal",
        verwijtbaarheid_motivation="De plicht stond in het plan van aanpak dat de inwoner tekende.",
        start_month=start,
        percentage=Decimal(chosen["percentage"]),
        months=int(chosen["months"]),
        weging=WEGING | WEGING_BY_STORY[story],
    )
    if besluit.status == BesluitStatus.TER_ONDERTEKENING:
        _cosign(besluit)
        besluit.refresh_from_db()
    if besluit.status == BesluitStatus.VASTGESTELD:
        dispatch.letter_send(actor=actor, besluit=besluit, sent_on=sent)


def _verzuim(resident: Resident, story: str, happened: date, category: int | None = None) -> Verzuim:
    obligation = "pw_18_2" if category else "pw_18_4_a"
    facts = {"job": JOB, "appointment": APPOINTMENT, "ill": ILL}[story].format(day=f"{happened:%d-%m-%Y}")
    return maatregel.verzuim_register(
        actor=resident.consulent,
        resident=resident,
        obligation=obligation,
        category=category,
        happened_on=happened,
        facts=facts,
    )


def _hear(verzuim: Verzuim, story: str, happened: date) -> Verzuim:
    return maatregel.verzuim_hearing(
        actor=verzuim.resident.consulent,
        verzuim=verzuim,
        invited_on=happened + timedelta(days=5),
        heard_on=happened + timedelta(days=12),
        record=VIEWS[story],
    )


def maatregelen_load(reference_date: date) -> int:
    """The demo verordening's figures (approved profile versions) and four verzuimen; returns the number of
    verzuimen made (0 when the demo already has them or no resident fits)."""
    verordening_demo_approve(reference_date)
    if Verzuim.objects.exists():
        return 0
    happened = reference_date - timedelta(days=50)
    decided, sent = reference_date - timedelta(days=20), reference_date - timedelta(days=19)
    residents = _residents(happened, reference_date, 4)
    if len(residents) < 4:
        return 0
    job = _hear(_verzuim(residents[0], "job", happened), "job", happened)
    _decide(job, "job", decided, sent)
    appointment = _hear(_verzuim(residents[1], "appointment", happened, category=2), "appointment", happened)
    _decide(appointment, "appointment", decided, sent)
    ill = _hear(_verzuim(residents[2], "ill", happened), "ill", happened)
    maatregel.verzuim_close(
        actor=ill.resident.consulent,
        verzuim=ill,
        reason="De inwoner was ziek (verklaring huisarts); elke vorm van verwijtbaarheid ontbreekt.",
    )
    _verzuim(residents[3], "job", reference_date - timedelta(days=7))
    return 4
