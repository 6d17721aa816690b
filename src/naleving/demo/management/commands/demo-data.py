"""`naleving demo-data [--org demostad|mer|baanbrekers] --residents N --seed S [--if-empty]
[--reference-date YYYY-MM-DD]`: load Gemeente Demostad or a shared service centre with its municipalities."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from naleving.demo.common import DemoPeriodError
from naleving.demo.gemeenten import DemoOrganisationError
from naleving.demo.load import (
    DEFAULT_REFERENCE_DATE,
    MODELS,
    DemoNotEmptyError,
    demo_municipality_load,
)
from naleving.demo.organisations import DEFAULT_ORGANISATION, ORGANISATIONS


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


#: Dutch names for the tables whose models have none of their own
_NAMES = {
    "controls.Delivery": "leveringen themacontroles",
    "controls.ControlRun": "runs themacontroles",
    "controls.ControlHit": "treffers en controlegroepen",
}


def _name(model) -> str:
    # The many-to-many table between investigations and signals has no Dutch name of its own.
    if model._meta.auto_created:
        return "signalen bij onderzoeken"
    return _NAMES.get(model._meta.label, str(model._meta.verbose_name_plural))


class Command(BaseCommand):
    help = (
        "Maak de demo-organisatie: Gemeente Demostad, of Servicecentrum MER of Baanbrekers met hun gemeenten "
        "(inwoners, uitkeringen, signalen, onderzoeken, besluiten, vorderingen, preventie) over twee jaar "
        "vóór de peildatum. Maakt eerst de demogebruikers aan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org",
            choices=sorted(ORGANISATIONS),
            default=DEFAULT_ORGANISATION,
            help=f"Welke organisatie (standaard {DEFAULT_ORGANISATION}); elk in een eigen database.",
        )
        parser.add_argument(
            "--residents", type=_positive, default=2000, help="Aantal inwoners (standaard 2000)."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Startgetal van het toeval: hetzelfde getal geeft dezelfde gegevens.",
        )
        parser.add_argument("--if-empty", action="store_true", help="Doe niets als er al inwoners zijn.")
        parser.add_argument(
            "--reference-date",
            type=date.fromisoformat,
            default=DEFAULT_REFERENCE_DATE,
            help=f"Peildatum: de gegevens lopen tot de dag ervoor (standaard {DEFAULT_REFERENCE_DATE:%Y-%m-%d}).",
        )

    def handle(self, *args, **options):
        refuse_in_production()
        try:
            result = demo_municipality_load(
                residents=options["residents"],
                seed=options["seed"],
                reference_date=options["reference_date"],
                if_empty=options["if_empty"],
                progress=self._progress if options["verbosity"] > 1 else None,
                organisation=options["org"],
            )
        except DemoNotEmptyError as error:
            raise CommandError(f"{error} De demogemeente wordt alleen in een lege database geladen; "
                               "gebruik --if-empty om dan niets te doen.") from error  # fmt: skip
        except (DemoPeriodError, DemoOrganisationError) as error:
            raise CommandError(str(error)) from error
        if not result.loaded:
            self.stdout.write(
                f"Er staan al {result.residents_before} inwoners in de database; niets geladen."
            )
            return
        self._summary(result, options["org"])

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done}/{total} inwoners")

    def _summary(self, result, organisation: str) -> None:
        names = {model: _name(model) for model in MODELS}
        width = max(len(name) for name in names.values())
        org = ORGANISATIONS[organisation]
        if organisation == DEFAULT_ORGANISATION:
            self.stdout.write(self.style.SUCCESS("Demogemeente Demostad geladen:"))
        else:
            gemeenten = ", ".join(m.name for m in org.municipalities)
            self.stdout.write(self.style.SUCCESS(f"Demo-organisatie {org.name} ({gemeenten}) geladen:"))
        for model, name in names.items():
            self.stdout.write(f"  {name.ljust(width)}  {result.counts[model._meta.label]:>9}")
        self.stdout.write(f"  {'totaal'.ljust(width)}  {sum(result.counts.values()):>9}")
        self.stdout.write(f"Tijd: {result.seconds:.1f} s")


def refuse_in_production() -> None:
    """Demo accounts have a published password: never create them under the production settings."""
    if settings.SETTINGS_MODULE.endswith(".production"):
        raise CommandError(
            "Weigert demo data aan te maken met de productie-instellingen (naleving.settings.production)."
        )
