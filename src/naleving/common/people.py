"""How a user is named on pages, timelines, letters and documents."""


def display_name(user) -> str:
    """The user's full name, else the username; empty when there is no user (nobody did it yet)."""
    return (user.get_full_name() or user.get_username()) if user else ""
