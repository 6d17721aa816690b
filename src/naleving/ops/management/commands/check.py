"""``naleving check``: Django's system checks, plus ``--deploy-ready``: what is still missing for production.

``--deploy-ready`` prints one line per item of ``ops.checks.deploy_ready`` (``OK`` or ``ontbreekt``, with
what to set) and exits 1 when anything is missing. Without it the command is Django's own ``check``.
"""

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands import check

from naleving.ops.checks import deploy_ready


class Command(check.Command):
    help = (
        "Django's systeemcontroles; met --deploy-ready: wat nog ontbreekt voor productie "
        "(instellingen, sleutels, HTTPS, e-mail, bezwaaradressen, bedragen, gereedheid)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--deploy-ready",
            action="store_true",
            help="Som op wat nog ontbreekt voor productie; eindigt met code 1 als er iets ontbreekt.",
        )

    def handle(self, *app_labels: Any, **options: Any) -> None:
        if not options["deploy_ready"]:
            super().handle(*app_labels, **options)
            return
        lines = deploy_ready()
        for line in lines:
            self.stdout.write(line.render())
        missing = [line.name for line in lines if not line.ok]
        if missing:
            raise CommandError(f"{len(missing)} van {len(lines)} punten ontbreken: {', '.join(missing)}.")
        self.stdout.write(f"Alle {len(lines)} punten in orde.")
