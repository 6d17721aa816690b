"""The handhavers, each with his open work, in the bulk assignment under the investigation list."""

from django import template

from naleving.investigations.bulk import handhavers_with_workload

register = template.Library()


@register.simple_tag(takes_context=True)
def bulk_handhavers(context):
    return list(handhavers_with_workload(context["request"].user))
