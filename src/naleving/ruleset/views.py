"""Beheer › Wettelijke bedragen: the parameter sets, the amounts in force, proposing a value or a file
(functioneel beheerder, `ruleset.propose_parameterset`) and the four-eyes review (teamleider,
`ruleset.approve_parameterset`, never the proposer).

The services audit every write. The pages show no personal data, except the effect preview: the open cases
a proposal would decide differently, shown by investigation number only, with before → after for the cases
the user may open (each such read is logged as for any case view).
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving import rules
from naleving.audit.edge import shows
from naleving.decisions import law_change
from naleving.ruleset import presentation, selectors, services
from naleving.ruleset.checks import SetRefused
from naleving.ruleset.forms import FileForm, ReviewForm, ValueForm
from naleving.ruleset.models import ParameterSet
from naleving.ruleset.permissions import APPROVE, PERMISSIONS, PROPOSE

EFFECT_PURPOSE = "Effect van voorgestelde wettelijke bedragen beoordelen (vier ogen)"


def _need(request, permission: str | None = None) -> None:
    user = request.user
    if not (user.has_perm(permission) if permission else any(user.has_perm(p) for p in PERMISSIONS)):
        raise PermissionDenied


def _chosen_date(request) -> tuple[date | None, str]:
    raw = request.GET.get("datum", "").strip()
    if not raw:
        return None, ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return None, "Vul een datum in als dd-mm-jjjj."


@login_required
def set_list(request):
    _need(request)
    today = timezone.localdate()
    chosen, date_error = _chosen_date(request)
    registry = selectors.registry()
    rows, now, then = presentation.in_force_table(registry, today, chosen)
    return render(
        request,
        "ruleset/list.html",
        {
            "sets": selectors.parameter_sets(),
            "rows": rows,
            "now": now,
            "then": then,
            "chosen": chosen or today,
            "date_error": date_error,
            "profile_set": presentation.approved_profile_set(now["profile"]),
            "can_propose": request.user.has_perm(PROPOSE),
        },
    )


def _propose(request, form, text: str, field_for) -> ParameterSet | None:
    """Call the service; a refusal goes on the field it names, in Dutch."""
    data = form.cleaned_data
    try:
        created = services.parameterset_propose(
            actor=request.user,
            text=text,
            source_url=data["source_url"],
            title=data["title"],
            note=data["note"],
        )
    except SetRefused as exc:
        form.add_error(field_for(exc), presentation.refusal_message(exc))
        return None
    messages.success(
        request,
        f"Voorstel {created.pk} is vastgelegd. Een andere medewerker moet het goedkeuren (vier ogen).",
    )
    return created


@login_required
def propose_value(request):
    _need(request, PROPOSE)
    registry = selectors.registry()
    form = ValueForm(request.POST or None, registry=registry, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        parameter = registry.parameters[form.cleaned_data["parameter"]]
        text = presentation.value_yaml(parameter=parameter, data=form.cleaned_data)
        created = _propose(request, form, text, presentation.value_form_field)
        if created is not None:
            return redirect("ruleset:detail", pk=created.pk)
    return render(request, "ruleset/propose.html", {"form": form, "mode": "value"})


def _initial(request) -> dict:
    name = request.GET.get("parameter", "")
    return {"parameter": name, "confidence": "H", "law": "Pw"} if name else {"confidence": "H", "law": "Pw"}


@login_required
def propose_file(request):
    _need(request, PROPOSE)
    form = FileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created = _propose(request, form, form.cleaned_data["file"], presentation.file_form_field)
        if created is not None:
            return redirect("ruleset:detail", pk=created.pk)
    return render(request, "ruleset/propose.html", {"form": form, "mode": "file"})


def _effect(request, parameter_set: ParameterSet) -> dict | None:
    """The open cases the proposal changes; the ones shown with their outcome are logged as case reads."""
    if not parameter_set.is_open:
        return None
    try:
        changed = law_change.effect_preview(parameter_set=parameter_set)
    except (SetRefused, rules.RulesError) as exc:
        return {"error": presentation.refusal_message(exc) if isinstance(exc, SetRefused) else str(exc)}
    effect = presentation.effect_rows(actor=request.user, changed=changed)
    for row in effect["shown"]:
        shows(
            request,
            code="resident.viewed",
            obj=parameter_set,
            resident_id=row["resident"],
            purpose=EFFECT_PURPOSE,
            after={"onderzoek": row["investigation"]},
        )
    return effect


def _detail(request, parameter_set: ParameterSet, review_form=None):
    user = request.user
    own = parameter_set.proposed_by_id == user.pk
    can_review = parameter_set.is_open and user.has_perm(APPROVE) and not own
    return render(
        request,
        "ruleset/detail.html",
        {
            "set": parameter_set,
            "checks": parameter_set.checks or {},
            "effect": _effect(request, parameter_set),
            "own": own,
            "can_review": can_review,
            "review_form": (review_form or ReviewForm()) if can_review else None,
        },
    )


@login_required
def set_detail(request, pk: int):
    _need(request)
    return _detail(request, get_object_or_404(selectors.parameter_sets(), pk=pk))


@login_required
@require_POST
def set_review(request, pk: int):
    """Approve or reject (the button pressed), with the note; the proposer is refused (four eyes)."""
    _need(request)
    parameter_set = get_object_or_404(selectors.parameter_sets(), pk=pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    approve = request.POST.get("decision") == "approve"
    service = services.parameterset_approve if approve else services.parameterset_reject
    try:
        service(actor=request.user, parameter_set=parameter_set, note=note)
    except SetRefused as exc:
        if exc.field == "note":
            form.add_error("note", exc.message)
            return _detail(request, parameter_set, review_form=form)
        messages.error(request, exc.message)
    else:
        messages.success(request, _reviewed(approve, parameter_set.pk))
    return redirect("ruleset:detail", pk=pk)


def _reviewed(approved: bool, pk: int) -> str:
    if approved:
        seq = selectors.parameter_set_seq(pk)
        return f"Voorstel {pk} is goedgekeurd en geldt nu als set {seq}."
    return f"Voorstel {pk} is afgewezen."
