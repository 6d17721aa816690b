"""The filter register: owner and status after the FG's assessment, the filter page with its history, the
effectiveness of released runs (selected vs control group) and what the public page and the algoritmeregister
entry say about it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.controls import selectors
from naleving.controls.deliveries import DELIVERY_FILES, control_run_upload
from naleving.controls.filter_register import filter_approve, filter_update, filters_sync
from naleving.controls.models import ControlRun, Filter, FilterChange, FilterStatus
from naleving.controls.runs import control_run_release
from naleving.controls.tests.factories import ControlHitFactory, ControlRunFactory
from naleving.controls.tests.test_controls_web import _fg_approved_if_needed, _files, in_use
from naleving.controls.tests.test_deliveries import _submit
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.signals.models import Signal

pytestmark = pytest.mark.django_db


def test_filter_goes_in_use_only_after_fg_approval(world):
    filters_sync()
    filter_ = Filter.objects.get(name="vermogen")
    analyst = world["analist"]
    with pytest.raises(ValidationError, match="FG"):
        filter_update(actor=analyst, filter_=filter_, owner=None, status=FilterStatus.IN_GEBRUIK)
    filter_approve(actor=world["fg"], filter_=filter_, decision="rejected", note="Doel te vaag")
    with pytest.raises(ValidationError, match="FG"):
        filter_update(actor=analyst, filter_=filter_, owner=None, status=FilterStatus.IN_GEBRUIK)
    filter_approve(actor=world["fg"], filter_=filter_, decision="approved", note="Nu goed")
    with pytest.raises(ValidationError, match="eigenaar"):
        filter_update(actor=analyst, filter_=filter_, owner=world["consulent"], status="in_gebruik")
    with pytest.raises(PermissionDenied):
        filter_update(actor=world["fg"], filter_=filter_, owner=None, status="in_gebruik")
    filter_update(
        actor=analyst, filter_=filter_, owner=world["teamleider"], status="in_gebruik", note="Start"
    )
    filter_.refresh_from_db()
    assert filter_.status == "in_gebruik" and filter_.owner == world["teamleider"]
    change = FilterChange.objects.get(filter=filter_)
    assert change.before == {"owner": None, "status": "in_ontwikkeling"} and change.note == "Start"
    assert AuditEvent.objects.filter(code="filter.changed", object_id=str(filter_.pk)).exists()
    with pytest.raises(ValidationError, match="niets gewijzigd"):
        filter_update(actor=analyst, filter_=filter_, owner=world["teamleider"], status="in_gebruik")
    filter_update(actor=analyst, filter_=filter_, owner=world["teamleider"], status="buiten_gebruik")
    with pytest.raises(ValidationError, match="buiten gebruik"):
        _submit(analyst, controls=["vermogen"], files=_files(*DELIVERY_FILES))


def test_filter_page_shows_history_and_the_update_form_posts(world, client):
    filters_sync()
    filter_approve(actor=world["fg"], filter_=Filter.objects.get(name="voertuigen"), decision="approved")
    client.force_login(world["analist"])
    url = reverse("controls:filter_update", args=["voertuigen"])
    response = client.post(url, {"owner": world["analist"].pk, "status": "in_gebruik", "note": "Live"})
    assert response.status_code == 302
    page = client.get(reverse("controls:filter_detail", args=["voertuigen"])).content.decode()
    assert (
        "Beoordeling FG: goedgekeurd" in page
        and "status In ontwikkeling → In gebruik" in page
        and "Live" in page
    )
    client.force_login(world["fg"])
    assert client.post(url, {"status": "buiten_gebruik"}).status_code == 403


def _close(signal, *, breach, amount="0.00"):
    if breach:
        return InvestigationFactory(
            resident=signal.resident,
            signals=[signal],
            closed_with_breach=True,
            benadelingsbedrag=Decimal(amount),
        )
    return InvestigationFactory(resident=signal.resident, signals=[signal], closed_without_breach=True)


def test_effectiveness_compares_the_selected_with_the_control_group(world, client):
    in_use(world)
    run = ControlRun.objects.get(
        pk=control_run_upload(
            actor=world["analist"],
            files=_files("clients", "vehicles"),
            control="voertuigen",
            reference_date=date(2026, 3, 1),
            source="Inlichtingenbureau",
            delivery_date=date(2026, 3, 2),
            legal_basis="Pw art. 64",
            control_sample=4,
            seed=3,
        ).pk
    )
    _fg_approved_if_needed(world, run)
    control_run_release(actor=world["analist"], run=run)
    selected = [h.signal for h in run.hits.filter(in_control_group=False).select_related("signal")]
    control = [h.signal for h in run.hits.filter(in_control_group=True).select_related("signal")]
    assert len(selected) == 2 and len(control) == 4
    for signal in selected + control:  # the delivery's BSNs are not residents here: link one for the factory
        Signal.objects.filter(pk=signal.pk).update(resident=world["jansen"])
        signal.refresh_from_db()
    _close(selected[0], breach=True, amount="1250.00")
    _close(selected[1], breach=True, amount="300.00")
    _close(control[0], breach=False)
    _close(control[1], breach=False)
    InvestigationFactory(resident=world["pietersen"], signals=[control[2]])  # still open
    effect = selectors.runs_effectiveness([run])[run.pk]
    assert (effect.selected.signals, effect.selected.closed, effect.selected.breaches) == (2, 2, 2)
    assert effect.selected.hit_rate == 1.0 and effect.selected.benadeling == Decimal("1550.00")
    assert (effect.control.signals, effect.control.closed, effect.control.open) == (4, 2, 1)
    assert effect.control.hit_rate == 0.0 and effect.lift is None  # no breach in the control group
    _close(control[3], breach=True, amount="100.00")
    effect = selectors.runs_effectiveness([run])[run.pk]
    assert effect.control.hit_rate == pytest.approx(1 / 3) and effect.lift == pytest.approx(3.0)
    client.force_login(world["fg"])
    page = client.get(reverse("controls:filter_detail", args=["voertuigen"])).content.decode()
    assert "3,00" in page and "€ 1.550,00" in page.replace("\xa0", " ") and "33%" in page
    run_page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "Lift (trefkans selectie / trefkans controlegroep): 3,00" in run_page
    # 2 of 2 against 1 of 3: Katz 95 % interval exp(ln 3 ± 1.96·√(1/2 − 1/2 + 1 − 1/3)) = 0.61 … 14.86
    assert "(95%-BI 0,61–14,86)" in run_page and "(95%-BI 0,61–14,86)" in page
    assert "Nog niet aantoonbaar beter dan toeval" in run_page
    # residents see hit rates only with at least 5 closed investigations per group
    client.logout()
    public = client.get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert "te weinig afgeronde onderzoeken" in public and "33%" not in public


def test_filter_page_compares_years(world, client):
    from naleving.controls.models import Filter as F

    filters_sync()
    voertuigen = F.objects.get(name="voertuigen")
    for reference, verdict in (
        (date(2025, 3, 1), "flag"),
        (date(2026, 3, 1), "ok"),
        (date(2026, 9, 1), "ok"),
    ):
        ControlRunFactory(
            filter=voertuigen, reference_date=reference, source="RDW", delivery_date=reference,
            legal_basis="Pw 64", population=100, hits_count=4, verdict=verdict, created_by=world["analist"],
        )  # fmt: skip
    client.force_login(world["analist"])
    page = client.get(reverse("controls:filter_detail", args=["voertuigen"])).content.decode()
    assert "vergelijking met eerdere jaren" in page
    row_2026 = page.split('scope="row">2026</th>')[1].split("</tr>")[0]
    assert (
        '<td class="utrecht-table__cell">2</td><td class="utrecht-table__cell">8</td><td class="utrecht-table__cell">0</td>'
        in row_2026
    )
    row_2025 = page.split('scope="row">2025</th>')[1].split("</tr>")[0]
    assert (
        '<td class="utrecht-table__cell">1</td><td class="utrecht-table__cell">4</td><td class="utrecht-table__cell">1</td>'
        in row_2025
    )


def test_public_page_says_whether_the_difference_is_beyond_chance(world, client):
    """From 5 closed per group the residents' page gives the hit rates and what the 95 % interval allows."""
    from naleving.signals.tests.factories import SignalFactory

    filters_sync()
    Filter.objects.filter(name="kostendelers").update(status=FilterStatus.IN_GEBRUIK)  # residents see its use
    run = ControlRunFactory(
        filter=Filter.objects.get(name="kostendelers"), reference_date=date(2026, 3, 1), source="BRP",
        delivery_date=date(2026, 3, 2), legal_basis="Pw 64", population=500, hits_count=12,
        verdict="ok", status="released", created_by=world["analist"],
    )  # fmt: skip

    def assess(count, breaches, in_control_group):
        for i in range(count):
            signal = SignalFactory(resident=world["pietersen"], origin="themacontrole")
            ControlHitFactory(
                run=run, client_id=f"{in_control_group}-{i}", signal=signal, in_control_group=in_control_group
            )
            _close(signal, breach=i < breaches, amount="100.00")

    assess(12, 10, False)  # 83 % of the selected
    assess(10, 1, True)  # 10 % of the control group: lift 8.3, interval 1.28 … 54.4 lies above 1
    page = client.get(reverse("algorithms:detail", args=["kostendelers"])).content.decode()
    assert "83%" in page and "10%" in page and "8,3 keer zo vaak" in page
    assert "niet op toeval te berusten" in page
    client.force_login(world["analist"])
    register = client.get(reverse("controls:filter_detail", args=["kostendelers"])).content.decode()
    assert "Het filter vindt aantoonbaar vaker een fout" in register
    # the algoritmeregister entry carries the same comparison, as its proportionality evidence
    from naleving.controls import algoritmeregister

    proportionality = algoritmeregister.entry(run.filter)["proportionality"]
    assert (
        "Tot nu toe stelde na selectie 83% van de afgeronde onderzoeken een schending vast (10 van 12), "
        "in de controlegroep 10% (1 van 10). Lift 8,33 (95%-betrouwbaarheidsinterval 1,28–54,42). "
        "Het filter vindt daarmee aantoonbaar meer dan toeval."
    ) in proportionality
    voertuigen = algoritmeregister.entry(Filter.objects.get(name="voertuigen"))["proportionality"]
    assert "nog te weinig afgeronde onderzoeken (minder dan 5 per groep)" in voertuigen


