"""Running controls: parameters, loading, selection, bias check, control group and the output document.

`run_control` returns one document as datasets.md "Command line" specifies: control, reference_date,
parameters, population (the number of active clients on R), hits (sorted by client_id, each with its
client_id, reasons and evidence), bias (per attribute: groups with n, s and rate; parity_ratio,
parity_difference, chi2, p_value, cramers_v, verdict), control_group (null unless a sample was asked for)
and data_used (per file: name, columns read, rows, sha256).

`run_all` reads the delivery once and returns {control name: document} for the five controls, in the
order of datasets.md; each document is exactly what `run_control` would return for that control (its
`data_used` lists what that control reads). `--param` values apply to every control that has the
parameter; a parameter that no control has is an error. With a control sample, each control draws its own
control group (from its own non-hit clients) with the same seed.

Values are JSON-ready: dates as YYYY-MM-DD, amounts and other exact decimals as strings, rates and test
statistics as floats (null where undefined).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from pathlib import Path

from naleving.analytics import sampling
from naleving.analytics.bias import attribute_report
from naleving.analytics.controls import REGISTRY, Control
from naleving.analytics.controls.base import jsonable
from naleving.analytics.errors import ParameterError
from naleving.analytics.loading import Delivery, load_delivery, needs, plan_delivery
from naleving.analytics.params import MIN_GROUP_SIZE, Value, resolve
from naleving.analytics.population import (
    client_groups,
    create_active,
    exclude_active,
    group_counts,
    keep_active,
    set_hits,
)
from naleving.analytics.proxy import control_report

Document = dict[str, object]

#: Told how far a run is: (share done, 0 to 1; step; subject). Steps: "read" (subject: the file name),
#: "check" (the checks across files), "select", "bias" and "sample" (subject: the control), "done".
Progress = Callable[[float, str, str], None]

#: share of a run's progress spent reading and checking the delivery (the rest: the controls)
_READ_SHARE = 0.7


def run_control(
    name: str,
    data_dir: Path | str,
    reference_date: date,
    params: Mapping[str, object] | None = None,
    control_sample: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    excluded_bsns: Collection[str] | None = None,
) -> Document:
    """Run one control over the delivery in `data_dir` on `reference_date`.

    With `excluded_bsns` (the BSNs of clients who objected to the processing, AVG art. 21) those clients
    are taken out of the population before selection, bias check and control group, and the document
    gets `excluded`: how many active clients were taken out.

    Raises DeliveryError (input), ParameterError (control name or parameters) or RulesParameterError (no
    law parameter in force on the reference date).
    """
    return _run(
        [name], data_dir, reference_date, params or {}, control_sample, seed, progress, excluded_bsns
    )[name]


def run_controls(
    names: Sequence[str],
    data_dir: Path | str,
    reference_date: date,
    params: Mapping[str, object] | None = None,
    control_sample: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    excluded_bsns: Collection[str] | None = None,
    population_bsns: Collection[str] | None = None,
    with_groups: bool = False,
    with_proxy: bool = False,
) -> dict[str, Document]:
    """Run the named controls over one reading of the delivery: {control name: document}, as `run_all`
    (`excluded_bsns` as in `run_control`). With `population_bsns` (a run for one municipality: the BSNs
    of its residents) only those clients form the population, before selection, bias check and control
    group; each document gets `outside`: how many active clients were left out. With `with_groups` each
    document gets `groups`: {client_id: {attribute: group}} of the bias check for every hit and
    control-group member, so the application can compare outcomes per group after the files are gone.
    With `with_proxy` each document gets `proxy`: the control's proxy report (`proxy.control_report`) over
    the same population, from the same reading of the files (what `proxy.proxy_check` gives, without
    reading the delivery a second time)."""
    return _run(
        list(names),
        data_dir,
        reference_date,
        params or {},
        control_sample,
        seed,
        progress,
        excluded_bsns,
        population_bsns,
        with_groups,
        with_proxy,
    )


def check_run(
    names: Sequence[str],
    data_dir: Path | str,
    reference_date: date,
    params: Mapping[str, object] | None = None,
    control_sample: int | None = None,
) -> None:
    """What can be checked before a run without reading any data: the control names, the parameters, the
    law parameters in force on `reference_date`, and that the needed files are there with acceptable
    headers (special categories refused). Raises as a run would; a run still checks every value."""
    controls = _controls(names)
    _parameters(controls, params or {})
    if control_sample is not None and control_sample < 0:
        raise ParameterError("de omvang van de controlegroep kan niet negatief zijn")
    for control in controls:
        if control.rules_parameters:
            control.rules_parameters(reference_date)
    plan_delivery(data_dir, _merged_needs(controls))


def run_all(
    data_dir: Path | str,
    reference_date: date,
    params: Mapping[str, object] | None = None,
    control_sample: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    excluded_bsns: Collection[str] | None = None,
) -> dict[str, Document]:
    """Run the five controls over one reading of the delivery: {control name: document}."""
    return run_controls(
        list(REGISTRY), data_dir, reference_date, params, control_sample, seed, progress, excluded_bsns
    )


def _controls(names: Sequence[str]) -> list[Control]:
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise ParameterError(f"onbekende controle {unknown[0]!r}; bekend: {', '.join(REGISTRY)} (of all)")
    return [REGISTRY[n] for n in names]


def _parameters(controls: list[Control], given: Mapping[str, object]) -> dict[str, dict[str, Value]]:
    known = {p for c in controls for p in c.info.parameters}
    unknown = sorted(set(given) - known)
    if unknown:
        raise ParameterError(
            f"onbekende parameter(s) {', '.join(unknown)}; bekend: {', '.join(sorted(known))}"
        )
    result = {}
    for control in controls:
        own = control.info.parameters
        result[control.info.name] = resolve(own, {k: v for k, v in given.items() if k in own})
    return result


def _run(
    names: Sequence[str],
    data_dir: Path | str,
    reference_date: date,
    given: Mapping[str, object],
    control_sample: int | None,
    seed: int | None,
    progress: Progress | None = None,
    excluded_bsns: Collection[str] | None = None,
    population_bsns: Collection[str] | None = None,
    with_groups: bool = False,
    with_proxy: bool = False,
) -> dict[str, Document]:
    controls = _controls(names)
    params = _parameters(controls, given)
    if control_sample is not None and control_sample < 0:
        raise ParameterError("de omvang van de controlegroep kan niet negatief zijn")
    if control_sample is not None and seed is None:
        seed = sampling.new_seed()
    # Law parameters first: a date without them fails before any personal data is read.
    from_rules = {
        c.info.name: c.rules_parameters(reference_date) if c.rules_parameters else {} for c in controls
    }
    tell = progress or _silent
    reading = None if progress is None else _scaled(progress, 0.0, _READ_SHARE / 0.9)
    wanted = _merged_needs(controls)
    if excluded_bsns or population_bsns is not None or with_proxy:
        wanted.setdefault("clients", set()).add("bsn")
    with load_delivery(data_dir, wanted, reading) as delivery:
        population, outside, excluded = _population(delivery, reference_date, population_bsns, excluded_bsns)
        documents = {}
        for i, c in enumerate(controls):
            slice_ = (1 - _READ_SHARE) / len(controls)
            step = _scaled(tell, _READ_SHARE + slice_ * i, slice_ / 3)
            documents[c.info.name] = _document(
                delivery,
                c,
                reference_date,
                params[c.info.name],
                from_rules[c.info.name],
                population,
                (control_sample, seed),
                step,
            )
            counted = {"excluded": excluded, "outside": outside}
            documents[c.info.name].update({k: v for k, v in counted.items() if v is not None})
            if with_groups:
                documents[c.info.name]["groups"] = _groups(delivery, documents[c.info.name])
        if with_proxy:  # the `active` table is still the population: the selections only read it
            for c in controls:
                documents[c.info.name]["proxy"] = control_report(delivery.con, c.info.inputs, reference_date)
        tell(1.0, "done", "")
        return documents


def _population(
    delivery: Delivery,
    reference_date: date,
    population_bsns: Collection[str] | None,
    excluded_bsns: Collection[str] | None,
) -> tuple[int, int | None, int | None]:
    """Create the `active` table: (its size, how many were outside the population, how many excluded)."""
    population = create_active(delivery.con, reference_date)
    outside = None
    if population_bsns is not None:
        outside = keep_active(delivery.con, sorted(set(population_bsns)))
        population -= outside
    excluded = None
    if excluded_bsns is not None:
        excluded = exclude_active(delivery.con, sorted(set(excluded_bsns)))
        population -= excluded
    return population, outside, excluded


def _silent(share: float, step: str, subject: str) -> None:
    """A Progress that listens to nothing."""


def _scaled(progress: Progress, start: float, width: float) -> Progress:
    """`progress` with each share mapped to start + share * width (capped at 1)."""

    def tell(share: float, step: str, subject: str) -> None:
        progress(min(1.0, start + share * width), step, subject)

    return tell


def _merged_needs(controls: list[Control]) -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {}
    for control in controls:
        for file, columns in needs(control).items():
            merged.setdefault(file, set()).update(columns)
    return merged


def _document(
    delivery: Delivery,
    control: Control,
    reference_date: date,
    params: Mapping[str, Value],
    rules_params: Mapping[str, object],
    population: int,
    sample: tuple[int | None, int | None],
    progress: Progress,
) -> Document:
    name = control.info.name
    progress(0.0, "select", name)
    hits = sorted(control.find_hits(delivery.con, reference_date, params), key=lambda h: h.client_id)
    set_hits(delivery.con, [h.client_id for h in hits])
    min_group_size = int(params[MIN_GROUP_SIZE.name])
    progress(1.0, "bias", name)
    bias = {
        attribute: attribute_report(c, min_group_size) for attribute, c in group_counts(delivery.con).items()
    }
    size, seed = sample
    group = None
    if size is not None and seed is not None:
        progress(2.0, "sample", name)
        group = sampling.control_group(delivery.con, size, seed)
    return {
        "control": control.info.name,
        "reference_date": reference_date.isoformat(),
        "parameters": {**{k: jsonable(v) for k, v in params.items()}, **rules_params},
        "population": population,
        "hits": [h.as_dict() for h in hits],
        "bias": bias,
        "control_group": group,
        "data_used": _data_used(delivery, control),
    }


def _groups(delivery: Delivery, document: Document) -> dict[str, dict[str, str]]:
    hits = [str(h["client_id"]) for h in document["hits"]]  # type: ignore[attr-defined]
    group = document["control_group"] or {}
    return client_groups(delivery.con, hits + [str(c) for c in group.get("client_ids", [])])  # type: ignore[attr-defined]


def _data_used(delivery: Delivery, control: Control) -> list[dict[str, object]]:
    used = []
    for name, columns in needs(control).items():
        loaded = delivery.files[name]
        used.append(
            {"file": loaded.file, "columns": list(columns), "rows": loaded.rows, "sha256": loaded.sha256}
        )
    return used
