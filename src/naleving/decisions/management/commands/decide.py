"""`naleving decide [--profile NAME] < request.json`: decide one request with the rules engine, using the
shipped parameter files with the amounts the municipality approved (the same source as the web app).

`naleving decide --replay BESLUIT_ID` recomputes a stored besluit with the request, the parameter set and
the rules version it was decided with; exit 0 when the result is identical, 1 with the difference.
Invalid input exits with code 2 and a JSON error object on stdout.
"""

import io
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from naleving.decisions.engine_errors import error_nl
from naleving.decisions.replay import replay
from naleving.rules import cli
from naleving.ruleset.selectors import registry_for_commands


class Command(BaseCommand):
    help = (
        "Reken een aanvraag door met de beslisregels (JSON op stdin) en schrijf de uitkomst als JSON; "
        "afsluitcode 2 bij ongeldige invoer. --replay BESLUIT_ID rekent een opgeslagen besluit opnieuw door "
        "(afsluitcode 0 gelijk, 1 verschillend)."
    )
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--profile", help="Beleidsprofiel, in plaats van het `profile` in de aanvraag.")
        parser.add_argument(
            "--replay", metavar="BESLUIT_ID", help="Reken een opgeslagen besluit opnieuw door en vergelijk."
        )

    def handle(self, *args, **options):
        if options.get("replay"):
            return self._replay(options["replay"])
        argv = ["decide"] + (["--profile", options["profile"]] if options.get("profile") else [])
        out = io.StringIO()
        code = cli.main(argv, options.get("stdin") or sys.stdin, out, registry_for_commands())
        if not code:
            self.stdout.write(out.getvalue(), ending="")
            return
        shown, sentence = error_nl(out.getvalue())
        self.stdout.write(shown, ending="")
        raise CommandError(f"Ongeldige aanvraag: {sentence}", returncode=code)

    def _replay(self, besluit_id: str) -> None:
        outcome = replay(besluit_id)
        self.stdout.write(json.dumps(outcome, ensure_ascii=False, indent=2))
        if "error" in outcome:
            raise CommandError(
                "Het besluit kan niet opnieuw worden doorgerekend; de fout staat hierboven.", returncode=2
            )
        if not outcome["identical"]:
            raise CommandError(
                "De nieuwe berekening wijkt af van het opgeslagen besluit; zie de verschillen hierboven.",
                returncode=1,
            )
