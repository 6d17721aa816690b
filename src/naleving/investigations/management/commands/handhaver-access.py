"""``naleving handhaver-access``: check, and with ``--repair`` restore, the day each case became final for its
handhaver's access (``Investigation.access_final_on``, ADR 0030).

The services keep that day whenever they change an investigation, a besluit, an objection or an appeal. A
change made outside them (a manual SQL fix, a restored partial backup) can leave it behind, which would end a
handhaver's access too early or too late. Without options the command lists the investigations whose kept day
disagrees with their case and exits 1 if there are any; ``--repair`` computes the day again for them, in
one transaction, and records it in the audit log. ``naleving check --deploy-ready`` runs the same check.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from naleving.audit.services import audit_record
from naleving.investigations.access import access_final_on_mismatches, access_final_on_refresh

SHOWN = 20


class Command(BaseCommand):
    help = (
        "Controleer of elk onderzoek de juiste datum bewaart waarop de zaak definitief werd (einde toegang "
        "van de handhaver); met --repair: herstel die datum uit de zaken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Herstel de afwijkende datums (in één transactie)."
        )

    def handle(self, *args, **options):
        wrong = access_final_on_mismatches()
        if not wrong:
            self.stdout.write("Alle onderzoeken bewaren de juiste datum; de toegang van handhavers klopt.")
            return
        listed = ", ".join(str(pk) for pk in wrong[:SHOWN]) + (" …" if len(wrong) > SHOWN else "")
        if not options["repair"]:
            raise CommandError(
                f"{len(wrong)} onderzoek(en) bewaren een andere datum dan hun zaak geeft: {listed}. "
                "Herstel met: naleving handhaver-access --repair"
            )
        with transaction.atomic():
            changed = access_final_on_refresh(wrong)
            audit_record(
                actor=None,
                code="investigation.access_repaired",
                purpose="Einde toegang handhavers hersteld uit de zaken (naleving handhaver-access --repair)",
                after={"onderzoeken": wrong, "gewijzigd": changed},
            )
        self.stdout.write(f"{changed} onderzoek(en) hersteld: {listed}.")
