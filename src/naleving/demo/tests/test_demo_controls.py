"""The demo's theme controls: a filter register with history, runs at three dates, released signals that were
assessed, and an effectiveness report in which the selected clients breach more often than the control group.
The same load also holds the demo's collection (issue #19), made through the real services on a few claims
after the bulk load: checked here rather than in a module that loads the same demo again."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from naleving import analytics
from naleving.audit.models import AuditEvent
from naleving.claims.models import Aflossing, ClaimStatus, Invorderingsstap, Vordering
from naleving.controls import selectors
from naleving.controls.models import (
    ControlHit,
    ControlRun,
    Delivery,
    Filter,
    FilterApproval,
    FilterStatus,
    Verdict,
)
from naleving.gemeenten.models import Gemeente, validate_iban
from naleving.investigations.choices import Outcome, Status
from naleving.signals.choices import Origin, Route
from naleving.signals.models import Signal

RESIDENTS = 300
SEED = 2026
REFERENCE = date(2026, 11, 1)
RUN_DATES = [date(2025, 11, 1), date(2026, 4, 1), date(2026, 10, 1)]
pytestmark = pytest.mark.xdist_group("demo-controls")


@pytest.fixture(autouse=True)
def delivery_dir(monkeypatch, tmp_path):
    # Not pytest-django's ``settings``: under an override SETTINGS_MODULE is None, which demo-data refuses.
    monkeypatch.setattr(settings, "NALEVING_DELIVERY_DIR", tmp_path / "leveringen")
    return settings.NALEVING_DELIVERY_DIR


def _load(seed: int = SEED) -> None:
    call_command("demo-data", residents=RESIDENTS, seed=seed, stdout=StringIO())


def _assert_register() -> dict[str, Filter]:
    filters = {
        f.name: f for f in Filter.objects.select_related("owner").prefetch_related("approvals", "changes")
    }
    assert set(filters) == set(analytics.CONTROLS)
    assert Counter(f.status for f in filters.values()) == {
        FilterStatus.IN_GEBRUIK: 4,
        FilterStatus.IN_ONTWIKKELING: 1,
    }
    assert {f.owner.username for f in filters.values()} <= {"teamleider", "teamleider2", "analist"}
    for filter_ in filters.values():
        approvals = sorted(filter_.approvals.all(), key=lambda a: (a.at, a.pk))
        assert approvals and approvals[-1].decision == FilterApproval.Decision.APPROVED
        assert all(a.approved_by.username == "fg" and a.note for a in approvals)
        assert filter_.changes.exists() and filter_.created_at.date() < RUN_DATES[0]
        assert all(c.at.date() < RUN_DATES[0] for c in filter_.changes.all())
    histories = [
        [a.decision for a in sorted(f.approvals.all(), key=lambda a: a.at)] for f in filters.values()
    ]
    assert ["rejected", "approved"] in histories
    return filters


def _assert_runs(filters: dict[str, Filter], delivery_dir) -> None:
    runs = list(ControlRun.objects.select_related("filter", "delivery"))
    assert Counter(r.reference_date for r in runs) == {day: len(filters) for day in RUN_DATES}
    for run in runs:
        assert run.seed is not None and 5 <= run.control_sample <= 20
        assert run.hits.filter(in_control_group=True).count() == run.control_sample
        assert run.created_at.date() < REFERENCE and run.delivery.delivery_date >= run.reference_date
        if run.verdict == Verdict.FLAG:  # explained by the analyst and approved by the FG
            assert run.explanation and run.explained_by.username == "analist"
            assert run.fg_approved_by.username == "fg" and run.fg_note
        released = run.status == ControlRun.Status.RELEASED
        in_use = run.filter.status == FilterStatus.IN_GEBRUIK
        assert released == (in_use and run.reference_date < RUN_DATES[-1]), run
        if released:
            assert run.released_by.username == "analist" and run.released_at.date() < REFERENCE
            assert not run.hits.filter(signal__isnull=True).exists()
    for name, filter_ in filters.items():
        if filter_.status == FilterStatus.IN_GEBRUIK:
            assert filter_.runs.filter(status=ControlRun.Status.RELEASED).exists(), name
    # the raw files are gone: the delivery folder holds no file, every delivery says when they were deleted
    assert not [path for path in delivery_dir.rglob("*") if path.is_file()]
    for delivery in Delivery.objects.all():
        assert delivery.status == Delivery.Status.DONE and delivery.folder == "" and delivery.files_deleted_at
        assert sorted(delivery.file_names) == sorted(
            f"{name}.csv" for name in ("addresses", "balances", "brp", "clients", "vehicles")
        )


def _assert_assessment() -> None:
    released = Signal.objects.filter(pk__in=ControlHit.objects.filter(signal__isnull=False).values("signal"))
    assert released.exists()
    for signal in released.select_related("triaged_by"):
        assert signal.origin == Origin.THEMACONTROLE and signal.resident_id
        assert signal.route and signal.triage_motivation and signal.triaged_by
        assert signal.received_on <= signal.triaged_at.date() < REFERENCE
        if signal.route == Route.ONDERZOEK:
            assert signal.investigations.exists()
    investigations = {
        inv for s in released.prefetch_related("investigations") for inv in s.investigations.all()
    }
    statuses = Counter(inv.status for inv in investigations)
    assert statuses[Status.AFGEROND] > statuses[Status.OPEN] > 0  # many closed, some still open


def _assert_effectiveness(filters: dict[str, Filter]) -> None:
    better = []
    for name, filter_ in filters.items():
        runs = list(filter_.runs.all())
        total = selectors.total_effectiveness(selectors.runs_effectiveness(runs).values())
        if filter_.status != FilterStatus.IN_GEBRUIK:
            assert total.selected.signals == total.control.signals == 0, name
            continue
        assert total.selected.signals and total.control.closed, name
        if total.selected.closed and total.selected.hit_rate > total.control.hit_rate:
            assert total.selected.benadeling > 0, name
            better.append(name)
    assert better  # a small demo has few hits per filter; the totals of at least one show the lift


def _assert_collection() -> None:
    """Payment accounts, terms, an aanmaning and a dwangbevel as real PDFs, set-off and a waiver."""
    assert AuditEvent.objects.get(code="demo.loaded").after["counts"]["claims.Invordering"] > 10
    for gemeente in Gemeente.objects.all():
        validate_iban(gemeente.payment_iban)
        assert gemeente.payment_account_name
    steps = Invorderingsstap.objects.all()
    assert {s.kind for s in steps} == {"aanmaning", "dwangbevel"}
    assert all(bytes(s.pdf).startswith(b"%PDF") for s in steps)
    assert Aflossing.objects.filter(method="dwangbevel").exists()
    assert Vordering.objects.filter(stappen__kind="dwangbevel", status=ClaimStatus.BETAALD).exists()
    assert Aflossing.objects.filter(method="verrekening", period__isnull=False).exists()
    assert Vordering.objects.filter(waiver_ground="pw_58_lid7_eenmalig").exists()
    assert Vordering.objects.filter(non_cooperation=True).exists()
    assert Vordering.objects.exclude(payment_reference="").count() >= 8


@pytest.mark.django_db
def test_the_register_shows_a_year_of_runs_their_release_and_what_they_found(delivery_dir):
    _load()
    _assert_collection()

    filters = _assert_register()
    _assert_runs(filters, delivery_dir)
    _assert_assessment()
    _assert_effectiveness(filters)
    breaches = [
        inv
        for hit in ControlHit.objects.filter(in_control_group=False, signal__isnull=False).select_related(
            "signal"
        )
        for inv in hit.signal.investigations.filter(outcome=Outcome.SCHENDING)
    ]
    assert breaches and all(inv.benadelingsbedrag > 0 and inv.hoor_en_wederhoor.exists() for inv in breaches)


def controls_fingerprint() -> dict:
    """The runs, their hits and their effect: the same seed gives the same (``test_demo.py`` loads twice)."""
    runs = list(ControlRun.objects.select_related("filter").order_by("filter__name", "reference_date"))
    effects = selectors.runs_effectiveness(runs)
    return {
        "runs": [
            (r.filter.name, r.reference_date, r.population, r.hits_count, r.verdict, r.seed, r.status)
            for r in runs
        ],
        "hits": sorted(
            ControlHit.objects.values_list("run__filter__name", "run__reference_date", "client_id", "bsn")
        ),
        "effect": [
            (
                r.filter.name,
                r.reference_date,
                e.selected.closed,
                e.selected.breaches,
                e.control.closed,
                e.control.breaches,
            )
            for r in runs
            for e in [effects[r.pk]]
        ],
    }
