"""`naleving demo-users [--org demostad|mer|baanbrekers] [--print]`: create the demo organisation's teams and
users (idempotent) and optionally list them, with the municipalities each one works for."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from naleving.demo.gemeenten import DemoOrganisationError
from naleving.demo.organisations import DEFAULT_ORGANISATION, ORGANISATIONS
from naleving.demo.users import demo_users_ensure, demo_users_table

HEADERS = ("gebruikersnaam", "wachtwoord", "rol", "team", "gemeenten", "ziet")


class Command(BaseCommand):
    help = (
        "Zet de rollen klaar en maak de demogebruikers aan (wachtwoord demo-naleving-2026); --print toont ze."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org",
            choices=sorted(ORGANISATIONS),
            default=DEFAULT_ORGANISATION,
            help=f"Van welke organisatie (standaard {DEFAULT_ORGANISATION}).",
        )
        parser.add_argument(
            "--print",
            action="store_true",
            help="Toon gebruikersnaam, wachtwoord, rol, team, gemeenten en wat de gebruiker ziet.",
        )

    def handle(self, *args, **options):
        refuse_in_production()
        try:
            staff = demo_users_ensure(options["org"])
        except DemoOrganisationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Demogebruikers aanwezig: {len(staff.users)}."))
        if options["print"]:
            self._print_table(demo_users_table(options["org"]))

    def _print_table(self, rows: list[tuple[str, ...]]) -> None:
        widths = [max(len(str(row[i])) for row in (HEADERS, *rows)) for i in range(len(HEADERS) - 1)]
        for row in (HEADERS, *rows):
            cells = [str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[-1]]))


def refuse_in_production() -> None:
    """Demo accounts have a published password: never create them under the production settings."""
    if settings.SETTINGS_MODULE.endswith(".production"):
        raise CommandError(
            "Weigert demogebruikers aan te maken met de productie-instellingen (naleving.settings.production)."
        )
