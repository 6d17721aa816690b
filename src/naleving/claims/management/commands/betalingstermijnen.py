"""``naleving betalingstermijnen``: start the payment term of claims whose letter went out before collection
existed (issue #19), so they reach the Invordering worklist.

A besluit letter sent since then starts the term itself (``decisions.dispatch.letter_send``). This command
gives every open claim of a sent besluit without a term the term its letter would have started: the due day
(Awb 4:87, counted from the besluit's ``sent_on``), the first instalment day and the payment reference.
Idempotent: a claim with a term is left alone. Run once after the upgrade (docs/howto/upgrade.md).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from naleving.claims.collection import payment_term_start
from naleving.claims.models import ClaimStatus, Vordering


class Command(BaseCommand):
    help = "Start de betalingstermijn van open vorderingen uit besluiten die al vóór de invordering zijn verzonden."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets wijzigen.")

    def handle(self, *args, **options):
        waiting = Vordering.objects.filter(
            status=ClaimStatus.OPEN, due_on__isnull=True, besluit__sent_on__isnull=False
        )
        besluiten = {
            v.besluit_id: v.besluit for v in waiting.select_related("besluit").order_by("besluit_id")
        }
        if options["dry_run"]:
            self.stdout.write(
                f"{waiting.count()} vordering(en) uit {len(besluiten)} besluit(en) zonder termijn."
            )
            return
        started = 0
        with transaction.atomic():
            for besluit in besluiten.values():
                started += len(payment_term_start(actor=None, besluit=besluit, sent_on=besluit.sent_on))
        self.stdout.write(
            f"Betalingstermijn gestart voor {started} vordering(en) uit {len(besluiten)} besluit(en)."
        )
