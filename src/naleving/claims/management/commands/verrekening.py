"""``naleving verrekening --month YYYY-MM``: set the month's instalments off against the running benefits.

For cron, once a month after the benefit run. Idempotent: a month already set off adds nothing (see
``claims.setoff.verrekening_run``). Without ``--month`` the current month. Run as the operator: every resident.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from naleving.claims.setoff import verrekening_run
from naleving.common.formatting import euro, month_year


class Command(BaseCommand):
    help = "Verreken de aflossingen van een maand met de lopende uitkeringen, binnen de beslagvrije voet."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="De maand (JJJJ-MM); standaard de huidige maand.")

    def handle(self, *args, **options):
        text = options["month"]
        try:
            month = date.fromisoformat(f"{text}-01") if text else timezone.localdate().replace(day=1)
        except ValueError:
            raise CommandError(f"Geen geldige maand: {text!r} (gebruik JJJJ-MM).") from None
        try:
            result = verrekening_run(actor=None, month=month)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"{month_year(month)}: {result.deductions} verrekening(en) voor {result.residents} inwoner(s), "
            f"samen {euro(result.amount)}; {result.already} al verrekend, {result.no_room} zonder ruimte, "
            f"{result.paid_off} vordering(en) afgelost; {result.suspended} inwoner(s) overgeslagen (uitkering opgeschort)."
        )
