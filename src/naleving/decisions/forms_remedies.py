"""The forms of objection and appeal: they parse the input; ``decisions.remedies`` checks the law."""

from django import forms

from naleving.decisions.models import BeroepInstance, BeroepOutcome, BezwaarOutcome


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _text(
    label: str, *, required: bool = False, help_text: str = "", rows: int = 4, missing: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing or f"Vul in: {label.lower()}."},
    )


def _date(label: str, missing: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        error_messages={"required": missing, "invalid": "Vul een geldige datum in (dag-maand-jaar)."},
    )


def _amount(label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        decimal_places=2,
        max_digits=11,
        help_text=help_text,
        error_messages={
            "required": f"Vul in: {label.lower()}. Is er niets meer verschuldigd, vul dan 0 in.",
            "invalid": "Vul een bedrag in, bijvoorbeeld 250,00.",
            "min_value": "Een bedrag kan niet negatief zijn.",
        },
    )


def _choice(label: str, choices, missing: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, error_messages={"required": missing})


class BezwaarForm(forms.Form):
    received_on = _date("Ontvangen op", "Vul de datum in waarop het bezwaar binnenkwam.")
    posted_on = _date(
        "Ter post bezorgd op",
        "",
        required=False,
        help_text="Alleen bij een brief per post: de datum van het poststempel (art. 6:9 lid 2 Awb).",
    )
    grounds = _text(
        "Gronden van het bezwaar",
        required=True,
        missing="Vul de gronden van het bezwaar in (art. 6:5 Awb). Ontbreken ze nog, schrijf dan dat ze later volgen.",
    )
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


class ExcuseForm(forms.Form):
    late_excused = _text(
        "Waarom is de te late indiening verschoonbaar? (art. 6:11 Awb)",
        required=True,
        rows=4,
        missing="Schrijf op waarom de te late indiening verschoonbaar is.",
    )


class HearingForm(forms.Form):
    hearing_on = _date("Datum hoorzitting", "Vul de datum van de hoorzitting in.")
    hearing_record = _text(
        "Verslag van de hoorzitting",
        required=True,
        rows=6,
        missing="Schrijf kort op wat er tijdens de hoorzitting is gezegd.",
    )


class DecideForm(forms.Form):
    outcome = _choice(
        "Uitkomst", [("", "Kies de uitkomst"), *BezwaarOutcome.choices], "Kies de uitkomst van het bezwaar."
    )
    decided_on = _date("Beslist op", "Vul de datum van de beslissing op bezwaar in.")
    fine_amount = _amount("Boete na bezwaar (€)", "Niet hoger dan in het bestreden besluit (art. 7:11 Awb).")
    recovery_amount = _amount("Terugvordering na bezwaar (€)")
    # Only for a maatregel (the view drops it otherwise): the reduction may be shortened, never lengthened.
    maatregel_months = forms.IntegerField(
        label="Verlaging na bezwaar (maanden)",
        required=False,
        min_value=0,
        help_text="Niet langer dan in het bestreden besluit (art. 7:11 Awb). 0: geen verlaging meer.",
        error_messages={
            "invalid": "Vul een aantal maanden in, bijvoorbeeld 1.",
            "min_value": "Vul 0 of meer in.",
        },
    )
    motivation = _text(
        "Motivering van de beslissing op bezwaar",
        help_text="Waarom deze uitkomst (art. 7:12 Awb). Bij intrekking: een korte notitie.",
        rows=6,
    )


class BeroepForm(forms.Form):
    instance = _choice("Instantie", BeroepInstance.choices, "Kies beroep of hoger beroep.")
    lodged_on = _date("Ingesteld op", "Vul de datum in waarop het beroep is ingesteld.")
    court = forms.CharField(label="Rechtbank of raad", required=False, max_length=120)
    case_number = forms.CharField(label="Zaaknummer", required=False, max_length=40)


class BeroepOutcomeForm(forms.Form):
    outcome = _choice("Uitkomst", [("", "Kies de uitkomst"), *BeroepOutcome.choices], "Kies de uitkomst.")
    outcome_on = _date("Datum uitspraak", "Vul de datum van de uitspraak in.")
    judgment_sent_on = _date(
        "Uitspraak verzonden op",
        "",
        required=False,
        help_text="De termijn voor hoger beroep loopt vanaf de dag na verzending. Leeg: de datum van de uitspraak.",
    )
