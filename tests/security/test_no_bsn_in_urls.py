"""No BSN in a URL the app generates (issue #16): URLs end up in access logs, browser history and Referer
headers. The permission matrix (``tests/test_permission_matrix.py``) reads every link, form action and htmx URL
of every page for every role, with a read and a BSN search in the audit log; here the result pages of a BSN
search and the FG's question by BSN."""

import pytest
from django.urls import reverse
from test_permission_matrix import urls_in, with_a_bsn  # tests/ is on the path (rootdir-based imports)

from naleving.audit.models import AuditEvent


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_a_bsn_search_and_its_result_pages_keep_the_bsn_out_of_every_url(client, world, monkeypatch):
    from naleving.residents.tests.factories import ResidentFactory
    from naleving.residents.views import ResidentListView

    monkeypatch.setattr(ResidentListView, "paginate_by", 1)
    ResidentFactory(family_name="Jansen-Bos", consulent=world["consulent"])
    client.force_login(world["consulent"])
    for term in ("111222333", "Jansen"):
        response = client.post(reverse("residents:list"), {"q": term})
        assert not with_a_bsn(urls_in(response), world)
        result = client.get(response["Location"])
        assert result.status_code == 200
        assert not with_a_bsn(urls_in(result), world)
    assert AuditEvent.objects.filter(code="resident.searched").exists()


@pytest.mark.django_db
def test_the_fg_question_by_bsn_posts_and_continues_by_dossier_number(client, world):
    client.force_login(world["fg"])
    url = reverse("audit:resident_history")
    response = client.post(url, {"bsn": world["jansen"].bsn})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?dossier={world['jansen'].pk}"
    page = client.get(response["Location"])
    assert page.status_code == 200 and not with_a_bsn(urls_in(page), world)
    assert '<form method="post"' in page.content.decode()
    # a BSN nobody has is answered from the post, without a redirect
    unknown = client.post(url, {"bsn": "999999990"})
    assert unknown.status_code == 200 and "Geen inwoner gevonden" in unknown.content.decode()
