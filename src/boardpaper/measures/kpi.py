"""KPI status: each KPI of the framework scored against the paper's data.

- numerical: the latest 12 months against the threshold, compared as printed
  (6.0% is not "> 6%", 50.0% is ">= 50%");
- trajectory: the latest 12 months against the framework's baseline year
  (2019/20): lower is improving for "reduce", higher for "increase";
- monitor: the trend is shown, not judged;
- a KPI with no measure is "No data yet".

Each status has a word and a symbol as well as a colour, so it never depends on
colour alone.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from ..content.framework import Framework, Kpi
from ..errors import DataError
from ..status import STATUSES
from . import fmt
from .compute import MissingMonths, NoData
from .registry import Figures, Phrase, Value
from .windows import Window

_OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
TREND_MONTHS = 24


@dataclass(frozen=True)
class KpiResult:
    """One scored KPI (or item), with printable figures."""

    kpi: Kpi
    status: str
    baseline: str = ""
    latest: str = ""
    change: str = ""
    trend: tuple[float, ...] = ()
    measure_label: str = ""
    #: (what, value) for each figure printed, with its provenance: baseline, latest, change
    values: tuple = ()
    #: the baseline as one month's worth (a year's total over 12; a rate as it is), for
    #: the trend line's reference; None without a baseline
    reference: float | None = None

    @property
    def word(self) -> str:
        return STATUSES[self.status].word

    @property
    def symbol(self) -> str:
        return STATUSES[self.status].symbol


def score(framework: Framework, figures: Figures | None) -> list[KpiResult]:
    """Every KPI and item of the framework, scored in order."""
    return [score_kpi(kpi, framework, figures) for kpi in framework.kpis()]


def score_kpi(kpi: Kpi, framework: Framework, figures: Figures | None) -> KpiResult:
    if kpi.measure is None or figures is None:
        return KpiResult(kpi, "no-data" if not kpi.items else "")
    store = figures.store
    if kpi.measure not in store.measures:
        raise DataError(
            f"KPI '{kpi.id}' names the measure '{kpi.measure}', which "
            "measures.yaml does not define",
            kpi.loc,
        )
    definition = store.measures[kpi.measure]
    period = figures.period.shift(-kpi.lag)  # the latest 12 months the data has
    base_window = Window.financial_year(framework.baseline)
    latest_value = _value(figures, kpi, period, required=True)
    base_value = _value(figures, kpi, base_window, required=kpi.target.kind == "trajectory")
    latest = latest_value.number
    base = base_value.number if base_value is not None else None
    shown = _printer(definition)
    target = kpi.target
    if target.kind == "numerical":
        printed = float(fmt.rounded(latest, definition.decimals))
        status = "met" if _OPS[target.op](printed, target.threshold) else "not-met"
    elif target.kind == "trajectory":
        printed_latest = float(fmt.rounded(latest, definition.decimals))
        printed_base = float(fmt.rounded(base, definition.decimals))
        if printed_latest == printed_base:
            status = "no-change"
        else:
            lower = printed_latest < printed_base
            status = "improving" if lower == (target.direction == "reduce") else "worsening"
    else:
        status = "monitor"
    change = _change(latest, base, definition.unit)
    values = (("latest", latest_value),)
    if base_value is not None:
        direction = {"+": "up", "-": "down"}.get(change[:1], "same")
        # current vs base, the order of every comparison in the audit trail
        both = Phrase(change, latest_value.provenance + base_value.provenance, direction=direction)
        values = (("baseline", base_value), *values, ("change", both))
    return KpiResult(
        kpi,
        status,
        baseline=shown(base) if base is not None else "–",
        latest=shown(latest),
        change=change,
        trend=_trend(store, kpi.measure, store.area, period),
        reference=None if base is None else base / 12 if definition.combine == "sum" else base,
        measure_label=f"{definition.label}, {period.label()}",
        values=values,
    )


def _value(figures: Figures, kpi: Kpi, window: Window, required: bool) -> Value | None:
    try:
        return figures.value(kpi.measure, figures.store.area, window)
    except (MissingMonths, NoData) as exc:
        if not required:
            return None
        raise DataError(
            f"KPI '{kpi.id}': {exc}",
            kpi.loc,
            "add the months to the data, or leave the KPI without a measure",
        ) from None


def _printer(definition):
    return lambda value: fmt.printed(value, definition.unit, definition.decimals)


def _change(latest: float, base: float | None, unit: str) -> str:
    """ "+12%", "-3.1 pts" (percentage points), "n/a (baseline 0)"; "–" without a baseline."""
    return "–" if base is None else fmt.signed_change(latest, base, unit, "n/a (baseline 0)")


def _trend(store, measure: str, area: str, period: Window) -> tuple[float, ...]:
    """Up to the last 24 monthly values (fewer where the data starts later)."""
    part = store.history(measure, area, period.last - TREND_MONTHS + 1, period.last)
    return tuple(float(v) for v in part.to_numpy())
