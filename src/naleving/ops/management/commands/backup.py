"""`naleving backup --out FOLDER`: the database, the files and the audit checkpoints, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from naleving.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Maak een backup (database, bestanden, controlepunten van het auditlog) in een nieuwe map."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="Nieuwe, lege map voor de backup.")

    def handle(self, *args, **options):
        try:
            manifest = backup_create(options["out"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Backup in {options['out']}: {len(manifest['files'])} bestanden, {rows} rijen, "
            f"{len(manifest['migrations'])} migraties."
        )
