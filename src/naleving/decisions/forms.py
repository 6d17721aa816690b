"""The what-if form (the facts of a breach, turned into a decision-contract request) and the forms of the
decision step: the proposal's peildatum, the besluit itself and the start of a suspension."""

from django import forms
from django.utils import timezone

from naleving.decisions.decision_date import decision_date_error
from naleving.decisions.models import OMGEKEERDE_TOETS, SanctionType
from naleving.decisions.weighing import factors, weighing_check
from naleving.investigations.choices import Verwijtbaarheid
from naleving.prevention.models import Partner
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
    history_irrevocable_on = forms.DateField(
        label="Onherroepelijk sinds",
        required=False,
        widget=DateInput(),
        help_text="Leeg: de eerdere sanctie geldt als onherroepelijk.",
    )
    history_prison_sentence = forms.BooleanField(
        label="Met onvoorwaardelijke gevangenisstraf (alleen bij een strafrechtelijke sanctie)",
        required=False,
    )
    limitation_paused_days = forms.IntegerField(
        label="Dagen in bezwaar of beroep tegen deze boete",
        required=False,
        min_value=0,
        initial=0,
        help_text="Telt niet mee voor de verjaringstermijn (art. 5:45 lid 3 Awb).",
    )

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
        if d.get("limitation_paused_days"):
            violation["limitation_paused_days"] = d["limitation_paused_days"]
        judgements = {
            "urgent_reasons_recovery": d["urgent_reasons_recovery"],
            "urgent_reasons_fine": d["urgent_reasons_fine"],
        }
        if d["urgent_reasons_recovery"] == "partial" and d.get("recovery_amount") is not None:
            judgements["recovery_amount"] = str(d["recovery_amount"])
        history = []
        if d.get("history_type") and d.get("history_date"):
            item = {
                "type": d["history_type"],
                "kind": d["history_kind"] or d["kind"],
                "date": d["history_date"].isoformat(),
                "prison_sentence": d["history_prison_sentence"],
            }
            if d.get("history_irrevocable_on"):
                item["irrevocable_on"] = d["history_irrevocable_on"].isoformat()
            history.append(item)
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


class ProposalForm(forms.Form):
    """Step 1 of the decision (GET): the peildatum, today unless the consulent chooses otherwise, and
    whether the resident co-operates. A date that cannot be the besluitdatum of ``investigation`` (in the
    future, before it closed, before the breach began) is an error on the field."""

    decision_date = forms.DateField(
        label="Besluitdatum (peildatum)",
        widget=DateInput(),
        initial=timezone.localdate,
        help_text="De wet en het beleid van deze datum gelden. Vandaag of eerder, niet vóór de afronding van "
        "het onderzoek.",
        error_messages={"invalid": "Vul een bestaande datum in, bijvoorbeeld 16-11-2026."},
    )
    cooperation = forms.ChoiceField(label="Medewerking van de inwoner", choices=COOPERATION, initial="yes")

    def __init__(self, *args, investigation, **kwargs):
        super().__init__(*args, **kwargs)
        self.investigation = investigation

    def clean_decision_date(self):
        day = self.cleaned_data["decision_date"]
        message = decision_date_error(
            investigation=self.investigation, decision_date=day, today=timezone.localdate()
        )
        if message:
            raise forms.ValidationError(message)
        return day


