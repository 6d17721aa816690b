"""`naleving restore FOLDER [--replace]`: check every checksum, then restore the database and the files.

Afterwards it compares the row counts with the manifest; run `naleving audit verify` and `naleving migrate`
(for a backup of an older version) next, as docs/deployment.md describes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from naleving.ops.backup import BackupError, backup_restore, compare_counts


class Command(BaseCommand):
    help = "Herstel een backup van `naleving backup` in een lege database (of vervang alles met --replace)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="De map van de backup (met manifest.json).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Verwijder eerst alle tabellen en bestanden van deze installatie.",
        )

    def handle(self, *args, **options):
        try:
            manifest = backup_restore(options["folder"], replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        differences = compare_counts(manifest)
        if differences:
            raise CommandError("Hersteld, maar de aantallen wijken af:\n" + "\n".join(differences))
        self.stdout.write(
            f"Hersteld uit {options['folder']} ({manifest['created_at']}): "
            f"{len(manifest['row_counts'])} tabellen met dezelfde aantallen, {len(manifest['files'])} bestanden."
        )
