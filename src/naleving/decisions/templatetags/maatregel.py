"""``{% verzuimen_section resident %}``: the "Werk en re-integratie" section of the resident's page, with the
resident's verzuimen and the link to report one (for who decides)."""

from django import template

from naleving.decisions.permissions import RECORD
from naleving.decisions.selectors_maatregel import may_see_verzuimen, verzuimen_of

register = template.Library()


@register.inclusion_tag("decisions/maatregel/_resident_section.html", takes_context=True)
def verzuimen_section(context, resident, verzuimen=None):
    """``verzuimen``: the resident's verzuimen as the page has already read them for this user (a list,
    newest first); read here when not given (a template without it passes an empty string)."""
    user = context["user"]
    if not may_see_verzuimen(user):
        return {"shown": False}
    shown = verzuimen[:20] if isinstance(verzuimen, list) else list(verzuimen_of(user, resident)[:20])
    return {
        "shown": True,
        "resident": resident,
        "verzuimen": shown,
        "can_report": user.has_perm(RECORD),
    }


@register.filter
def verwijtbaarheid_label(value: str) -> str:
    """The Dutch label of a degree of culpability (``normaal`` → "Normale verwijtbaarheid"), else the value."""
    from naleving.investigations.choices import Verwijtbaarheid

    return str(Verwijtbaarheid(value).label) if value in Verwijtbaarheid.values else value
