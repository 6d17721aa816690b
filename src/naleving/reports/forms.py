"""The case-example form: which case, which period, and the anonymised text."""

from django import forms

from naleving.reports.services import CASE_KINDS


class CasusvoorbeeldForm(forms.Form):
    case_kind = forms.ChoiceField(label="Soort dossier", choices=CASE_KINDS)
    reference = forms.CharField(
        label="Kenmerk of nummer",
        max_length=30,
        help_text="Bijvoorbeeld NLV-2026-000123 voor een besluit, of het nummer van het onderzoek of de inwoner.",
    )
    period = forms.CharField(
        label="Periode",
        max_length=10,
        help_text="Het tertiaal (2026-T1), kwartaal (2026-Q2) of jaar (2026) waarin het voorbeeld hoort.",
    )
    title = forms.CharField(label="Titel", max_length=120)
    summary = forms.CharField(
        label="Geanonimiseerde samenvatting",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Wat speelde er, wat deed u preventief, en welke sanctie of terugvordering bleef daardoor uit?",
    )