@pytest.mark.parametrize(
    ("selected", "control", "expected", "absent"),
    [
        # 60 % against 40 %: Katz exp(ln 1.5 ± 1.96·√(1/3 − 1/5 + 1/2 − 1/5)) = 0.41 … 5.45 holds 1
        (
            (5, 3),
            (5, 2),
            "Lift 1,50 (95%-betrouwbaarheidsinterval 0,41–5,45). Het is nog niet aangetoond",
            "x",
        ),
        # no breach in the control group: no lift
        ((5, 3), (5, 0), "in de controlegroep 0% (0 van 5).", "Lift"),
        # no breach after selection: lift 0, no interval and nothing concluded
        ((5, 0), (5, 2), "Lift 0,00.", "betrouwbaarheidsinterval"),
        # far less than chance
        (
            (40, 2),
            (40, 30),
            "Het filter vindt aantoonbaar minder dan toeval; het gebruik wordt heroverwogen.",
            "x",
        ),
    ],
)
def test_register_entry_states_what_the_control_group_allows(world, selected, control, expected, absent):
    from naleving.controls import algoritmeregister
    from naleving.signals.tests.factories import SignalFactory

    filters_sync()
    run = ControlRunFactory(
        filter=Filter.objects.get(name="adresbezetting"), reference_date=date(2026, 3, 1), source="BRP",
        delivery_date=date(2026, 3, 2), legal_basis="Pw 64", population=500, hits_count=selected[0],
        verdict="ok", status="released", created_by=world["analist"],
    )  # fmt: skip
    for in_control_group, (closed, breaches) in ((False, selected), (True, control)):
        for i in range(closed):
            signal = SignalFactory(resident=world["pietersen"], origin="themacontrole")
            ControlHitFactory(
                run=run, client_id=f"{in_control_group}-{i}", signal=signal, in_control_group=in_control_group
            )
            _close(signal, breach=i < breaches, amount="100.00")
    text = algoritmeregister.effectiveness_text(run.filter)
    assert expected in text and absent not in text
