"""``naleving reminders-run [--date YYYY-MM-DD] [--now]``: put the day's reminder task on the queue, for cron.

By default the task goes on the database task queue, where ``naleving db_worker`` picks it up (a cron
line can follow it with ``naleving db_worker --batch`` to work the queue and stop). ``--now`` runs it in
this process instead. Without ``--date`` the day is today in the configured time zone.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from naleving.prevention.tasks import reminders_due


class Command(BaseCommand):
    help = "Maak de herinneringen aan die op een dag vervallen (via de takenwachtrij, of direct met --now)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="De dag (JJJJ-MM-DD); standaard vandaag.")
        parser.add_argument(
            "--now", action="store_true", help="Direct uitvoeren in plaats van via de wachtrij."
        )

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"Geen geldige datum: {options['date']!r} (gebruik JJJJ-MM-DD).") from None
        if options["now"]:
            result = reminders_due.call(today=day.isoformat())
            self.stdout.write(
                f"{day:%d-%m-%Y}: {result['created']} herinnering(en) aangemaakt, "
                f"{result['already_there']} bestond(en) al, {result['stopped']} schema('s) gestopt."
            )
            return
        queued = reminders_due.enqueue(today=day.isoformat())
        self.stdout.write(f"Taak {queued.id} voor {day:%d-%m-%Y} staat in de wachtrij (naleving db_worker).")
