"""The warning about legal amounts or the policy profile missing today or ending soon: the functioneel
beheerder's home page and the system check; other roles only meet a refused date on their decision."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from naleving import rules
from naleving.decisions.checks import check_parameters
from naleving.decisions.parameters import parameter_warning

SHIPPED = rules.default_registry()


def test_warning_groups_the_gaps_per_kind_of_amount():
    warning = parameter_warning(date(2027, 1, 2), "landelijk", registry=SHIPPED)
    assert warning.missing_today and warning.profile == "landelijk"
    assert [group.sentence for group in warning.groups] == [
        "Bijstandsnormen (9 bedragen): geen waarde vanaf 01-01-2027",
        "Vermogensgrenzen (4 bedragen): geen waarde vanaf 01-01-2027",
    ]
    assert "norm.gehuwden.aow" in warning.groups[0].names
    assert warning.profile_ends is None  # landelijk has no end
    ending = parameter_warning(date(2026, 11, 23), "landelijk", registry=SHIPPED)
    assert not ending.missing_today
    assert [group.sentence for group in ending.groups] == [
        "Bijstandsnormen (9 bedragen): lopen af, geen waarde meer vanaf 01-01-2027",
        "Vermogensgrenzen (4 bedragen): lopen af, geen waarde meer vanaf 01-01-2027",
    ]


def test_no_warning_when_every_amount_has_a_value():
    assert parameter_warning(date(2026, 1, 1), "landelijk", registry=SHIPPED) is None


def test_warning_when_the_profile_ends_within_90_days():
    assert parameter_warning(date(2026, 1, 1), "groningen-2024", registry=SHIPPED) is None
    warning = parameter_warning(date(2026, 10, 15), "groningen-2024", registry=SHIPPED)
    assert warning.profile_ends == date(2026, 12, 31)
    assert warning.profile_sentence == "Beleidsprofiel groningen-2024 loopt af op 31-12-2026"
    assert [group.kind for group in warning.groups] == ["Bijstandsnormen", "Vermogensgrenzen"]  # end with it
    ended = parameter_warning(date(2027, 1, 2), "groningen-2024", registry=SHIPPED)
    assert ended.profile_sentence == "Beleidsprofiel groningen-2024 is afgelopen op 31-12-2026"


@pytest.mark.django_db
def test_an_approved_set_closes_the_gap(world):
    """parameter_warning reads the approved parameter sets: new norms from 2027 end their warning."""
    from naleving.ruleset import services
    from naleving.ruleset.tests.yaml_texts import NORMS_2027

    created = services.parameterset_propose(
        actor=world["beheerder"],
        text=NORMS_2027,
        source_url="https://zoek.officielebekendmakingen.nl/stcrt-1",
    )
    services.parameterset_approve(actor=world["teamleider"], parameter_set=created)
    warning = parameter_warning(date(2027, 1, 2), "landelijk")
    assert [group.sentence for group in warning.groups] == [
        "Vermogensgrenzen (4 bedragen): geen waarde vanaf 01-01-2027",
    ]


@pytest.mark.django_db
def test_system_check_warns_per_group(settings, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 1, 2))
    settings.NALEVING_DEFAULT_PROFILE = "landelijk"
    messages = check_parameters()
    assert [m.id for m in messages] == ["naleving.W001", "naleving.W001"]
    assert (
        messages[0].msg
        == "Beslisregels (profiel landelijk): Bijstandsnormen (9 bedragen): geen waarde vanaf 01-01-2027."
    )
    assert "naleving rules check" in messages[0].hint and "Wettelijke bedragen" in messages[0].hint
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 11, 23))
    assert [m.id for m in check_parameters()] == ["naleving.W002", "naleving.W002"]
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 1, 1))
    assert check_parameters() == []
    settings.NALEVING_DEFAULT_PROFILE = "groningen-2024"
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 10, 15))
    messages = check_parameters()
    assert [m.id for m in messages] == ["naleving.W002", "naleving.W002", "naleving.W003"]
    assert messages[-1].msg == "Beslisregels: Beleidsprofiel groningen-2024 loopt af op 31-12-2026."


@pytest.mark.django_db
def test_only_the_functional_administrator_sees_the_warning_on_home(world, client, monkeypatch, settings):
    from django.utils import timezone

    settings.NALEVING_DEFAULT_PROFILE = "landelijk"
    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 1, 2))
    client.force_login(world["beheerder"])
    home = client.get(reverse("web:home")).content.decode()
    assert 'data-testid="parameter-warning"' in home
    assert "Bijstandsnormen (9 bedragen): geen waarde vanaf 01-01-2027" in home
    assert f'href="{reverse("ruleset:propose")}"' in home
    for role in ("consulent", "teamleider", "handhaver", "analist", "fg", "beleid"):
        client.force_login(world[role])
        assert 'data-testid="parameter-warning"' not in client.get(reverse("web:home")).content.decode(), role
    client.force_login(world["beheerder"])
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 3, 1))
    assert 'data-testid="parameter-warning"' not in client.get(reverse("web:home")).content.decode()


@pytest.mark.django_db
def test_home_names_the_ending_profile(world, client, monkeypatch, settings):
    from django.utils import timezone

    settings.NALEVING_DEFAULT_PROFILE = "groningen-2024"
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 10, 15))
    client.force_login(world["beheerder"])
    home = client.get(reverse("web:home")).content.decode()
    assert "Beleidsprofiel groningen-2024 loopt af op 31-12-2026" in home
    assert f'href="{reverse("ruleset:propose_file")}"' in home


@pytest.mark.django_db
def test_check_command_output_names_the_parameters(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as raised:
        call_command("rules", "check", "--date", "2027-01-02", "--horizon", "0", "--profile", "landelijk")
    assert raised.value.returncode == 1
    out = capsys.readouterr().out
    assert "- norm.alleenstaande.21_to_aow (norms.yaml): geen waarde sinds 2027-01-01" in out
    assert "fine.category" not in out


@pytest.mark.django_db
def test_decision_pages_show_no_general_warning_but_refuse_a_date_without_amounts(
    world, client, monkeypatch, breach
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 2, 1))  # the norms end on 2026-12-31
    client.force_login(world["consulent"])
    for url in (
        reverse("web:home"),
        reverse("decisions:what_if"),
        reverse("decisions:prepare", args=[breach.pk]),
    ):
        body = client.get(url).content.decode()
        assert 'data-testid="parameter-warning"' not in body, url
    url = reverse("decisions:prepare", args=[breach.pk]) + "?decision_date=2027-01-05&cooperation=yes"
    body = client.get(url).content.decode()
    assert "Voor een besluit op 5 januari 2027 ontbreekt nog de bijstandsnorm" in body
    assert "De functioneel beheerder kan dit bedrag toevoegen." in body
    assert "naleving rules" not in body and "src/naleving" not in body
