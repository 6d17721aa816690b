"""`naleving decide [--profile NAME] < request.json`: decide one request with the rules engine.

A thin wrapper around `naleving.rules.cli.main`: the response (or the JSON error object) goes to stdout;
invalid input exits with code 2.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from naleving.rules import cli


class Command(BaseCommand):
    help = (
        "Decide a decision request (JSON on stdin) and print the response as JSON; exit 2 on invalid input."
    )
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--profile", help="Policy profile, overriding the request's `profile`.")

    def handle(self, *args, **options):
        argv = ["decide"] + (["--profile", options["profile"]] if options.get("profile") else [])
        code = cli.main(argv, options.get("stdin") or sys.stdin, self.stdout)
        if code:
            raise CommandError("invalid decision request; the error is on stdout", returncode=code)
