"""Showing audit events in Dutch: the group of an event and the details it recorded."""

from django import template

from naleving.audit.catalogue import GROUPS, group_of

register = template.Library()


@register.filter
def event_group(code: str) -> str:
    """The Dutch label of the group ``code`` belongs to ("Inzage", "Wijziging", ...)."""
    return GROUPS.get(group_of(code) or "", "")


@register.filter
def event_details(values) -> str:
    """An event's recorded values (search terms, counts) as one readable line."""
    if not isinstance(values, dict):
        return ""
    return "; ".join(f"{key}: {value}" for key, value in values.items() if value not in ("", None))


@register.filter
def role_names(user) -> str:
    """The user's current roles (group names); the log records the name at the time, not the role."""
    if user is None:
        return ""
    return ", ".join(group.name for group in user.groups.all())
