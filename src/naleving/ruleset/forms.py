"""The forms under Beheer › Wettelijke bedragen: one dated value, a YAML file, and the four-eyes review."""

from django import forms

from naleving.ruleset.presentation import CONFIDENCES_NL, UNITS_NL, ValueNotUnderstood, parse_value

#: an uploaded parameter or profile file; the shipped files are a few kilobytes each
MAX_FILE_BYTES = 256 * 1024

SOURCE_HELP = "Link naar de Staatscourant of wetten.overheid.nl waar de nieuwe waarde staat."


class _SourceFields(forms.Form):
    source_url = forms.URLField(
        label="Bron",
        max_length=500,
        help_text=SOURCE_HELP,
        assume_scheme="https",
        error_messages={"required": "Geef de bron: een link naar de Staatscourant of wetten.overheid.nl."},
    )
    title = forms.CharField(
        label="Omschrijving",
        max_length=200,
        required=False,
        help_text="Leeg: de omschrijving volgt uit de inhoud, bijvoorbeeld “1 bedrag(en) vanaf 01-01-2027”.",
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht vóór goedkeuring als een bedrag meer dan 10 % afwijkt van de vorige periode.",
    )


class ValueForm(_SourceFields):
    """One dated value of an existing parameter; the view turns it into the YAML schema."""

    field_order = [
        "parameter",
        "valid_from",
        "valid_to",
        "value",
        "confidence",
        "law",
        "article",
        "paragraph",
        "legal_url",
        "source_url",
        "title",
        "note",
    ]

    parameter = forms.ChoiceField(
        label="Parameter",
        help_text="De bijstandsnormen en de vermogensgrenzen gaan samen: stel die voor met een bestand.",
    )
    valid_from = forms.DateField(label="Geldig vanaf", widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(
        label="Geldig tot en met",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leeg: geldt tot er een nieuwe waarde is.",
    )
    value = forms.CharField(
        label="Waarde",
        max_length=200,
        help_text="Een bedrag als 1419,46; een aantal als 12; een lijst als woord, woord; ja of nee.",
    )
    confidence = forms.ChoiceField(label="Zekerheid", choices=CONFIDENCES_NL, initial="H")
    law = forms.CharField(
        label="Wet", max_length=40, initial="Pw", help_text="Bijvoorbeeld Pw of Boetebesluit."
    )
    article = forms.CharField(label="Artikel", max_length=20, help_text="Bijvoorbeeld 21.")
    paragraph = forms.CharField(label="Lid of onderdeel", max_length=20, required=False)
    legal_url = forms.URLField(
        label="Link naar het artikel",
        max_length=500,
        assume_scheme="https",
        help_text="Het artikel op wetten.overheid.nl, op de datum waarop de waarde ingaat.",
    )

    def __init__(self, *args, registry, **kwargs):
        super().__init__(*args, **kwargs)
        self.registry = registry
        self.fields["parameter"].choices = [("", "Kies een parameter")] + [
            (name, f"{name} ({UNITS_NL.get(p.unit, p.unit)})")
            for name, p in sorted(registry.parameters.items())
        ]

    def clean(self):
        data = super().clean()
        parameter = self.registry.parameters.get(data.get("parameter"))
        if parameter is not None and "value" in data:
            try:
                data["value"] = parse_value(parameter.unit, data["value"])
            except ValueNotUnderstood as exc:
                self.add_error("value", str(exc))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", "De einddatum ligt vóór de begindatum.")
        return data


class FileForm(_SourceFields):
    field_order = ["file", "source_url", "title", "note"]

    file = forms.FileField(
        label="Bestand (.yaml)",
        help_text=(
            "Bedragen in de vorm van de meegeleverde parameterbestanden (scope, parameters), of een "
            "beleidsprofiel (profile, valid_from, overrides)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".yaml", ".yml")):
            raise forms.ValidationError("Kies een YAML-bestand (.yaml).")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                "Het bestand is groter dan 256 kB; een parameterbestand is veel kleiner."
            )
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError("Het bestand is geen tekst in UTF-8.") from None


class ReviewForm(forms.Form):
    note = forms.CharField(
        label="Toelichting bij uw beoordeling",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij afwijzen, en bij goedkeuren als een bedrag meer dan 10 % afwijkt zonder toelichting.",
    )
