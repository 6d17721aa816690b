"""Forms of the investigation workspace. Each carries the version it was loaded with (optimistic locking)."""

from django import forms

from naleving.investigations.choices import ActionKind, HearingMethod, SourceRegister, Verwijtbaarheid
from naleving.investigations.findings import parse_month
from naleving.investigations.uploads import MAX_BYTES
from naleving.signals.choices import ViolationKind

BLANK = [("", "Maak een keuze")]
MONTH_ROWS = 6
MAX_MONTH_ROWS = 120


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(forms.Form):
    """The hidden ``version`` is the investigation's version when the page was loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, investigation=None, **kwargs):
        if investigation is not None and not args and "data" not in kwargs:
            kwargs.setdefault("initial", {})["version"] = investigation.version
        super().__init__(*args, **kwargs)


class AssignForm(VersionedForm):
    handhaver = forms.ModelChoiceField(label="Handhaver", queryset=None, empty_label="Maak een keuze")

    def __init__(self, *args, handhavers=None, listed=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["handhaver"]
        field.queryset = handhavers
        field.label_from_instance = lambda user: user.display_name
        if listed is not None:
            # The same users as a list (``handhavers_offered``, compiled once per process): the options come
            # from it instead of the queryset, which Django reads through a server-side cursor (2-3 ms of
            # the investigation page). A choice sent is still checked against the queryset.
            field.choices = [("", field.empty_label), *((user.pk, user.display_name) for user in listed)]


class ActionForm(VersionedForm):
    kind = forms.ChoiceField(label="Onderzoekshandeling", choices=BLANK + ActionKind.choices)
    performed_on = forms.DateField(label="Uitgevoerd op", widget=DateInput())
    reason = forms.CharField(
        label="Reden",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Waarom is deze handeling nodig, en staat zij in verhouding tot het doel van het onderzoek?",
    )
    less_intrusive_insufficient = forms.CharField(
        label="Waarom minder ingrijpende middelen niet volstaan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij een huisbezoek: welke lichtere middelen zijn overwogen of geprobeerd, en waarom "
        "volstaan die niet?",
    )
    consent_given = forms.BooleanField(
        label="De inwoner gaf toestemming voor het huisbezoek, na uitleg over het doel en het recht om te weigeren",
        required=False,
        help_text="Verplicht bij een huisbezoek.",
    )
    notes = forms.CharField(label="Bevindingen", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        if data["kind"] != ActionKind.HUISBEZOEK:
            data["consent_given"] = None
        return data


class DocumentForm(VersionedForm):
    file = forms.FileField(
        label="Bestand",
        help_text=f"pdf, jpg, png, docx, xlsx of txt; hoogstens {MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt"}),
    )
    description = forms.CharField(label="Omschrijving", max_length=300)


class HearingForm(VersionedForm):
    held_on = forms.DateField(label="Datum", widget=DateInput())
    method = forms.ChoiceField(label="Vorm", choices=HearingMethod.choices)
    summary = forms.CharField(
        label="Reactie van de inwoner",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat zei de inwoner over de bevindingen? Kwam er geen reactie, beschrijf dan hoe en "
        "wanneer de inwoner is uitgenodigd.",
    )


class FindingsForm(VersionedForm):
    breach = forms.ChoiceField(
        label="Is de inlichtingenplicht geschonden?",
        choices=[*BLANK, ("ja", "Ja, er is een schending"), ("nee", "Nee, geen schending")],
    )
    violation_kind = forms.ChoiceField(
        label="Soort schending", required=False, choices=BLANK + ViolationKind.choices
    )
    period_start = forms.DateField(label="Periode vanaf", required=False, widget=DateInput())
    period_end = forms.DateField(label="Periode tot en met", required=False, widget=DateInput())
    benadelingsbedrag = forms.DecimalField(
        label="Benadelingsbedrag (€)",
        required=False,
        min_value=0,
        max_digits=11,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="Netto te veel ontvangen bijstand. Laat leeg als u hieronder de bedragen per maand invult; "
        "dan rekenen wij het uit.",
    )
    source_register = forms.ChoiceField(
        label="Feit stond al in register",
        required=False,
        choices=[("", "Nee, in geen register"), *SourceRegister.choices],
        help_text="Stond het feit al in een register dat de gemeente kan raadplegen, bijvoorbeeld loon in de "
        "polisadministratie? Het beleid van de gemeente bepaalt of de inwoner het dan nog moest doorgeven.",
    )
    verwijtbaarheid = forms.ChoiceField(
        label="Verwijtbaarheid", required=False, choices=BLANK + Verwijtbaarheid.choices
    )
    motivation = forms.CharField(
        label="Motivering van de verwijtbaarheid",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Verplicht bij een schending: welke feiten en omstandigheden bepalen de mate van verwijtbaarheid?",
    )

    def service_kwargs(self, months: list[tuple]) -> dict:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        data["breach"] = data["breach"] == "ja"
        data["months"] = months or None
        return data


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthForm(forms.Form):
    month = forms.CharField(
        label="Maand", required=False, widget=MonthInput(attrs={"placeholder": "2025-03"})
    )
    paid = forms.DecimalField(
        label="Betaald (€)",
        required=False,
        min_value=0,
        max_digits=11,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    entitled = forms.DecimalField(
        label="Recht op (€)",
        required=False,
        min_value=0,
        max_digits=11,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix else 1
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}, regel {row}"

    def clean(self):
        cleaned = super().clean()
        values = [cleaned.get(name) for name in ("month", "paid", "entitled")]
        if all(v in (None, "") for v in values):
            return cleaned
        if cleaned.get("month"):
            try:
                parse_month(cleaned["month"])
            except forms.ValidationError as exc:
                self.add_error("month", exc)
        for name in ("month", "paid", "entitled"):
            if cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, "Vul maand, betaald en recht op alle drie in.")
        return cleaned

    def row(self) -> tuple | None:
        d = self.cleaned_data
        if not d or not d.get("month"):
            return None
        return (d["month"], d["paid"], d["entitled"])


MonthFormSet = forms.formset_factory(
    MonthForm, extra=MONTH_ROWS, max_num=MAX_MONTH_ROWS, absolute_max=MAX_MONTH_ROWS
)


def month_formset(investigation, data=None, extra_rows: int = 0, stored=None):
    """The month table: the stored months (``stored``, in month order, when the page has read them) plus empty
    rows."""
    months = stored if stored is not None else investigation.finding_months.order_by("month")
    initial = [{"month": m.month_key, "paid": m.paid, "entitled": m.entitled} for m in months]
    if data is not None:
        return MonthFormSet(data, prefix="months")
    formset = MonthFormSet(initial=initial, prefix="months")
    formset.extra = MONTH_ROWS + extra_rows
    return formset


class CloseForm(VersionedForm):
    conclusion = forms.CharField(
        label="Conclusie en advies aan de consulent",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="De consulent neemt het besluit (eindregie); schrijf op wat u vond en wat u adviseert.",
    )
