"""`naleving audit verify`: check the hash chain of the audit log and name the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from naleving.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit log tools. `verify` checks the hash chain and reports the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = audit_verify()
        if not result.ok:
            raise CommandError(
                f"Auditketen gebroken bij gebeurtenis #{result.broken_at}: {result.problem} "
                f"({result.checked} gebeurtenissen daarvoor zijn in orde)."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Auditketen in orde: {result.checked} gebeurtenissen gecontroleerd.")
        )
