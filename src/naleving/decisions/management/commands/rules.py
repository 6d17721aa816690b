"""`naleving rules show --profile NAME --date D` and `naleving rules explain < response.json`.

A thin wrapper around `naleving.rules.cli.main`: `show` prints the parameters in force for a profile on a
date, `explain` renders a decision response's trace as readable text. Invalid input exits with code 2.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from naleving.rules import cli


class Command(BaseCommand):
    help = "Rules engine tools: `show` the parameters in force, `explain` a response (JSON on stdin)."
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["show", "explain"])
        parser.add_argument("--profile", default="landelijk", help="Policy profile (show).")
        parser.add_argument("--date", help="Peildatum YYYY-MM-DD (show, required).")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text (show).")

    def handle(self, *args, **options):
        argv = ["rules", options["action"]]
        if options["action"] == "show":
            argv += ["--profile", options["profile"]] + (
                ["--date", options["date"]] if options["date"] else []
            )
            argv += ["--json"] if options["json"] else []
        code = cli.main(argv, options.get("stdin") or sys.stdin, self.stdout)
        if code:
            raise CommandError("invalid input; the error is on stdout", returncode=code)
