"""Forms for registering a payment, waiving a claim (kwijtschelden) and writing it off (afboeken)."""

from django import forms

from naleving.claims.models import WaiverGround


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AflossingForm(forms.Form):
    paid_on = forms.DateField(label="Betaald op", widget=DateInput())
    amount = forms.DecimalField(label="Bedrag (€)", min_value=0, decimal_places=2, max_digits=11)


class WaiveForm(forms.Form):
    ground = forms.ChoiceField(label="Grond", choices=[("", "Maak een keuze"), *WaiverGround.choices])
    reason = forms.CharField(
        label="Reden van de kwijtschelding",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Bijvoorbeeld: op verzoek, schuldregeling via de schuldhulpverlening, datum van het verzoek.",
    )


class WriteOffForm(forms.Form):
    reason = forms.CharField(
        label="Waarom is de vordering oninbaar?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Bijvoorbeeld: geen uitkering meer, geen inkomen of vermogen om beslag op te leggen.",
    )
