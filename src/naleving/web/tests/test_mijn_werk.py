"""Mijn werk, per role: the to-dos a role can act on (and no others), each count equal to what its link
shows, the nearest term in Dutch words, and plain links to pages that are not work."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from naleving.decisions.models import BesluitStatus
from naleving.investigations.tests.factories import HoorEnWederhoorFactory, InvestigationFactory
from naleving.prevention.tests.factories import ChangeReportFactory
from naleving.residents.tests.factories import ResidentFactory
from naleving.web.mijn_werk import todos_for

TODAY = date(2026, 12, 3)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """A fixed today, so that terms are overdue or not whatever the day the tests run."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def _todos(user) -> dict:
    return {todo.key: todo for todo in todos_for(user, today=TODAY)}


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("web:home")).content.decode()


def _card(body: str, key: str) -> str:
    match = re.search(rf'<li class="nl-card" data-testid="todo-{key}">(.*?)</li>', body, re.S)
    assert match, f"to-do {key} not on the page"
    return match.group(1)


def _listed(client, url: str) -> int:
    """How many items the to-do's link shows: a paginated list's count."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["paginator"].count


def test_consulent_has_change_reports_and_investigations_awaiting_her_besluit(client, world):
    consulent = world["consulent"]
    ChangeReportFactory.create_batch(2, resident=world["jansen"])
    ChangeReportFactory(resident=world["jansen"], handled=True)
    mine = ResidentFactory(consulent=consulent, gemeente=world["jansen"].gemeente)
    InvestigationFactory(resident=mine, closed_with_breach=True)  # closed 15 April, no besluit yet
    todos = _todos(consulent)
    assert {"wijzigingen", "herinneringen", "besluit_nodig", "bezwaar_beroep", "invordering"} <= set(todos)
    # untriaged signals, co-signing and assigning are other roles' work
    assert not {"triage", "medeondertekenen", "toewijzen", "hoor_en_wederhoor"} & set(todos)
    body = _home(client, consulent)
    assert "Signalen zonder triage" not in body and "Signalen beoordelen" not in body
    assert todos["wijzigingen"].count == 2
    worklist = client.get(reverse("prevention:worklist")).context["worklist"]
    assert len(worklist.change_reports) == 2
    assert todos["besluit_nodig"].count == 1
    assert _listed(client, todos["besluit_nodig"].url) == 1
    # the decision norm is 8 weeks after closing: 10 June 2026, long past
    card = _card(body, "besluit_nodig")
    assert "Termijn verlopen" in card and "10 juni 2026" in card


def test_a_besluit_taken_ends_the_to_do(client, world):
    """The world's investigation has a (concept) besluit: nothing waits for the consulent there."""
    world["investigation"].status, world["investigation"].outcome = "afgerond", "schending"
    world["investigation"].save()
    assert _todos(world["consulent"])["besluit_nodig"].count == 0
    body = _home(client, world["consulent"])
    assert "Niets te doen" in _card(body, "besluit_nodig")


def test_handhaver_sees_his_investigations_hearings_and_findings(client, world):
    handhaver = world["handhaver"]
    heard = InvestigationFactory(
        resident=ResidentFactory(consulent=world["consulent"], gemeente=world["jansen"].gemeente),
        assigned_to=handhaver,
        opened_on=date(2026, 11, 20),
    )
    HoorEnWederhoorFactory(investigation=heard, held_on=date(2026, 11, 25))
    todos = _todos(handhaver)
    assert {"mijn_onderzoeken", "hoor_en_wederhoor", "bevindingen", "triage"} <= set(todos)
    assert not {"besluit_nodig", "wijzigingen", "toewijzen", "vorderingen"} & set(todos)
    client.force_login(handhaver)
    assert todos["mijn_onderzoeken"].count == 2 == _listed(client, todos["mijn_onderzoeken"].url)
    # opened 10 February: its 13 weeks ended on 12 May 2026, and the resident was not heard
    assert todos["hoor_en_wederhoor"].count == 1 == _listed(client, todos["hoor_en_wederhoor"].url)
    assert todos["hoor_en_wederhoor"].due == date(2026, 5, 12) and todos["hoor_en_wederhoor"].overdue
    assert todos["bevindingen"].count == 1 == _listed(client, todos["bevindingen"].url)
    assert todos["triage"].count == _listed(client, todos["triage"].url)
    body = client.get(reverse("web:home")).content.decode()
    assert "Termijn verlopen" in _card(body, "hoor_en_wederhoor")
    assert "12 mei 2026" in _card(body, "hoor_en_wederhoor")


