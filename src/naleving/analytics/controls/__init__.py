"""The five theme controls of datasets.md, each a module with its metadata (`INFO`) and its selection as
SQL over the validated delivery (`find_hits`). `REGISTRY` maps a control's name to it, in the order of
datasets.md; `CONTROLS` maps a name to its metadata only (for the filter register and the web layer).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from naleving.analytics.controls import adresbezetting, brp_adres, kostendelers, vermogen, voertuigen
from naleving.analytics.controls.base import Control, ControlInfo, Hit, Reason

REGISTRY: Mapping[str, Control] = MappingProxyType(
    {
        module.CONTROL.info.name: module.CONTROL
        for module in (voertuigen, vermogen, adresbezetting, kostendelers, brp_adres)
    }
)

CONTROLS: Mapping[str, ControlInfo] = MappingProxyType({name: c.info for name, c in REGISTRY.items()})

__all__ = ["CONTROLS", "REGISTRY", "Control", "ControlInfo", "Hit", "Reason"]
