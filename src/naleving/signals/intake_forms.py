"""Forms of the signal intake: colleagues and chain partners, residents' public report, the IB file upload."""

import re
import secrets
import time

from django import forms
from django.core import signing
from django.utils import timezone

from naleving.gemeenten.selectors import gemeenten_all, gemeenten_of
from naleving.residents.validators import validate_bsn
from naleving.signals import ib
from naleving.signals.choices import Origin, ViolationKind

CHOOSE = ("", "Maak een keuze")
# The other origins have channels of their own: the public report page, the IB import, BRP/LAA and the
# theme controls. A resident who reports a fact about themselves at the desk, by phone or by letter is
# registered by staff as a zelfmelding (a change reported online arrives as a ChangeReport instead).
STAFF_ORIGINS = [
    (o.value, o.label) for o in (Origin.COLLEGA, Origin.KETENPARTNER, Origin.ZELFMELDING, Origin.OVERIG)
]
MAX_DESCRIPTION = 5000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BSNField(forms.CharField):
    """A BSN as people type it ("1234 56 782", "123.456.782"), checked with the elfproef."""

    default_validators = [validate_bsn]

    def to_python(self, value):
        return re.sub(r"[\s.]", "", super().to_python(value))


def _choose_gemeente(form: forms.Form, choices) -> None:
    """Add the municipality choice when there is more than one to choose from; with one it is implied
    (``form.gemeente_implied``) and the field stays away."""
    rows = list(choices[:2])
    form.gemeente_implied = rows[0] if len(rows) == 1 else None
    if len(rows) > 1:
        form.fields["gemeente"] = forms.ModelChoiceField(
            label="Gemeente",
            queryset=choices,
            empty_label="Maak een keuze",
            help_text="De gemeente waar het signaal over gaat. Is de betrokkene als inwoner bekend, dan "
            "telt de gemeente van het dossier.",
        )


def chosen_gemeente(form: forms.Form):
    """The municipality the form names (chosen, or implied when there is one)."""
    return form.cleaned_data.get("gemeente") or getattr(form, "gemeente_implied", None)


