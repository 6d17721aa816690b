"""Forms of the maatregel path: reporting a verzuim, the hearing, closing without a maatregel, the proposal's
peildatum and verwijtbaarheid, and the maatregel itself with the weighing (path ``maatregel``)."""

from django import forms
from django.utils import timezone

from naleving.decisions.forms import DateInput
from naleving.decisions.maatregel import WAIVER_GROUNDS
from naleving.decisions.maatregel_request import CATEGORIES, obligation_choices
from naleving.decisions.models import OMGEKEERDE_TOETS
from naleving.decisions.weighing import MAATREGEL, factors
from naleving.investigations.choices import Verwijtbaarheid

DATE_INVALID = {"invalid": "Vul een bestaande datum in, bijvoorbeeld 16-11-2026."}


class VerzuimForm(forms.Form):
    obligation = forms.ChoiceField(label="Welke verplichting is niet nagekomen?", choices=())
    category = forms.TypedChoiceField(
        label="Categorie in de afstemmingsverordening",
        choices=[("", "Geen: de wet bepaalt de verlaging (art. 18 lid 4 Pw)")]
        + [(str(c), f"Categorie {c}") for c in CATEGORIES],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Alleen bij een andere verplichting dan die van art. 18 lid 4 Pw (art. 18 lid 2 Pw).",
    )
    happened_on = forms.DateField(
        label="Datum van de gedraging", widget=DateInput(), error_messages=DATE_INVALID
    )
    facts = forms.CharField(
        label="Wat is er gebeurd?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Noem de afspraak of verplichting, wat de inwoner deed of naliet, en hoe u dat weet.",
        error_messages={"required": "Beschrijf wat er is gebeurd."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligation"].choices = [("", "Maak een keuze"), *obligation_choices()]


class HearingForm(forms.Form):
    """Awb 4:8: the resident's view, or the ground (4:11, 4:12) and reason for not hearing them."""

    invited_on = forms.DateField(
        label="Uitgenodigd voor een zienswijze op",
        widget=DateInput(),
        required=False,
        error_messages=DATE_INVALID,
    )
    heard_on = forms.DateField(
        label="Gehoord op",
        widget=DateInput(),
        required=False,
        help_text="Leeg als de inwoner niet reageerde.",
        error_messages=DATE_INVALID,
    )
    record = forms.CharField(
        label="Zienswijze van de inwoner",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Wat bracht de inwoner naar voren? Reageerde de inwoner niet, schrijf dat dan op.",
    )
    waived_ground = forms.ChoiceField(
        label="Of: grond om niet te horen",
        choices=[("", "Niet van toepassing: de inwoner is gehoord"), *WAIVER_GROUNDS.items()],
        required=False,
    )
    waived_reason = forms.CharField(
        label="Waarom is horen in dit geval niet nodig?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def service_arguments(self) -> dict:
        d = self.cleaned_data
        texts = ("record", "waived_ground", "waived_reason")
        return {"invited_on": d.get("invited_on"), "heard_on": d.get("heard_on")} | {
            name: d.get(name) or "" for name in texts
        }


class CloseForm(forms.Form):
    reason = forms.CharField(
        label="Waarom volgt er geen maatregel?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: elke vorm van verwijtbaarheid ontbreekt, of er zijn dringende redenen.",
        error_messages={"required": "Schrijf op waarom er geen maatregel volgt."},
    )


class MaatregelProposalForm(forms.Form):
    """Step 1 (GET): the peildatum and the culpability the engine needs."""

    decision_date = forms.DateField(
        label="Besluitdatum (peildatum)",
        widget=DateInput(),
        initial=timezone.localdate,
        help_text="De wet en de verordening van deze datum gelden.",
        error_messages=DATE_INVALID,
    )
    verwijtbaarheid = forms.ChoiceField(
        label="Mate van verwijtbaarheid", choices=Verwijtbaarheid.choices, initial="normaal"
    )


class MaatregelForm(forms.Form):
    """Step 2 (POST): the maatregel, prefilled with the proposal, with the weighing and the motivation."""

    decision_date = forms.DateField(widget=forms.HiddenInput())
    verwijtbaarheid = forms.ChoiceField(choices=Verwijtbaarheid.choices, widget=forms.HiddenInput())
    verwijtbaarheid_motivation = forms.CharField(
        label="Motivering van de verwijtbaarheid",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Schrijf op waarom de verwijtbaarheid is zoals u die vaststelt."},
    )
    percentage = forms.DecimalField(
        label="Verlaging (% van de bijstandsnorm)",
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={"required": "Vul het percentage van de verlaging in."},
    )
    months = forms.IntegerField(
        label="Aantal maanden", min_value=1, error_messages={"required": "Vul het aantal maanden in."}
    )
    start_month = forms.DateField(
        label="Eerste maand van de verlaging",
        widget=DateInput(),
        help_text="Elke dag in die maand is goed; de verlaging gaat in op de eerste van de maand.",
        error_messages={"required": "Kies de eerste maand van de verlaging.", **DATE_INVALID},
    )
    deviation_motivation = forms.CharField(
        label="Motivering van de afwijking (maatwerk)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Alleen invullen als u een lager percentage of minder maanden kiest dan het voorstel.",
    )
    motivation = forms.CharField(
        label="Motivering van het besluit",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Deze tekst komt in de brief aan de inwoner. U mag hem aanpassen, maar niet leeg laten. "
        "Met 'Motivering opnieuw opstellen' maakt u een nieuwe tekst uit de weging en uw keuze.",
        error_messages={
            "required": "Schrijf de motivering van het besluit, of kies 'Motivering opnieuw opstellen'."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for factor in factors(MAATREGEL):
            required = factor.required("maatregel", "")
            self.fields[factor.field] = forms.CharField(
                label=factor.label + (" (verplicht)" if required else ""),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=" ".join(
                    part for part in (factor.question, factor.help, f"Bron: {factor.legal_source}.") if part
                ),
            )
        for key, question in OMGEKEERDE_TOETS:
            self.fields[f"toets_{key}"] = forms.CharField(
                label=question, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def weging(self) -> dict[str, str]:
        source = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {factor.code: str(source.get(factor.field) or "") for factor in factors(MAATREGEL)}

    def weging_fields(self):
        return [self[factor.field] for factor in factors(MAATREGEL)]

    def toets_fields(self):
        return [self[f"toets_{key}"] for key, _ in OMGEKEERDE_TOETS]

    def service_arguments(self) -> dict:
        """The keyword arguments of ``maatregel.maatregel_record`` for the cleaned data."""
        d = self.cleaned_data
        return {
            "decision_date": d["decision_date"],
            "verwijtbaarheid": d["verwijtbaarheid"],
            "verwijtbaarheid_motivation": d["verwijtbaarheid_motivation"],
            "start_month": d["start_month"],
            "percentage": d["percentage"],
            "months": d["months"],
            "weging": self.weging(),
            "motivation": d["motivation"],
            "deviation_motivation": d.get("deviation_motivation", ""),
            "omgekeerde_toets": {key: d.get(f"toets_{key}", "") for key, _ in OMGEKEERDE_TOETS},
        }