class BesluitForm(forms.Form):
    """Step 2 (POST): the decision itself, prefilled with the proposal.

    The deviation questions are always on the page (it works without JavaScript) and only required when the
    chosen outcome differs from the proposal; the service decides that. The risk and impact assessment is
    shown when the resident refuses to co-operate, the referral when they cannot.
    """

    decision_date = forms.DateField(widget=forms.HiddenInput())
    cooperation = forms.ChoiceField(choices=COOPERATION, widget=forms.HiddenInput())
    sanction_type = forms.ChoiceField(label="Sanctie", choices=SanctionType.choices)
    fine_amount = forms.DecimalField(label="Boete (€)", min_value=0, decimal_places=2, max_digits=11)
    recovery_amount = forms.DecimalField(
        label="Terugvordering (€)", min_value=0, decimal_places=2, max_digits=11
    )
    deviation_motivation = forms.CharField(
        label="Motivering van de afwijking (maatwerk)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Alleen invullen als u afwijkt van het voorstel.",
    )
    # Risk and impact assessment (cooperation refused)
    weeks = forms.IntegerField(
        label="Opschorting: aantal weken",
        min_value=1,
        max_value=8,
        required=False,
        help_text="Ten hoogste 8 weken (art. 54 Pw).",
    )
    hersteltermijn_end = forms.DateField(
        label="Hersteltermijn tot en met", widget=DateInput(), required=False
    )
    requested_information = forms.CharField(
        label="Welke gegevens of stukken moet de inwoner aanleveren?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Dit staat in de brief, met de datum van de hersteltermijn (art. 54 lid 1 en 2 Pw).",
    )
    children_in_household = forms.BooleanField(label="Er wonen kinderen in het huishouden", required=False)
    in_care = forms.BooleanField(label="De inwoner krijgt zorg of ondersteuning", required=False)
    debts = forms.BooleanField(label="De inwoner heeft schulden", required=False)
    housing_risk = forms.BooleanField(
        label="Risico op huisuitzetting of verlies van woonruimte", required=False
    )
    other_circumstances = forms.CharField(
        label="Andere omstandigheden", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    conclusion = forms.CharField(
        label="Conclusie: wat betekent de opschorting voor de inwoner en het gezin?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Geen diagnose vastleggen; beschrijf de gevolgen.",
    )
    # Referral for help (cooperation unable)
    partner = forms.ChoiceField(
        label="Verwijzen naar", choices=[("", "Maak een keuze"), *Partner.choices], required=False
    )
    handover_note = forms.CharField(
        label="Warme overdracht: wat is de hulpvraag?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    SUSPENSION_FIELDS = (
        "weeks",
        "hersteltermijn_end",
        "requested_information",
        "children_in_household",
        "in_care",
        "debts",
        "housing_risk",
        "other_circumstances",
        "conclusion",
    )
    REFERRAL_FIELDS = ("partner", "handover_note")
    # The motivation of the besluit (issue #18): prefilled from the proposal and the weighing, required
    motivation = forms.CharField(
        label="Motivering van het besluit",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Deze tekst komt in de brief aan de inwoner. U mag hem aanpassen, maar niet leeg laten. "
        "Met 'Motivering opnieuw opstellen' maakt u een nieuwe tekst uit de weging en uw keuze.",
        error_messages={
            "required": "Schrijf de motivering van het besluit, of kies 'Motivering opnieuw opstellen'."
        },
    )

    def __init__(self, *args, cooperation: str = "yes", verwijtbaarheid: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.verwijtbaarheid = verwijtbaarheid
        self._weging_fields(self.initial.get("sanction_type", ""))
        for key, question in OMGEKEERDE_TOETS:
            self.fields[f"toets_{key}"] = forms.CharField(
                label=question, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        if cooperation != "refused":
            for name in self.SUSPENSION_FIELDS:
                del self.fields[name]
        else:
            self.fields["weeks"].required = True
            self.fields["conclusion"].required = True
            self.fields["requested_information"].required = True
        if cooperation != "unable":
            for name in self.REFERRAL_FIELDS:
                del self.fields[name]
        else:
            self.fields["partner"].required = True
            self.fields["handover_note"].required = True

    def _weging_fields(self, proposed_sanction: str) -> None:
        """A field per factor of ``weighing_factors.yaml``; the ones the proposal requires say so. Whether
        an answer is required follows the sanction chosen on the form (``clean``) and is checked again by
        the service."""
        for factor in factors():
            required = factor.required(proposed_sanction, self.verwijtbaarheid)
            self.fields[factor.field] = forms.CharField(
                label=factor.label + (" (verplicht)" if required else ""),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=" ".join(
                    part for part in (factor.question, factor.help, f"Bron: {factor.legal_source}.") if part
                ),
            )

    def clean(self):
        cleaned = super().clean()
        if self.verwijtbaarheid and cleaned.get("sanction_type"):
            try:
                weighing_check(self.weging(), cleaned["sanction_type"], self.verwijtbaarheid)
            except forms.ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    self.add_error(field, messages)
        return cleaned

    def weging(self) -> dict[str, str]:
        """The answers per factor code, as given on the form."""
        source = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {factor.code: str(source.get(factor.field) or "") for factor in factors()}

    def weging_fields(self):
        return [self[factor.field] for factor in factors()]

    def toets_fields(self):
        return [self[f"toets_{key}"] for key, _ in OMGEKEERDE_TOETS]

    def suspension_fields(self):
        return [self[name] for name in self.SUSPENSION_FIELDS if name in self.fields]

    def referral_fields(self):
        return [self[name] for name in self.REFERRAL_FIELDS if name in self.fields]

    def service_arguments(self) -> dict:
        """The keyword arguments of ``services.besluit_record`` for the cleaned data."""
        d = self.cleaned_data
        arguments = {
            "decision_date": d["decision_date"],
            "sanction_type": d["sanction_type"],
            "fine_amount": d["fine_amount"],
            "recovery_amount": d["recovery_amount"],
            "deviation_motivation": d.get("deviation_motivation", ""),
            "omgekeerde_toets": {key: d.get(f"toets_{key}", "") for key, _ in OMGEKEERDE_TOETS},
            "cooperation": d["cooperation"],
            "weging": self.weging(),
            "motivation": d["motivation"],
        }
        if d["cooperation"] == "refused":
            arguments["impact_assessment"] = {name: d.get(name) for name in self.SUSPENSION_FIELDS}
        if d["cooperation"] == "unable":
            arguments["referral"] = {name: d.get(name, "") for name in self.REFERRAL_FIELDS}
        return arguments


class OpschortingStartForm(forms.Form):
    takes_effect_on = forms.DateField(label="De opschorting gaat in op", widget=DateInput())
