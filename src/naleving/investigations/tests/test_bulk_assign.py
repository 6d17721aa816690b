"""The teamleider ticks investigations on the list and assigns them to one handhaver at once (issue #21):
every one through the assign service (audited as one assignment), all or none, only within his scope."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from naleving.accounts.tests.factories import UserFactory
from naleving.audit.models import AuditEvent
from naleving.investigations import services
from naleving.investigations.models import Investigation
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

LIST = reverse("investigations:list")
BULK = reverse("investigations:bulk_assign")


@pytest.fixture
def unassigned(world):
    """Three open investigations of team Noord's residents that nobody has yet."""
    return [
        InvestigationFactory(resident=ResidentFactory(consulent=world["consulent"]), assigned_to=None)
        for _ in range(3)
    ]


@pytest.fixture
def colleague(world):
    noord, _zuid = world["teams"]
    return UserFactory(handhaver=True, team=noord, first_name="Jan", last_name="de Vries")


def _assigned_events():
    return AuditEvent.objects.filter(code="investigation.assigned")


def test_the_list_offers_checkboxes_and_the_handhavers_with_their_open_work(
    client, world, unassigned, colleague
):
    InvestigationFactory(resident=ResidentFactory(consulent=world["consulent"]), assigned_to=colleague)
    client.force_login(world["teamleider"])
    page = client.get(LIST).content.decode()
    first = unassigned[0].pk
    assert (
        f'<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" name="onderzoek" value="{first}" id="kies-{first}">'
        in page
    )
    assert f'<label class="nl-visually-hidden" for="kies-{first}">Onderzoek {first}' in page
    assert f'<option value="{colleague.pk}">Jan de Vries (1 open)</option>' in page
    assert f'<option value="{world["handhaver"].pk}">Handhaver (1 open)</option>' in page
    assert f'action="{BULK}"' in page


def test_the_handhavers_are_read_once_for_the_filter_and_the_assignment(client, world, unassigned, colleague):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["teamleider"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST).content.decode()
    assert sum('SELECT DISTINCT "accounts_user"' in q["sql"] for q in queries.captured_queries) == 1
    # the same people in the filter's choices and in the assignment
    assert page.count(f'<option value="{colleague.pk}">Jan de Vries') == 2


def test_who_may_not_assign_gets_no_checkboxes_and_a_403(client, world, unassigned):
    client.force_login(world["handhaver"])
    assert 'name="onderzoek"' not in client.get(LIST).content.decode()
    response = client.post(BULK, {"onderzoek": [unassigned[0].pk], "handhaver": world["handhaver"].pk})
    assert response.status_code == 403
    client.force_login(world["consulent"])
    assert 'name="onderzoek"' not in client.get(LIST).content.decode()


def test_the_teamleider_assigns_three_at_once_each_audited(client, world, unassigned, colleague):
    client.force_login(world["teamleider"])
    before = _assigned_events().count()
    response = client.post(
        BULK,
        {
            "onderzoek": [i.pk for i in unassigned],
            "handhaver": colleague.pk,
            "terug": "toegewezen=nee",
            "pagina": "2",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{LIST}?toegewezen=nee"
    assert "3 onderzoeken zijn toegewezen aan Jan de Vries." in response.content.decode()
    assert set(Investigation.objects.filter(assigned_to=colleague).values_list("pk", flat=True)) == {
        i.pk for i in unassigned
    }
    events = _assigned_events().order_by("id")[before:]
    assert [int(e.object_id) for e in events] == sorted(i.pk for i in unassigned)
    assert all(e.after == {"handhaver": "Jan de Vries"} and e.actor == world["teamleider"] for e in events)
    page = client.get(LIST).content.decode()
    assert "Jan de Vries (3 open)" in page


def test_an_investigation_outside_the_scope_is_named_and_nothing_is_assigned(
    client, world, unassigned, colleague
):
    outside = InvestigationFactory(resident=world["pietersen"], assigned_to=None)
    client.force_login(world["teamleider"])
    before = _assigned_events().count()
    response = client.post(
        BULK, {"onderzoek": [unassigned[0].pk, outside.pk], "handhaver": colleague.pk}, follow=True
    )
    page = response.content.decode()
    assert (
        f"Onderzoek {outside.pk} valt buiten uw werkgebied of bestaat niet. Er is niets toegewezen." in page
    )
    assert Investigation.objects.get(pk=unassigned[0].pk).assigned_to is None
    assert _assigned_events().count() == before


def test_when_one_fails_none_is_assigned(client, world, unassigned, colleague, monkeypatch):
    real = services.investigation_assign
    last = max(i.pk for i in unassigned)

    def failing_on_the_last(*, actor, investigation, handhaver, expected_version=None):
        if investigation.pk == last:
            raise ValidationError("Dit onderzoek is intussen gewijzigd.")
        return real(actor=actor, investigation=investigation, handhaver=handhaver)

    monkeypatch.setattr(services, "investigation_assign", failing_on_the_last)
    client.force_login(world["teamleider"])
    before = _assigned_events().count()
    response = client.post(
        BULK, {"onderzoek": [i.pk for i in unassigned], "handhaver": colleague.pk}, follow=True
    )
    assert (
        f"Onderzoek {last}: Dit onderzoek is intussen gewijzigd. Er is niets toegewezen."
        in response.content.decode()
    )
    assert not Investigation.objects.filter(
        pk__in=[i.pk for i in unassigned], assigned_to__isnull=False
    ).exists()
    assert _assigned_events().count() == before


def test_a_closed_investigation_or_a_handhaver_of_another_team_is_refused(client, world, unassigned):
    closed = InvestigationFactory(
        resident=ResidentFactory(consulent=world["consulent"]), assigned_to=None, closed_without_breach=True
    )
    _noord, zuid = world["teams"]
    stranger = UserFactory(handhaver=True, team=zuid)
    client.force_login(world["teamleider"])
    response = client.post(BULK, {"onderzoek": [unassigned[0].pk], "handhaver": stranger.pk}, follow=True)
    assert "Kies een handhaver van uw team." in response.content.decode()
    response = client.post(
        BULK, {"onderzoek": [unassigned[0].pk, closed.pk], "handhaver": world["handhaver"].pk}, follow=True
    )
    assert f"Onderzoek {closed.pk} is afgerond. Er is niets toegewezen." in response.content.decode()
    response = client.post(BULK, {"handhaver": world["handhaver"].pk}, follow=True)
    assert "Kies een of meer onderzoeken om toe te wijzen." in response.content.decode()
    assert Investigation.objects.get(pk=unassigned[0].pk).assigned_to is None


def test_the_unassigned_filter(client, world, unassigned):
    client.force_login(world["teamleider"])
    choices = list(client.get(LIST).context["filter"].form.fields["toegewezen"].choices)
    assert choices == [("", "Alle"), ("nee", "Niet toegewezen"), (str(world["handhaver"].pk), "Handhaver")]
    shown = client.get(LIST, {"toegewezen": "nee"}).context["object_list"]
    assert {i.pk for i in shown} == {i.pk for i in unassigned}
    mine = client.get(LIST, {"toegewezen": world["handhaver"].pk}).context["object_list"]
    assert [i.pk for i in mine] == [world["investigation"].pk]
