"""The form of "Wie zag inwoner X": a BSN (elfproef) or a dossier number, and a period."""

from django import forms

from naleving.audit.forms import PeriodForm
from naleving.residents.validators import validate_bsn


class ResidentHistoryForm(PeriodForm):
    bsn = forms.CharField(
        label="BSN",
        required=False,
        max_length=9,
        validators=[validate_bsn],
        help_text="9 cijfers. U ziet niet het dossier, alleen wie het inzag.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    dossier = forms.IntegerField(label="of dossiernummer", required=False, min_value=1)
    field_order = ["bsn", "dossier", "date_from", "date_to"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("bsn") and not cleaned.get("dossier") and not self.has_error("bsn"):
            raise forms.ValidationError("Vul een BSN of een dossiernummer in.", code="required")
        if cleaned.get("bsn") and cleaned.get("dossier"):
            raise forms.ValidationError("Vul een BSN óf een dossiernummer in, niet allebei.", code="both")
        return cleaned


class InzageForm(forms.Form):
    """The inzageverzoek: the BSN comes by POST only, so it never lands in a URL or an access log."""

    bsn = forms.CharField(
        label="BSN van de inwoner",
        max_length=9,
        validators=[validate_bsn],
        help_text="9 cijfers. U ziet een samenvatting en kunt alle gegevens downloaden als JSON of PDF.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    formaat = forms.ChoiceField(
        choices=[("samenvatting", "Samenvatting"), ("json", "JSON"), ("pdf", "PDF"), ("zip", "ZIP")],
        required=False,
        widget=forms.HiddenInput,
    )
