"""The rows of the main lists in Jinja2 (ADR 0036): the same links, dates, amounts and escaped text as the Django
templates write them."""

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from naleving.common.jinja import date as jinja_date
from naleving.common.jinja import escaped, url

ROWS = sorted(Path(__file__).resolve().parents[2].glob("*/jinja2/*/*.html"))
TEXTS = ['<script>alert("x")</script>', "Jennifer van 't Riet", "a & b", 'zei "ja"', "gewoon"]


def test_every_list_s_rows_template_is_found():
    names = {f"{p.parent.name}/{p.name}" for p in ROWS}
    assert {
        "residents/rows.html",
        "signals/rows.html",
        "investigations/rows.html",
        "decisions/rows.html",
        "claims/rows.html",
        "claims/collection_rows.html",
        "dossier/timeline.html",
    } <= names


@pytest.mark.parametrize("text", TEXTS)
def test_a_value_is_escaped_exactly_as_django_escapes_it(text):
    template = engines["jinja2"].from_string("<td>{{ value }}</td>")
    assert template.render({"value": text}) == f"<td>{escape(text)}</td>"


def test_safe_html_numbers_and_none_are_written_as_django_writes_them():
    render = engines["jinja2"].from_string("{{ a }}|{{ b }}|{{ c }}|{{ d }}").render
    assert (
        render({"a": mark_safe("<b>vet</b>"), "b": 12345, "c": None, "d": True})
        == "<b>vet</b>|12345|None|True"
    )
    assert escaped("'") == "&#x27;" and escaped('"') == "&quot;" and escaped(7) == 7


def test_url_is_reverse_for_ids_and_for_other_arguments():
    assert url("residents:detail", 42) == reverse("residents:detail", args=[42])
    assert url("web:home") == reverse("web:home")


@override_settings(TIME_ZONE="Europe/Amsterdam")
def test_date_writes_the_table_format_and_a_moment_in_local_time():
    assert jinja_date(date(2027, 1, 5), "d-m-Y") == "05-01-2027"
    assert jinja_date(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "d-m-Y H:i") == "01-01-2027 00:30"
    assert jinja_date(None, "d-m-Y") == ""


def test_the_rows_tag_renders_the_rows_with_the_values_beside_them():
    resident = SimpleNamespace(
        pk=7,
        full_name="<i>Jan</i> van 't Hof",
        needs_extra_support=True,
        masked_bsn="*****1234",
        birth_date=date(1980, 2, 3),
        address="Straat 1, 1234 AB Stad",
        district="Centrum",
        consulent=None,
    )
    html = (
        engines["django"]
        .from_string('{% load lists %}{% rows "residents/rows.html" page %}')
        .render({"page": [resident]})
    )
    assert escape("<i>Jan</i> van 't Hof") in html and "<i>" not in html
    assert f'href="{reverse("residents:detail", args=[7])}"' in html
    assert "03-02-1980" in html and "extra ondersteuning" in html and ">—</td>" in html


def test_an_empty_page_says_so_and_a_claim_s_amounts_are_in_euros():
    render = engines["django"].from_string
    assert "Geen vorderingen gevonden." in render(
        '{% load lists %}{% rows "claims/rows.html" page %}'
    ).render({"page": []})
    claim = SimpleNamespace(
        pk=3,
        created_on=date(2026, 5, 1),
        resident=SimpleNamespace(full_name="A"),
        get_kind_display=lambda: "Terugvordering",
        amount=Decimal("1234.5"),
        paid=Decimal("0"),
        get_status_display=lambda: "Open",
    )
    html = render('{% load lists %}{% rows "claims/rows.html" page %}').render({"page": [claim]})
    assert "€ 1.234,50" in html and "€ 0,00" in html
