"""`naleving letter BESLUIT_ID --out FILE.pdf [--partner]`: write the letter of a besluit as it was sent.

The stored PDF (``Brief``) is written byte for byte, never rendered again, so the dispatch date and the
objection deadline in it are those of the day it was sent. The read is logged with its purpose; ``--gebruiker``
names the user recorded in the audit log (default: the system, no user).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from naleving.decisions.dispatch import brief_read
from naleving.decisions.models import Besluit

PURPOSE = "Verzonden beschikking uitgeschreven via de opdrachtregel (naleving letter)"


class Command(BaseCommand):
    help = "Schrijf de verzonden brief van een besluit naar een PDF-bestand (--partner: het exemplaar van de partner)."

    def add_arguments(self, parser):
        parser.add_argument("besluit_id", type=int, help="Het nummer van het besluit.")
        parser.add_argument("--out", type=Path, required=True, help="Het PDF-bestand om te schrijven.")
        parser.add_argument("--partner", action="store_true", help="Het exemplaar voor de partner.")
        parser.add_argument("--gebruiker", default="", help="Gebruikersnaam voor het auditlog.")

    def handle(self, *args, besluit_id: int, out: Path, partner: bool, gebruiker: str, **options):
        try:
            besluit = Besluit.objects.get(pk=besluit_id)
        except Besluit.DoesNotExist:
            raise CommandError(f"Er is geen besluit met nummer {besluit_id}.", returncode=2) from None
        role = "partner" if partner else "inwoner"
        brief = besluit.brieven.filter(role=role).first()
        if brief is None:
            if besluit.sent_on is None:
                message = f"De brief van besluit {besluit_id} ({besluit.kenmerk}) is nog niet verzonden."
            else:
                message = f"Besluit {besluit_id} ({besluit.kenmerk}) heeft geen brief aan de partner."
            raise CommandError(message, returncode=2)
        try:
            pdf = brief_read(actor=self._actor(gebruiker), brief=brief, purpose=PURPOSE)
        except PermissionDenied as exc:
            raise CommandError(str(exc), returncode=2) from None
        try:
            out.write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"Kan {out} niet schrijven: {exc.strerror}.", returncode=2) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{out}: brief {besluit.kenmerk} aan {brief.addressee.full_name}, verzonden op {brief.sent_on:%d-%m-%Y}."
            )
        )

    def _actor(self, username: str):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(
                f"Gebruiker {username!r} bestaat niet of is niet actief.", returncode=2
            ) from None
