"""Named measures → values with provenance: the vocabulary of placeholders.

    {{ m.homicide }}                      53             (the reporting year, 12 months)
    {{ m.homicide.baseline }}             52             (the year ending June 2019)
    a {{ m.homicide.vs_baseline }}        a 1.9% increase
    a {{ m.robbery.vs_baseline.reduction }}  a 12% reduction
    {{ m.firearms.previous }}             157            (the 12 months before)
    {{ m.recoveries.fy("2020/21") }}      124
    {{ m.cyber.month("2022-02") }}        2,836
    {{ m.tests.share_of(m.all_tests) }}   64%
    {{ period }}                          April 2021 to March 2022

Every value keeps the measure, area, window and files it came from
(`provenance`), for the audit trail. Attribute names are checked: a misspelt
one raises `UnknownName` with the nearest right one.
"""

from __future__ import annotations

from .checked import MOST_PLACES, Checked, UnknownName
from .comparison import Comparison
from .compute import Store
from .values import MonthView, Phrase, Value, WindowView
from .views import Measures, MeasureView, PeakView
from .windows import Window, month_number

__all__ = [
    "MOST_PLACES",
    "Checked",
    "Comparison",
    "Figures",
    "MeasureView",
    "Measures",
    "MonthView",
    "PeakView",
    "Phrase",
    "UnknownName",
    "Value",
    "WindowView",
]


class Figures:
    """Everything a placeholder can name, for one paper and reporting period."""

    def __init__(self, store: Store, period: str, baseline: str = "2019-06", origin: str = ""):
        self.store = store
        self.period = Window.ending(month_number(period), 12)
        self.baseline = Window.ending(month_number(baseline), 12)
        self.origin = origin  # the file that sets the period and baseline (paper.yaml)

    def value(self, measure: str, area: str, window: Window, how: str | None = None) -> Value:
        """A measure's value over `window`, by its rule unless `how` (sum, mean, latest,
        min, max), in its unit and places: the one computation behind every figure,
        table cell, chart value, KPI and `boardpaper measures`."""
        agg = self.store.aggregate(measure, area, window, how)
        d = self.store.measures[measure]
        provenance = ((measure, area, window, agg.files),)
        if agg.denominator is not None:  # a rate: its denominator's measure and period too
            below = agg.denominator
            provenance += ((below.measure, below.area, below.window, below.files),)
        return Value(agg.value, d.unit, d.decimals, provenance)

    def _setting(self, name: str, window: Window) -> tuple:
        return ((name, "", window, (self.origin,) if self.origin else ()),)

    def context(self) -> dict:
        return {
            "m": Measures(self),
            "period": WindowView(self.period, self._setting("period", self.period)),
            "baseline": WindowView(self.baseline, self._setting("baseline", self.baseline)),
        }
