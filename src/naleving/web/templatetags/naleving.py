from django import template

from naleving.web.formatting import euro as format_euro

register = template.Library()


@register.filter
def euro(value) -> str:
    return format_euro(value)


@register.filter
def joined(value, separator: str = "; ") -> str:
    if isinstance(value, (list, tuple)):
        return separator.join(str(v) for v in value)
    return value


@register.filter
def percent(value, digits: int = 0) -> str:
    """A share (0.25) as a Dutch percentage ("25 %", "12,5 %"); "–" when there is none."""
    if value is None or value == "":
        return "–"
    text = f"{float(value) * 100:.{int(digits)}f}".replace(".", ",")
    return f"{text} %"


@register.filter
def ratio(value, digits: int = 2) -> str:
    """A plain number with a decimal comma ("1,75"); "–" when there is none."""
    if value is None or value == "":
        return "–"
    return f"{float(value):.{int(digits)}f}".replace(".", ",")
