"""The demo's organisations (issue #17): Servicecentrum MER with its three municipalities, each with residents
and staff who see only their own municipality, and Gemeente Demostad exactly as it was."""

from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from naleving.accounts.models import User
from naleving.decisions.models import Besluit
from naleving.demo.gemeenten import DemoOrganisationError, organisation_ensure
from naleving.demo.load import MODELS, demo_municipality_load
from naleving.demo.organisations import MER
from naleving.gemeenten.models import Gemeente, Organisation
from naleving.gemeenten.selectors import gemeenten_of
from naleving.investigations.models import Investigation
from naleving.residents.models import Resident
from naleving.residents.selectors import residents_visible_to
from naleving.signals.models import Signal

#: The demo is loaded once per module (or class) and worker: all the module's tests in one worker load it once.
pytestmark = pytest.mark.xdist_group("demo-organisations")

SEED = 2026
REFERENCE = date(2026, 11, 1)
MER_CODES = {"GM0938": "Meerssen", "GM1903": "Eijsden-Margraten", "GM0994": "Valkenburg aan de Geul"}
#: Demostad with 100 residents and seed 2026, as loaded before the demo knew other organisations
#: (in the order of ``load.MODELS``: residents, applications, benefits, signals, ... theme control hits);
#: since issue #22 with five residents who came back on benefit within six months (an application and a
#: benefit each; the theme controls see five more clients, so their figures moved too)
DEMOSTAD_100 = (100, 50, 80, 105, 29, 62, 55, 20, 129, 14, 23, 175, 261, 17, 3, 15, 93)


