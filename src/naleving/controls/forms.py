from django import forms
from django.core.exceptions import ValidationError

from naleving.controls.deliveries import DELIVERY_FILES
from naleving.controls.filter_register import DATA_NAMES_NL, owner_candidates
from naleving.controls.models import FilterStatus
from naleving.gemeenten.selectors import gemeenten_of, works_for_all


class DeliveryForm(forms.Form):
    controls = forms.MultipleChoiceField(
        label="Themacontroles",
        widget=forms.CheckboxSelectMultiple,
        help_text="Alle gekozen controles draaien op één inlezing van de levering.",
        error_messages={"required": "Kies ten minste één themacontrole."},
    )
    reference_date = forms.DateField(label="Peildatum", widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label="Bron van de levering", max_length=100, initial="Inlichtingenbureau")
    delivery_date = forms.DateField(label="Leverdatum", widget=forms.DateInput(attrs={"type": "date"}))
    legal_basis = forms.CharField(
        label="Grondslag van de levering",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bijvoorbeeld: Participatiewet art. 64 (gegevensverstrekking).",
    )
    params = forms.CharField(
        label="Parameters",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Eén per regel als naam=waarde, bijvoorbeeld min_vehicles=3. Leeg: de standaardwaarden.",
    )
    control_sample = forms.IntegerField(
        label="Omvang controlegroep",
        required=False,
        min_value=0,
        help_text="Aantal willekeurig getrokken cliënten zonder treffer; leeg voor geen controlegroep.",
    )
    seed = forms.IntegerField(label="Seed voor de trekking", required=False, min_value=0)

    def __init__(self, *args, filters=(), actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["controls"].choices = [(f.name, f.title) for f in filters]
        # One municipality or, for who works for all, the whole organisation (ADR 0021); a user with one
        # municipality in an organisation with one does not choose.
        choices = gemeenten_of(actor)
        self._implied = None
        whole = works_for_all(actor) if actor is not None else False
        if choices.count() > 1:
            self.fields["gemeente"] = forms.ModelChoiceField(
                label="Gemeente",
                queryset=choices,
                required=not whole,
                empty_label="Hele organisatie (alle gemeenten)" if whole else "Maak een keuze",
                help_text="Alleen de inwoners van deze gemeente vormen de populatie van de run: selectie, "
                "biascheck en controlegroep.",
            )
        elif not whole:
            self._implied = choices.first()
        for name in DELIVERY_FILES:
            self.fields[f"file_{name}"] = forms.FileField(
                label=f"{name}.csv ({DATA_NAMES_NL[name]})",
                required=False,
                help_text="CSV of Parquet. Alleen nodig als een gekozen controle dit bestand gebruikt.",
            )

    def clean_params(self):
        result = {}
        for line in self.cleaned_data["params"].splitlines():
            if not line.strip():
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise ValidationError(f"Regel {line.strip()!r} heeft niet de vorm naam=waarde.")
            result[name.strip()] = value.strip()
        return result

    def chosen_gemeente(self):
        """The chosen municipality; None for the whole organisation."""
        return self.cleaned_data.get("gemeente") or self._implied

    def delivery_files(self):
        return {
            name: self.cleaned_data[f"file_{name}"]
            for name in DELIVERY_FILES
            if self.cleaned_data.get(f"file_{name}")
        }


class ExplanationForm(forms.Form):
    explanation = forms.CharField(
        label="Toelichting bij de gemarkeerde biascheck",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leg uit waarom het verschil in selectie te verklaren of aanvaardbaar is.",
    )


class FgApprovalForm(forms.Form):
    note = forms.CharField(label="Opmerking FG", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FilterApprovalForm(forms.Form):
    decision = forms.ChoiceField(
        label="Besluit", choices=[("approved", "Goedkeuren"), ("rejected", "Afwijzen")]
    )
    note = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FilterUpdateForm(forms.Form):
    owner = forms.ModelChoiceField(
        label="Eigenaar",
        queryset=None,
        required=False,
        empty_label="(nog niet toegewezen)",
        help_text="Wie voor dit filter verantwoordelijk is in het algoritmeregister.",
    )
    status = forms.ChoiceField(label="Status", choices=FilterStatus.choices)
    note = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_candidates()
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.username


class ProxyJustificationForm(forms.Form):
    justification = forms.CharField(
        label="Verantwoording van de invoer boven de drempel",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leg uit waarom deze invoer nodig is voor het doel van het filter, ook al hangt hij samen met "
        "een kenmerk als wijk of leeftijd, en waarom dat geen verboden onderscheid oplevert.",
    )


class ProxyFgForm(forms.Form):
    decision = forms.ChoiceField(
        label="Besluit", choices=[("approved", "Goedkeuren"), ("rejected", "Niet goedkeuren")]
    )
    note = forms.CharField(
        label="Opmerking FG",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht als u niet goedkeurt.",
    )
