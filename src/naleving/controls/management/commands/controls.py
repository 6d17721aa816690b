"""`naleving controls run|validate|list`: a thin wrapper around naleving.analytics.cli.

All parsing, validation and output live in the analytics engine; this command only forwards the words
after `controls` and exits with the engine's status (2 for invalid input).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from naleving.analytics.cli import main
from naleving.controls.outcomes_cli import outcomes_main


class Command(BaseCommand):
    help = "Voer themacontroles uit over een gegevenslevering: controls run CONTROLE --data MAP --reference-date R ..."

    def run_from_argv(self, argv: list[str]) -> None:
        # argv is ["naleving", "controls", ...]; the engine has its own parser, usage and exit codes.
        # `controls outcomes` reads the database (the investigations after release), so it lives here.
        if argv[2:3] == ["outcomes"]:
            sys.exit(outcomes_main(argv[3:], sys.stdout, sys.stderr))
        sys.exit(main(argv[2:], sys.stdout, sys.stderr))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args: Any, **options: Any) -> None:
        # call_command("controls", "run", ...): same engine, errors become CommandError with its status.
        if args[:1] == ("outcomes",):
            status = outcomes_main(list(args[1:]), self.stdout, self.stderr)
        else:
            status = main(list(args), self.stdout, self.stderr)
        if status:
            raise CommandError(
                f"controls {' '.join(args[:1])} is mislukt (afsluitcode {status}); de melding staat hierboven",
                returncode=status,
            )
