"""The resident's page: where the case stands, what to do next, their details and benefits, and the timeline
of everything that happened to them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from naleving.common.views import or_404
from naleving.dossier import timeline_groups
from naleving.dossier.overview import resident_actions, status_card
from naleving.dossier.reads import PageReads, resident_benefits
from naleving.dossier.timeline import resident_timeline
from naleving.residents.permissions import CHANGE
from naleving.residents.reads import resident_shown
from naleving.residents.selectors import resident_get


@login_required
def resident_file(request, pk: int):
    resident = or_404(resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident)
    # One read of the benefits for the status card, the table and the timeline; the timeline reads the
    # investigations, claims and verzuimen once, and the card and the sections use them.
    reads = PageReads(benefits=resident_benefits(resident))
    entries = resident_timeline(actor=request.user, resident=resident, reads=reads)
    card = status_card(actor=request.user, resident=resident, today=timezone.localdate(), reads=reads)
    category = timeline_groups.chosen_category(request.GET.get(timeline_groups.PARAMETER))
    shown = timeline_groups.only(entries, category)
    context = {
        "resident": resident,
        "benefits": reads.benefits,
        "card": card,
        "actions": resident_actions(actor=request.user, resident=resident, card=card),
        "chips": timeline_groups.chips(entries, category),
        "timeline": timeline_groups.collapse_repayments(shown, resident_id=resident.pk),
        "can_edit": request.user.has_perm(CHANGE),
        "verzuimen": reads.verzuimen,
    }
    return render(request, "dossier/resident.html", context)