def test_a_hearing_far_from_its_term_is_not_yet_due(world):
    InvestigationFactory(
        resident=ResidentFactory(consulent=world["consulent"], gemeente=world["jansen"].gemeente),
        assigned_to=world["handhaver"],
        opened_on=date(2026, 11, 20),
    )
    assert _todos(world["handhaver"])["hoor_en_wederhoor"].count == 1  # only the world's overdue one


def test_teamleider_assigns_cosigns_and_approves(client, world):
    from naleving.ruleset.services import parameterset_propose
    from naleving.ruleset.tests.yaml_texts import FINE_CATEGORY_2, SOURCE

    teamleider = world["teamleider"]
    InvestigationFactory(
        resident=ResidentFactory(consulent=world["consulent"], gemeente=world["jansen"].gemeente),
        assigned_to=None,
        opened_on=date(2026, 11, 2),
    )
    world["besluit"].status = BesluitStatus.TER_ONDERTEKENING
    world["besluit"].save()
    parameterset_propose(actor=world["beheerder"], text=FINE_CATEGORY_2, source_url=SOURCE)
    todos = _todos(teamleider)
    assert {"triage", "toewijzen", "medeondertekenen", "bezwaar_beroep", "wettelijke_bedragen"} <= set(todos)
    # he sees claims but does not manage them; he does not record besluiten
    assert not {"vorderingen", "invordering", "besluit_nodig", "wijzigingen"} & set(todos)
    client.force_login(teamleider)
    assert (
        todos["triage"].count == 2 == _listed(client, todos["triage"].url)
    )  # Jansen's and the anonymous one
    assert todos["medeondertekenen"].count == 1 == _listed(client, todos["medeondertekenen"].url)
    assert todos["wettelijke_bedragen"].count == 1
    assert todos["toewijzen"].count == 1
    assert todos["toewijzen"].url == reverse("investigations:list") + "?status=open&toegewezen=nee"
    assert todos["toewijzen"].due == date(2027, 2, 1) and not todos["toewijzen"].overdue
    body = client.get(reverse("web:home")).content.decode()
    assert "eerste termijn: 1 februari 2027" in _card(body, "toewijzen")
    assert "Termijnen van het team" in body


def test_the_unassigned_link_lists_exactly_the_counted_investigations(client, world):
    from naleving.investigations.filters import InvestigationFilter

    if "toegewezen" not in InvestigationFilter.base_filters:
        pytest.skip("the investigation list has no filter on assignment yet")
    InvestigationFactory(
        resident=ResidentFactory(consulent=world["consulent"], gemeente=world["jansen"].gemeente),
        assigned_to=None,
    )
    todo = _todos(world["teamleider"])["toewijzen"]
    client.force_login(world["teamleider"])
    assert todo.count == 1 == _listed(client, todo.url)


def test_own_proposals_are_not_counted_for_approval(world):
    from django.contrib.auth.models import Permission

    from naleving.ruleset.services import parameterset_propose
    from naleving.ruleset.tests.yaml_texts import FINE_CATEGORY_2, SOURCE

    teamleider = world["teamleider"]
    teamleider.user_permissions.add(Permission.objects.get(codename="propose_parameterset"))
    teamleider = type(teamleider).objects.get(pk=teamleider.pk)  # a fresh permission cache
    parameterset_propose(actor=teamleider, text=FINE_CATEGORY_2, source_url=SOURCE)
    assert _todos(teamleider)["wettelijke_bedragen"].count == 0


def test_analist_and_fg_share_the_theme_control_work(client, world):
    from naleving.controls.models import Verdict
    from naleving.controls.tests.factories import ControlRunFactory

    ControlRunFactory(verdict=Verdict.FLAG)  # the analist explains it
    ControlRunFactory(verdict=Verdict.FLAG, explanation="Kleine groep, verklaarbaar.")  # the FG approves it
    analist, fg = _todos(world["analist"]), _todos(world["fg"])
    assert analist["runs_toelichten"].count == 1 and analist["runs_vrijgeven"].count == 0
    assert not {"runs_fg", "filters_fg", "uitkomstcontroles"} & set(analist)
    assert fg["runs_fg"].count == 1
    assert {"filters_fg", "uitkomstcontroles", "bezwaren_verwerking", "vernietiging_fg_approved_by"} <= set(
        fg
    )
    assert not {"runs_toelichten", "runs_vrijgeven"} & set(fg)