class SignalForm(forms.Form):
    origin = forms.ChoiceField(
        label="Herkomst",
        choices=[CHOOSE, *STAFF_ORIGINS],
        help_text="Kies 'Zelfmelding inwoner' als de inwoner het zelf over de eigen situatie meldt. Signalen "
        "van het Inlichtingenbureau, BRP/LAA, themacontroles en anonieme meldingen komen via hun eigen kanaal "
        "binnen.",
    )
    kind = forms.ChoiceField(label="Soort", choices=[CHOOSE, *ViolationKind.choices])
    received_on = forms.DateField(label="Ontvangen op", widget=DateInput())
    description = forms.CharField(
        label="Omschrijving",
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Wat is er gemeld: wat, wanneer en door wie waargenomen? Schrijf feiten op, geen oordelen.",
    )
    external_reference = forms.CharField(
        label="Kenmerk van de melder",
        required=False,
        max_length=64,
        help_text="Bijvoorbeeld het zaaknummer van de ketenpartner. Mag leeg blijven.",
    )
    bsn = BSNField(
        label="BSN van de betrokkene",
        required=False,
        max_length=12,
        help_text="Als u het weet. We controleren de elfproef en koppelen het signaal aan het dossier.",
    )
    subject_name = forms.CharField(
        label="Naam van de betrokkene", required=False, max_length=200, help_text="Nodig als u geen BSN weet."
    )
    subject_address = forms.CharField(
        label="Adres van de betrokkene",
        required=False,
        max_length=200,
        help_text="Straat, huisnummer en postcode, als u geen BSN weet.",
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_gemeente(self, gemeenten_of(actor))

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(f"De datum van ontvangst ({day:%d-%m-%Y}) ligt in de toekomst.")
        return day

    def clean(self):
        cleaned = super().clean()
        who = ("bsn", "subject_name", "subject_address")
        if not any(cleaned.get(name) for name in who) and "bsn" not in self.errors:
            raise forms.ValidationError(
                "Vul het BSN in, of de naam of het adres van de betrokkene. Zonder een van die drie kan "
                "niemand het signaal oppakken."
            )
        return cleaned


# What a resident can report, in plain words (B1). Detention and study are left out: residents rarely
# know them, and "Iets anders" covers them.
PUBLIC_KINDS = [
    (
        ViolationKind.COHABITATION.value,
        "De persoon woont samen met iemand, maar zegt dat hij of zij alleen woont",
    ),
    (ViolationKind.ADDRESS.value, "De persoon woont niet op het adres waar hij of zij ingeschreven staat"),
    (ViolationKind.HOUSEHOLD.value, "Er wonen meer mensen in het huis dan de gemeente weet"),
    (ViolationKind.INCOME.value, "De persoon werkt of krijgt geld naast de uitkering"),
    (ViolationKind.ASSETS.value, "De persoon heeft veel spaargeld, een huis of andere bezittingen"),
    (ViolationKind.VEHICLE.value, "De persoon heeft een auto, motor of boot"),
    (ViolationKind.ABROAD.value, "De persoon is lange tijd in het buitenland"),
    (ViolationKind.OTHER.value, "Iets anders"),
]
PUBLIC_MAX_DESCRIPTION = 2000
MIN_SECONDS, MAX_SECONDS = 3, 2 * 60 * 60
STARTED_SALT = "naleving.signals.melden.started"
_POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


def started_token(at: float | None = None) -> str:
    """A signed timestamp of when the form was shown, with a random nonce: a bot can neither forge it nor
    use it twice (the report view spends the nonce), and two visitors in the same second differ."""
    shown_at = int(time.time() if at is None else at)
    return signing.dumps({"t": shown_at, "n": secrets.token_urlsafe(16)}, salt=STARTED_SALT)


def _read_started(token: str) -> tuple[int, str]:
    """``(shown_at, nonce)`` of a token; ``BadSignature`` when it is forged or from before the nonce."""
    payload = signing.loads(token, salt=STARTED_SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("t"), int) or not payload.get("n"):
        raise signing.BadSignature("started token without a nonce")
    return payload["t"], str(payload["n"])


class PublicReportForm(forms.Form):
    """The resident's report. ``is_spam`` is set when the honeypot or the timing gives a robot away."""

    kind = forms.ChoiceField(
        label="Waar gaat uw melding over?",
        choices=PUBLIC_KINDS,
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
        error_messages={
            "required": "Kies waar uw melding over gaat.",
            "invalid_choice": "Kies een van de mogelijkheden hieronder.",
        },
    )
    description = forms.CharField(
        label="Wat is er aan de hand?",
        max_length=PUBLIC_MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
        help_text="Schrijf op wat u hebt gezien of gehoord, en wanneer. Hoe meer feiten, hoe beter wij kunnen "
        f"kijken of er iets niet klopt. Maximaal {PUBLIC_MAX_DESCRIPTION} tekens.",
        error_messages={
            "required": "Schrijf op wat er aan de hand is.",
            "max_length": f"Uw tekst is te lang. Gebruik maximaal {PUBLIC_MAX_DESCRIPTION} tekens.",
        },
    )
    subject_name = forms.CharField(
        label="Naam van de persoon",
        required=False,
        max_length=200,
        help_text="Als u die weet. Mag leeg blijven.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    postcode = forms.CharField(
        label="Postcode van het adres",
        max_length=7,
        help_text="Het adres waar de persoon woont of zou moeten wonen. Bijvoorbeeld 1234 AB.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 8}),
        error_messages={"required": "Vul de postcode in."},
    )
    house_number = forms.CharField(
        label="Huisnummer",
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
        error_messages={"required": "Vul het huisnummer in."},
    )
    house_number_suffix = forms.CharField(
        label="Toevoeging",
        required=False,
        max_length=6,
        help_text="Bijvoorbeeld A of 2-hoog. Mag leeg blijven.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 6}),
    )
    contact_allowed = forms.BooleanField(
        label="Ik wil dat de gemeente contact met mij kan opnemen",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    )
    reporter_contact = forms.CharField(
        label="Uw telefoonnummer of e-mailadres",
        required=False,
        max_length=200,
        help_text="Alleen invullen als u het vakje hierboven aanzet. Zet u het vakje niet aan, dan bewaren wij "
        "dit niet.",
    )
    # Spam resistance without a third-party captcha: a field people do not see, and the signed time the
    # form was shown.
    website = forms.CharField(
        label="Laat dit veld leeg",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_gemeente(self, gemeenten_all())
        if "gemeente" in self.fields:
            self.fields["gemeente"].label = "In welke gemeente woont de persoon?"
            self.fields["gemeente"].help_text = ""
            self.fields["gemeente"].error_messages["required"] = "Kies de gemeente."

    is_spam = False
    #: the started token's nonce, once the token checked out; the view spends it (single use)
    token_nonce = ""

    def clean_postcode(self):
        postcode = re.sub(r"\s", "", self.cleaned_data["postcode"]).upper()
        if not _POSTCODE.match(postcode):
            raise forms.ValidationError("Vul een postcode in zoals 1234 AB: 4 cijfers en 2 letters.")
        return postcode

    def clean_house_number(self):
        number = self.cleaned_data["house_number"].strip()
        if not number.isdigit() or int(number) == 0:
            raise forms.ValidationError(
                "Vul alleen het nummer in, bijvoorbeeld 12. Een letter kan bij Toevoeging."
            )
        return int(number)

    def clean(self):
        cleaned = super().clean()
        self._check_robot(cleaned)
        if cleaned.get("contact_allowed"):
            if not cleaned.get("reporter_contact", "").strip():
                self.add_error(
                    "reporter_contact", "Vul uw telefoonnummer of e-mailadres in, of zet het vakje uit."
                )
        else:
            cleaned["reporter_contact"] = ""  # never store what the reporter did not choose to give
        return cleaned

    def _check_robot(self, cleaned) -> None:
        if cleaned.get("website"):
            self.is_spam = True
            raise forms.ValidationError(
                "Uw melding is niet verstuurd. Laat het veld 'Laat dit veld leeg' leeg en verstuur het opnieuw."
            )
        try:
            shown_at, self.token_nonce = _read_started(cleaned.get("started", ""))
        except signing.BadSignature:
            self.is_spam = True
            self.restart()
            raise forms.ValidationError("Uw melding is niet verstuurd. Probeer het opnieuw.") from None
        age = time.time() - shown_at
        if age < MIN_SECONDS:
            self.is_spam = True
            raise forms.ValidationError(
                "U verstuurde het formulier erg snel. Kijk uw melding nog even na en klik dan opnieuw op "
                "'Melding versturen'."
            )
        if age > MAX_SECONDS:
            self.restart()
            raise forms.ValidationError(
                "Het formulier stond langer dan 2 uur open. Uw tekst staat er nog: kijk hem na en klik opnieuw "
                "op 'Melding versturen'."
            )

    def restart(self) -> None:
        """Show the form again with a fresh timestamp (the rest of what was typed stays)."""
        self.data = self.data.copy()
        self.data["started"] = started_token()

    @property
    def subject_address(self) -> str:
        data = self.cleaned_data
        number = " ".join(
            str(part) for part in (data["house_number"], data.get("house_number_suffix")) if part
        )
        return f"Postcode {data['postcode']}, huisnummer {number}"


class IBImportForm(forms.Form):
    file = forms.FileField(
        label="CSV-bestand van het Inlichtingenbureau",
        help_text="Een CSV-bestand (UTF-8, komma als scheidingsteken) met de kolommen "
        f"{', '.join(ib.COLUMNS)}. Maximaal 10 MB.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_gemeente(self, gemeenten_of(actor))
        if "gemeente" in self.fields:
            self.fields[
                "gemeente"
            ].help_text = "De gemeente waarvoor het Inlichtingenbureau dit bestand leverde."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > ib.MAX_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 10 MB. Splits het in kleinere bestanden.")
        return upload