def _loaded(django_db_blocker, tmp_path_factory, **options):
    """Load the demo in a transaction that the generator's caller rolls back afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        # Not pytest-django's ``settings``: the theme controls' deliveries wait in a folder of the test's own.
        patch.setattr(settings, "NALEVING_DELIVERY_DIR", tmp_path_factory.mktemp("leveringen"))
        with django_db_blocker.unblock(), transaction.atomic():
            yield demo_municipality_load(seed=SEED, reference_date=REFERENCE, **options)
            transaction.set_rollback(True)


@pytest.fixture(scope="class")
def mer(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from _loaded(django_db_blocker, tmp_path_factory, residents=90, organisation="mer")


@pytest.fixture(scope="class")
def demostad(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from _loaded(django_db_blocker, tmp_path_factory, residents=100)


def _works_for(user: User, gemeente_id: int) -> bool:
    return user.all_gemeenten or user.gemeenten.filter(pk=gemeente_id).exists()


@pytest.mark.django_db
class TestMer:
    def test_the_organisation_holds_three_municipalities_with_residents_in_each(self, mer):
        organisation = Organisation.objects.get()
        assert (organisation.name, organisation.kind) == (
            "Servicecentrum MER",
            Organisation.Kind.SAMENWERKING,
        )
        gemeenten = {g.code: g for g in Gemeente.objects.all()}
        assert {code: g.name for code, g in gemeenten.items()} == MER_CODES
        for gemeente in gemeenten.values():
            assert gemeente.policy_profile == "mer-2025"
            assert gemeente.objection_street.startswith("Postbus ")
            assert gemeente.email.endswith(".example") and ".example" in gemeente.website
            assert Resident.objects.filter(gemeente=gemeente).count() >= 15
        assert Resident.objects.count() == 90

    def test_every_resident_lives_in_a_wijk_of_their_own_municipality(self, mer):
        wijken = {m.name: {d.name for d in m.districts} for m in MER.municipalities}
        for name, city, district in Resident.objects.values_list("gemeente__name", "city", "district"):
            assert city == name
            assert district in wijken[name]

    def test_caseloads_and_casework_stay_within_the_municipality(self, mer):
        for resident in Resident.objects.select_related("consulent", "fixed_contact_person"):
            assert not resident.consulent.all_gemeenten
            assert _works_for(resident.consulent, resident.gemeente_id)
            if resident.fixed_contact_person:
                assert _works_for(resident.fixed_contact_person, resident.gemeente_id)
        for investigation in Investigation.objects.select_related("resident", "assigned_to"):
            assert _works_for(investigation.assigned_to, investigation.resident.gemeente_id)
        for signal in Signal.objects.filter(resident__isnull=False).select_related("triaged_by", "resident"):
            assert signal.triaged_by is None or _works_for(signal.triaged_by, signal.resident.gemeente_id)
        besluiten = Besluit.objects.select_related("resident", "cosigned_by")
        assert {b.profile for b in besluiten} == {"mer-2025"}
        for besluit in besluiten.filter(cosigned_by__isnull=False):
            assert _works_for(besluit.cosigned_by, besluit.resident.gemeente_id)

    def test_scoped_demo_users_see_only_their_municipality(self, mer):
        for username, names in (
            ("consulent", {"Meerssen"}),
            ("consulent3", {"Eijsden-Margraten"}),
            ("consulent5", {"Valkenburg aan de Geul"}),
            ("teamleider2", {"Eijsden-Margraten", "Valkenburg aan de Geul"}),
        ):
            user = User.objects.get(username=username)
            assert set(gemeenten_of(user).values_list("name", flat=True)) == names
            seen = set(residents_visible_to(user).values_list("gemeente__name", flat=True))
            assert seen == names, username
        teamleider = User.objects.get(username="teamleider")
        meerssen = Resident.objects.filter(gemeente__name="Meerssen")
        assert set(residents_visible_to(teamleider)) == set(meerssen)
        # A handhaver sees the residents of their investigations while access lasts, in their municipality only.
        for username, name in (("handhaver", "Meerssen"), ("handhaver2", "Eijsden-Margraten")):
            handhaver = User.objects.get(username=username)
            assert list(gemeenten_of(handhaver).values_list("name", flat=True)) == [name]
            assert set(residents_visible_to(handhaver).values_list("gemeente__name", flat=True)) <= {name}

    def test_organisation_wide_roles_work_for_all_municipalities(self, mer):
        for username in ("fg", "beheerder", "analist", "beleid", "archivaris"):
            assert User.objects.get(username=username).all_gemeenten, username

    def test_demo_users_print_each_users_municipalities_and_change_nothing_again(self, mer):
        before = {u.username: set(u.gemeenten.values_list("code", flat=True)) for u in User.objects.all()}
        out = StringIO()
        call_command("demo-users", org="mer", print=True, stdout=out)

        lines = {line.split()[0]: line for line in out.getvalue().splitlines()[2:]}
        assert "Eijsden-Margraten, Valkenburg aan de Geul" in lines["teamleider2"]
        assert "Valkenburg aan de Geul" in lines["consulent5"] and "alle" in lines["fg"]
        assert {
            u.username: set(u.gemeenten.values_list("code", flat=True)) for u in User.objects.all()
        } == before

    def test_another_organisation_is_refused_in_this_database(self, mer):
        with pytest.raises(DemoOrganisationError, match="Servicecentrum MER"):
            organisation_ensure("demostad")
        # --if-empty leaves a filled database alone, but not one of another organisation
        with pytest.raises(CommandError, match="hoort bij Servicecentrum MER"):
            call_command("demo-data", org="baanbrekers", residents=10, if_empty=True, stdout=StringIO())
        with pytest.raises(CommandError, match="hoort bij Servicecentrum MER"):
            call_command("demo-users", org="demostad", stdout=StringIO())
        assert Resident.objects.count() == 90


@pytest.fixture(scope="class")
def baanbrekers(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from _loaded(django_db_blocker, tmp_path_factory, residents=90, organisation="baanbrekers")


@pytest.mark.django_db
class TestBaanbrekers:
    def test_decisions_fall_in_the_period_of_each_municipalitys_profile(self, baanbrekers):
        assert set(Resident.objects.values_list("gemeente__name", flat=True)) == {
            "Waalwijk",
            "Heusden",
            "Loon op Zand",
        }
        besluiten = Besluit.objects.all()
        assert besluiten.exists()
        # baanbrekers-2026 is in force from 2026-01-01: the engine refuses an earlier decision under it
        assert {b.profile for b in besluiten} == {"baanbrekers-2026"}
        assert min(b.decision_date for b in besluiten) >= date(2026, 1, 1)


@pytest.mark.django_db
class TestDemostad:
    def test_demostad_loads_what_it_loaded_before(self, demostad):
        assert tuple(demostad.counts[model._meta.label] for model in MODELS) == DEMOSTAD_100
        assert list(Gemeente.objects.values_list("code", "name")) == [("GM9999", "Demostad")]
        assert set(Resident.objects.values_list("city", flat=True)) == {"Demostad"}
        assert Organisation.objects.get().name == "Gemeente Demostad"

    def test_demostad_users_keep_their_teams_and_see_the_whole_municipality(self, demostad):
        consulent = User.objects.get(username="consulent")
        assert consulent.team.name == "Team Noord" and consulent.all_gemeenten
        assert residents_visible_to(User.objects.get(username="teamleider2")).exists()
        assert not User.objects.filter(username="handhaver3").exists()
