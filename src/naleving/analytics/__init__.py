"""Theme controls and their bias check over data deliveries: pure Python on DuckDB, no Django.

Implements shared/domain/datasets.md: the five delivery files (CSV or Parquet), the five controls
(`voertuigen`, `vermogen`, `adresbezetting`, `kostendelers`, `brp_adres`), the evidence of each hit, the
bias check, the seeded control group and the JSON run document. Asset limits come from `naleving.rules`.

Public API (the web layer and the management command use only these):

- `CONTROLS`: {name: ControlInfo} with title_nl, description, parameters (with defaults), data_used,
  legal_basis; `ControlInfo.as_dict()` gives it as JSON.
- `run_control(name, data_dir, reference_date, params=None, control_sample=None, seed=None) -> dict`
- `run_all(data_dir, reference_date, params=None, control_sample=None, seed=None) -> {name: dict}`
- `run_controls(names, data_dir, ...)`: the named controls over one reading of the delivery; every run
  function takes `progress=`, a `Progress` callable told (share 0..1, step, subject) as the run goes.
- `check_run(names, data_dir, reference_date, params=None, control_sample=None)`: the checks that need no
  data (names, parameters, law parameters on the date, files present, headers), before queueing a run.
- `validate_delivery(data_dir) -> DeliveryReport`
- `DeliveryError(file, row, column, message)`: invalid input; `ParameterError`: unknown control or bad
  parameter; `RulesParameterError`: no law parameter in force on the reference date. All three derive
  from `AnalyticsError`.
"""

from naleving.analytics.controls import CONTROLS
from naleving.analytics.controls.base import ControlInfo
from naleving.analytics.errors import (
    AnalyticsError,
    DeliveryError,
    ParameterError,
    RulesParameterError,
    error_reference,
)
from naleving.analytics.params import ParameterInfo
from naleving.analytics.run import Progress, check_run, run_all, run_control, run_controls
from naleving.analytics.validation import DeliveryReport, FileReport, validate_delivery

__all__ = [
    "CONTROLS",
    "AnalyticsError",
    "ControlInfo",
    "DeliveryError",
    "DeliveryReport",
    "FileReport",
    "ParameterError",
    "ParameterInfo",
    "Progress",
    "RulesParameterError",
    "check_run",
    "error_reference",
    "run_all",
    "run_control",
    "run_controls",
    "validate_delivery",
]
