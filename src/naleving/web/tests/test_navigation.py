"""The menu bar: at most ``MAX_TOP_LEVEL`` items for every role (a teamleider's twelve wrapped onto two
lines at 1280 px), every page the role may open still reachable, under "Meer" when it does not fit."""

import re

import pytest
from django.urls import reverse

from naleving.accounts.roles import ROLES
from naleving.web.context_processors import MAX_TOP_LEVEL, NAVIGATION, navigation_items

pytestmark = pytest.mark.django_db


def _allowed(user) -> set[str]:
    return {
        reverse(url_name)
        for _, url_name, perms, _ in NAVIGATION
        if perms is None or any(user.has_perm(p) for p in perms)
    }


@pytest.mark.parametrize("role", [role.key for role in ROLES])
def test_no_role_has_more_than_the_bar_holds_and_every_page_stays_reachable(make_user, role):
    user = make_user(role)
    top, more = navigation_items(user, "/")
    assert len(top) <= MAX_TOP_LEVEL
    reachable = {item["url"] for item in top + more}
    assert _allowed(user) <= reachable
    assert bool(more) == (reverse("web:more") in reachable)


def test_the_teamleider_keeps_his_daily_pages_in_the_bar(make_user):
    top, more = navigation_items(make_user("teamleider"), "/")
    labels = [item["label"] for item in top]
    assert labels == [
        "Mijn werk",
        "Inwoners",
        "Signalen",
        "Triage",
        "Onderzoeken",
        "Termijnen",
        "Besluiten",
        "Meer",
    ]
    assert [item["label"] for item in more] == [
        "Preventie",
        "Werkvoorraad",
        "Vorderingen",
        "Analyses",
        "Rapportages",
        "Wettelijke bedragen",
    ]


def test_a_page_under_more_makes_more_current(client, make_user):
    client.force_login(make_user("teamleider"))
    body = client.get(reverse("ruleset:list")).content.decode()
    current = re.findall(r'href="([^"]+)" aria-current="page"', body)
    assert current == [reverse("web:more")]
    page = client.get(reverse("web:more")).content.decode()
    links = re.search(r'data-testid="more-links">(.*?)</ul>', page, re.S).group(1)
    assert reverse("reports:overview") in links and reverse("ruleset:list") in links


def test_home_is_current_on_mijn_werk(client, make_user):
    client.force_login(make_user("inkomensconsulent"))
    body = client.get(reverse("web:home")).content.decode()
    assert re.findall(r'href="([^"]+)" aria-current="page"', body) == ["/"]
    assert ">Meer</a>" not in body  # the consulent's eight pages fit


def test_more_page_without_overflow_says_so(client, make_user):
    client.force_login(make_user("beleid"))
    assert (
        "Alle pagina's voor uw rol staan in de menubalk." in client.get(reverse("web:more")).content.decode()
    )
