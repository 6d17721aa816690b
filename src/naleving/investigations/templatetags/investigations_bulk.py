"""The handhavers, each with his open work, in the bulk assignment under the investigation list."""

from django import template

from naleving.investigations.selectors import handhavers_listed

register = template.Library()


@register.simple_tag(takes_context=True)
def bulk_handhavers(context):
    """The handhavers the user may assign to, each with ``open_count`` (read once with the filter's choices)."""
    return handhavers_listed(context["request"].user)
