"""``{% remedies_section besluit %}``: the "Bezwaar en beroep" section of the besluit page, with the chain of
versions, the terms, the objections and appeals, and the buttons for who may handle them."""

from django import template
from django.utils import timezone

from naleving.common.compiled import as_prefetched, objects_for
from naleving.decisions import finality
from naleving.decisions.models import Beroep, BeroepInstance, BesluitKind, BesluitStatus, Bezwaar
from naleving.decisions.permissions import HANDLE_BEZWAAR

register = template.Library()


def _appeal_buttons(besluit, beroepen, can_handle: bool) -> dict:
    if not can_handle or besluit.kind != BesluitKind.OP_BEZWAAR or not besluit.is_vastgesteld:
        return {"can_beroep": False, "can_hoger_beroep": False}
    live = [b for b in beroepen if b.outcome != "ingetrokken"]
    has = {b.instance for b in live}
    judged = any(b.instance == BeroepInstance.BEROEP and b.outcome for b in live)
    return {
        "can_beroep": BeroepInstance.BEROEP not in has,
        "can_hoger_beroep": judged and BeroepInstance.HOGER_BEROEP not in has,
    }


def _bezwaren_of(besluit_id: int):
    return Bezwaar.objects.filter(besluit_id=besluit_id).order_by()


def _beroepen_of(besluit_id: int):
    return Beroep.objects.filter(besluit_id=besluit_id).order_by()


@register.inclusion_tag("decisions/remedies/_section.html", takes_context=True)
def remedies_section(context, besluit):
    user = context["user"]
    today = timezone.localdate()
    can_handle = user.has_perm(HANDLE_BEZWAAR)
    # Read once, unordered, into the besluit's own relations: ``finality`` below asks them again (from here)
    # and needs no order; the section shows them oldest first. Part of the besluit the user may see, read by
    # its id with SQL compiled once (``common.compiled``): the Prefetch machinery cost 1.4 ms of a 13 ms page.
    # A decision on an objection (few have one) is read when the section shows it.
    as_prefetched(besluit, "bezwaren", objects_for("decisions.bezwaren", Bezwaar, _bezwaren_of, besluit.pk))
    as_prefetched(besluit, "beroepen", objects_for("decisions.beroepen", Beroep, _beroepen_of, besluit.pk))
    bezwaren = sorted(besluit.bezwaren.all(), key=lambda b: (b.received_on, b.pk))
    beroepen = sorted(besluit.beroepen.all(), key=lambda b: (b.lodged_on, b.pk))
    open_bezwaar = any(not b.outcome for b in bezwaren)
    return {
        "besluit": besluit,
        "today": today,
        "can_handle": can_handle,
        "replaced_by": finality.current_of(besluit) if besluit.status == BesluitStatus.VERVANGEN else None,
        "deadline": finality.objection_deadline(besluit),
        "irrevocable_on": finality.irrevocable_on(besluit),
        "bezwaren": bezwaren,
        "beroepen": beroepen,
        "can_bezwaar": can_handle
        and besluit.kind == BesluitKind.PRIMAIR
        and besluit.is_vastgesteld
        and besluit.sent_on is not None
        and not open_bezwaar,
        **_appeal_buttons(besluit, beroepen, can_handle),
    }
