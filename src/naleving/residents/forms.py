from django import forms

from naleving.gemeenten.selectors import gemeenten_of
from naleving.residents.models import Benefit, Resident
from naleving.residents.validators import validate_bsn


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _dutch_blank_choices(form: forms.Form) -> None:
    """Replace Django's '---------' blank option with a Dutch prompt."""
    for field in form.fields.values():
        choices = getattr(field, "choices", None)
        if choices and next(iter(choices))[0] == "":
            field.choices = [("", "Maak een keuze"), *list(choices)[1:]]


class ResidentForm(forms.ModelForm):
    bsn = forms.CharField(
        label="BSN",
        max_length=9,
        validators=[validate_bsn],
        help_text="9 cijfers; we controleren de elfproef.",
    )

    class Meta:
        model = Resident
        fields = [
            "bsn",
            "gemeente",
            "first_names",
            "prefix",
            "family_name",
            "birth_date",
            "street",
            "house_number",
            "house_number_suffix",
            "postcode",
            "city",
            "district",
            "household_type",
            "kostendelers",
            "language_level",
            "preferred_language",
            "needs_extra_support",
            "email",
            "phone",
        ]
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the municipalities the user works for; with one, nobody has to choose (the service takes it).
        gemeenten = gemeenten_of(actor)
        if gemeenten.count() <= 1:
            del self.fields["gemeente"]
        else:
            self.fields["gemeente"].queryset = gemeenten
        _dutch_blank_choices(self)

    def validate_unique(self):
        # Whether the BSN is registered already is for services.resident_register to answer, without
        # telling who is a client elsewhere (issue #14); the form checks only what was typed.
        exclude = self._get_validation_exclusions()
        exclude.add("bsn")
        self.instance.validate_unique(exclude=exclude)

    def clean_postcode(self):
        return self.cleaned_data["postcode"].replace(" ", "").upper()


class BenefitForm(forms.ModelForm):
    class Meta:
        model = Benefit
        fields = [
            "regulation",
            "start_date",
            "end_date",
            "monthly_amount",
            "norm_amount",
            "household_type",
            "kostendelers",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dutch_blank_choices(self)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                f"De einddatum ({end:%d-%m-%Y}) ligt vóór de ingangsdatum ({start:%d-%m-%Y}). Een uitkering kan niet eindigen voordat zij begint.",
            )
        return cleaned


class RegistratieverzoekHandleForm(forms.Form):
    note = forms.CharField(
        label="Wat hebt u gedaan?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: dossier overgedragen aan de consulent, of: geen actie nodig, met de reden.",
        error_messages={"required": "Schrijf op wat u met het verzoek hebt gedaan."},
    )
