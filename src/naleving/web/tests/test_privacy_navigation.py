"""The FG's and the archivaris's pages have links: in the navigation and next to the audit log (issue #16).

Each link shows only to users with the permission of its page (the names in each app's ``permissions.py``).
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from naleving.audit import permissions as audit
from naleving.residents import permissions as residents
from naleving.retention import permissions as retention
from naleving.web.context_processors import navigation

pytestmark = pytest.mark.django_db


def _page(client, user, url_name: str) -> str:
    client.force_login(user)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


def _link(url_name: str, label: str) -> str:
    return f'href="{reverse(url_name)}">{label}</a>'


def _auditor(make_user):
    """A policy officer who was also given the audit log, but neither the objections nor the retention."""
    user = make_user("beleid")
    app, codename = audit.VIEW_EVENTS.split(".")
    user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    return type(user).objects.get(pk=user.pk)  # a fresh instance: no cached permissions


@pytest.mark.parametrize("role", ["fg", "archivaris", "beheerder"])
def test_the_navigation_links_the_retention_page_for_who_may_see_it(client, make_user, role):
    user = make_user(role)
    assert user.has_perm(retention.VIEW)
    assert _link("retention:index", "Bewaartermijnen") in _page(client, user, "web:home")


@pytest.mark.parametrize("role", ["beleid", "inkomensconsulent", "handhaver"])
def test_the_navigation_has_no_retention_link_for_other_roles(client, make_user, role):
    user = make_user(role)
    assert not user.has_perm(retention.VIEW)
    assert reverse("retention:index") not in _page(client, user, "web:home")


@pytest.mark.parametrize(
    ("url_name", "label"),
    [
        ("audit:inzage_request", "Inzageverzoek"),
        ("residents:privacy_objections", "Bezwaren tegen verwerking"),
        ("retention:index", "Bewaartermijnen"),
    ],
)
def test_the_fg_finds_every_privacy_page_next_to_the_audit_log(client, make_user, url_name, label):
    fg = make_user("fg")
    page = _page(client, fg, "audit:search")
    tabs = page[page.index('<nav aria-label="Auditlog">') :]
    assert _link(url_name, label) in tabs[: tabs.index("</nav>")]
    _page(client, fg, url_name)  # and may open it


def test_the_tab_of_the_open_page_is_current(client, make_user):
    page = _page(client, make_user("fg"), "audit:inzage_request")
    assert f'href="{reverse("audit:inzage_request")}" aria-current="page">Inzageverzoek</a>' in page


@pytest.mark.parametrize(
    ("url_name", "permission"),
    [
        ("residents:privacy_objections", residents.DECIDE_PRIVACY_OBJECTION),
        ("retention:index", retention.VIEW),
    ],
)
def test_a_reader_of_the_audit_log_without_the_permission_gets_no_tab(
    client, make_user, url_name, permission
):
    auditor = _auditor(make_user)
    assert auditor.has_perm(audit.VIEW_EVENTS) and not auditor.has_perm(permission)
    page = _page(client, auditor, "audit:search")
    assert _link("audit:inzage_request", "Inzageverzoek") in page
    assert reverse(url_name) not in page


@pytest.mark.parametrize(
    ("role", "tabs"),
    [("fg", ["inzage", "objections", "retention"]), ("archivaris", ["retention"]), ("beleid", [])],
)
def test_the_privacy_tabs_follow_the_permissions_of_each_role(rf, make_user, role, tabs):
    """The tabs sit on the audit log's pages; a role without the audit log (the archivaris) gets only what it
    may open, should a page show them."""
    request = rf.get("/")
    request.user = make_user(role)
    assert [tab["key"] for tab in navigation(request)["privacy_tabs"]] == tabs
