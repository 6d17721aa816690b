"""`naleving role-grants [--approve ID]`: list open approver-role requests, or approve one on the command line.

For starting up (the first beheerders, when no second person with the approval permission exists yet):
whoever runs this has the server, as for `createsuperuser`. The approval is audited with no actor.
"""

from django.core.management.base import BaseCommand, CommandError

from naleving.accounts.models import RoleGrant
from naleving.accounts.services import role_grant_approve_cli


class Command(BaseCommand):
    help = "Toon de open aanvragen voor een goedkeurdersrol; --approve NUMMER keurt er een goed (alleen bij de start, in het auditlog)."

    def add_arguments(self, parser):
        parser.add_argument("--approve", type=int, help="Het nummer van de aanvraag die u goedkeurt.")

    def handle(self, *args, **options):
        if options["approve"]:
            grant = RoleGrant.objects.filter(pk=options["approve"], status="aangevraagd").first()
            if grant is None:
                raise CommandError(f"Geen open aanvraag met nummer {options['approve']}.")
            role_grant_approve_cli(grant=grant)
            self.stdout.write(self.style.SUCCESS(f"Goedgekeurd: {grant.role_name} voor {grant.user}."))
            return
        for grant in RoleGrant.objects.filter(status="aangevraagd").select_related("user", "requested_by"):
            self.stdout.write(
                f"{grant.pk}\t{grant.user.username}\t{grant.role}\taangevraagd door {grant.requested_by}"
            )
