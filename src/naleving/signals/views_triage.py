"""The triage queue and the triage page of one signal (with the other signals of the same resident)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils import timezone

from naleving.audit.edge import shows_residents
from naleving.common.forms import add_validation_errors
from naleving.common.views import or_404
from naleving.investigations.deadlines import triage_days, triage_due
from naleving.residents.reads import case_shown
from naleving.signals import triage
from naleving.signals.choices import Route
from naleving.signals.permissions import TRIAGE
from naleving.signals.selectors import shown_resident, signal_get, signals_visible_to

LOOKUP = "lookup"
MYSELF, QUEUE = "zelf", "wachtrij"


class TriageForm(forms.Form):
    route = forms.ChoiceField(
        label="Route",
        choices=Route.choices,
        widget=forms.RadioSelect,
        help_text="Kies het minst ingrijpende middel dat volstaat.",
        error_messages={"required": "Kies een route: geen actie, preventief contact of onderzoek."},
    )
    motivation = forms.CharField(
        label="Motivering",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Waarom deze route? Bij geen actie: waarom is er geen aanleiding?",
    )
    proportionality_note = forms.CharField(
        label="Toets proportionaliteit",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij onderzoek: staat de inbreuk op het leven van de inwoner in verhouding tot wat er op "
        "het spel staat?",
    )
    subsidiarity_note = forms.CharField(
        label="Toets subsidiariteit",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij onderzoek: waarom volstaat een minder ingrijpend middel, zoals een "
        "voorlichtingsgesprek of de inwoner om uitleg vragen, niet?",
    )
    bsn = forms.CharField(
        label="BSN van de inwoner",
        required=False,
        max_length=9,
        help_text="Het signaal is nog niet aan een inwoner gekoppeld. Vul het BSN in om het te koppelen "
        "(nodig voor preventief contact of onderzoek). Het opzoeken wordt vastgelegd.",
    )
    investigator = forms.ChoiceField(
        label="Wie voert het onderzoek uit?",
        required=False,
        widget=forms.RadioSelect,
        help_text="Alleen bij route onderzoek. Loopt er al een toegewezen onderzoek naar deze inwoner, dan gaat "
        "het signaal naar de handhaver van dat onderzoek.",
    )
    also = forms.MultipleChoiceField(
        label="Met dezelfde beslissing ook beoordelen",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Andere signalen over deze inwoner die nog niet zijn beoordeeld.",
    )

    def __init__(
        self, *args, group: triage.SignalGroup, needs_bsn: bool, investigators=(False, ()), **kwargs
    ):
        super().__init__(*args, **kwargs)
        if not needs_bsn:
            del self.fields["bsn"]
        self_allowed, handhavers = investigators
        self.handhavers = {str(user.pk): user for user in handhavers}
        choices = [(MYSELF, "Mijzelf")] if self_allowed else []
        choices += [(pk, user.display_name) for pk, user in self.handhavers.items()]
        choices.append((QUEUE, "Niemand nog: naar de wachtrij van de teamleider"))
        self.fields["investigator"].choices = choices
        self.fields["investigator"].initial = MYSELF if self_allowed else QUEUE
        choices = [(str(s.pk), _label(s, "dubbel")) for s in group.duplicates]
        choices += [(str(s.pk), _label(s, "samenhangend")) for s in group.related]
        if choices:
            self.fields["also"].choices = choices
        else:
            del self.fields["also"]

    def chosen_investigator(self, user):
        """The user who gets the investigation, or None for the teamleider's queue (also when left empty)."""
        choice = self.cleaned_data.get("investigator") or QUEUE
        if choice == MYSELF:
            return user
        return self.handhavers.get(choice)


def _label(signal, relation: str) -> str:
    return (
        f"Signaal {signal.pk}: {signal.get_kind_display()}, ontvangen {signal.received_on:%d-%m-%Y} "
        f"({signal.get_origin_display()}; {relation})"
    )


def _require_triage(user) -> None:
    if not user.has_perm(TRIAGE):
        raise PermissionDenied


@login_required
def triage_queue(request):
    """Untriaged signals, oldest first, with the days they have been waiting."""
    _require_triage(request.user)
    queue = triage.triage_queue(request.user).select_related("resident")
    page = Paginator(queue, 25).get_page(request.GET.get("page"))
    waiting_per_resident = dict(
        triage.triage_queue(request.user)
        .filter(resident__isnull=False)
        .order_by()  # the queue's ordering would otherwise split the groups
        .values_list("resident_id")
        .annotate(n=Count("id"))
        .values_list("resident_id", "n")
    )
    today = timezone.localdate()
    rows = [
        {
            "signal": s,
            "days": (today - s.received_on).days,
            "overdue": today > triage_due(s.received_on),
            "others": waiting_per_resident.get(s.resident_id, 1) - 1 if s.resident_in_scope else 0,
        }
        for s in page
    ]
    shows_residents(
        request, (s.resident_id for s in page if s.resident_in_scope), purpose="Signalen beoordelen (triage)"
    )
    context = {"page_obj": page, "paginator": page.paginator, "rows": rows, "norm_days": triage_days()}
    return render(request, "signals/triage_queue.html", context)


