"""Beheer › Bewaartermijnen pages: propose (beheerder), approve (FG, archivaris, never the proposer),
execute (beheerder, after both approvals), the certificate; the archivaris sees the pages too."""

import pytest
from django.urls import reverse

from naleving.retention.models import DestructionCertificate, DestructionList, ListStatus


@pytest.mark.django_db
def test_the_whole_flow_through_the_pages(client, world, make_user):
    archivaris = make_user("archivaris")
    client.force_login(archivaris)
    assert client.get(reverse("retention:index")).status_code == 200
    assert client.post(reverse("retention:propose")).status_code == 403  # only the beheerder draws up

    client.force_login(world["beheerder"])
    response = client.post(reverse("retention:propose"))
    dlist = DestructionList.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "retention:detail", args=[dlist.pk]
    )
    assert client.post(reverse("retention:approve", args=[dlist.pk]), {"als": "fg"}).status_code == 403
    assert client.post(reverse("retention:execute", args=[dlist.pk])).status_code == 302
    assert not DestructionCertificate.objects.exists()  # not approved: refused with a message

    client.force_login(world["fg"])
    page = client.get(reverse("retention:detail", args=[dlist.pk])).content.decode()
    assert "Goedkeuren als FG" in page and "Goedkeuren als archivaris" not in page
    client.post(reverse("retention:approve", args=[dlist.pk]), {"als": "fg"})
    assert (
        client.post(reverse("retention:approve", args=[dlist.pk]), {"als": "archivaris"}).status_code == 403
    )
    assert client.post(reverse("retention:execute", args=[dlist.pk])).status_code == 403

    client.force_login(archivaris)
    client.post(reverse("retention:approve", args=[dlist.pk]), {"als": "archivaris"})
    dlist.refresh_from_db()
    assert dlist.status == ListStatus.GOEDGEKEURD

    client.force_login(world["beheerder"])
    response = client.post(reverse("retention:execute", args=[dlist.pk]))
    certificate = DestructionCertificate.objects.get()
    assert response["Location"] == reverse("retention:certificate", args=[certificate.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Verklaring van vernietiging" in page and "(FG)" in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["consulent", "handhaver", "teamleider", "analist", "beleid"])
def test_other_roles_are_refused(client, world, role):
    client.force_login(world[role])
    assert client.get(reverse("retention:index")).status_code == 403
    assert client.post(reverse("retention:propose")).status_code == 403
