"""`naleving rules show|check|explain`: the parameters in force, the parameters missing or ending, a trace.

A thin wrapper around `naleving.rules.cli.main`: `show` prints the parameters in force for a profile on a
date; `check` lists the parameters without a value from a date (default: today) up to `--horizon` days later
and exits with code 1 when there are any (for monitoring); `explain` renders a decision response's trace as
readable text. Invalid input exits with code 2.
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from naleving.rules import cli
from naleving.ruleset.selectors import registry_for_commands


class Command(BaseCommand):
    help = (
        "Rules engine tools: `show` the parameters in force, `check` for parameters missing or ending soon "
        "(exit code 1 when there are any), `explain` a response (JSON on stdin)."
    )
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["show", "check", "explain"])
        parser.add_argument(
            "--profile", default=None, help="Policy profile (show: landelijk; check: the organisation's)."
        )
        parser.add_argument("--date", help="Peildatum YYYY-MM-DD (show: required; check: default today).")
        parser.add_argument("--horizon", default="90", help="Days to look ahead (check, default 90).")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text (show, check).")

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
        code = cli.main(argv, options.get("stdin") or sys.stdin, self.stdout, registry_for_commands())
        if code == cli.EXIT_GAPS:
            raise CommandError("parameters without a value: see the list above", returncode=code)
        if code:
            raise CommandError("invalid input; the error is on stdout", returncode=code)
