"""`naleving signals-import-ib FILE [--gemeente CODE] [--gebruiker USERNAME]`: import a CSV file of
Inlichtingenbureau signals.

Prints what the web page shows: the result, or every error with its line and column (exit code 2,
nothing stored). The format is in docs/howto/ib-import.md.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.selectors import gemeente_by_code
from naleving.signals.services import IBImportError, ib_import


class Command(BaseCommand):
    help = "Lees een CSV-bestand met signalen van het Inlichtingenbureau in: alles of niets, en nooit dubbel."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het CSV-bestand (zie docs/howto/ib-import.md).")
        parser.add_argument(
            "--gemeente",
            default="",
            help="CBS-code van de gemeente waarvoor het bestand is geleverd (GM0867); nodig als de "
            "organisatie voor meer gemeenten werkt.",
        )
        parser.add_argument(
            "--gebruiker",
            default="",
            help="Gebruikersnaam die het auditlog als inlezer vastlegt (standaard: het systeem, geen gebruiker).",
        )

    def handle(self, *args, file: Path, gebruiker: str, gemeente: str, **options):
        actor = self._actor(gebruiker)
        municipality = None
        if gemeente:
            try:
                municipality = gemeente_by_code(gemeente)
            except Gemeente.DoesNotExist:
                raise CommandError(f"Er is geen gemeente met code {gemeente!r}.", returncode=2) from None
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {_why_nl(exc)}.", returncode=2) from None
        try:
            result = ib_import(actor=actor, filename=file.name, content=content, gemeente=municipality)
        except IBImportError as exc:
            for error in exc.row_errors:
                self.stderr.write(str(error))
            count = len(exc.row_errors)
            raise CommandError(
                f"{file.name} is niet geïmporteerd: {count} {'fout' if count == 1 else 'fouten'}; "
                "er is niets opgeslagen.",
                returncode=2,
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{result.filename}: {result.summary}"))

    def _actor(self, username: str):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(
                f"Gebruiker {username!r} bestaat niet of is niet actief.", returncode=2
            ) from None


def _why_nl(exc: OSError) -> str:
    """Why a file cannot be read, in Dutch (the system's own text is English)."""
    if isinstance(exc, FileNotFoundError):
        return "het bestand bestaat niet"
    if isinstance(exc, IsADirectoryError):
        return "dit is een map, geen bestand"
    if isinstance(exc, PermissionError):
        return "geen leesrechten"
    return f"leesfout ({type(exc).__name__})"
