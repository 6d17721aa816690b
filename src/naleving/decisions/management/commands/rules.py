"""`naleving rules show|check|explain`: the parameters in force, the parameters missing or ending, a trace.

A thin wrapper around `naleving.rules.cli.main`: `show` prints the parameters in force for a profile on a
date; `check` lists the parameters without a value from a date (default: today) up to `--horizon` days later
and exits with code 1 when there are any (for monitoring); `explain` renders a decision response's trace as
readable text. Invalid input exits with code 2.
"""

import io
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from naleving.decisions.engine_errors import error_nl
from naleving.rules import cli
from naleving.ruleset.selectors import registry_for_commands


class Command(BaseCommand):
    help = (
        "Hulpmiddelen voor de beslisregels: `show` toont de geldende parameters, `check` zoekt parameters die "
        "ontbreken of binnenkort aflopen (afsluitcode 1 als die er zijn), `explain` legt een uitkomst uit "
        "(JSON op stdin)."
    )
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["show", "check", "explain"])
        parser.add_argument(
            "--profile",
            default=None,
            help="Beleidsprofiel (`show`: landelijk; `check`: dat van de organisatie).",
        )
        parser.add_argument(
            "--date", help="Peildatum JJJJ-MM-DD (`show`: verplicht; `check`: standaard vandaag)."
        )
        parser.add_argument(
            "--horizon", default="90", help="Aantal dagen vooruitkijken (`check`, standaard 90)."
        )
        parser.add_argument(
            "--json", action="store_true", help="Schrijf JSON in plaats van tekst (`show`, `check`)."
        )

    def handle(self, *args, **options):
        action = options["action"]
        argv = ["rules", action]
        if action == "show":
            argv += ["--profile", options["profile"] or "landelijk"]
            argv += ["--date", options["date"]] if options["date"] else []
        elif action == "check":
            argv += ["--profile", options["profile"] or settings.NALEVING_DEFAULT_PROFILE]
            argv += ["--date", options["date"] or timezone.localdate().isoformat()]
            argv += ["--horizon", options["horizon"]]
        argv += ["--json"] if options["json"] and action != "explain" else []
        out = io.StringIO()
        code = cli.main(argv, options.get("stdin") or sys.stdin, out, registry_for_commands())
        if code and code != cli.EXIT_GAPS:
            shown, sentence = error_nl(out.getvalue())
            self.stdout.write(shown, ending="")
            raise CommandError(f"Ongeldige invoer: {sentence}", returncode=code)
        self.stdout.write(out.getvalue(), ending="")
        if code == cli.EXIT_GAPS:
            raise CommandError("Er zijn parameters zonder waarde: zie de lijst hierboven.", returncode=code)
