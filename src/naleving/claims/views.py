"""Claim pages: the list, a claim with its repayment plan, and registering payments, waivers and write-offs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from naleving.audit.edge import shows_residents
from naleving.claims import services, setoff, steps
from naleving.claims.arrears import arrears_of, collection_worklist
from naleving.claims.filters import VorderingFilter
from naleving.claims.forms import AflossingForm, NonCooperationForm, StepForm, WaiveForm, WriteOffForm
from naleving.claims.models import ClaimStatus, Invorderingsstap
from naleving.claims.overview import resident_claims
from naleving.claims.permissions import MANAGE, VIEW
from naleving.claims.selectors import draagkracht_room, vordering_get, vordering_plan, vorderingen_visible_to
from naleving.common.forms import add_validation_errors
from naleving.common.views import ScopedListView, or_404
from naleving.residents.columns import beyond_name
from naleving.residents.reads import case_shown, resident_shown
from naleving.residents.selectors import residents_visible_to


class VorderingListView(ScopedListView):
    template_name = "claims/list.html"
    filterset_class = VorderingFilter
    permissions = (VIEW,)
    selector = staticmethod(vorderingen_visible_to)
    list_purpose = "Vorderingen in de werkvoorraad"
    #: the resident by name
    joined = ("resident",)
    not_listed = beyond_name()
    shown = ("resident", "created_on", "kind", "amount", "status")


@login_required
def vordering_detail(request, pk: int):
    vordering = or_404(vordering_get, actor=request.user, vordering_id=pk)
    case_shown(request, vordering, vordering.resident, code="claim.viewed")
    gemeente = vordering.besluit.gemeente if vordering.besluit_id else vordering.resident.gemeente
    context = {
        "vordering": vordering,
        "state": arrears_of(vordering, timezone.localdate()),
        "stappen": vordering.stappen.all(),
        "gemeente": gemeente,
        "aflossingen": vordering.aflossingen.select_related("registered_by"),
        "plan": vordering_plan(vordering),
        "draagkracht": draagkracht_room(besluit=vordering.besluit, excluding=vordering)
        if vordering.besluit_id and vordering.status == ClaimStatus.OPEN
        else None,
        "can_manage": vordering.status == ClaimStatus.OPEN and request.user.has_perm(MANAGE),
    }
    return render(request, "claims/detail.html", context)


def _action(request, pk: int, *, form_class, title: str, submit: str, done: str, call, initial=None,
            intro: str = ""):  # fmt: skip
    """One claim action: a form page (works without JavaScript) whose valid POST calls one service."""
    vordering = or_404(vordering_get, actor=request.user, vordering_id=pk)
    if vordering.status != ClaimStatus.OPEN:
        messages.error(request, "Deze vordering is niet meer open.")
        return redirect("claims:detail", pk=vordering.pk)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            call(vordering, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("claims:detail", pk=vordering.pk)
    case_shown(
        request, vordering, vordering.resident, code="claim.viewed", purpose=f"{title} (invorderingsbeheer)"
    )
    remaining = vordering.amount - vordering.paid
    context = {"vordering": vordering, "form": form, "title": title, "submit": submit, "remaining": remaining,
               "intro": intro, "state": arrears_of(vordering, timezone.localdate())}  # fmt: skip
    return render(request, "claims/action.html", context)


@login_required
@permission_required(MANAGE, raise_exception=True)
def aflossing_register(request, pk: int):
    return _action(
        request,
        pk,
        form_class=AflossingForm,
        title="Aflossing registreren",
        submit="Aflossing registreren",
        done="De aflossing is geregistreerd.",
        initial={"paid_on": timezone.localdate()},
        call=lambda v, **data: services.aflossing_register(actor=request.user, vordering=v, **data),
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def vordering_waive(request, pk: int):
    return _action(
        request,
        pk,
        form_class=WaiveForm,
        title="Vordering kwijtschelden",
        submit="Kwijtschelden",
        done="De vordering is kwijtgescholden.",
        call=lambda v, **data: services.vordering_waive(actor=request.user, vordering=v, **data),
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def vordering_write_off(request, pk: int):
    return _action(
        request,
        pk,
        form_class=WriteOffForm,
        title="Vordering afboeken (oninbaar)",
        submit="Afboeken",
        done="De vordering is afgeboekt.",
        call=lambda v, **data: services.vordering_write_off(actor=request.user, vordering=v, **data),
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def aanmaning_send(request, pk: int):
    return _action(
        request,
        pk,
        form_class=StepForm,
        title="Aanmaning sturen",
        submit="Aanmaning maken en vastleggen",
        done="De aanmaning is gemaakt en vastgelegd. Download de brief en verstuur hem.",
        initial={"day": timezone.localdate()},
        intro="Na de betalingstermijn (art. 4:87 Awb) met een achterstand: de inwoner krijgt twee weken om te "
        "betalen (art. 4:112 Awb).",
        call=lambda v, day: steps.aanmaning_send(actor=request.user, vordering=v, sent_on=day),
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def dwangbevel_issue(request, pk: int):
    return _action(
        request,
        pk,
        form_class=StepForm,
        title="Dwangbevel uitvaardigen",
        submit="Dwangbevel maken en vastleggen",
        done="Het dwangbevel is gemaakt en vastgelegd. Geef het aan de deurwaarder voor de betekening.",
        initial={"day": timezone.localdate()},
        intro="Alleen als na de aanmaning binnen de termijn niet volledig is betaald (art. 4:117 lid 1 Awb).",
        call=lambda v, day: steps.dwangbevel_issue(actor=request.user, vordering=v, issued_on=day),
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def non_cooperation(request, pk: int):
    """Record (or, when recorded, lift) that the resident does not co-operate with collection (Pw 60(6))."""
    vordering = or_404(vordering_get, actor=request.user, vordering_id=pk)
    if vordering.non_cooperation:
        return _action(
            request, pk, form_class=NonCooperationForm, title="Niet-meewerken opheffen", submit="Opheffen",
            done="Het niet-meewerken is opgeheven: verrekening blijft weer binnen de beslagvrije voet.",
            call=lambda v, since, reason: setoff.non_cooperation_lift(actor=request.user, vordering=v, reason=reason),
        )  # fmt: skip
    return _action(
        request, pk, form_class=NonCooperationForm, title="Niet-meewerken vastleggen (art. 60 lid 6 Pw)",
        submit="Vastleggen", initial={"since": timezone.localdate()},
        done="Vastgelegd: de afgesproken aflossing wordt verrekend, ook boven de beslagvrije voet.",
        call=lambda v, since, reason: setoff.non_cooperation_record(
            actor=request.user, vordering=v, since=since or timezone.localdate(), reason=reason),
    )  # fmt: skip


@login_required
@permission_required(VIEW, raise_exception=True)
def step_pdf(request, pk: int):
    try:
        step = Invorderingsstap.objects.select_related("vordering").get(pk=pk)
    except Invorderingsstap.DoesNotExist:
        raise Http404("Niet gevonden") from None
    or_404(vordering_get, actor=request.user, vordering_id=step.vordering_id)
    purpose = f"{step.get_kind_display()} van {step.sent_on:%d-%m-%Y} inzien (invorderingsbeheer)"
    pdf = steps.step_pdf(actor=request.user, step=step, purpose=purpose)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{step.kind}-{step.vordering_id}-{step.sent_on}.pdf"'
    )
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def collection_terms(request):
    """Invordering: claims paid by transfer with arrears, within the user's scope; steps due first."""
    worklist = collection_worklist(request.user, timezone.localdate())
    shows_residents(
        request, [a.vordering.resident_id for a in worklist], purpose="Invordering: achterstanden"
    )
    return render(request, "claims/collection.html", {"worklist": worklist, "today": timezone.localdate()})


@login_required
@permission_required(VIEW, raise_exception=True)
def resident_overview(request, resident_pk: int):
    """All claims of one resident: what was owed, paid, waived, open and in arrears, with the steps."""
    resident = residents_visible_to(request.user).filter(pk=resident_pk).first()
    if resident is None:
        raise Http404("Niet gevonden")
    resident_shown(request, resident, purpose="Overzicht vorderingen van de inwoner")
    overview = resident_claims(request.user, resident.pk, timezone.localdate())
    return render(request, "claims/resident.html", {"resident": resident, "overview": overview})
