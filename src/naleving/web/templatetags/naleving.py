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
