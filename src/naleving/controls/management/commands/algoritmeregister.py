"""`naleving algoritmeregister [FILTER ...]`: the algoritmeregister entries (publication standard 1.0) of the
named filters, or of every filter in or once in use, as JSON on standard output (one object per filter, or a
list). Refuses while the contact address is the example.nl placeholder (NALEVING_ALGORITHM_CONTACT_EMAIL)."""

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from naleving.controls import algoritmeregister, filter_register
from naleving.controls.models import Filter


class Command(BaseCommand):
    help = "De algoritmeregister-gegevens (publicatiestandaard 1.0) van filters als JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "filters", nargs="*", help="namen van filters (leeg: alle filters die in gebruik zijn of waren)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        filter_register.filters_sync()
        names = options["filters"]
        if names:
            found = {f.name: f for f in Filter.objects.filter(name__in=names)}
            unknown = [name for name in names if name not in found]
            if unknown:
                known = ", ".join(Filter.objects.values_list("name", flat=True))
                raise CommandError(
                    f"Onbekend filter: {', '.join(unknown)}. Bekende filters: {known}.", returncode=2
                )
            filters = [found[name] for name in names]
        else:
            filters = algoritmeregister.published_filters()
        try:
            entries = [algoritmeregister.export(f) for f in filters]
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        if not getattr(settings, "NALEVING_PUBLIC_URL", ""):
            self.stderr.write(
                "Let op: NALEVING_PUBLIC_URL is niet ingesteld, dus het veld website (de openbare pagina) "
                "ontbreekt."
            )
        data = entries[0] if len(names) == 1 else entries
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
