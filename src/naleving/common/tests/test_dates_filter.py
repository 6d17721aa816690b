"""The templates' ``date`` filter (``common.templatetags.dates``) writes what Django's writes, for every value."""

import re
from datetime import UTC, date, datetime, time

import pytest
from django.template import Context, Engine, Template
from django.template.defaultfilters import date as django_date
from django.utils import timezone

from naleving.common.templatetags import dates

FORMATS = ("d-m-Y", "d-m-Y H:i", "d-m-Y H:i:s", "j F Y", "F Y", "c", None)
VALUES = (
    date(2027, 1, 5),
    date(999, 12, 31),
    date(5, 3, 9),
    datetime(2026, 12, 5, 7, 4, 9),
    datetime(2026, 12, 31, 23, 59, 59, 999999),
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # 01:30 or 02:30 in Amsterdam: the switch to summer time
    datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    time(7, 5),
    None,
    "",
    "2027-01-05",
    0,
)


def test_it_is_the_filter_every_template_uses():
    assert Engine.get_default().template_builtins[-1].filters["date"] is dates.date


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_the_same_text_as_djangos_filter(value, fmt):
    with timezone.override("Europe/Amsterdam"):
        local = (
            timezone.localtime(value) if isinstance(value, datetime) and timezone.is_aware(value) else value
        )
        try:
            expected = Template("{{ v }}").render(Context({"v": django_date(local, fmt)}))
        except TypeError as refused:  # a time format for a date: Django refuses, and so does the template
            with pytest.raises(TypeError, match=re.escape(str(refused))):
                Template("{{ v|date:f }}").render(Context({"v": value, "f": fmt}))
            return
        assert Template("{{ v|date:f }}").render(Context({"v": value, "f": fmt})) == expected
