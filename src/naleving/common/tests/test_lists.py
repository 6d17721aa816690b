"""The lists scale (issue #21): page numbers with gaps, sorting on the column headers, clean filters."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from naleving.decisions.tests.factories import BesluitFactory
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory

LISTS = [
    "residents:list",
    "signals:list",
    "investigations:list",
    "decisions:list",
    "claims:list",
    "prevention:list",
]


def _pagination(number: int, query_string: str = "", pages: int = 40) -> str:
    page = Paginator(range(pages * 25), 25).get_page(number)
    return Template("{% load lists %}{% pagination %}").render(
        Context({"page_obj": page, "query_string": query_string})
    )


def test_the_pages_are_numbered_with_gaps_around_the_current_one():
    html = _pagination(8, "status=open&sorteer=-gestart")
    numbers = re.findall(r'aria-label="Pagina (\d+)">', html)
    assert numbers == ["1", "7", "8", "9", "40"]
    assert html.count("…") == 2
    assert (
        '<a class="utrecht-pagination__page-link utrecht-pagination__page-link--current" aria-current="page" '
        'href="?status=open&amp;sorteer=-gestart&amp;page=8" aria-label="Pagina 8">8</a>'
    ) in html
    assert html.count('aria-current="page"') == 1
    assert 'rel="prev" href="?status=open&amp;sorteer=-gestart&amp;page=7">Vorige</a>' in html
    assert 'rel="next" href="?status=open&amp;sorteer=-gestart&amp;page=9">Volgende</a>' in html
    assert "Pagina 8 van 40 (1000 resultaten)" in html


def test_the_first_and_last_page_have_no_link_beyond_them_and_one_page_has_no_pagination():
    first, last = _pagination(1), _pagination(40)
    assert "Vorige" not in first and 'href="?page=2">Volgende' in first
    assert "Volgende" not in last and 'href="?page=39">Vorige' in last
    assert _pagination(1, pages=1).strip() == ""


def test_volgende_is_not_shouted_and_the_page_numbers_wrap():
    css = (Path(__file__).parents[2] / "web/static/naleving/naleving.css").read_text()
    assert "--utrecht-pagination-relative-link-text-transform: none" in css
    assert re.search(r"\.nl-pagination__pages \{[^}]*flex-wrap: wrap", css)


def _request(query: str):
    return RequestFactory().get(f"/onderzoeken/?{query}")


def _header(query: str, label="Gestart", name="gestart") -> str:
    from django.template import Context, Template

    template = Template("{% load lists %}{% sort_header label name %}")
    request = _request(query)
    params = request.GET.copy()
    params.pop("page", None)
    return template.render(
        Context({"request": request, "query_string": params.urlencode(), "label": label, "name": name})
    )


def test_a_header_sorts_ascending_then_descending_and_keeps_the_filters():
    assert _header("status=open&page=3") == (
        '<th scope="col" class="utrecht-table__header-cell">'
        '<a class="utrecht-link nl-sort" href="?status=open&amp;sorteer=gestart">Gestart</a></th>'
    )
    ascending = _header("status=open&sorteer=gestart")
    assert 'aria-sort="ascending"' in ascending and 'href="?status=open&amp;sorteer=-gestart"' in ascending
    descending = _header("sorteer=-gestart")
    assert 'aria-sort="descending"' in descending and 'href="?sorteer=gestart"' in descending
    assert "aria-sort" not in _header("sorteer=-status")


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_no_filter_offers_geen_or_onbekend_and_each_empty_choice_says_alle(client, world, name):
    client.force_login(world["teamleider"])
    response = client.get(reverse(name))
    form = response.context["filter"].form
    for field in form:
        choices = list(getattr(field.field, "choices", []))
        if not choices or field.name == "sorteer":
            continue
        labels = [str(label) for _value, label in choices]
        assert labels[0].startswith("Alle"), (name, field.name, labels)
        assert [v for v, _ in choices].count("") == 1, (name, field.name)
        assert "Geen" not in labels and "Onbekend" not in labels, (name, field.name, labels)
    page = response.content.decode()
    assert ">Onbekend<" not in page and ">Geen</option>" not in page
    assert 'name="sorteer"' not in page  # sorting is on the headers, not a select


@pytest.mark.django_db
def test_a_yes_no_filter_is_alle_ja_nee(client, world):
    client.force_login(world["teamleider"])
    form = client.get(reverse("decisions:list")).context["filter"].form
    assert list(form.fields["deviates"].widget.choices) == [("", "Alle"), ("true", "Ja"), ("false", "Nee")]
    shown = client.get(reverse("decisions:list"), {"deviates": "false"}).context["object_list"]
    assert [b.pk for b in shown] == [world["besluit"].pk]
    assert list(client.get(reverse("decisions:list"), {"deviates": "true"}).context["object_list"]) == []


@pytest.mark.django_db
def test_route_geen_still_shows_the_signals_nobody_has_triaged(client, world):
    from naleving.signals.tests.factories import SignalFactory

    triaged = SignalFactory(resident=world["jansen"], to_investigation=True)
    client.force_login(world["teamleider"])
    response = client.get(reverse("signals:list"), {"route": "geen"})
    shown = {s.pk for s in response.context["object_list"]}
    assert world["signal"].pk in shown and triaged.pk not in shown
    choices = list(response.context["filter"].form.fields["route"].choices)
    assert choices[:2] == [("", "Alle routes"), ("geen", "Nog niet beoordeeld")]


@pytest.mark.django_db
def test_sorting_a_list_by_a_column_and_back_with_the_pk_as_tie_breaker(client, world):
    same_day = [
        InvestigationFactory(
            resident=ResidentFactory(consulent=world["consulent"]),
            opened_on=date(2026, 1, 5),
            assigned_to=None,
        )
        for _ in range(3)
    ]
    client.force_login(world["teamleider"])
    url = reverse("investigations:list")
    default = [i.pk for i in client.get(url).context["object_list"]]
    assert default[0] == world["investigation"].pk  # newest first, as before
    ascending = client.get(url, {"sorteer": "gestart"})
    assert [i.pk for i in ascending.context["object_list"]] == [
        *(i.pk for i in same_day),
        world["investigation"].pk,
    ]
    descending = client.get(url, {"sorteer": "-gestart"})
    assert [i.pk for i in descending.context["object_list"]] == [
        world["investigation"].pk,
        *reversed([i.pk for i in same_day]),
    ]
    page = descending.content.decode()
    assert '<th scope="col" class="utrecht-table__header-cell" aria-sort="descending">' in page
    assert 'href="?sorteer=gestart">Gestart' in page


@pytest.mark.django_db
def test_the_amount_columns_sort_numerically(client, world):
    small = BesluitFactory(concept=True, resident=world["jansen"], fine_amount=50, recovery_amount=10)
    client.force_login(world["teamleider"])
    url = reverse("decisions:list")
    assert [b.pk for b in client.get(url, {"sorteer": "boete"}).context["object_list"]] == [
        small.pk,
        world["besluit"].pk,
    ]
    descending = client.get(url, {"sorteer": "-boete"}).context["object_list"]
    assert [b.pk for b in descending] == [world["besluit"].pk, small.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_every_main_list_sorts_on_its_headers(client, world, name):
    client.force_login(world["teamleider"])
    filterset = client.get(reverse(name)).context["filter"]
    for key in filterset.filters["sorteer"].columns:
        for value in (key, f"-{key}"):
            response = client.get(reverse(name), {"sorteer": value})
            assert response.status_code == 200
            assert response.context["filter"].is_valid(), (name, value)
            assert (
                f'aria-sort="{"descending" if value[0] == "-" else "ascending"}"' in response.content.decode()
            )


@pytest.mark.django_db
def test_the_triage_queue_stays_oldest_first(client, world):
    from naleving.signals.tests.factories import SignalFactory

    older = SignalFactory(resident=world["jansen"], received_on=date(2025, 12, 1))
    client.force_login(world["teamleider"])
    rows = client.get(reverse("signals:triage_queue")).context["rows"]
    assert rows[0]["signal"].pk == older.pk


@pytest.mark.django_db
def test_the_default_order_has_the_pk_as_tie_breaker(client, world):
    twins = [
        ResidentFactory(consulent=world["consulent"], family_name="Aalders", first_names="Piet")
        for _ in range(3)
    ]
    client.force_login(world["consulent"])
    shown = [r.pk for r in client.get(reverse("residents:list")).context["object_list"]]
    assert shown[:3] == sorted(t.pk for t in twins)  # by name as before, then by number


def _part(tag: str, context: dict) -> str:
    return Template("{% load lists %}" + tag).render(Context(context))


def test_the_pagination_reads_its_anchor_from_the_page_or_the_tag_and_escapes_the_filters():
    page = Paginator(range(75), 25).get_page(2)
    from_page = _part("{% pagination %}", {"page_obj": page, "anchor": "treffers", "query_string": "q=a&b"})
    assert 'href="?q=a&amp;b&amp;page=3#treffers"' in from_page
    from_tag = _part('{% pagination anchor="lijst" %}', {"page_obj": page, "anchor": "treffers"})
    assert 'href="?page=1#lijst"' in from_tag and "#treffers" not in from_tag


def test_the_filter_form_posts_with_the_page_s_token_and_keeps_the_sort_order():
    from django import forms

    class Form(forms.Form):
        naam = forms.CharField(label="Naam 'x'", required=False)
        sorteer = forms.CharField(required=False)

    request = RequestFactory().get("/inwoners/?sorteer=-naam%22")
    context = {"request": request, "filter": type("F", (), {"form": Form()})(), "csrf_token": "tok"}
    html = _part('{% filter_form filter_label="Inwoners zoeken" filter_method="post" %}', context)
    assert html.startswith(
        '<form method="post" class="nl-filters" role="search" aria-label="Inwoners zoeken">'
    )
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="tok">' in html
    assert '<input type="hidden" name="sorteer" value="-naam&quot;">' in html
    assert ">Naam &#x27;x&#x27;</label>" in html and 'href="/inwoners/">Wissen</a>' in html
    get = _part("{% filter_form %}", {**context, "csrf_token": "NOTPROVIDED"})
    assert 'method="get"' in get and 'aria-label="Zoeken en filteren"' in get
    assert "csrfmiddlewaretoken" not in get and 'href="?">Wissen</a>' in get
    # the saved filters show only on a list that has a name
    assert "Bewaarde filters" not in get
    saved = {**context, "list_name": "residents:list", "saved_filter_query": "naam=a&b"}
    assert 'name="query" value="naam=a&amp;b"' in _part("{% filter_form %}", saved)
