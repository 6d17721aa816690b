"""Forms for logging in, the second factor, invitations and Beheer › Gebruikers."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from naleving.accounts.models import Team, User
from naleving.accounts.roles import ROLE_CHOICES
from naleving.accounts.second_factor import has_second_factor, token_verify
from naleving.gemeenten.models import Gemeente

CODE_LABEL = "Code uit uw authenticator-app of een herstelcode"
CODE_WIDGET = {"autocomplete": "one-time-code", "inputmode": "numeric"}


def _code_field(label: str = CODE_LABEL, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        min_length=6,
        max_length=16,
        help_text=help_text,
        widget=forms.TextInput(attrs=CODE_WIDGET),
    )


class LoginForm(AuthenticationForm):
    """Username and password, and the code for a user with a second factor: one form for every entry
    point (the product, /beheer/login/ redirects here). The session is verified (django-otp) only when
    the code was right: ``user.otp_device`` makes ``django.contrib.auth.login`` record the device.
    """

    otp_token = _code_field(
        required=False, help_text="Alleen nodig als u tweestapsverificatie heeft ingesteld."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        self.error_messages["invalid_login"] = (
            "Deze combinatie van gebruikersnaam en wachtwoord is onjuist. Na 5 mislukte pogingen wordt het "
            "account een uur geblokkeerd."
        )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and has_second_factor(user):
            token = cleaned.get("otp_token", "")
            if not token:
                raise forms.ValidationError(
                    "Vul de code van 6 cijfers uit uw authenticator-app in (of een herstelcode).",
                    code="token_required",
                )
            device = token_verify(user, token)
            if device is None:
                raise forms.ValidationError(
                    "Deze code klopt niet. Controleer de code en probeer het opnieuw.", code="invalid_token"
                )
            user.otp_device = device
        return cleaned


class OTPVerifyForm(forms.Form):
    token = _code_field()


class ReauthForm(forms.Form):
    """Password and current code, before a second factor is changed or removed."""

    password = forms.CharField(
        label="Uw wachtwoord", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    current_token = _code_field(label="Huidige code uit uw authenticator-app of een herstelcode")


class OTPConfirmForm(ReauthForm):
    """Confirm a new authenticator; a user who already has one also gives his password and current code."""

    token = _code_field(label="Code uit uw nieuwe authenticator-app")

    def __init__(self, *args, reauth: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.reauth = reauth
        if not reauth:
            del self.fields["password"], self.fields["current_token"]


class InvitationForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Nieuw wachtwoord"
        self.fields[
            "new_password1"
        ].help_text = "Minstens 12 tekens; niet alleen cijfers en niet te gewoon of te veel zoals uw naam."
        self.fields["new_password2"].label = "Nieuw wachtwoord (nogmaals)"


class _RolesAndTeam(forms.Form):
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False)
    roles = forms.MultipleChoiceField(
        label="Rollen",
        choices=ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Een rol die iets goedkeurt (teamleider, functionaris gegevensbescherming, applicatiebeheerder) "
            "geldt pas als een andere beheerder de toekenning goedkeurt (vier ogen)."
        ),
    )


class _Gemeenten(forms.Form):
    """For whom the user works: all municipalities (also later ones) or one or several (ADR 0021). With
    one municipality in the organisation there is nothing to choose and the fields go."""

    all_gemeenten = forms.BooleanField(
        label="Werkt voor alle gemeenten",
        required=False,
        help_text="Ook voor gemeenten die later worden toegevoegd.",
    )
    gemeenten = forms.ModelMultipleChoiceField(
        label="Gemeenten",
        queryset=Gemeente.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="De medewerker ziet alleen inwoners van de gekozen gemeenten.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.chooses_gemeenten = Gemeente.objects.count() > 1
        if not self.chooses_gemeenten:
            del self.fields["all_gemeenten"], self.fields["gemeenten"]

    def clean(self):
        cleaned = super().clean()
        if self.chooses_gemeenten and not cleaned.get("all_gemeenten") and not cleaned.get("gemeenten"):
            self.add_error(
                "gemeenten", "Kies ten minste één gemeente, of vink 'Werkt voor alle gemeenten' aan."
            )
        return cleaned

    def gemeenten_choice(self) -> dict:
        """The keyword arguments of ``gemeenten.services.user_gemeenten_set``; all when nothing to choose."""
        if not self.chooses_gemeenten:
            return {"gemeenten": [], "all_gemeenten": True}
        return {
            "gemeenten": list(self.cleaned_data.get("gemeenten") or []),
            "all_gemeenten": bool(self.cleaned_data.get("all_gemeenten")),
        }


class UserCreateForm(_Gemeenten, _RolesAndTeam):
    field_order = [
        "first_name",
        "last_name",
        "username",
        "email",
        "team",
        "roles",
        "all_gemeenten",
        "gemeenten",
    ]

    first_name = forms.CharField(label="Voornaam", max_length=150)
    last_name = forms.CharField(label="Achternaam", max_length=150)
    username = forms.RegexField(
        label="Gebruikersnaam",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "Alleen letters, cijfers en de tekens . @ + - _."},
    )
    email = forms.EmailField(
        label="E-mailadres",
        help_text="Hierheen sturen we de eenmalige link waarmee de medewerker zelf een wachtwoord kiest.",
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Deze gebruikersnaam bestaat al.")
        return username


class UserChangeForm(_Gemeenten, _RolesAndTeam):
    pass


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name"]
        labels = {"name": "Naam van het nieuwe team"}
