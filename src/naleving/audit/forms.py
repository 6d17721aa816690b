from django import forms

from naleving.audit.catalogue import CATALOGUE


class AuditSearchForm(forms.Form):
    bsn = forms.CharField(label="BSN van de inwoner", required=False, max_length=9)
    username = forms.CharField(label="Gebruikersnaam medewerker", required=False, max_length=150)
    code = forms.ChoiceField(
        label="Gebeurtenis", required=False, choices=[("", "Alle gebeurtenissen"), *sorted(CATALOGUE.items())]
    )
    date_from = forms.DateField(label="Vanaf", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(
        label="Tot en met", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_to"] < cleaned["date_from"]:
            self.add_error("date_to", "De einddatum ligt vóór de begindatum.")
        return cleaned
