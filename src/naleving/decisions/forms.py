"""The what-if form: the facts of a breach, turned into a decision-contract request."""

from django import forms

from naleving.investigations.choices import Verwijtbaarheid
from naleving.residents.choices import HouseholdType, Regulation
from naleving.signals.choices import ViolationKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


AGE_BANDS = [
    ("21_to_aow", "21 jaar tot AOW-leeftijd"),
    ("18_to_20", "18 tot en met 20 jaar"),
    ("aow", "AOW-leeftijd"),
]
COOPERATION = [("yes", "Werkt mee"), ("refused", "Weigert mee te werken"), ("unable", "Kan niet meewerken")]
URGENT_RECOVERY = [("none", "Nee"), ("partial", "Gedeeltelijk"), ("full", "Volledig")]
SOURCES = [
    ("", "Geen: het feit stond niet in een register"),
    ("polisadministratie", "Polisadministratie (UWV)"),
    ("brp", "BRP"),
]
HISTORY_TYPES = [
    ("waarschuwing", "Waarschuwing"),
    ("boete", "Boete"),
    ("strafrechtelijk", "Strafrechtelijke sanctie"),
]


class WhatIfForm(forms.Form):
    profile = forms.ChoiceField(label="Beleidsprofiel", choices=())
    decision_date = forms.DateField(label="Besluitdatum (peildatum)", widget=DateInput())
    regulation = forms.ChoiceField(label="Regeling", choices=Regulation.choices, initial="Pw")
    kind = forms.ChoiceField(label="Soort schending", choices=ViolationKind.choices)
    start = forms.DateField(label="Begin van de periode", widget=DateInput())
    end = forms.DateField(label="Einde van de periode", widget=DateInput())
    detected_on = forms.DateField(label="Ontdekt op", required=False, widget=DateInput())
    self_reported_on = forms.DateField(label="Zelf gemeld op", required=False, widget=DateInput())
    source_known = forms.ChoiceField(label="Feit stond al in register", choices=SOURCES, required=False)
    benadelingsbedrag = forms.DecimalField(
        label="Benadelingsbedrag (€)", min_value=0, decimal_places=2, max_digits=11
    )
    culpability = forms.ChoiceField(label="Verwijtbaarheid", choices=Verwijtbaarheid.choices)
    household_type = forms.ChoiceField(label="Leefvorm", choices=HouseholdType.choices)
    kostendelers = forms.IntegerField(label="Aantal kostendelers (A)", min_value=1, initial=1)
    age_band = forms.ChoiceField(label="Leeftijd", choices=AGE_BANDS)
    on_benefit = forms.BooleanField(
        label="Inkomen op bijstandsniveau (draagkracht)", required=False, initial=True
    )
    urgent_reasons_recovery = forms.ChoiceField(
        label="Dringende redenen: afzien van terugvordering", choices=URGENT_RECOVERY
    )
    recovery_amount = forms.DecimalField(
        label="Bij gedeeltelijk: nog terug te vorderen (€)", required=False, min_value=0, decimal_places=2
    )
    urgent_reasons_fine = forms.BooleanField(label="Dringende redenen: afzien van boete", required=False)
    cooperation = forms.ChoiceField(label="Medewerking", choices=COOPERATION)
    history_type = forms.ChoiceField(
        label="Eerdere sanctie", choices=[("", "Geen"), *HISTORY_TYPES], required=False
    )
    history_kind = forms.ChoiceField(
        label="Soort eerdere schending", choices=ViolationKind.choices, required=False
    )
    history_date = forms.DateField(label="Datum eerdere sanctie", required=False, widget=DateInput())

    def __init__(self, *args, profiles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [(p, p) for p in profiles]

    def to_request(self) -> dict:
        """The decision-contract request (decision-contract.md) for the cleaned facts."""
        d = self.cleaned_data
        violation = {"kind": d["kind"], "start": d["start"].isoformat(), "end": d["end"].isoformat()}
        for key in ("detected_on", "self_reported_on"):
            if d.get(key):
                violation[key] = d[key].isoformat()
        if d.get("source_known"):
            violation["source_known"] = d["source_known"]
        judgements = {
            "urgent_reasons_recovery": d["urgent_reasons_recovery"],
            "urgent_reasons_fine": d["urgent_reasons_fine"],
        }
        if d["urgent_reasons_recovery"] == "partial" and d.get("recovery_amount") is not None:
            judgements["recovery_amount"] = str(d["recovery_amount"])
        history = []
        if d.get("history_type") and d.get("history_date"):
            history.append(
                {
                    "type": d["history_type"],
                    "kind": d["history_kind"] or d["kind"],
                    "date": d["history_date"].isoformat(),
                }
            )
        return {
            "profile": d["profile"],
            "decision_date": d["decision_date"].isoformat(),
            "regulation": d["regulation"],
            "violation": violation,
            "benadelingsbedrag": str(d["benadelingsbedrag"]),
            "culpability": d["culpability"],
            "history": history,
            "household": {
                "type": d["household_type"],
                "kostendelers": d["kostendelers"],
                "age_band": d["age_band"],
            },
            "income": {"on_benefit": d["on_benefit"]},
            "judgements": judgements,
            "cooperation": d["cooperation"],
        }
