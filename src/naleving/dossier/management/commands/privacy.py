"""`naleving privacy <subcommand>`: the AVG rights of a resident, one subcommand each.

Subcommands live in ``SUBCOMMANDS`` below; how to add one is in ``naleving/dossier/privacy_cli.py`` and
docs/howto/privacy.md.
"""

from django.core.management.base import BaseCommand

from naleving.dossier.privacy_cli import Inzage, Subcommand

#: Every subcommand, in the order `naleving privacy --help` lists them. Add yours here.
SUBCOMMANDS: list[type[Subcommand]] = [Inzage]


class Command(BaseCommand):
    help = "De AVG-rechten van een inwoner: " + ", ".join(s.name for s in SUBCOMMANDS) + "."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="subcommand")
        for subcommand in SUBCOMMANDS:
            instance = subcommand()
            subparser = subparsers.add_parser(instance.name, help=instance.help, description=instance.help)
            instance.add_arguments(subparser)

    def handle(self, *args, **options):
        by_name = {s.name: s for s in SUBCOMMANDS}
        by_name[options["subcommand"]]().handle(self, options)
