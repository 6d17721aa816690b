from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin


class LoginForm(OTPAuthenticationFormMixin, AuthenticationForm):
    """Username and password; users who set up two-step verification also give their 6-digit code."""

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label="Code uit uw authenticator-app",
        required=False,
        help_text="Alleen nodig als u tweestapsverificatie heeft ingesteld.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    otp_error_messages = dict(
        OTPAuthenticationFormMixin.otp_error_messages,
        token_required="Vul de code van 6 cijfers uit uw authenticator-app in.",
        invalid_token="Deze code klopt niet. Controleer de code en probeer het opnieuw.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        self.error_messages["invalid_login"] = (
            "Deze combinatie van gebruikersnaam en wachtwoord is onjuist. Na 5 mislukte pogingen wordt het "
            "account een uur geblokkeerd."
        )

    def _chosen_device(self, user):
        # Each user has at most one confirmed TOTP device (the set-up page replaces the old one), so
        # the login page asks for a code only, not for a device.
        from django_otp.plugins.otp_totp.models import TOTPDevice

        return TOTPDevice.objects.filter(user=user, confirmed=True).first()

    def clean(self):
        self.cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            self.clean_otp(user)
        return self.cleaned_data


class OTPConfirmForm(forms.Form):
    token = forms.CharField(
        label="Code uit uw authenticator-app",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
