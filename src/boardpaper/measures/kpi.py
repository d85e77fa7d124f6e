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
from . import fmt
from .compute import MissingMonths, NoData
from .registry import Figures
from .windows import Window

#: status → (word, symbol name). The symbol is drawn; the word is printed.
STATUS = {
    "met": ("Met", "tick"),
    "not-met": ("Not met", "cross"),
    "improving": ("Improving", "up"),
    "worsening": ("Worsening", "down"),
    "no-change": ("No change", "level"),
    "monitor": ("Monitor", "dot"),
    "no-data": ("No data yet", "dash"),
}
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

    @property
    def word(self) -> str:
        return STATUS[self.status][0]

    @property
    def symbol(self) -> str:
        return STATUS[self.status][1]


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
    period = Window.ending(kpi.latest) if kpi.latest else figures.period
    base_window = Window.financial_year(framework.baseline)
    latest = _value(store, kpi, period, required=True)
    base = _value(store, kpi, base_window, required=kpi.target.kind == "trajectory")
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
    return KpiResult(
        kpi,
        status,
        baseline=shown(base) if base is not None else "–",
        latest=shown(latest),
        change=_change(latest, base, definition.unit),
        trend=_trend(store, kpi.measure, store.area, period),
        measure_label=f"{definition.label}, {period.label()}",
    )


def _value(store, kpi: Kpi, window: Window, required: bool) -> float | None:
    try:
        return store.aggregate(kpi.measure, store.area, window).value
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
