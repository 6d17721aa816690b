"""The command line of the engine, free of Django: `decide`, `rules show`, `rules check` and `rules explain`.

`main(argv, stdin, stdout)` returns the exit code: 0 on success, 1 when `rules check` finds parameters
without a value (for monitoring), 2 with a JSON error object `{"error": {"code", "message", "field"}}` on
stdout for invalid input. The Django management commands
`naleving decide` and `naleving rules` are thin wrappers around it.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal
from typing import IO, Any, NoReturn, Protocol

from naleving.rules.api import parameter_gaps, parameters_in_force
from naleving.rules.describe import missing_parameter_nl
from naleving.rules.engine import evaluate
from naleving.rules.errors import ParameterNotInForce, RuleInputError, UnknownProfile
from naleving.rules.explain import explain
from naleving.rules.io import parse_request, response_to_dict
from naleving.rules.registry import Registry

EXIT_OK = 0
EXIT_GAPS = 1
EXIT_INVALID = 2


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors as `RuleInputError` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise RuleInputError("invalid_arguments", message, None)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 3660:
        raise argparse.ArgumentTypeError(f"expected a number of days from 0 to 3660, got {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="naleving", add_help=False)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    decide = commands.add_parser("decide", add_help=False, help="decide a request read from stdin")
    decide.add_argument("--profile", default=None)
    rules = commands.add_parser("rules", add_help=False, help="show parameters or explain a response")
    actions = rules.add_subparsers(dest="action", required=True, parser_class=_Parser)
    show = actions.add_parser("show", add_help=False)
    show.add_argument("--profile", default="landelijk")
    show.add_argument("--date", type=_iso_date, required=True)
    show.add_argument("--json", action="store_true")
    check = actions.add_parser("check", add_help=False)
    check.add_argument("--profile", default="landelijk")
    check.add_argument("--date", type=_iso_date, required=True)
    check.add_argument("--horizon", type=_days, default=90)
    check.add_argument("--json", action="store_true")
    actions.add_parser("explain", add_help=False)
    return parser


def _read_json(stdin: IO[str]) -> Any:
    try:
        return json.loads(stdin.read(), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise RuleInputError(
            "invalid_json", f"malformed JSON: {exc.msg} at line {exc.lineno}", None
        ) from None
    except (ValueError, RecursionError) as exc:
        # a number beyond Python's digit limit, or nesting deeper than the parser's stack
        raise RuleInputError("invalid_json", f"unreadable JSON: {exc}", None) from None


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _decide(profile: str | None, stdin: IO[str], stdout: Writer, registry: Registry | None) -> int:
    data = _read_json(stdin)
    if not isinstance(data, dict):
        raise RuleInputError("invalid_request", "the request must be a JSON object", None)
    response = evaluate(parse_request(data, profile_override=profile, registry=registry), registry)
    stdout.write(_dump(response_to_dict(response)))
    return EXIT_OK


def _show(profile: str, on: date, as_json: bool, stdout: Writer, registry: Registry | None) -> int:
    shown = parameters_in_force(profile, on, registry)
    if as_json:
        stdout.write(_dump(shown))
        return EXIT_OK
    in_force = "" if shown["profile_in_force"] else " (het profiel geldt niet op deze datum)"
    lines = [f"Parameters van profiel {profile} op {on}{in_force}, regels {shown['rules_version']}", ""]
    parameters = shown["parameters"]
    assert isinstance(parameters, dict)  # built by parameters_in_force
    for name, entry in parameters.items():
        assert isinstance(entry, dict)
        value = json.dumps(entry["value"], ensure_ascii=False).strip('"')
        lines.append(f"{name} = {value} {entry['unit']}  [{entry['confidence']}] {entry['citation']}")
    not_in_force = shown["not_in_force"]
    assert isinstance(not_in_force, list)
    if not_in_force:
        lines += ["", "Geen waarde op deze datum: " + ", ".join(map(str, not_in_force))]
    not_set = shown["not_set"]
    assert isinstance(not_set, list)
    if not_set:
        lines += ["", "Nog niet vastgesteld door de gemeente: " + ", ".join(map(str, not_set))]
    stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _check(
    profile: str, on: date, horizon: int, as_json: bool, stdout: Writer, registry: Registry | None
) -> int:
    gaps = parameter_gaps(profile, on, horizon, registry)
    if as_json:
        stdout.write(_dump({"profile": profile, "date": str(on), "horizon_days": horizon, "gaps": gaps}))
    elif not gaps:
        stdout.write(
            f"Alle parameters van profiel {profile} hebben een waarde van {on} tot {horizon} dagen later.\n"
        )
    else:
        lines = [
            f"Parameters van profiel {profile} zonder waarde vanaf {on} of binnen {horizon} dagen daarna:"
        ]
        for gap in gaps:
            if gap["status"] == "missing":
                since = f"sinds {gap['gap_from']}" if gap["ends_on"] else f"op {gap['gap_from']}"
                lines.append(f"- {gap['name']} ({gap['file']}): geen waarde {since}")
            else:
                lines.append(f"- {gap['name']} ({gap['file']}): geen waarde meer vanaf {gap['gap_from']}")
        stdout.write("\n".join(lines) + "\n")
    return EXIT_GAPS if gaps else EXIT_OK


def _explain(stdin: IO[str], stdout: Writer) -> int:
    data = _read_json(stdin)
    stdout.write(explain(data))
    return EXIT_OK


def _run(args: argparse.Namespace, stdin: IO[str], stdout: Writer, registry: Registry | None) -> int:
    if args.command == "decide":
        return _decide(args.profile, stdin, stdout, registry)
    if args.action == "show":
        return _show(args.profile, args.date, args.json, stdout, registry)
    if args.action == "check":
        return _check(args.profile, args.date, args.horizon, args.json, stdout, registry)
    return _explain(stdin, stdout)


def main(argv: list[str], stdin: IO[str], stdout: Writer, registry: Registry | None = None) -> int:
    """Run one command; return 0, 1 for gaps found by `rules check`, or 2 after writing a JSON error
    object to `stdout`. `registry` is the parameter source (default: the shipped files); the application
    passes the shipped files with the amounts the municipality approved."""
    try:
        return _run(build_parser().parse_args(argv), stdin, stdout, registry)
    except RuleInputError as exc:
        error = exc
    except UnknownProfile as exc:
        error = RuleInputError("unknown_profile", str(exc), "profile")
    except ParameterNotInForce as exc:
        error = RuleInputError(
            "parameter_not_in_force",
            f"{missing_parameter_nl(exc.name, exc.on)} (parameter {exc.name})",
            "decision_date",
        )
    stdout.write(_dump(error.to_dict()))
    return EXIT_INVALID