def test_each_run_to_do_links_to_exactly_its_runs(client, world):
    from naleving.controls.models import Verdict
    from naleving.controls.tests.factories import ControlRunFactory

    explain = ControlRunFactory(verdict=Verdict.FLAG)
    approve = ControlRunFactory(verdict=Verdict.INSUFFICIENT_DATA, explanation="Te kleine groepen.")
    release = ControlRunFactory(verdict=Verdict.FLAG, explanation="Verklaarbaar.", fg_approved_by=world["fg"])
    ControlRunFactory(verdict=Verdict.OK)  # nothing to do
    ControlRunFactory(verdict=Verdict.FLAG, explanation="x", fg_approved_by=world["fg"], released=True)
    for role, key, expected in (
        ("analist", "runs_toelichten", explain),
        ("analist", "runs_vrijgeven", release),
        ("fg", "runs_fg", approve),
    ):
        todo = _todos(world[role])[key]
        client.force_login(world[role])
        response = client.get(todo.url)
        assert response.status_code == 200, todo.url
        runs = list(response.context["page_obj"])
        assert todo.count == response.context["paginator"].count == 1 and runs == [expected], key
        assert reverse("controls:run_detail", args=[expected.pk]) in response.content.decode()


def test_run_to_do_lists_are_for_the_role_that_acts(client, world):
    client.force_login(world["analist"])
    assert client.get(reverse("web:todo_runs", args=["goedkeuren"])).status_code == 403
    assert client.get(reverse("web:todo_runs", args=["onbekend"])).status_code == 404
    client.force_login(world["fg"])
    assert client.get(reverse("web:todo_runs", args=["toelichten"])).status_code == 403
    client.force_login(world["consulent"])
    assert client.get(reverse("web:todo_runs", args=["vrijgeven"])).status_code == 403


@pytest.mark.parametrize(
    "role", ["consulent", "handhaver", "teamleider", "analist", "fg", "beleid", "beheerder"]
)
def test_no_arrows_and_no_command_lines(client, world, role):
    body = _home(client, world[role])
    assert "→" not in body
    for command in ("manage.py", "<code", "naleving db_worker", "make "):
        assert command not in body, command


def test_beleid_has_no_work_only_quick_links(client, world):
    body = _home(client, world["beleid"])
    assert 'data-testid="no-todos"' in body
    links = re.search(r'data-testid="quick-links">(.*?)</ul>', body, re.S).group(1)
    assert "Rapportages" in links and 'class="nl-card' not in links


def test_beheerder_reviews_role_grants_of_others(client, world):
    from naleving.accounts.models import RoleGrant

    RoleGrant.objects.create(user=world["consulent"], role="teamleider", requested_by=world["beheerder"])
    RoleGrant.objects.create(user=world["handhaver"], role="teamleider", requested_by=None)
    todos = _todos(world["beheerder"])
    assert todos["roltoekenningen"].count == 1
    assert "Gebruikers" in _home(client, world["beheerder"])


def test_todo_lists_are_for_the_role_that_acts(client, world):
    client.force_login(world["consulent"])
    url = reverse("web:todo_investigations", args=["hoor-en-wederhoor"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("web:todo_investigations", args=["onbekend"])).status_code == 404
    client.force_login(world["handhaver"])
    assert client.get(reverse("web:todo_investigations", args=["besluit-nodig"])).status_code == 403


def test_the_handhavers_counts_in_one_read_equal_the_lists_queries(world):
    """``handhaver_tallies`` (one aggregate for the home page) counts what the three query sets behind the lists
    hold, with the same earliest dates: heard or not, findings recorded or not, opened early or late."""
    from naleving.web import todo_queries as queries
    from naleving.web.todo import tally

    handhaver, gemeente = world["handhaver"], world["jansen"].gemeente
    for opened, heard, findings in [
        (date(2026, 3, 2), True, False),
        (date(2026, 4, 6), True, True),
        (date(2026, 11, 20), False, False),
        (date(2026, 1, 5), False, False),
        (date(2026, 2, 2), True, False),
    ]:
        investigation = InvestigationFactory(
            resident=ResidentFactory(consulent=world["consulent"], gemeente=gemeente),
            assigned_to=handhaver,
            opened_on=opened,
        )
        if heard:
            HoorEnWederhoorFactory(investigation=investigation, held_on=opened + timedelta(days=20))
        if findings:
            investigation.findings_recorded_at = timezone.now()
            investigation.save()
    today = date(2026, 12, 3)
    tallies = queries.handhaver_tallies(handhaver, today=today)
    assert tallies["mine"] == tally(queries.investigations_mine_open(handhaver), "opened_on")
    assert tallies["hearings"] == tally(queries.hearings_due(handhaver, today=today), "opened_on")
    assert tallies["findings"] == tally(queries.findings_due(handhaver), "opened_on")
    assert tallies["hearings"][0] == 2 and tallies["findings"] == (2, date(2026, 2, 2))
