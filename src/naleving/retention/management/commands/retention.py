"""``naleving retention dry-run|propose|list|execute``: what would go and why; draw up the month's list;
show the lists; execute an approved list (as a named beheerder)."""

from collections import Counter
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from naleving.retention import selectors, services
from naleving.retention.terms import TermsError, terms_load


class Command(BaseCommand):
    help = "Bewaartermijnen: proefvernietiging (dry-run), vernietigingslijst opstellen, lijsten tonen, uitvoeren."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("dry-run", "propose"):
            p = sub.add_parser(name)
            p.add_argument("--on", type=date.fromisoformat, help="peildatum jjjj-mm-dd (standaard: vandaag)")
        sub.add_parser("list")
        p = sub.add_parser("execute")
        p.add_argument("--list", dest="list_id", type=int, required=True)
        p.add_argument("--user", required=True, help="gebruikersnaam van de beheerder die uitvoert")
        p.add_argument("--on", type=date.fromisoformat)

    def handle(self, *args, action, **options):
        try:
            terms = terms_load()
        except TermsError as exc:
            raise CommandError(str(exc)) from exc
        on = options.get("on") or timezone.localdate()
        if action == "dry-run":
            self._dry_run(terms, on)
        elif action == "propose":
            dlist = services.destruction_list_propose(None, on=on, terms=terms)
            self.stdout.write(
                f"Vernietigingslijst {dlist.pk} opgesteld ({dlist.items.count()} regels), status concept."
            )
        elif action == "list":
            for dlist in selectors.destruction_lists():
                self.stdout.write(
                    f"{dlist.pk}\t{dlist.month:%Y-%m}\t{dlist.status}\t{dlist.items.count()} regels"
                )
        else:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Onbekende gebruiker {options['user']!r}")
            try:
                dlist = selectors.destruction_list_get(list_id=options["list_id"])
                certificate = services.destruction_list_execute(
                    user, destruction_list=dlist, on=on, terms=terms
                )
            except (PermissionDenied, ValidationError) as exc:
                raise CommandError(f"Niet uitgevoerd: {exc}") from exc
            except Exception as exc:
                if exc.__class__.__name__ == "DoesNotExist":
                    raise CommandError(f"Geen vernietigingslijst {options['list_id']}") from exc
                raise
            self.stdout.write(
                f"Uitgevoerd; verklaring van vernietiging {certificate.pk}: {certificate.counts}"
            )

    def _dry_run(self, terms, on):
        result = selectors.destruction_candidates(terms=terms, on=on)
        self.stdout.write(
            f"Proefvernietiging op {on:%d-%m-%Y} (bewaartermijnen versie {terms.version}); er verandert niets."
        )
        self.stdout.write(f"\nWordt vernietigd ({len(result.due)}):")
        for c in result.due:
            self.stdout.write(f"  {c.record_type} {c.object_id} (dossier {c.resident_id or '-'}): {c.reason}")
        self.stdout.write(f"\nAangehouden, nog nodig ({len(result.held)}):")
        for c in result.held:
            self.stdout.write(f"  {c.record_type} {c.object_id} (dossier {c.resident_id or '-'}): {c.reason}")
        self.stdout.write(
            "\nTotaal per soort: "
            + ", ".join(f"{k} {v}" for k, v in sorted(Counter(c.record_type for c in result.due).items()))
        )
