"""Forms for the resident's rights under the AVG: correction (art. 16) and objection (art. 21)."""

from django import forms
from django.utils import timezone

from naleving.residents.forms import DateInput
from naleving.residents.services import CORRECTABLE_FIELDS


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(
        label="Welk gegeven",
        choices=[("", "Maak een keuze"), *CORRECTABLE_FIELDS.items()],
        error_messages={"required": "Kies het gegeven dat u corrigeert."},
    )
    new_value = forms.CharField(
        label="Juiste waarde",
        max_length=200,
        required=False,
        help_text="Een datum als dd-mm-jjjj of jjjj-mm-dd. Leeg laten wist het gegeven (alleen waar dat mag).",
    )
    requested_on = forms.DateField(
        label="Verzoek van de inwoner ontvangen op",
        widget=DateInput(),
        initial=timezone.localdate,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": "Vul de datum van het verzoek in."},
    )
    reason = forms.CharField(
        label="Waarom was het gegeven onjuist?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: de inwoner liet een kopie van het paspoort zien.",
        error_messages={"required": "Schrijf op waarom het gegeven onjuist was."},
    )

    def clean_new_value(self):
        value = self.cleaned_data["new_value"].strip()
        if self.cleaned_data.get("field") == "birth_date" and value:
            for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
                try:
                    return timezone.datetime.strptime(value, fmt).date()
                except ValueError:
                    continue
            raise forms.ValidationError("Vul een datum in als dd-mm-jjjj.")
        return value


class PrivacyObjectionForm(forms.Form):
    received_on = forms.DateField(
        label="Bezwaar ontvangen op",
        widget=DateInput(),
        initial=timezone.localdate,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": "Vul de datum van ontvangst in."},
    )
    grounds = forms.CharField(
        label="Gronden van de inwoner",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat de inwoner aanvoert over zijn of haar bijzondere situatie (AVG art. 21 lid 1).",
        error_messages={"required": "Schrijf de gronden van de inwoner op."},
    )


class PrivacyObjectionDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Beslissing",
        choices=[("toegewezen", "Toewijzen: de verwerking stopt"), ("afgewezen", "Afwijzen")],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies toewijzen of afwijzen."},
    )
    weighing = forms.CharField(
        label="Afweging",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Weeg de dwingende gronden van de inwoner af tegen de gerechtvaardigde gronden van de gemeente "
            "voor de verwerking."
        ),
        error_messages={"required": "Schrijf de afweging op."},
    )
