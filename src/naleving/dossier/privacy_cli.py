"""The subcommands of ``naleving privacy`` (the AVG rights of a resident), one class each.

How to add one (``destroy``, ``correct``, ...): write a :class:`Subcommand` in your own app (for example
``naleving/retention/privacy_cli.py``), give it a ``name``, a ``help``, ``add_arguments`` and ``handle``,
and add the class to ``SUBCOMMANDS`` in ``naleving/dossier/management/commands/privacy.py``. The command
parses ``naleving privacy <name> ...`` with argparse subparsers and calls your ``handle``. Errors for the
operator are Dutch ``CommandError`` messages; a subcommand that fails writes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from naleving.dossier.inzage import InvalidBsn, inzage_resident
from naleving.dossier.inzage_output import FORMATS, inzage_export
from naleving.residents.models import Resident


class Subcommand:
    """One ``naleving privacy`` subcommand."""

    name: str = ""
    help: str = ""

    def add_arguments(self, parser) -> None:
        """Add this subcommand's arguments to its own subparser."""

    def handle(self, command: BaseCommand, options: dict) -> None:
        raise NotImplementedError


class Inzage(Subcommand):
    """``naleving privacy inzage BSN --out FILE [--format json|pdf|zip]``: every datum held about a resident;
    ``zip`` bundles the JSON, the PDF, the resident's own documents and letters and a manifest (SHA-256)."""

    name = "inzage"
    help = (
        "Inzageverzoek (AVG art. 15): alle gegevens van een inwoner als JSON, als PDF-brief (B1) of als "
        "ZIP met beide, kopieën van de eigen documenten en brieven en een overzicht met vingerafdrukken."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("bsn", help="BSN van de inwoner (9 cijfers, elfproef)")
        parser.add_argument("--out", required=True, type=Path, help="bestand om te schrijven")
        parser.add_argument("--format", choices=FORMATS, default="json", help="json (standaard), pdf of zip")

    def handle(self, command: BaseCommand, options: dict) -> None:
        out: Path = options["out"]
        if not out.parent.is_dir():
            raise CommandError(f"De map {out.parent} bestaat niet. Er is niets geschreven.")
        try:
            resident = inzage_resident(bsn=options["bsn"])
        except InvalidBsn as error:
            raise CommandError(f"{error} Er is niets geschreven.") from error
        except Resident.DoesNotExist as error:
            raise CommandError("Geen inwoner gevonden met dit BSN. Er is niets geschreven.") from error
        fmt = options["format"]
        # The audit event and the file go together: a file that cannot be written leaves no event.
        with transaction.atomic():
            content = inzage_export(
                actor=None, resident=resident, fmt=fmt, today=timezone.localdate(), via="beheercommando"
            )
            out.write_bytes(content)
        command.stdout.write(f"Inzage van dossiernummer {resident.pk} geschreven naar {out} ({fmt}).")