def _resident_from_bsn(request, signal, data):
    """The resident whose BSN was typed in for an unlinked signal; ``(resident, error)``.

    A signal the user registered about someone outside their scope counts as unlinked here: they link it
    by looking the BSN up, a logged read, like any triager (``triage_resident_by_bsn``)."""
    shown = shown_resident(signal)
    if shown or not data or not (data.get("bsn") or "").strip():
        return shown, None
    try:
        return triage.triage_resident_by_bsn(actor=request.user, bsn=data["bsn"]), None
    except ValidationError as exc:
        return None, " ".join(exc.messages)


@login_required
def signal_triage(request, pk: int):
    """Triage one signal, and the other untriaged signals of the same resident with it if chosen."""
    _require_triage(request.user)
    signal = or_404(signal_get, actor=request.user, signal_id=pk)
    if signal.route:
        return render(request, "signals/triage_done.html", {"signal": signal})
    data = request.POST if request.method == "POST" else None
    resident, bsn_error = _resident_from_bsn(request, signal, data)
    group = triage.triage_group(actor=request.user, signal=signal, resident=resident)
    form = TriageForm(
        data,
        group=group,
        needs_bsn=shown_resident(signal) is None,
        investigators=triage.investigators_for(request.user),
        initial={"bsn": getattr(signal, "subject_bsn", "")},
    )
    if data is not None and LOOKUP in data:
        form.is_valid()
        form._errors = ErrorDict()  # looking up a resident is not saving: no "required" messages yet
        if bsn_error:
            form.add_error("bsn", bsn_error)
    elif data is not None and form.is_valid() and not bsn_error:
        done = _save(request, form, signal, group, resident)
        if done is not None:
            return done
    elif bsn_error:
        form.add_error("bsn", bsn_error)
    if resident is not None:
        case_shown(request, signal, resident, code="signal.viewed", purpose="Signaal beoordelen (triage)")
    today = timezone.localdate()
    context = {
        "signal": signal,
        "resident": resident,
        "group": group,
        "form": form,
        "days_waiting": (today - signal.received_on).days,
        "due_on": triage_due(signal.received_on),
        "looked_up": data is not None and LOOKUP in data,
    }
    return render(request, "signals/triage.html", context)


def _save(request, form, signal, group, resident):
    if resident is None and signal.resident_id and form.cleaned_data["route"] != Route.GEEN_ACTIE:
        # Linked to someone outside the user's scope: as for an unlinked signal, look the BSN up first.
        form.add_error("bsn", "Koppel het signaal eerst aan een inwoner (vul het BSN in).")
        return None
    chosen = set(form.cleaned_data.get("also") or [])
    others = [s for s in group.untriaged if str(s.pk) in chosen]
    try:
        triage.signals_triage(
            actor=request.user,
            signals=[signal, *others],
            route=form.cleaned_data["route"],
            motivation=form.cleaned_data["motivation"],
            proportionality_note=form.cleaned_data["proportionality_note"],
            subsidiarity_note=form.cleaned_data["subsidiarity_note"],
            resident=resident,
            investigator=form.chosen_investigator(request.user),
        )
    except ValidationError as exc:
        add_validation_errors(form, exc, {"resident": "bsn", "handhaver": "investigator"})
        return None
    count = 1 + len(others)
    done = "Het signaal is" if count == 1 else f"{count} signalen zijn met één beslissing"
    linked = f" gekoppeld aan {resident.full_name} en" if resident and signal.resident_id is None else ""
    messages.success(request, f"{done}{linked} beoordeeld.")
    return _landing(request, signal, form.cleaned_data["route"] == Route.ONDERZOEK)


def _landing(request, signal, onderzoek: bool):
    """A page the triager may open: the investigation when it is theirs to see now, otherwise the signal (or
    the queue) with a message saying where the investigation went."""
    landing = triage.investigation_landing(actor=request.user, signal=signal) if onderzoek else None
    if landing is not None and landing.visible:
        return redirect("investigations:detail", pk=landing.investigation_id)
    if landing is not None:
        messages.info(
            request,
            f"Het onderzoek is toegewezen aan {landing.assigned_to}."
            if landing.assigned_to
            else "Het onderzoek staat in de wachtrij van de teamleider; die wijst het toe aan een handhaver.",
        )
    if signals_visible_to(request.user).filter(pk=signal.pk).exists():
        return redirect("signals:detail", pk=signal.pk)
    return redirect("signals:triage_queue")
