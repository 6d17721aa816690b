"""A handhaver's access to a resident ends after the case is final (issue #14, least data).

Final: the investigation was closed without a breach, or its besluit became irrevocable (onherroepelijk:
the objection term of six weeks, Awb 6:7 and 6:8, passed without objection). Access ends
NALEVING_HANDHAVER_ACCESS_DAYS days after that; while the case is open or still being decided, it stays.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from naleving.decisions.models import Besluit
from naleving.investigations.access import access_final_on_mismatches, access_final_on_refresh
from naleving.investigations.models import NOT_FINAL, Investigation
from naleving.investigations.selectors import investigation_get, investigations_visible_to
from naleving.residents.models import Resident
from naleving.residents.selectors import resident_get, residents_visible_to

DAYS = 30
OBJECTION_TERM = timedelta(weeks=6)


@pytest.fixture(autouse=True)
def _access_days(settings):
    settings.NALEVING_HANDHAVER_ACCESS_DAYS = DAYS


def _today():
    return timezone.localdate()


def _close(investigation, *, days_ago: int) -> None:
    Investigation.objects.filter(pk=investigation.pk).update(
        status="afgerond", outcome="geen_schending", closed_on=_today() - timedelta(days=days_ago)
    )
    access_final_on_refresh([investigation.pk])  # as investigation_close does


def _sees(world) -> tuple[bool, bool]:
    """What the handhaver sees once the day the case became final is kept again, as the services keep it
    after each change (the tests change the cases directly); the kept access agrees with the definition."""
    access_final_on_refresh()
    assert access_final_on_mismatches() == []
    handhaver, jansen, investigation = world["handhaver"], world["jansen"], world["investigation"]
    resident = residents_visible_to(handhaver).filter(pk=jansen.pk).exists()
    case = investigations_visible_to(handhaver).filter(pk=investigation.pk).exists()
    return resident, case


@pytest.mark.django_db
def test_open_investigation_gives_access(world):
    assert _sees(world) == (True, True)


@pytest.mark.django_db
def test_closed_without_a_besluit_access_ends_after_the_configured_days(world, client):
    Besluit.objects.filter(investigation=world["investigation"]).delete()
    _close(world["investigation"], days_ago=DAYS - 1)
    assert _sees(world) == (True, True)
    _close(world["investigation"], days_ago=DAYS + 1)
    assert _sees(world) == (False, False)
    with pytest.raises(Resident.DoesNotExist):
        resident_get(actor=world["handhaver"], resident_id=world["jansen"].pk)
    with pytest.raises(Investigation.DoesNotExist):
        investigation_get(actor=world["handhaver"], investigation_id=world["investigation"].pk)
    client.force_login(world["handhaver"])
    assert client.get(reverse("residents:detail", args=[world["jansen"].pk])).status_code == 404
    assert client.get(reverse("investigations:detail", args=[world["investigation"].pk])).status_code == 404


@pytest.mark.django_db
def test_with_a_besluit_access_lasts_until_the_configured_days_after_it_became_irrevocable(world):
    _close(world["investigation"], days_ago=400)
    irrevocable_days_ago = DAYS - 1
    decided = _today() - OBJECTION_TERM - timedelta(days=1 + irrevocable_days_ago)
    Besluit.objects.filter(pk=world["besluit"].pk).update(status="vastgesteld", decision_date=decided)
    assert _sees(world) == (True, True)
    Besluit.objects.filter(pk=world["besluit"].pk).update(decision_date=decided - timedelta(days=2))
    assert _sees(world) == (False, False)


@pytest.mark.django_db
def test_an_objection_or_appeal_awaiting_its_outcome_keeps_access(world):
    from naleving.decisions.models import Beroep, Bezwaar

    _close(world["investigation"], days_ago=400)
    long_ago = _today() - timedelta(days=300)
    Besluit.objects.filter(pk=world["besluit"].pk).update(status="vastgesteld", decision_date=long_ago)
    assert _sees(world) == (False, False)
    bezwaar = Bezwaar.objects.create(besluit=world["besluit"], received_on=long_ago, decide_by=long_ago)
    assert _sees(world) == (True, True)
    Bezwaar.objects.filter(pk=bezwaar.pk).update(outcome="ingetrokken", decided_on=long_ago)
    assert _sees(world) == (False, False)
    Beroep.objects.create(besluit=world["besluit"], instance="beroep", lodged_on=long_ago)
    assert _sees(world) == (True, True)


@pytest.mark.django_db
def test_a_besluit_still_being_decided_keeps_access(world):
    _close(world["investigation"], days_ago=400)  # the world's besluit is a concept
    assert _sees(world) == (True, True)


@pytest.mark.django_db
def test_the_number_of_days_is_a_setting(world, settings):
    Besluit.objects.filter(investigation=world["investigation"]).delete()
    _close(world["investigation"], days_ago=10)
    assert _sees(world) == (True, True)
    settings.NALEVING_HANDHAVER_ACCESS_DAYS = 7
    assert _sees(world) == (False, False)


@pytest.mark.django_db
def test_the_consulent_and_teamleider_keep_their_access(world):
    Besluit.objects.filter(investigation=world["investigation"]).delete()
    _close(world["investigation"], days_ago=DAYS + 100)
    for role in ("consulent", "teamleider"):
        assert residents_visible_to(world[role]).filter(pk=world["jansen"].pk).exists()
        assert investigations_visible_to(world[role]).filter(pk=world["investigation"].pk).exists()


@pytest.mark.django_db
def test_another_open_investigation_of_the_same_handhaver_keeps_access(world):
    Besluit.objects.filter(investigation=world["investigation"]).delete()
    _close(world["investigation"], days_ago=DAYS + 100)
    Investigation.objects.create(resident=world["jansen"], assigned_to=world["handhaver"], opened_on=_today())
    assert residents_visible_to(world["handhaver"]).filter(pk=world["jansen"].pk).exists()
    assert not investigations_visible_to(world["handhaver"]).filter(pk=world["investigation"].pk).exists()


@pytest.mark.django_db
def test_a_breach_awaiting_its_besluit_keeps_access_however_long_ago_it_closed(world):
    Besluit.objects.filter(investigation=world["investigation"]).delete()
    Investigation.objects.filter(pk=world["investigation"].pk).update(
        status="afgerond", outcome="schending", closed_on=_today() - timedelta(days=DAYS * 5)
    )
    assert _sees(world) == (True, True)


@pytest.mark.django_db
def test_a_kept_day_left_behind_is_found_and_repaired(world):
    """A change outside the services (here an UPDATE) leaves the kept day behind: the check names the
    investigation, ``naleving handhaver-access`` fails until ``--repair`` restores it, in the audit log."""
    from django.core.management import CommandError, call_command

    from naleving.audit.models import AuditEvent

    Besluit.objects.filter(investigation=world["investigation"]).delete()
    _close(world["investigation"], days_ago=DAYS + 1)
    assert _sees(world) == (False, False)
    Investigation.objects.filter(pk=world["investigation"].pk).update(access_final_on=NOT_FINAL)
    assert access_final_on_mismatches() == [world["investigation"].pk]
    with pytest.raises(CommandError, match="1 onderzoek"):
        call_command("handhaver-access")
    call_command("handhaver-access", "--repair")
    assert access_final_on_mismatches() == []
    event = AuditEvent.objects.get(code="investigation.access_repaired")
    assert event.after["onderzoeken"] == [world["investigation"].pk]
    assert _sees(world) == (False, False)
