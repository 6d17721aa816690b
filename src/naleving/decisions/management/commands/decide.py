"""`naleving decide [--profile NAME] < request.json`: decide one request with the rules engine, using the
shipped parameter files with the amounts the municipality approved (the same source as the web app).

`naleving decide --replay BESLUIT_ID` recomputes a stored besluit with the request, the parameter set and
the rules version it was decided with; exit 0 when the result is identical, 1 with the difference.
Invalid input exits with code 2 and a JSON error object on stdout.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from naleving.decisions.replay import replay
from naleving.rules import cli
from naleving.ruleset.selectors import registry_for_commands


class Command(BaseCommand):
    help = (
        "Decide a decision request (JSON on stdin) and print the response as JSON; exit 2 on invalid input. "
        "--replay BESLUIT_ID recomputes a stored besluit (exit 0 identical, 1 different)."
    )
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--profile", help="Policy profile, overriding the request's `profile`.")
        parser.add_argument("--replay", metavar="BESLUIT_ID", help="Recompute a stored besluit and compare.")

    def handle(self, *args, **options):
        if options.get("replay"):
            return self._replay(options["replay"])
        argv = ["decide"] + (["--profile", options["profile"]] if options.get("profile") else [])
        code = cli.main(argv, options.get("stdin") or sys.stdin, self.stdout, registry_for_commands())
        if code:
            raise CommandError("invalid decision request; the error is on stdout", returncode=code)

    def _replay(self, besluit_id: str) -> None:
        outcome = replay(besluit_id)
        self.stdout.write(json.dumps(outcome, ensure_ascii=False, indent=2))
        if "error" in outcome:
            raise CommandError("the besluit cannot be replayed; the error is on stdout", returncode=2)
        if not outcome["identical"]:
            raise CommandError(
                "the replay differs from the stored besluit; see the differences", returncode=1
            )
