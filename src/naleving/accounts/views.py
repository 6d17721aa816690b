"""Sign-in (password, then the code for a user with a second factor), lock-out (django-axes), sign-out,
the second factor (set up, verify, replace, remove, recovery codes) and the invitation link.

Every entry point uses the one login page: /beheer/login/ of the Django admin redirects here.
``SecondFactorMiddleware`` keeps a signed-in user who still owes a code or a set-up on these pages.
"""

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.accounts import oidc, second_factor
from naleving.accounts.forms import InvitationForm, LoginForm, OTPConfirmForm, OTPVerifyForm, ReauthForm
from naleving.accounts.services import AccountRefused, invitation_accept, invitation_get
from naleving.audit.services import audit_record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        audit_record(
            actor=user,
            code="user.logged_in",
            after={"second_factor": getattr(user, "otp_device", None) is not None},
        )
        return response

    def form_invalid(self, form):
        username = (form.data.get("username") or "")[:150]
        audit_record(actor=None, code="user.login_failed", after={"username": username})
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["second_factor_off"] = not second_factor.required_roles()
        context["sso_enabled"] = oidc.sso_enabled()
        return context


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit_record(actor=request.user, code="user.logged_out")
        sso = request.session.get(oidc.SSO_SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        # An SSO session also ends at the provider (RP-initiated logout), which then sends the browser back.
        provider_logout = oidc.provider_logout_url(request, sso)
        return redirect(provider_logout) if provider_logout else response


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "accounts/locked_out.html", status=429)


def _next(request, default: str = "web:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


@login_required
def otp_verify(request):
    """The code for a signed-in session that is not verified yet (the middleware sends users here)."""
    if request.user.is_verified() or not second_factor.has_second_factor(request.user):
        return _next(request)
    form = OTPVerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.token_verify(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            audit_record(actor=request.user, code="user.otp_verified")
            return _next(request)
        form.add_error("token", "Deze code klopt niet. Controleer de code en probeer het opnieuw.")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": request.GET.get("next", "")})


def _qr(device: TOTPDevice) -> str:
    svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return mark_safe(svg.to_string(encoding="unicode"))


@login_required
def otp_setup(request):
    """Set up (or replace) the authenticator: QR code, confirm with a first code, recovery codes once.

    Replacing needs the password and a current code (re-authentication), so a taken-over session
    alone cannot swap the factor.
    """
    user = request.user
    reauth = second_factor.has_second_factor(user)
    if reauth and not user.is_verified():
        return redirect("accounts:otp_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, confirmed=False, name="Authenticator"
    )
    form = OTPConfirmForm(request.POST or None, reauth=reauth)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if reauth and not second_factor.reauthenticate(user, data["password"], data["current_token"]):
            form.add_error(None, "Uw wachtwoord of huidige code klopt niet. Er is niets gewijzigd.")
        elif not device.verify_token(data["token"].strip()):
            form.add_error(
                "token", "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw."
            )
        else:
            codes = second_factor.totp_confirm(user=user, device=device)
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "new_factor": True})
    context = {
        "form": form,
        "qr_svg": _qr(device),
        "secret": device.bin_key.hex(),
        "already_confirmed": reauth,
        "required": second_factor.second_factor_required(user),
        "codes_form": ReauthForm(prefix="codes") if reauth else None,
        "remove_form": ReauthForm(prefix="remove") if reauth else None,
    }
    return render(request, "accounts/otp_setup.html", context)


@login_required
@require_POST
def recovery_codes_renew(request):
    """New recovery codes after password and current code; shown once."""
    form = ReauthForm(request.POST, prefix="codes")
    user = request.user
    if form.is_valid() and second_factor.reauthenticate(
        user, form.cleaned_data["password"], form.cleaned_data["current_token"]
    ):
        codes = second_factor.recovery_codes_renew(user=user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "new_factor": False})
    messages.error(
        request, "Uw wachtwoord of huidige code klopt niet. Er zijn geen nieuwe herstelcodes gemaakt."
    )
    return redirect("accounts:otp_setup")


@login_required
@require_POST
def otp_remove(request):
    """Remove the second factor, after password and current code; not for roles that must have one."""
    user = request.user
    if second_factor.second_factor_required(user):
        messages.error(
            request, "Voor uw rol is tweestapsverificatie verplicht; u kunt haar alleen vervangen."
        )
        return redirect("accounts:otp_setup")
    form = ReauthForm(request.POST, prefix="remove")
    if form.is_valid() and second_factor.reauthenticate(
        user, form.cleaned_data["password"], form.cleaned_data["current_token"]
    ):
        second_factor.second_factor_remove(user=user)
        messages.success(request, "Tweestapsverificatie is uitgeschakeld.")
        return redirect("web:home")
    messages.error(request, "Uw wachtwoord of huidige code klopt niet. Er is niets gewijzigd.")
    return redirect("accounts:otp_setup")


def invitation(request, token: str):
    """The one-time link: the invited user chooses his own password, then sets up his second factor."""
    found = invitation_get(token)
    if found is None:
        return render(request, "accounts/invitation_invalid.html", status=410)
    form = InvitationForm(found.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(invitation=found, password=form.cleaned_data["new_password1"])
        except AccountRefused:
            return render(request, "accounts/invitation_invalid.html", status=410)
        auth_login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        messages.success(request, "Uw wachtwoord is ingesteld. Stel nu uw tweede factor in.")
        return redirect("accounts:otp_setup")
    return render(request, "accounts/invitation.html", {"form": form, "invited": found.user})
