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

import math

from . import fmt
from .checked import MOST_PLACES, Checked, UnknownName
from .comparison import Comparison
from .compute import Aggregate, Store
from .numbers import combined
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
        provenance = ((measure, area, window, agg.files),)
        if agg.numerator is not None:  # a ratio: its numerator's measure and period
            provenance = (_source(agg.numerator),)
        if agg.denominator is not None:  # a rate: its denominator's measure and period too
            provenance += (_source(agg.denominator),)
        return self._made(measure, agg.value, provenance)

    def total(self, measure: str, area: str, windows: list[Window]) -> Value:
        """A measure summed over `windows` (a table's total), traced to each; a ratio
        whose numerator and denominator both add up is the ratio of their sums (not the
        sum of its ratios). Unrounded until the measure's own rounding of the total."""
        d = self.store.measures[measure]
        if not d.numerator:
            parts = [self.store.aggregate(measure, area, w) for w in windows]
            return self._made(
                measure,
                math.fsum(p.value for p in parts),
                tuple((measure, area, w, p.files) for w, p in zip(windows, parts)),
            )
        tops = [self.store.aggregate(d.numerator, area, w) for w in windows]
        bottoms = [self.store.aggregate(d.denominator, area, w) for w in windows]
        below = math.fsum(b.value for b in bottoms)
        if below == 0:
            raise ZeroDivisionError(f"{measure} is per {d.denominator}, whose total is zero")
        value = combined(
            math.fsum(t.value for t in tops) / below * d.per,
            f"{measure} over {len(windows)} periods",
            tops[0].files,
        )
        return self._made(measure, value, tuple(map(_source, tops + bottoms)))

    def _made(self, measure: str, number: float, provenance: tuple) -> Value:
        """A measure's figure in its unit and places: cut to them for `rounding: down`."""
        d = self.store.measures[measure]
        if d.rounding == "down":
            number = fmt.cut(number, d.decimals)
        return Value(number, d.unit, d.decimals, provenance)

    def _setting(self, name: str, window: Window) -> tuple:
        return ((name, "", window, (self.origin,) if self.origin else ()),)

    def context(self) -> dict:
        return {
            "m": Measures(self),
            "period": WindowView(self.period, self._setting("period", self.period)),
            "baseline": WindowView(self.baseline, self._setting("baseline", self.baseline)),
        }


def _source(agg: Aggregate) -> tuple:
    """The provenance of one aggregate: (measure, area, window, files)."""
    return (agg.measure, agg.area, agg.window, agg.files)
