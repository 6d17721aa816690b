"""The ``naleving`` commands speak Dutch (issue #22): every command's own help texts, and what the commands
people run most write on their usual paths: ``controls run`` with hits, ``controls run`` on a bad delivery,
``algoritmeregister`` (entries, the placeholder contact address, an unknown filter), the import of a bad
Inlichtingenbureau file, and an invalid request to ``decide``. argparse's own texts ("usage:", "show this help
message and exit") and Django's built-in options stay as they are.

Machine-readable output is checked on its texts, not its keys: JSON field names are an interface.
"""

import argparse
import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand, CommandError

from naleving.analytics import cli as analytics_cli
from naleving.analytics.tests.conftest import GOLDEN
from naleving.controls.filter_register import filter_approve, filter_update, filters_sync
from naleving.controls.models import Filter, FilterStatus
from naleving.testing.dutch import english_words

COMMANDS = sorted(name for name, app in get_commands().items() if str(app).startswith("naleving."))
R = "2026-03-01"


def _help_texts(parser: argparse.ArgumentParser, skip: set[str]) -> list[str]:
    """The description and every argument's help of ``parser`` and its subcommands, minus ``skip`` dests."""
    texts = [parser.description or ""]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            texts += [choice.help or "" for choice in action._choices_actions]
            for sub in action.choices.values():
                texts += _help_texts(sub, {"help"})
        elif action.dest not in skip:
            texts.append(action.help or "")
    return texts


def _djangos_own(command: BaseCommand) -> set[str]:
    """The options Django adds: BaseCommand's, and those of a Django command ours extends (``check``)."""
    django = next(c for c in type(command).__mro__ if c.__module__.startswith("django."))
    parser = django().create_parser("naleving", "x")
    return {action.dest for action in parser._actions}


def _english(texts: list[str]) -> list[tuple[str, list[str]]]:
    return [(text, words) for text in texts if (words := english_words(text))]


def _strings(value: object) -> list[str]:
    """Every string value in a JSON document (not its keys)."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_the_commands_are_found():
    assert {"controls", "algoritmeregister", "signals-import-ib", "decide", "check", "demo-data"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_the_help_of_each_command_is_dutch(name):
    command = load_command_class(get_commands()[name], name)
    parser = command.create_parser("naleving", name)
    assert _english([str(command.help), *_help_texts(parser, _djangos_own(command))]) == []


def test_the_help_of_the_theme_control_engine_is_dutch():
    assert _english(_help_texts(analytics_cli.build_parser(), {"help"})) == []


def test_controls_run_with_hits_reports_in_dutch(tmp_path: Path):
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "run.json"
    call_command("controls", "run", "all", "--data", str(GOLDEN), "--reference-date", R, "--out", str(target),
                 stdout=out, stderr=err)  # fmt: skip
    lines = out.getvalue().splitlines()
    assert len(lines) == 5 and all("treffers onder" in line for line in lines)
    assert _english(lines) == [] and err.getvalue() == ""
    documents = json.loads(target.read_text(encoding="utf-8"))
    reasons = [r["text"] for d in documents.values() for hit in d["hits"] for r in hit["reasons"]]
    assert reasons and _english(reasons) == []


def test_controls_run_on_a_bad_delivery_explains_in_dutch(tmp_path: Path):
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("controls", "run", "all", "--data", str(tmp_path / "geen"), "--reference-date", R,
                     stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert err.getvalue().startswith("fout: ")
    assert _english([err.getvalue(), str(raised.value)]) == []
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("controls", "run", "voertuigen", "--data", str(GOLDEN), "--reference-date", R,
                     "--param", "min_vehicles=veel", stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert "min_vehicles" in err.getvalue() and _english([err.getvalue()]) == []


@pytest.mark.django_db
def test_algoritmeregister_writes_dutch_entries_and_refusals(world, settings):
    settings.NALEVING_PUBLIC_URL = ""
    settings.NALEVING_ALGORITHM_CONTACT_EMAIL = "algoritmes@demostad.nl"
    filters_sync()
    filter_ = Filter.objects.get(name="voertuigen")
    filter_approve(actor=world["fg"], filter_=filter_, decision="approved", note="DPIA bijgewerkt")
    filter_update(
        actor=world["analist"], filter_=filter_, owner=world["analist"], status=FilterStatus.IN_GEBRUIK
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("algoritmeregister", stdout=out, stderr=err)
    texts = [s for s in _strings(json.loads(out.getvalue())) if " " in s]
    assert texts and _english([*texts, err.getvalue()]) == []
    with pytest.raises(CommandError) as unknown:
        call_command("algoritmeregister", "bestaat_niet", stdout=io.StringIO(), stderr=io.StringIO())
    settings.NALEVING_ALGORITHM_CONTACT_EMAIL = "algoritmeregister@example.nl"
    with pytest.raises(CommandError) as placeholder:
        call_command("algoritmeregister", stdout=io.StringIO(), stderr=io.StringIO())
    assert _english([str(unknown.value), str(placeholder.value)]) == []


@pytest.mark.django_db
def test_importing_a_bad_file_is_refused_in_dutch(world, tmp_path: Path):
    bad = tmp_path / "ib.csv"
    bad.write_text("bsn;soort;datum\n123;onbekend;gisteren\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("signals-import-ib", str(bad), stdout=io.StringIO(), stderr=err)
    assert "niet geïmporteerd" in str(raised.value) or "niet" in str(raised.value)
    assert _english([str(raised.value), *err.getvalue().splitlines()]) == []
    with pytest.raises(CommandError) as missing:
        call_command("signals-import-ib", str(tmp_path / "bestaat-niet.csv"), stdout=io.StringIO())
    assert _english([str(missing.value)]) == []


@pytest.mark.django_db
def test_an_invalid_decision_request_is_explained_in_dutch():
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "decide", stdin=io.StringIO(json.dumps({"decision_date": str(date(2026, 3, 1))})), stdout=out
        )
    error = json.loads(out.getvalue())["error"]
    assert error["code"] and error["field"]
    assert _english([str(raised.value), error["message"]]) == []


def test_controls_list_describes_each_control_in_dutch():
    out = io.StringIO()
    call_command("controls", "list", stdout=out)
    controls = json.loads(out.getvalue())
    texts = [c["title_nl"] for c in controls.values()] + [c["description"] for c in controls.values()]
    texts += [p["description"] for c in controls.values() for p in c["parameters"].values()]
    assert len(texts) > 10 and _english(texts) == []
