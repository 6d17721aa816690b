"""`naleving controls outcomes FILTER [--run ID] [--json]`: the outcome fairness of a filter over all its
released runs (or one run), the same numbers as the filter and run pages. Reads only; records nothing."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from naleving.controls.models import ControlRun, Filter
from naleving.controls.outcomes import outcome_report_for
from naleving.controls.presentation.outcomes import outcome_text


def outcomes_main(argv: list[str], out: TextIO, err: TextIO) -> int:
    """Print the report; 0 when done, 2 for an unknown filter or run (with a Dutch message)."""
    parser = argparse.ArgumentParser(
        prog="naleving controls outcomes",
        description="Uitkomsten per groep van een filter: wie na selectie voor niets werd onderzocht.",
    )
    parser.add_argument("filter", help="naam van het filter, bijvoorbeeld brp_adres")
    parser.add_argument(
        "--run", type=int, help="alleen deze run (nummer) in plaats van alle vrijgegeven runs"
    )
    parser.add_argument("--json", action="store_true", help="het rapport als JSON")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    filter_ = Filter.objects.filter(name=args.filter).first()
    if filter_ is None:
        known = ", ".join(Filter.objects.values_list("name", flat=True)) or "geen"
        err.write(f"Onbekend filter '{args.filter}'. Bekende filters: {known}.\n")
        return 2
    run = None
    if args.run is not None:
        run = ControlRun.objects.filter(filter=filter_, pk=args.run).first()
        if run is None:
            err.write(f"Run {args.run} bestaat niet of hoort niet bij filter '{filter_.name}'.\n")
            return 2
    report = outcome_report_for(filter_=filter_, run=run)
    if args.json:
        out.write(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    else:
        title = f"{filter_.title}" + (f", run {run.pk}" if run else ", alle vrijgegeven runs")
        out.write(outcome_text(report, title))
    return 0
