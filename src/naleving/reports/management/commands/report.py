"""`naleving report --org NAME --period P [--gemeente CODE] [--format json|pdf|xlsx] [--out FILE] [--suppressed]`.

For scheduled runs: builds one organisation's report for a period and writes it as JSON (to stdout, or
``--out``), PDF or Excel (``--out`` required). The command reads with full rights, so the output holds
unsuppressed figures, meant for the enforcement team; ``--suppressed`` applies small-number suppression,
as for readers outside the team. ``--gemeente GM0867`` makes the report of one municipality (its figures
suppressed on their own); without it the report covers all municipalities together. A bad organisation,
period, municipality or format exits with code 2.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from naleving.gemeenten.selectors import gemeenten_all, organisation_name
from naleving.reports import periods
from naleving.reports.build import report_build
from naleving.reports.definitions import REPORTS
from naleving.reports.exports import render_pdf, render_xlsx
from naleving.reports.indicators import Filters
from naleving.reports.presentation import report_present
from naleving.reports.presentation_json import report_json
from naleving.reports.scope import UnknownGemeente, report_scope
from naleving.reports.services import report_export_record

FORMATS = ("json", "pdf", "xlsx")


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Maak de rapportage van een organisatie over een periode als JSON, PDF of Excel (zonder onderdrukking, tenzij --suppressed)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help=f"Organisatie: {', '.join(REPORTS)}.")
        parser.add_argument(
            "--period", required=True, help="Jaar (2025), kwartaal (2025-Q2) of tertiaal (2025-T1)."
        )
        parser.add_argument("--format", default="json", help="json (standaard), pdf of xlsx.")
        parser.add_argument(
            "--out", help="Bestand om te schrijven; verplicht bij pdf en xlsx. Zonder gaat JSON naar stdout."
        )
        parser.add_argument("--district", default="", help="Alleen inwoners van deze wijk.")
        parser.add_argument(
            "--gemeente", default="", help="CBS-code (GM0867) van een gemeente; standaard: alle samen."
        )
        parser.add_argument(
            "--suppressed",
            action="store_true",
            help="Onderdruk kleine aantallen (1-4 als <5, geen bedragen of percentages uit minder dan 5 gevallen).",
        )

    def handle(self, *args, **options):
        org, fmt, out = options["org"].strip().lower(), options["format"].strip().lower(), options.get("out")
        if org not in REPORTS:
            raise _fail(f"--org: onbekende organisatie {options['org']!r}; kies uit {', '.join(REPORTS)}.")
        try:
            period = periods.parse(options["period"])
        except periods.PeriodError as error:
            raise _fail(f"--period: {error}") from None
        if fmt not in FORMATS:
            raise _fail(f"--format: onbekend formaat {options['format']!r}; kies uit {', '.join(FORMATS)}.")
        if fmt != "json" and not out:
            raise _fail(f"--out: een {fmt}-bestand moet naar een bestand; geef --out BESTAND.")
        try:
            scope = report_scope(None, options["gemeente"])
        except UnknownGemeente:
            codes = ", ".join(f"{g.code} ({g.name})" for g in gemeenten_all().order_by("code"))
            raise _fail(
                f"--gemeente: onbekende gemeente {options['gemeente']!r}; kies uit {codes}."
            ) from None
        filters = Filters(district=options["district"], as_of=timezone.localdate())
        presented = report_present(report_build(org, period, filters, scope), suppress=options["suppressed"])
        content = self._render(presented, fmt)
        if out:
            Path(out).write_bytes(content if isinstance(content, bytes) else content.encode())
            self.stderr.write(f"{presented.definition.title} {period.label} geschreven naar {out}")
        else:
            self.stdout.write(content)
        report_export_record(
            actor=None,
            report=org,
            period=period.code,
            fmt=fmt,
            suppressed=options["suppressed"],
            gemeenten=scope.heading,
        )

    def _render(self, presented, fmt: str) -> bytes | str:
        if fmt == "pdf":
            return render_pdf(presented, organisation_name=organisation_name())
        if fmt == "xlsx":
            return render_xlsx(presented, organisation_name=organisation_name())
        return json.dumps(report_json(presented), ensure_ascii=False, indent=2, default=str)
