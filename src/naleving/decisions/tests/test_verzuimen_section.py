"""``{% verzuimen_section resident verzuimen %}``: the page's own list when it has read one, else a read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from naleving.decisions.templatetags.maatregel import verzuimen_section
from naleving.decisions.tests.maatregel_helpers import verzuim_make

pytestmark = pytest.mark.django_db


def test_the_list_the_page_read_is_shown_without_a_query(world):
    verzuim = verzuim_make(world, heard=False)
    consulent = world["consulent"]
    consulent.has_perm("decisions.record_besluit")  # the permission cache, read before counting
    with CaptureQueriesContext(connection) as queries:
        section = verzuimen_section({"user": consulent}, world["jansen"], [verzuim])
    assert section["shown"] and section["verzuimen"] == [verzuim]
    assert len(queries) == 0


def test_without_a_list_the_section_reads_the_verzuimen_itself(world):
    verzuim = verzuim_make(world, heard=False)
    for missing in (None, ""):  # not given, or a template without the variable
        section = verzuimen_section({"user": world["consulent"]}, world["jansen"], missing)
        assert [v.pk for v in section["verzuimen"]] == [verzuim.pk]


def test_who_may_not_see_verzuimen_gets_no_section(world):
    verzuim = verzuim_make(world, heard=False)
    assert verzuimen_section({"user": world["handhaver"]}, world["jansen"], [verzuim]) == {"shown": False}
