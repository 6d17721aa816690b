"""The forms of objection and appeal: they parse the input; ``decisions.remedies`` checks the law."""

from django import forms

from naleving.decisions.models import BeroepInstance, BeroepOutcome, BezwaarOutcome


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _text(label: str, *, required: bool = False, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class BezwaarForm(forms.Form):
    received_on = forms.DateField(label="Ontvangen op", widget=DateInput())
    posted_on = forms.DateField(
        label="Ter post bezorgd op",
        required=False,
        widget=DateInput(),
        help_text="Alleen bij een brief per post: de datum van het poststempel (art. 6:9 lid 2 Awb).",
    )
    grounds = _text("Gronden van het bezwaar", required=True)
    late_excused = _text(
        "Waarom is de te late indiening verschoonbaar? (art. 6:11 Awb)",
        help_text="Alleen invullen als het bezwaar na de termijn binnenkwam en de inwoner daar niets aan kon doen.",
        rows=3,
    )
    advisory_committee = forms.BooleanField(
        label="Een bezwaarcommissie adviseert (art. 7:13 Awb): beslistermijn 12 weken in plaats van 6",
        required=False,
    )

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)


class HearingForm(forms.Form):
    hearing_on = forms.DateField(label="Datum hoorzitting", widget=DateInput())
    hearing_record = _text("Verslag van de hoorzitting", required=True, rows=6)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label="Uitkomst", choices=[("", "Kies de uitkomst"), *BezwaarOutcome.choices])
    decided_on = forms.DateField(label="Beslist op", widget=DateInput())
    fine_amount = forms.DecimalField(
        label="Boete na bezwaar (€)",
        min_value=0,
        decimal_places=2,
        max_digits=11,
        help_text="Niet hoger dan in het bestreden besluit (art. 7:11 Awb).",
    )
    recovery_amount = forms.DecimalField(
        label="Terugvordering na bezwaar (€)", min_value=0, decimal_places=2, max_digits=11
    )
    motivation = _text(
        "Motivering van de beslissing op bezwaar",
        help_text="Waarom deze uitkomst (art. 7:12 Awb). Bij intrekking: een korte notitie.",
        rows=6,
    )


class BeroepForm(forms.Form):
    instance = forms.ChoiceField(label="Instantie", choices=BeroepInstance.choices)
    lodged_on = forms.DateField(label="Ingesteld op", widget=DateInput())
    court = forms.CharField(label="Rechtbank of raad", required=False, max_length=120)
    case_number = forms.CharField(label="Zaaknummer", required=False, max_length=40)


class BeroepOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="Uitkomst", choices=[("", "Kies de uitkomst"), *BeroepOutcome.choices])
    outcome_on = forms.DateField(label="Datum uitspraak", widget=DateInput())
    judgment_sent_on = forms.DateField(
        label="Uitspraak verzonden op",
        required=False,
        widget=DateInput(),
        help_text="De termijn voor hoger beroep loopt vanaf de dag na verzending. Leeg: de datum van de uitspraak.",
    )
