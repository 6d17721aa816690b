"""Each role × each page: allowed (200), forbidden (403) or not found (404, when the object is out of scope).

A user without any access to a resident gets 404, never 403, so the existence of a case does not leak.
"""

import pytest
from django.urls import reverse

ROLES = [
    "consulent",
    "consulent_zuid",
    "handhaver",
    "teamleider",
    "teamleider_zuid",
    "analist",
    "fg",
    "beleid",
    "beheerder",
]

# page -> (url builder, {role: expected status}); roles not listed expect the default given last.
MATRIX = {
    "home": (lambda w: reverse("web:home"), {}, 200),
    "residents:list": (
        lambda w: reverse("residents:list"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "residents:detail": (
        lambda w: reverse("residents:detail", args=[w["jansen"].pk]),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "residents:create": (
        lambda w: reverse("residents:create"),
        {"consulent": 200, "consulent_zuid": 200},
        403,
    ),
    "residents:benefit_create": (
        lambda w: reverse("residents:benefit_create", args=[w["jansen"].pk]),
        {"consulent": 200, "consulent_zuid": 404},
        403,
    ),
    "signals:list": (
        lambda w: reverse("signals:list"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "signals:detail": (
        lambda w: reverse("signals:detail", args=[w["signal"].pk]),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "signals:detail_anonymous": (
        lambda w: reverse("signals:detail", args=[w["anonymous_signal"].pk]),
        {"handhaver": 200, "teamleider": 200, "teamleider_zuid": 200},
        404,
    ),
    "investigations:list": (
        lambda w: reverse("investigations:list"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "investigations:detail": (
        lambda w: reverse("investigations:detail", args=[w["investigation"].pk]),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "decisions:list": (
        lambda w: reverse("decisions:list"),
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "decisions:detail": (
        lambda w: reverse("decisions:detail", args=[w["besluit"].pk]),
        {"consulent": 200, "handhaver": 200, "teamleider": 200},
        404,
    ),
    "claims:list": (
        lambda w: reverse("claims:list"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "prevention:list": (
        lambda w: reverse("prevention:list"),
        {"consulent": 200, "consulent_zuid": 200, "teamleider": 200, "teamleider_zuid": 200},
        403,
    ),
    "reports:overview": (
        lambda w: reverse("reports:overview"),
        {"teamleider": 200, "teamleider_zuid": 200, "analist": 200, "fg": 200, "beleid": 200},
        403,
    ),
    "audit:search": (lambda w: reverse("audit:search"), {"fg": 200}, 403),
    "controls:list": (lambda w: reverse("controls:list"), {"analist": 200, "fg": 200}, 403),
    "admin:index": (lambda w: reverse("admin:index"), {"beheerder": 200}, 302),
    "api:residents": (
        lambda w: "/api/v1/residents/",
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
    "api:resident_detail": (
        lambda w: f"/api/v1/residents/{w['jansen'].pk}/",
        {
            "consulent": 200,
            "handhaver": 200,
            "teamleider": 200,
            "analist": 403,
            "fg": 403,
            "beleid": 403,
            "beheerder": 403,
        },
        404,
    ),
    "api:signals": (
        lambda w: "/api/v1/signals/",
        {
            "consulent": 200,
            "consulent_zuid": 200,
            "handhaver": 200,
            "teamleider": 200,
            "teamleider_zuid": 200,
        },
        403,
    ),
}

CASES = [(page, role) for page in MATRIX for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "role"), CASES, ids=[f"{p}-{r}" for p, r in CASES])
def test_role_page_matrix(client, world, page, role):
    url_for, expected, default = MATRIX[page]
    client.force_login(world[role])
    response = client.get(url_for(world))
    assert response.status_code == expected.get(role, default), f"{role} on {page}"


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(MATRIX))
def test_anonymous_is_sent_to_login(client, world, page):
    url_for, _, _ = MATRIX[page]
    response = client.get(url_for(world))
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert "inloggen" in response["Location"] or "login" in response["Location"]


@pytest.mark.django_db
def test_consulent_sees_own_caseload_only(client, world):
    client.force_login(world["consulent"])
    body = client.get(reverse("residents:list")).content.decode()
    assert "Jansen" in body
    assert "Pietersen" not in body


@pytest.mark.django_db
def test_handhaver_sees_only_investigated_residents(client, world):
    client.force_login(world["handhaver"])
    body = client.get(reverse("residents:list")).content.decode()
    assert "Jansen" in body and "Pietersen" not in body


@pytest.mark.django_db
def test_navigation_shows_only_what_the_role_may_open(client, world):
    client.force_login(world["beleid"])
    body = client.get(reverse("web:home")).content.decode()
    assert "Rapportages" in body
    for hidden in ("Inwoners", "Signalen", "Onderzoeken", "Auditlog"):
        assert f">{hidden}</a>" not in body
