"""No BSN in a URL the app generates (issue #16): URLs end up in access logs, browser history and Referer
headers. Walks the pages of the permission matrix for a few roles, plus the result pages of a BSN search,
and reads every link, form action and htmx URL in the HTML."""

import re

import pytest
from django.urls import reverse
from test_permission_matrix import MATRIX  # tests/ is on the path (rootdir-based imports)

from naleving.audit.models import AuditEvent

BSNS = ("111222333", "123456782")  # the world's residents
ROLES = ("consulent", "teamleider", "fg")
URL_ATTRIBUTE = re.compile(
    r"""\b(?:href|action|src|formaction|hx-get|hx-post|hx-put|hx-delete|data-url)\s*=\s*["']([^"']*)["']"""
)


def _urls_in(response) -> list[str]:
    urls = [response["Location"]] if response.has_header("Location") else []
    if "text/html" in response.get("Content-Type", ""):
        urls += URL_ATTRIBUTE.findall(response.content.decode())
    return urls


def _with_a_bsn(urls) -> list[str]:
    return [url for url in urls if any(bsn in url for bsn in BSNS)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_page_of_the_walk_links_to_a_url_with_a_bsn(client, world, role):
    # reads and a search in the audit log first, so the FG's pages have rows, pages and download links
    client.force_login(world["consulent"])
    client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    client.post(reverse("residents:list"), {"q": world["jansen"].bsn})
    client.force_login(world[role])
    found = {}
    for page, (url_for, _expected, _default) in MATRIX.items():
        # (the FG's old "?bsn=" link is still answered, but the page links on by dossier number)
        response = client.get(url_for(world))
        leaks = _with_a_bsn(_urls_in(response))
        if leaks:
            found[page] = leaks
    assert not found, f"URLs with a BSN for {role}: {found}"


@pytest.mark.django_db
def test_a_bsn_search_and_its_result_pages_keep_the_bsn_out_of_every_url(client, world, monkeypatch):
    from naleving.residents.tests.factories import ResidentFactory
    from naleving.residents.views import ResidentListView

    monkeypatch.setattr(ResidentListView, "paginate_by", 1)
    ResidentFactory(family_name="Jansen-Bos", consulent=world["consulent"])
    client.force_login(world["consulent"])
    for term in ("111222333", "Jansen"):
        response = client.post(reverse("residents:list"), {"q": term})
        assert not _with_a_bsn(_urls_in(response))
        result = client.get(response["Location"])
        assert result.status_code == 200
        assert not _with_a_bsn(_urls_in(result))
    assert AuditEvent.objects.filter(code="resident.searched").exists()


@pytest.mark.django_db
def test_the_fg_question_by_bsn_posts_and_continues_by_dossier_number(client, world):
    client.force_login(world["fg"])
    url = reverse("audit:resident_history")
    response = client.post(url, {"bsn": world["jansen"].bsn})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?dossier={world['jansen'].pk}"
    page = client.get(response["Location"])
    assert page.status_code == 200 and not _with_a_bsn(_urls_in(page))
    assert '<form method="post"' in page.content.decode()
    # a BSN nobody has is answered from the post, without a redirect
    unknown = client.post(url, {"bsn": "999999990"})
    assert unknown.status_code == 200 and "Geen inwoner gevonden" in unknown.content.decode()
