"""common.compiled.instances_for: a query with ``select_related`` and annotations compiled once, its rows made
into instances as a queryset makes them; ``where_of``: a filter as a condition to add to a query by key."""

from datetime import date

import pytest
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from naleving.common import compiled
from naleving.investigations.models import Investigation
from naleving.residents.models import Resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    compiled.forget()
    yield
    compiled.forget()


def _with_people(resident_id: int):
    return (
        Resident.objects.filter(pk=resident_id)
        .select_related("consulent", "fixed_contact_person", "partner")
        .annotate(benefit_count=Count("benefits"))
        .order_by()
    )


def _fields(resident: Resident) -> tuple:
    people = [resident.consulent, resident.fixed_contact_person, resident.partner]
    return (
        [(f.attname, getattr(resident, f.attname)) for f in Resident._meta.concrete_fields],
        [None if p is None else (type(p), p.pk, p.__dict__.get("last_login")) for p in people],
        resident.benefit_count,
    )


def test_instances_are_those_of_the_queryset_with_their_related_rows_and_annotations(world):
    jansen, pietersen = world["jansen"], world["pietersen"]
    jansen.partner, jansen.fixed_contact_person = pietersen, world["consulent_zuid"]
    jansen.save(update_fields=["partner", "fixed_contact_person"])
    built = []

    def build(id_):
        built.append(id_)
        return _with_people(id_)

    for resident in (jansen, pietersen):
        [found] = compiled.instances_for("test.people", Resident, build, resident.pk)
        [expected] = list(_with_people(resident.pk))
        assert _fields(found) == _fields(expected)
        with CaptureQueriesContext(connection) as queries:  # the related rows came with it
            assert (found.consulent.pk, getattr(found.partner, "pk", None)) == (
                expected.consulent_id,
                expected.partner_id,
            )
        assert len(queries) == 0
    assert found.partner is None and found.fixed_contact_person is None  # pietersen: nobody joined
    assert compiled.instances_for("test.people", Resident, build, -1) == []
    assert built == [compiled.PLACEHOLDER]


def _by_key(resident_id: int):
    return Resident.objects.filter(pk=resident_id).select_related("consulent").order_by()


def test_a_condition_is_added_only_to_a_query_by_the_key_alone(world):
    jansen = world["jansen"]
    mine = compiled.where_of(Resident.objects.filter(consulent=world["consulent"]))
    others = compiled.where_of(Resident.objects.filter(consulent=world["consulent_zuid"]))
    assert [r.pk for r in compiled.instances_for("test.key", Resident, _by_key, jansen.pk, mine)] == [
        jansen.pk
    ]
    assert compiled.instances_for("test.key", Resident, _by_key, jansen.pk, others) == []
    # grouped (an aggregate): the condition would land after the GROUP BY
    with pytest.raises(ValueError, match=r"test\.people: a condition can only be added"):
        compiled.instances_for("test.people", Resident, _with_people, jansen.pk, mine)
    by_consulent = lambda id_: Resident.objects.filter(consulent_id=id_).order_by()  # noqa: E731
    compiled.instances_for("test.other", Resident, by_consulent, world["consulent"].pk)  # without: fine
    with pytest.raises(ValueError, match=r"test\.other: a condition can only be added"):
        compiled.instances_for("test.other", Resident, by_consulent, world["consulent"].pk, mine)


def test_a_query_with_an_order_or_that_tracks_its_peers_is_refused(world):
    from django.db.models import FETCH_PEERS

    with pytest.raises(ValueError, match=r"test\.ordered: no order"):
        compiled.instances_for(
            "test.ordered", Resident, lambda id_: Resident.objects.filter(pk=id_).order_by("pk"), 1
        )
    with pytest.raises(ValueError, match=r"test\.peers: a fetch mode that tracks peers"):
        compiled.instances_for(
            "test.peers",
            Resident,
            lambda id_: Resident.objects.filter(pk=id_).order_by().fetch_mode(FETCH_PEERS),
            1,
        )


def test_where_of_gives_none_for_everything_raises_for_nothing_and_refuses_a_join(world):
    assert compiled.where_of(Resident.objects.all()) is None
    with pytest.raises(EmptyResultSet):
        compiled.where_of(Resident.objects.filter(pk__in=[]))
    with pytest.raises(ValueError, match="joins another table"):
        compiled.where_of(Resident.objects.filter(consulent__username="consulent"))
    # a join Django trimmed away again is no join
    sql, params = compiled.where_of(Resident.objects.filter(Q(consulent=world["consulent"]) | Q(pk=0)))
    assert "JOIN" not in sql and world["consulent"].pk in params


def test_investigations_with_their_handhaver_and_whether_a_besluit_is_on_them(world):
    from naleving.investigations.tests.factories import InvestigationFactory

    jansen = world["jansen"]
    from naleving.residents.tests.factories import ResidentFactory

    other = ResidentFactory(gemeente=jansen.gemeente)
    without = InvestigationFactory(resident=other, assigned_to=None, opened_on=date(2026, 2, 1))
    assert world["besluit"].investigation_id == world["investigation"].pk

    def build(id_):
        from django.db.models import Exists, OuterRef

        from naleving.decisions.models import Besluit

        return (
            Investigation.objects.filter(resident_id=id_)
            .annotate(has_besluit=Exists(Besluit.objects.filter(investigation=OuterRef("pk"))))
            .select_related("assigned_to")
            .order_by()
        )

    found = {
        i.pk: i
        for resident in (jansen, other)
        for i in compiled.instances_for("test.investigations", Investigation, build, resident.pk)
    }
    assert found[world["investigation"].pk].has_besluit is True and found[without.pk].has_besluit is False
    assert found[world["investigation"].pk].assigned_to == world["investigation"].assigned_to
    assert found[without.pk].assigned_to is None
