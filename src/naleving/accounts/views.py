"""Sign-in with optional TOTP second factor, lock-out (django-axes), sign-out and TOTP set-up."""

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.accounts.forms import LoginForm, OTPConfirmForm
from naleving.audit.services import audit_record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(actor=form.get_user(), code="user.logged_in")
        return response

    def form_invalid(self, form):
        username = (form.data.get("username") or "")[:150]
        audit_record(actor=None, code="user.login_failed", after={"username": username})
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit_record(actor=request.user, code="user.logged_out")
        return super().post(request, *args, **kwargs)


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "accounts/locked_out.html", status=429)


@login_required
def otp_setup(request):
    """Set up TOTP: show a QR code for an unconfirmed device; confirm it with a first valid code."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator"}
    )
    form = OTPConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            audit_record(actor=request.user, code="user.otp_enabled", obj=device)
            messages.success(
                request, "Tweestapsverificatie is ingesteld. Vanaf nu vragen we bij inloggen om een code."
            )
            return redirect("web:home")
        form.add_error(
            "token", "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw."
        )
    svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).to_string(
        encoding="unicode"
    )
    context = {
        "form": form,
        "qr_svg": mark_safe(svg),
        "secret": device.bin_key.hex(),
        "already_confirmed": confirmed,
    }
    return render(request, "accounts/otp_setup.html", context)
