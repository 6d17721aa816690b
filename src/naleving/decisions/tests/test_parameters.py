"""The warning about legal amounts missing today or ending soon: home page, decision pages, system check."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from naleving.decisions.checks import check_parameters
from naleving.decisions.parameters import parameter_warning


def test_warning_groups_the_gaps_per_kind_of_amount():
    warning = parameter_warning(date(2027, 1, 2), "landelijk")
    assert warning.missing_today and warning.profile == "landelijk"
    assert [group.sentence for group in warning.groups] == [
        "Bijstandsnormen (9 bedragen): geen waarde vanaf 01-01-2027",
        "Vermogensgrenzen (4 bedragen): geen waarde vanaf 01-01-2027",
    ]
    assert "norm.gehuwden.aow" in warning.groups[0].names
    ending = parameter_warning(date(2026, 11, 23), "landelijk")
    assert not ending.missing_today
    assert [group.sentence for group in ending.groups] == [
        "Bijstandsnormen (9 bedragen): lopen af, geen waarde meer vanaf 01-01-2027",
        "Vermogensgrenzen (4 bedragen): lopen af, geen waarde meer vanaf 01-01-2027",
    ]


def test_no_warning_when_every_amount_has_a_value():
    assert parameter_warning(date(2026, 1, 1), "landelijk") is None


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
    assert "naleving rules check" in messages[0].hint
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 11, 23))
    assert [m.id for m in check_parameters()] == ["naleving.W002", "naleving.W002"]
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 1, 1))
    assert check_parameters() == []


@pytest.mark.django_db
def test_home_and_decision_pages_show_the_warning(world, client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 1, 2))
    client.force_login(world["consulent"])
    home = client.get(reverse("web:home")).content.decode()
    assert 'data-testid="parameter-warning"' in home
    assert "Bijstandsnormen (9 bedragen): geen waarde vanaf 01-01-2027" in home
    what_if = client.get(reverse("decisions:what_if")).content.decode()
    assert "Wettelijke bedragen ontbreken in de beslisregels" in what_if
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 3, 1))
    assert 'data-testid="parameter-warning"' not in client.get(reverse("web:home")).content.decode()


def test_check_command_output_names_the_parameters(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as raised:
        call_command("rules", "check", "--date", "2027-01-02", "--horizon", "0", "--profile", "landelijk")
    assert raised.value.returncode == 1
    out = capsys.readouterr().out
    assert "- norm.alleenstaande.21_to_aow (norms.yaml): geen waarde sinds 2027-01-01" in out
    assert "fine.category" not in out


@pytest.mark.django_db
def test_staff_pages_say_who_adds_an_amount_without_commands_or_paths(world, client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 2, 1))  # the norms end on 2026-12-31
    client.force_login(world["consulent"])
    for url in (reverse("web:home"), reverse("decisions:what_if")):
        body = client.get(url).content.decode()
        assert 'data-testid="parameter-warning"' in body and "De functioneel beheerder kan" in body
        assert "naleving rules" not in body and "src/naleving" not in body
