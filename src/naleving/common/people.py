"""How a user is named on pages, timelines, letters and documents."""

from django.contrib.auth import get_user_model

from naleving.common.columns import other_columns

#: What naming a user takes (``display_name``): his full name, else his username.
NAME_FIELDS = ("username", "first_name", "last_name")


def display_name(user) -> str:
    """The user's full name, else the username; empty when there is no user (nobody did it yet)."""
    return (user.get_full_name() or user.get_username()) if user else ""


def names_by_id(ids) -> dict[int, str]:
    """``display_name`` of each user among ``ids`` (None left out), read in one query of their names only."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    users = get_user_model().objects.filter(pk__in=wanted).only("pk", *NAME_FIELDS)
    return {user.pk: display_name(user) for user in users}


def person_beyond_name(relation: str) -> tuple[str, ...]:
    """The columns of the user a row names through ``relation`` (joined with ``select_related``) besides his id
    and his name, as ``relation__field``: for ``defer``, so a page that only names who did something reads no
    password hash, e-mail address, team or account flags of his."""
    return other_columns(get_user_model(), NAME_FIELDS, f"{relation}__")
