"""Forms for registering a payment, waiving a claim (kwijtschelden) and writing it off (afboeken)."""

from django import forms

from naleving.claims.models import PaymentMethod, WaiverGround
from naleving.claims.waivers import TEN_YEARS_CHOICES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AflossingForm(forms.Form):
    paid_on = forms.DateField(label="Betaald op", widget=DateInput())
    amount = forms.DecimalField(label="Bedrag (€)", min_value=0, decimal_places=2, max_digits=11)
    method = forms.ChoiceField(
        label="Wijze",
        choices=[c for c in PaymentMethod.choices if c[0] != PaymentMethod.VERREKENING],
        initial=PaymentMethod.OVERBOEKING,
        required=False,
        help_text="Verrekening met de uitkering loopt via de maandelijkse verrekening.",
    )

    def clean_method(self):
        return self.cleaned_data.get("method") or PaymentMethod.OVERBOEKING


class WaiveForm(forms.Form):
    ground = forms.ChoiceField(label="Grond", choices=[("", "Maak een keuze"), *WaiverGround.choices])
    reason = forms.CharField(
        label="Reden van de kwijtschelding",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Bijvoorbeeld: op verzoek, schuldregeling via de schuldhulpverlening, datum van het verzoek.",
    )
    ten_years = forms.ChoiceField(
        label="Tien jaar (art. 58 lid 7 Pw)",
        required=False,
        choices=[("", "Niet van toepassing"), *TEN_YEARS_CHOICES],
        help_text="Alleen bij de grond 'tien jaar na instellen'.",
    )
    requested_on = forms.DateField(
        label="Datum van het verzoek",
        required=False,
        widget=DateInput(),
        help_text="Bij een boete (art. 18a lid 13 Pw): kwijtschelding alleen op verzoek.",
    )
    debt_arrangement = forms.CharField(
        label="Schuldregeling",
        required=False,
        help_text="Bij een boete (art. 18a lid 13 Pw): welke schuldregeling, door wie, sinds wanneer.",
    )


class StepForm(forms.Form):
    day = forms.DateField(label="Datum", widget=DateInput())


class NonCooperationForm(forms.Form):
    since = forms.DateField(label="Niet-meewerken vastgesteld op", widget=DateInput(), required=False)
    reason = forms.CharField(
        label="Reden",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Waaruit blijkt dat de inwoner niet meewerkt aan de invordering (art. 60 lid 6 Pw), of waarom "
        "dat wordt opgeheven.",
    )


class WriteOffForm(forms.Form):
    reason = forms.CharField(
        label="Waarom is de vordering oninbaar?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Bijvoorbeeld: geen uitkering meer, geen inkomen of vermogen om beslag op te leggen.",
    )
