"""Beheer › Gebruikers: users, teams and roles, managed in the product instead of the Django admin.

The pages show and change only what the role table allows: no superuser flag, no direct permissions, no
passwords. New users and resets get an invitation link by e-mail; approver roles wait for a second person
(``accounts.approve_role_grant``, never the requester, never the user himself). The services audit
every write.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from naleving.accounts import services
from naleving.accounts.forms import TeamForm, UserChangeForm, UserCreateForm
from naleving.accounts.models import RoleGrant, Team, User
from naleving.accounts.roles import ROLES, role_needs_second_person
from naleving.accounts.second_factor import has_second_factor
from naleving.gemeenten.services import user_gemeenten_set

MANAGE = services.MANAGE
APPROVE_GRANT = services.APPROVE_GRANT


def _need(request, *permissions: str) -> None:
    if not any(request.user.has_perm(p) for p in permissions or (MANAGE,)):
        raise PermissionDenied


def _send_invitation(request, user: User, token: str) -> None:
    """The link goes to the user's own address only; the beheerder sees where it went, not the link."""
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[token]))
    send_mail(
        subject="Uw account voor Naleving",
        message=(
            f"Beste {user.display_name},\n\nMet deze link kiest u zelf een wachtwoord en stelt u "
            f"tweestapsverificatie in:\n\n{link}\n\nDe link werkt één keer en verloopt na een paar dagen. "
            "Heeft u dit niet verwacht? Neem dan contact op met de applicatiebeheerder.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def _managed_users():
    """Staff users as the beheer pages list them; superusers (command-line accounts) are not managed here."""
    return User.objects.filter(is_superuser=False).select_related("team").prefetch_related("groups")


@login_required
def user_list(request):
    _need(request)
    users = _managed_users().order_by("last_name", "first_name", "username")
    pending = RoleGrant.objects.filter(status=RoleGrant.Status.AANGEVRAAGD).count()
    return render(request, "accounts/beheer/user_list.html", {"users": users, "pending": pending})


@login_required
def user_create(request):
    _need(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # The user and their municipalities land together or not at all.
            with transaction.atomic():
                user, token = services.user_invite(
                    actor=request.user,
                    username=data["username"],
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    team=data["team"],
                    roles=data["roles"],
                )
                user_gemeenten_set(actor=request.user, user=user, **form.gemeenten_choice())
        except services.AccountRefused as exc:
            form.add_error(None, exc.message)
        else:
            _send_invitation(request, user, token)
            messages.success(request, _created_message(user, data["roles"]))
            return redirect("beheer:user_detail", pk=user.pk)
    return render(request, "accounts/beheer/user_form.html", {"form": form, "roles": ROLES})


def _created_message(user: User, roles: list[str]) -> str:
    text = f"{user.display_name} is aangemaakt. De uitnodiging is gestuurd naar {user.email}."
    if any(role_needs_second_person(key) for key in roles):
        text += " Een goedkeurdersrol geldt pas als een andere beheerder haar goedkeurt."
    return text


@login_required
def user_detail(request, pk: int):
    _need(request)
    user = get_object_or_404(_managed_users(), pk=pk)
    initial = {
        "team": user.team,
        "roles": services.user_role_keys(user),
        "all_gemeenten": user.all_gemeenten,
        "gemeenten": list(user.gemeenten.all()),
    }
    form = UserChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            requested = services.user_change(
                actor=request.user,
                user=user,
                team=form.cleaned_data["team"],
                roles=form.cleaned_data["roles"],
            )
            if form.chooses_gemeenten:
                user_gemeenten_set(actor=request.user, user=user, **form.gemeenten_choice())
        except services.AccountRefused as exc:
            form.add_error(None, exc.message)
        else:
            message = "De wijzigingen zijn opgeslagen."
            if requested:
                message += (
                    " Een goedkeurdersrol geldt pas als een andere beheerder haar goedkeurt (vier ogen)."
                )
            messages.success(request, message)
            return redirect("beheer:user_detail", pk=user.pk)
    context = {
        "managed": user,
        "form": form,
        "own": user.pk == request.user.pk,
        "roles": services.user_roles(user),
        "has_second_factor": has_second_factor(user),
        "grants": user.role_grants.select_related("requested_by", "decided_by")[:20],
        "invitation": user.invitations.first(),
        "gemeenten": "alle gemeenten"
        if user.all_gemeenten
        else ", ".join(g.name for g in user.gemeenten.all()),
    }
    return render(request, "accounts/beheer/user_detail.html", context)


def _action(request, pk: int, action, done: str):
    _need(request)
    user = get_object_or_404(_managed_users(), pk=pk)
    try:
        result = action(actor=request.user, user=user)
    except services.AccountRefused as exc:
        messages.error(request, exc.message)
    else:
        if isinstance(result, str):
            _send_invitation(request, user, result)
        messages.success(request, done.format(user=user))
    return redirect("beheer:user_detail", pk=pk)


@login_required
@require_POST
def user_reset(request, pk: int):
    return _action(
        request,
        pk,
        services.user_password_reset,
        "Het wachtwoord en de tweede factor van {user.display_name} zijn gewist. Er is een nieuwe "
        "uitnodiging gestuurd naar {user.email}.",
    )


@login_required
@require_POST
def user_deactivate(request, pk: int):
    return _action(request, pk, services.user_deactivate, "{user.display_name} kan niet meer inloggen.")


@login_required
@require_POST
def user_unlock(request, pk: int):
    return _action(request, pk, services.user_unlock, "De blokkade van {user.display_name} is opgeheven.")


@login_required
def grant_list(request):
    _need(request, MANAGE, APPROVE_GRANT)
    grants = RoleGrant.objects.select_related("user", "requested_by", "decided_by")
    return render(
        request,
        "accounts/beheer/grant_list.html",
        {
            "open": grants.filter(status=RoleGrant.Status.AANGEVRAAGD),
            "decided": grants.exclude(status=RoleGrant.Status.AANGEVRAAGD)[:50],
            "can_decide": request.user.has_perm(APPROVE_GRANT),
        },
    )


@login_required
@require_POST
def grant_decide(request, pk: int):
    """Approve or reject (the button pressed); the services refuse the requester and the user himself."""
    _need(request, APPROVE_GRANT)
    grant = get_object_or_404(RoleGrant, pk=pk)
    approve = request.POST.get("decision") == "approve"
    service = services.role_grant_approve if approve else services.role_grant_reject
    try:
        service(actor=request.user, grant=grant)
    except services.AccountRefused as exc:
        messages.error(request, exc.message)
    else:
        verb = "goedgekeurd" if approve else "afgewezen"
        messages.success(request, f"De rol {grant.role_name} voor {grant.user.display_name} is {verb}.")
    return redirect("beheer:grants")


@login_required
def team_list(request):
    _need(request)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = services.team_create(actor=request.user, name=form.cleaned_data["name"])
        messages.success(request, f"{team.name} is aangemaakt.")
        return redirect("beheer:teams")
    teams = Team.objects.all().prefetch_related("members")
    return render(request, "accounts/beheer/team_list.html", {"teams": teams, "form": form})
