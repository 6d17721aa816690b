"""`naleving parameters propose|approve|reject|list`: the law kept by the municipality, from the command line.

    naleving parameters propose FILE --by USERNAME --source URL [--title T] [--note N]
        → {"id": ..., "status": "voorgesteld", "checks": {...}}; an invalid file exits 2 with
          {"error": {"code", "message", "field"}} naming the parameter and field
    naleving parameters approve ID --by USERNAME [--note N]   → exit 0; by the proposer exit 2, code four_eyes
    naleving parameters reject ID --by USERNAME --note N
    naleving parameters list [--json]

The same services as the web pages under Beheer, with the same permissions and audit events.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from naleving.ruleset import services
from naleving.ruleset.checks import SetRefused
from naleving.ruleset.models import ParameterSet
from naleving.ruleset.presentation import refusal_message
from naleving.ruleset.selectors import parameter_sets

EXIT_INVALID = 2


#: why a file cannot be read, in Dutch (the system's own texts are English)
UNREADABLE_NL = (
    (FileNotFoundError, "het bestand bestaat niet"),
    (IsADirectoryError, "dit is een map, geen bestand"),
    (PermissionError, "geen leesrechten"),
    (UnicodeDecodeError, "het is geen UTF-8-tekst"),
)
ACTION_NL = {"approve": "Keur goed:", "reject": "Wijs af:"}


class Command(BaseCommand):
    help = "Stel gedateerde wettelijke bedragen en versies van beleidsprofielen voor, keur ze goed (vier ogen), wijs ze af of toon ze."
    requires_system_checks = []

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        propose = actions.add_parser(
            "propose", help="Stel de waarden in BESTAND voor (YAML, schema van rules/parameters)."
        )
        propose.add_argument("file")
        propose.add_argument("--by", required=True, help="Gebruikersnaam van wie voorstelt.")
        propose.add_argument(
            "--source", required=True, help="URL in de Staatscourant of op wetten.overheid.nl."
        )
        propose.add_argument("--title", default="")
        propose.add_argument("--note", default="")
        for name in ("approve", "reject"):
            sub = actions.add_parser(
                name, help=f"{ACTION_NL[name]} het voorstel ID (door een ander dan wie voorstelde)."
            )
            sub.add_argument("id")
            sub.add_argument("--by", required=True, help="Gebruikersnaam van wie goedkeurt of afwijst.")
            sub.add_argument("--note", default="", required=name == "reject")
        listing = actions.add_parser("list", help="Toon de parametersets.")
        listing.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except SetRefused as exc:
            self._fail(exc)
        except PermissionDenied as exc:
            self._fail(SetRefused("permission_denied", str(exc), "by"))

    def _fail(self, exc: SetRefused) -> None:
        self.stdout.write(json.dumps(exc.to_dict(), ensure_ascii=False, indent=2))
        raise CommandError(refusal_message(exc), returncode=EXIT_INVALID)

    def _user(self, username: str):
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise SetRefused("unknown_user", f"Er is geen actieve gebruiker {username!r}.", "by") from None

    def _set(self, raw: str) -> ParameterSet:
        try:
            return ParameterSet.objects.get(pk=int(raw))
        except (ValueError, ParameterSet.DoesNotExist):
            raise SetRefused("not_found", f"Er is geen voorstel {raw}.", "id") from None

    def _propose(self, options) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            why = next((text for kind, text in UNREADABLE_NL if isinstance(exc, kind)), "leesfout")
            raise SetRefused("unreadable_file", f"Kan {path} niet lezen: {why}.", "file") from None
        created = services.parameterset_propose(
            actor=self._user(options["by"]),
            text=text,
            source_url=options["source"],
            title=options["title"],
            note=options["note"],
        )
        self._print(created)

    def _approve(self, options) -> None:
        approved = services.parameterset_approve(
            actor=self._user(options["by"]), parameter_set=self._set(options["id"]), note=options["note"]
        )
        self._print(approved)

    def _reject(self, options) -> None:
        rejected = services.parameterset_reject(
            actor=self._user(options["by"]), parameter_set=self._set(options["id"]), note=options["note"]
        )
        self._print(rejected)

    def _list(self, options) -> None:
        sets = list(parameter_sets().order_by("pk"))
        if options["json"]:
            self.stdout.write(json.dumps([as_json(s) for s in sets], ensure_ascii=False, indent=2))
            return
        if not sets:
            self.stdout.write("Geen voorstellen: alleen de meegeleverde bedragen en profielen gelden.")
        for s in sets:
            seq = f" (in werking als set {s.seq})" if s.seq else ""
            self.stdout.write(f"{s.pk:>4}  {s.get_status_display():<35} {s.title}{seq}")

    def _print(self, parameter_set: ParameterSet) -> None:
        self.stdout.write(json.dumps(as_json(parameter_set), ensure_ascii=False, indent=2))


def as_json(parameter_set: ParameterSet) -> dict:
    return {
        "id": parameter_set.pk,
        "kind": parameter_set.kind,
        "title": parameter_set.title,
        "status": parameter_set.status,
        "seq": parameter_set.seq,
        "source": parameter_set.source_url,
        "proposed_by": parameter_set.proposed_by.get_username(),
        "decided_by": parameter_set.decided_by.get_username() if parameter_set.decided_by else None,
        "checks": parameter_set.checks,
    }
