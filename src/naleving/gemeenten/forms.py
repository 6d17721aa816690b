"""The beheer form of a municipality (the choice of a user's municipalities is in accounts.forms)."""

from django import forms
from PIL import Image, UnidentifiedImageError

from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.services import FIELDS
from naleving.rules import available_profiles

LOGO_MAX_BYTES = 512 * 1024
#: raster images only: an SVG can carry script, and the letters need a picture, not a document
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}


class GemeenteForm(forms.ModelForm):
    logo_upload = forms.FileField(
        label="Logo",
        required=False,
        help_text="Een PNG- of JPEG-afbeelding van hoogstens 512 kB, voor het briefhoofd. Leeg: het huidige "
        "logo blijft.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    class Meta:
        model = Gemeente
        fields = list(FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy_profile"] = forms.ChoiceField(
            label="Beleidsprofiel",
            required=False,
            choices=[("", "Landelijk (geen eigen verordening)")]
            + [(name, name) for name in available_profiles() if name != "landelijk"],
            help_text=Gemeente._meta.get_field("policy_profile").help_text,
        )

    def clean_payment_iban(self):
        """Stored as written on letters' account lines: upper case, no spaces (the model validates mod-97)."""
        return self.cleaned_data["payment_iban"].replace(" ", "").upper()

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError("Het logo is groter dan 512 kB. Verklein de afbeelding.")
        try:
            with Image.open(upload) as image:
                image.verify()
                kind = image.format or ""
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise forms.ValidationError("Dit bestand is geen PNG- of JPEG-afbeelding.") from None
        if kind not in LOGO_FORMATS:
            raise forms.ValidationError("Alleen een PNG- of JPEG-afbeelding kan een logo zijn.")
        upload.seek(0)
        upload.name = f"{self.cleaned_data.get('code') or 'gemeente'}.{LOGO_FORMATS[kind]}".lower()
        return upload
