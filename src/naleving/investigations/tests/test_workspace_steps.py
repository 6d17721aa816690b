"""The investigation workspace as steps (issue #21): statuses, the one open form, reasons why not yet, and a
refused save shown at its own step with the error summary above its form."""

import re
from datetime import date

import pytest
from django.urls import reverse

from naleving.investigations.models import Investigation
from naleving.investigations.tests.factories import HoorEnWederhoorFactory
from naleving.investigations.workspace import CURRENT, DONE, NOT_YET, SKIPPED, TODO, workspace_steps

pytestmark = pytest.mark.django_db


def detail(world):
    return reverse("investigations:detail", args=[world["investigation"].pk])


def section(body: str, anchor: str) -> str:
    match = re.search(rf'<section aria-labelledby="{anchor}" class="nl-step">.*?</section>', body, re.S)
    assert match, f"no step {anchor}"
    return match.group(0)


def open_form(part: str, path: str) -> bool:
    """Whether the form posting to ``path`` is in ``part`` and not folded away in a <details>."""
    before = part.split(f'action="{path}"')[0]
    assert f'action="{path}"' in part, f"no form for {path}"
    return before.count("<details") == before.count("</details>")


def test_a_new_investigation_opens_at_handelingen_and_afronden_is_not_possible_yet(client, world):
    client.force_login(world["handhaver"])
    body = client.get(detail(world)).content.decode()
    pk = world["investigation"].pk
    steps = re.search(r'<ol class="utrecht-ordered-list nl-steps">.*?</ol>', body, re.S).group(0)
    assert steps.count('aria-current="step"') == 1
    assert re.search(r'href="#handelingen" aria-current="step">[^<]+</a>: <strong>bezig</strong>', steps)
    assert "Afronden</a>: <strong>nog niet mogelijk</strong> (Eerst de bevindingen vastleggen" in steps
    assert open_form(section(body, "handelingen"), f"/onderzoeken/{pk}/handelingen/")
    assert not open_form(section(body, "documenten"), f"/onderzoeken/{pk}/documenten/")
    assert not open_form(section(body, "bevindingen"), f"/onderzoeken/{pk}/bevindingen/")
    assert "<form" not in section(body, "afronden")


def test_with_findings_recorded_afronden_is_the_open_step(client, world):
    Investigation.objects.filter(pk=world["investigation"].pk).update(outcome="geen_schending")
    client.force_login(world["handhaver"])
    body = client.get(detail(world)).content.decode()
    pk = world["investigation"].pk
    assert re.search(r'href="#afronden" aria-current="step">Afronden</a>: <strong>bezig</strong>', body)
    assert "Hoor en wederhoor</a>: <strong>overgeslagen</strong>" in body
    assert open_form(section(body, "afronden"), f"/onderzoeken/{pk}/afronden/")
    # Recording the findings again stays possible (the service replaces them), folded away.
    assert not open_form(section(body, "bevindingen"), f"/onderzoeken/{pk}/bevindingen/")


def test_a_refused_save_opens_its_step_with_the_summary_above_its_form(client, world):
    client.force_login(world["handhaver"])
    pk = world["investigation"].pk
    response = client.post(
        reverse("investigations:hearing", args=[pk]), {"hearing-version": 1, "hearing-method": "gesprek"}
    )
    body = response.content.decode()
    hearing = section(body, "hoor-en-wederhoor")
    assert open_form(hearing, f"/onderzoeken/{pk}/hoor-en-wederhoor/")
    form = hearing.split(f'action="/onderzoeken/{pk}/hoor-en-wederhoor/"')[1]
    assert form.index("data-nl-error-summary") < form.index('name="hearing-held_on"')
    assert 'href="#id_hearing-held_on"' in form and 'id="id_hearing-held_on"' in form
    assert body.count("data-nl-error-summary") == 1
    # The current step folds away while the refused one is open: one open form on the page.
    assert not open_form(section(body, "handelingen"), f"/onderzoeken/{pk}/handelingen/")


def test_closing_before_the_findings_is_refused_at_its_step(client, world):
    client.force_login(world["handhaver"])
    pk = world["investigation"].pk
    body = client.post(
        reverse("investigations:close", args=[pk]), {"close-version": 1, "close-conclusion": "Klaar."}
    ).content.decode()
    close = section(body, "afronden")
    assert "Leg eerst de bevindingen vast" in close and "data-nl-error-summary" in close
    assert not Investigation.objects.get(pk=pk).closed_on


def test_others_read_the_steps_without_forms(client, world):
    HoorEnWederhoorFactory(
        investigation=world["investigation"], held_on=date(2026, 3, 2), summary="Gehoord.", recorded_by=None
    )
    client.force_login(world["consulent"])
    body = client.get(detail(world)).content.decode()
    assert "Hoor en wederhoor</a>: <strong>afgerond</strong>" in body and "Gehoord." in body
    for anchor in ("handelingen", "documenten", "hoor-en-wederhoor", "bevindingen", "afronden"):
        assert "<form" not in section(body, anchor) and "<details" not in section(body, anchor)


class _Investigation:
    def __init__(self, outcome="", is_open=True):
        self.outcome, self.is_open = outcome, is_open


def statuses(investigation, counts, **kwargs):
    return [(s.status, s.form) for s in workspace_steps(investigation, counts, **kwargs)]


def test_the_steps_follow_what_the_services_allow():
    none = {"action": 0, "document": 0, "hearing": 0}
    assert statuses(_Investigation(), none, can_conduct=True) == [
        (CURRENT, "open"),
        (TODO, "folded"),
        (TODO, "folded"),
        (TODO, "folded"),
        (NOT_YET, ""),
    ]
    heard = {"action": 1, "document": 0, "hearing": 1}
    assert statuses(_Investigation(), heard, can_conduct=True) == [
        (DONE, "folded"),
        (SKIPPED, "folded"),
        (DONE, "folded"),
        (CURRENT, "open"),
        (NOT_YET, ""),
    ]
    assert statuses(_Investigation("schending", is_open=False), heard, can_conduct=False) == [
        (DONE, ""),
        (SKIPPED, ""),
        (DONE, ""),
        (DONE, ""),
        (DONE, ""),
    ]
    assert statuses(_Investigation(), none, can_conduct=False)[0] == (CURRENT, "")
    refused = statuses(_Investigation(), none, can_conduct=True, bound="close")
    assert refused[0] == (CURRENT, "folded") and refused[4] == (NOT_YET, "open")
