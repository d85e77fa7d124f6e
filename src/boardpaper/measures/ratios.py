"""Measures divided by another (measures.yaml's `denominator:` and `per:`): a rate of
a measure's own data, and a ratio of two other measures (`numerator:`, no data of its
own: `icv_accepted_pct` is `icv_accepted` / `icv_detainees_present` × 100).

The denominator is taken by its own `combine`:

- `sum`: over the same window as the numerator (a ratio of sums: 2,188 of 3,746 over
  2020/21 is 58.4%), by the same rule (`mean` of the window for a mean);
- anything else (a population, `latest`): its latest datum ending at or before the
  window's last month (the mid-year estimate of 2019 for the year ending September 2020).

A divided measure's data over a window (`tiles`: a line chart's points, `.peak`,
`.stable`, `.min`, `.max`) are its numerator's tiles, each divided by the denominator
over that tile; its monthly `history` (a KPI's trend) likewise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .compute import Aggregate, MissingMonths, NoData, Store, Tiles
from .definitions import Measure
from .numbers import combined
from .windows import Window


def ratio(store: Store, measure: str, area: str, window: Window, how: str | None) -> Aggregate:
    """A ratio's value over `window` (its numerator's by `how` or its own rule, divided),
    or the lowest or highest of a divided measure's tiles (`how` min or max)."""
    definition = store.measures[measure]
    if how in ("min", "max"):
        part = tiles(store, measure, area, window)
        values = part.values
        index = int(np.argmin(values) if how == "min" else np.argmax(values))
        last, span = int(part.last[index]), int(part.spans[index])
        return store.aggregate(measure, area, Window(last - span + 1, last))
    top = store.aggregate(definition.numerator, area, window, how)
    return divided(store, definition, top, how)


def divided(store: Store, definition: Measure, top: Aggregate, how: str | None) -> Aggregate:
    """`top` (the measure's own value, or a ratio's numerator's) / the denominator × per."""
    name, area, window = definition.denominator, top.area, top.window
    if store.measures[name].combine == "sum":  # over the same window, by the same rule
        rule = how or store.measures[top.measure].combine
        below = store.aggregate(name, area, window, "mean" if rule == "mean" else "sum")
    else:  # a population: its latest datum ending at or before the window's end
        below = store.latest_datum(name, area, window.last)
    what = definition.id if definition.numerator else top.measure
    if below.value == 0:
        raise ZeroDivisionError(f"{what} is per {name}, which is zero for {below.window.label()}")
    value = combined(
        top.value / below.value * definition.per,
        f"{what} per {definition.per:,} {name} over {window.label()}",
        top.files + below.files,
    )
    if definition.numerator:
        return Aggregate(value, definition.id, area, window, top.files, below, top)
    return Aggregate(value, top.measure, area, window, top.files, below)


def tiles(store: Store, measure: str, area: str, window: Window) -> Tiles:
    """The numerator's data tiling `window`, each divided by the denominator over it."""
    definition = store.measures[measure]
    part = store.data_tiles(definition.numerator or measure, area, window)
    values = [
        store.aggregate(measure, area, Window(last - span + 1, last)).value
        for last, span in zip(part.last.tolist(), part.spans.tolist())
    ]
    return Tiles(part.last, np.asarray(values, dtype=float), part.spans)


def history(store: Store, measure: str, area: str, first: int, last: int) -> pd.Series:
    """The months from `first` to `last` of the numerator's data, each divided; a month
    the denominator does not cover (or covers with a zero) is left out, as a gap."""
    definition = store.measures[measure]
    months, _ = store._slice(definition.numerator or measure, area, first, last)
    found = {}
    for month in months.tolist():
        try:
            found[month] = store.aggregate(measure, area, Window(month, month)).value
        except (MissingMonths, NoData, ZeroDivisionError):
            continue
    return pd.Series(list(found.values()), index=list(found), dtype=float)
