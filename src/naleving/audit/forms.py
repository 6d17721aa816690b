"""The privacy officer's forms on the audit log: a period, and whose reads to review."""

from django import forms

from naleving.audit.selectors import employees


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(forms.Form):
    """From and to (inclusive) dates; either may be left open."""

    date_from = forms.DateField(label="Vanaf", required=False, widget=DateInput)
    date_to = forms.DateField(label="Tot en met", required=False, widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_to"] < cleaned["date_from"]:
            self.add_error("date_to", "De einddatum ligt vóór de begindatum.")
        return cleaned


class EmployeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class EmployeeHistoryForm(PeriodForm):
    """Wat zag medewerker Y: one employee (former staff included) and a period."""

    employee = EmployeeChoiceField(
        label="Medewerker", queryset=None, empty_label="Kies een medewerker", to_field_name="username"
    )
    field_order = ["employee", "date_from", "date_to"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees(actor)
