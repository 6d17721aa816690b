"""Template filters of the signal intake."""

from django import template

from naleving.signals.public_views import report_reference as _report_reference

register = template.Library()


@register.filter
def report_reference(signal) -> str:
    """The number a resident got on the receipt of their report, so staff can match a caller to it."""
    return _report_reference(signal)
