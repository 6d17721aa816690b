"""`naleving audit verify|seal|checkpoint|keygen`: the audit chain's tools (ADR 0019, docs/howto/audit.md).

- ``verify``: check every event, the chain and the signed checkpoints; name the first problem and exit
  non-zero. Afterwards it seals what is committed (so the check itself reads the log as found).
- ``seal``: give committed events their sequence number and link (``--full``: look at every event;
  ``--queue``: leave it to the background worker).
- ``checkpoint``: seal, then append a signed checkpoint outside the database (cron, every 10 minutes).
- ``keygen``: create the Ed25519 key pair that signs the checkpoints.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from naleving.audit import checkpoints
from naleving.audit.sealing import chain_seal
from naleving.audit.verification import audit_verify


class Command(BaseCommand):
    help = (
        "Hulpmiddelen voor het auditlog. `verify` controleert de keten en de controlepunten en noemt het eerste "
        "probleem; `seal` verzegelt vastgelegde gebeurtenissen in de keten; `checkpoint` schrijft een "
        "ondertekend controlepunt buiten de database; `keygen` maakt het sleutelpaar voor de controlepunten."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal", "checkpoint", "keygen"])
        parser.add_argument(
            "--full", action="store_true", help="seal: bekijk elke gebeurtenis, niet alleen de recente"
        )
        parser.add_argument(
            "--queue", action="store_true", help="seal: zet de verzegeltaak in de takenwachtrij"
        )
        parser.add_argument("--anchor-dir", type=Path, help="verify: map met de controlepunten")
        parser.add_argument(
            "--public-key", type=Path, help="verify: de openbare sleutel van de controlepunten (PEM)"
        )

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _verify(self, options):
        result = audit_verify(anchor_dir=options["anchor_dir"], public_key=options["public_key"])
        for note in result.notes:
            self.stderr.write(self.style.WARNING(note))
        if not result.ok:
            where = f"gebeurtenis #{result.broken_at}: " if result.broken_at is not None else ""
            raise CommandError(
                f"Auditketen niet in orde bij {where}{result.problem} "
                f"({result.checked} verzegelde gebeurtenissen daarvoor zijn in orde)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Auditketen in orde: {result.checked} verzegelde gebeurtenissen, {result.unsealed} nog niet "
                f"verzegeld (inhoud in orde), {result.checkpoints} checkpoints kloppen."
            )
        )
        sealed = chain_seal(full=True)
        if sealed.sealed:
            self.stdout.write(f"{sealed.sealed} gebeurtenissen verzegeld (tot volgnummer {sealed.last_seq}).")

    def _seal(self, options):
        if options["queue"]:
            from naleving.audit.tasks import audit_seal

            queued = audit_seal.enqueue(full=options["full"])
            self.stdout.write(f"Taak {queued.id} staat in de wachtrij (naleving db_worker).")
            return
        result = chain_seal(full=options["full"])
        if result.busy:
            self.stdout.write("Een andere verzegelaar is bezig; die verzegelt de nieuwe gebeurtenissen.")
            return
        self.stdout.write(f"{result.sealed} gebeurtenissen verzegeld (tot volgnummer {result.last_seq}).")

    def _checkpoint(self, options):
        try:
            written = checkpoints.checkpoint_write()
        except checkpoints.CheckpointError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Checkpoint vastgelegd: volgnummer {written.seq}, {written.created_at}, in "
            f"{checkpoints.anchor_dir() / checkpoints.CHECKPOINT_FILE}."
        )

    def _keygen(self, options):
        private_path = Path(settings.NALEVING_AUDIT_SIGNING_KEY)
        try:
            public_path = checkpoints.keys_generate(
                private_path=private_path, public_dir=checkpoints.anchor_dir()
            )
        except checkpoints.CheckpointError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Sleutelpaar gemaakt. Geheime sleutel: {private_path} (alleen leesbaar voor de eigenaar). "
            f"Openbare sleutel: {public_path}; bewaar een kopie ook buiten deze machine."
        )
