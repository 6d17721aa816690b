"""The template filters every app loads with ``{% load naleving %}``: Dutch amounts, percentages, numbers."""

from django import template

from naleving.common import formatting

register = template.Library()


@register.filter
def euro(value) -> str:
    return formatting.euro(value)


@register.filter
def joined(value, separator: str = "; ") -> str:
    if isinstance(value, (list, tuple)):
        return separator.join(str(v) for v in value)
    return value


@register.filter
def percent(value, digits: int = 0) -> str:
    """A share (0.25) as a Dutch percentage ("25%", "12,5%"); "–" when there is none."""
    return formatting.percent(value, int(digits))


@register.filter
def percent_number(value, digits: int | None = None) -> str:
    """A number that already is a percentage ("20.0") in the same style ("20,0%" with digits 1)."""
    return formatting.percent_number(value, None if digits is None else int(digits))


@register.filter
def ratio(value, digits: int = 2) -> str:
    """A plain number with a decimal comma ("1,75"); "–" when there is none."""
    return formatting.decimal_comma(value, int(digits))
