"""Forms of the prevention pages (staff) and of the public change pages (residents, plain Dutch)."""

from datetime import date

from django import forms

from naleving.prevention import checklist
from naleving.prevention.change_reports import check_change
from naleving.prevention.models import (
    ChangeKind,
    IntakeLanguage,
    Partner,
    ReferralStatus,
    ReminderKind,
)
from naleving.residents.choices import ApplicationOutcome, Regulation, SupportNeed


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


NEW_APPLICATION = "nieuw"


class IntakeForm(forms.Form):
    application = forms.ChoiceField(label="Aanvraag")
    regulation = forms.ChoiceField(
        label="Regeling (nieuwe aanvraag)",
        choices=[("", "Maak een keuze"), *Regulation.choices],
        required=False,
    )
    received_on = forms.DateField(
        label="Aanvraag ontvangen op (nieuwe aanvraag)", widget=DateInput(), required=False
    )
    recorded_on = forms.DateField(label="Datum van het intakegesprek", widget=DateInput())
    language = forms.ChoiceField(
        label="Taal van het gesprek en het informatieblad", choices=IntakeLanguage.choices
    )
    items = forms.MultipleChoiceField(
        label="Uitgelegd aan de inwoner",
        choices=[(item.code, item.label) for item in checklist.ITEMS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Vink aan wat u heeft uitgelegd."},
    )
    sheet_handed_over = forms.BooleanField(label="Informatieblad meegegeven (papier of pdf)", required=False)
    notes = forms.CharField(
        label="Toelichting (niet verplicht)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = {str(a.pk): a for a in applications}
        self.fields["application"].choices = [
            (str(a.pk), f"{a} ({a.get_outcome_display().lower()})") for a in applications
        ] + [(NEW_APPLICATION, "Nieuwe aanvraag registreren")]

    def grouped_items(self):
        """The checkboxes per group (what, when, how, otherwise), each group with its Dutch heading."""
        by_code = {str(box.data["value"]): box for box in self["items"]}
        return [
            {
                "heading": group.heading["nl"],
                "boxes": [by_code[i.code] for i in checklist.ITEMS if i.group == group.code],
            }
            for group in checklist.GROUPS
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("application") == NEW_APPLICATION:
            if not cleaned.get("regulation"):
                self.add_error("regulation", "Kies de regeling van de nieuwe aanvraag.")
            if not cleaned.get("received_on"):
                self.add_error("received_on", "Vul in wanneer de aanvraag is ontvangen.")
        return cleaned

    def chosen_application(self):
        return self.applications.get(self.cleaned_data.get("application"))


class ApplicationOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Uitkomst van de aanvraag",
        choices=[
            (v, label) for v, label in ApplicationOutcome.choices if v != ApplicationOutcome.IN_BEHANDELING
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label="Beslist op", widget=DateInput())


class SupportNeedsForm(forms.Form):
    needs_extra_support = forms.BooleanField(
        label="Deze inwoner heeft extra ondersteuning nodig (beperkt doenvermogen)", required=False
    )
    support_needs = forms.MultipleChoiceField(
        label="Welke ondersteuning?",
        choices=SupportNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leg alleen vast wát de inwoner nodig heeft, nooit een diagnose of de reden.",
    )
    fixed_contact_person = forms.ModelChoiceField(
        label="Vaste contactpersoon", queryset=None, required=False, empty_label="Geen vaste contactpersoon"
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fixed_contact_person"].queryset = candidates
        self.fields["fixed_contact_person"].label_from_instance = lambda u: u.get_full_name() or u.username


class ReferralForm(forms.Form):
    partner = forms.ChoiceField(label="Partner", choices=[("", "Maak een keuze"), *Partner.choices])
    handover_note = forms.CharField(
        label="Warme overdracht",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Wat is de hulpvraag, wat weet de partner al, en stemt de inwoner in met het delen?",
        max_length=4000,
    )


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Nieuwe status", choices=ReferralStatus.choices, widget=forms.RadioSelect
    )
    followup_note = forms.CharField(
        label="Terugkoppeling van de partner",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text="Verplicht bij afgerond of niet opgepakt.",
    )


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(
        label="Soort herinnering", choices=ReminderKind.choices, widget=forms.RadioSelect
    )
    next_due_on = forms.DateField(label="Datum van de herinnering", widget=DateInput())
    topic = forms.CharField(
        label="Gebeurtenis (bij een gebeurtenis)",
        required=False,
        max_length=200,
        help_text="Bijvoorbeeld: contract eindigt, kind wordt 18, verhuizing gepland.",
    )


class HandleForm(forms.Form):
    note = forms.CharField(
        label="Wat heeft u gedaan? (niet verplicht)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- public pages --------------------------------------------------------------------------------------


class TestLoginForm(forms.Form):
    bsn = forms.CharField(
        label="Burgerservicenummer (BSN)",
        max_length=9,
        min_length=9,
        help_text="9 cijfers. U vindt uw BSN op uw paspoort, identiteitskaart of rijbewijs.",
        error_messages={
            "required": "Vul uw BSN in.",
            "min_length": "Een BSN heeft 9 cijfers.",
            "max_length": "Een BSN heeft 9 cijfers.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label="Geboortedatum",
        widget=DateInput(attrs={"autocomplete": "bday"}),
        error_messages={"required": "Vul uw geboortedatum in.", "invalid": "Vul een geldige datum in."},
    )

    def clean_bsn(self):
        bsn = self.cleaned_data["bsn"].strip()
        if not bsn.isdigit():
            raise forms.ValidationError("Een BSN heeft alleen cijfers.")
        return bsn


class ChangeReportForm(forms.Form):
    """The resident's change form. The file field is last: see ``uploads.SizeLimitedUploadHandler``."""

    kind = forms.ChoiceField(
        label="Wat verandert er?",
        choices=ChangeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies wat er verandert."},
    )
    change_date = forms.DateField(
        label="Vanaf welke datum?",
        widget=DateInput(),
        help_text="De dag waarop het verandert, of verandert is. Weet u het nog niet precies? Kies de datum die u verwacht.",
        error_messages={
            "required": "Vul de datum in waarop de wijziging ingaat (dag, maand en jaar).",
            "invalid": "Vul een geldige datum in (dag, maand en jaar).",
        },
    )
    description = forms.CharField(
        label="Vertel wat er verandert",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Bijvoorbeeld: met wie gaat u samenwonen, en op welk adres? Of: bij welke werkgever gaat u werken, en hoeveel uur?",
        error_messages={"required": "Schrijf in een paar woorden wat er verandert."},
    )
    attachment = forms.FileField(
        label="Bijlage (niet verplicht)",
        required=False,
        help_text="Bijvoorbeeld een contract of loonstrook. Een pdf, jpg of png van hoogstens 10 MB.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )

    def __init__(self, *args, reported_on: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.reported_on = reported_on

    def clean(self):
        cleaned = super().clean()
        problems = check_change(
            kind=cleaned.get("kind", "") if "kind" not in self.errors else "",
            change_date=cleaned.get("change_date"),
            description=cleaned.get("description", ""),
            reported_on=self.reported_on,
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned
