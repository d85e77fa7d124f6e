"""Computation over the data with pandas: windows, gaps, comparisons, ranks.

`Store` holds the checked frame split once by (measure, area) into monthly
series indexed by month number. Every figure is a slice of one series and a
vectorised reduction; a window that the data does not fully cover is a
`MissingMonths` error naming the months, which the narrative stage turns into
a located error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .definitions import Measure
from .numbers import combined
from .windows import Window, month_text


class MissingMonths(Exception):
    """A window needs months the data does not have."""

    def __init__(self, measure: str, area: str, window: Window, missing: list[int]):
        shown = ", ".join(month_text(m) for m in missing[:6]) + (" …" if len(missing) > 6 else "")
        super().__init__(
            f"{measure} ({area}) has no data for {shown}, which {window.label()} needs"
        )
        self.measure, self.area, self.window, self.missing = measure, area, window, missing


class NoData(Exception):
    """A measure (or area of it) has no rows at all."""


@dataclass(frozen=True)
class Aggregate:
    """One reduced figure and where it came from."""

    value: float
    measure: str
    area: str
    window: Window
    files: tuple[str, ...]


class Store:
    """The measure data, ready for windows."""

    def __init__(self, frame: pd.DataFrame, measures: dict[str, Measure], sources: dict, area: str):
        self.measures = measures
        self.sources = sources
        self.area = area
        self.frame = frame
        # One sort of the whole table by (measure, area, month); each (measure, area) is
        # then a run of rows, found by its first and last offset: no per-group frames.
        measure_codes, measure_names = pd.factorize(frame["measure"], sort=True)
        area_codes, area_names = pd.factorize(frame["area"], sort=True)
        month = frame["month"].to_numpy(dtype=np.int64)
        order = np.lexsort((month, area_codes, measure_codes))
        group = measure_codes[order].astype(np.int64) * max(1, len(area_names)) + area_codes[order]
        self._months = month[order]
        self._values = frame["value"].to_numpy(dtype=float)[order]
        starts = (
            np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
            if len(group)
            else np.array([], dtype=np.int64)
        )
        ends = np.r_[starts[1:], len(group)]
        firsts = group[starts]
        self._runs: dict[tuple[str, str], tuple[int, int]] = {
            (
                measure_names[g // max(1, len(area_names))],
                area_names[g % max(1, len(area_names))],
            ): (int(a), int(b))
            for g, a, b in zip(firsts.tolist(), starts.tolist(), ends.tolist())
        }
        # the data files behind each (measure, area): unique (group, file) code pairs
        file_codes, file_names = pd.factorize(frame["file"])
        pair = np.unique(group * max(1, len(file_names)) + file_codes[order])
        names = {g: key for key, g in zip(self._runs, firsts.tolist())}
        self.files: dict[tuple[str, str], tuple[str, ...]] = {}
        for g, f in zip(
            (pair // max(1, len(file_names))).tolist(), (pair % max(1, len(file_names))).tolist()
        ):
            key = names[g]
            self.files[key] = tuple(sorted(self.files.get(key, ()) + (file_names[f],)))
        self._memo: dict = {}  # (measure, area, window, how) → Aggregate

    def areas(self, measure: str) -> list[str]:
        return sorted(a for (m, a) in self._runs if m == measure)

    def history(self, measure: str, area: str, first: int, last: int) -> pd.Series:
        """The monthly values from `first` to `last` that exist (gaps allowed)."""
        run = self._runs.get((measure, area))
        if run is None:
            return pd.Series(dtype=float)
        months = self._months[run[0] : run[1]]
        lo, hi = np.searchsorted(months, [first, last + 1])
        return pd.Series(self._values[run[0] + lo : run[0] + hi], index=months[lo:hi])

    def months(self, measure: str, area: str, window: Window) -> pd.Series:
        """The monthly values of `window`; MissingMonths if any is absent."""
        if (measure, area) not in self._runs:
            raise NoData(
                f"there is no data for {measure}" + ("" if area == self.area else f" in {area}")
            )
        part = self.history(measure, area, window.first, window.last)
        if len(part) != window.months:
            have = set(part.index)
            missing = [m for m in range(window.first, window.last + 1) if m not in have]
            raise MissingMonths(measure, area, window, missing)
        return part

    def aggregate(
        self, measure: str, area: str, window: Window, how: str | None = None
    ) -> Aggregate:
        """The window's value: sum, mean or latest (the measure's rule unless `how`).

        "latest" needs only the window's last month: a measure published once a year
        or a quarter (a rate, a survey result) is stored at the month it covers to.
        """
        how = how or self.measures[measure].combine
        if how == "latest":
            window = Window(window.last, window.last)
        key = (measure, area, window, how)
        if key not in self._memo:
            self._memo[key] = self._aggregate(measure, area, window, how)
        return self._memo[key]

    def _aggregate(self, measure: str, area: str, window: Window, how: str) -> Aggregate:
        part = self.months(measure, area, window)
        values = part.to_numpy()
        if how == "sum":
            value = float(values.sum())
        elif how == "mean":
            value = float(values.mean())
        elif how == "latest":
            value = float(values[-1])
        elif how == "min":
            value = float(values.min())
        elif how == "max":
            value = float(values.max())
        else:  # pragma: no cover - callers pass only the names above
            raise ValueError(how)
        files = self.files.get((measure, area), ())
        value = combined(value, f"the {how} of {measure} ({area}) over {window.label()}", files)
        return Aggregate(value, measure, area, window, files)

    def peak(self, measure: str, area: str, window: Window) -> tuple[int, float]:
        """The month with the highest value in the window (the latest if tied)."""
        part = self.months(measure, area, window)
        values = part.to_numpy()
        index = int(len(values) - 1 - np.argmax(values[::-1]))
        return int(part.index[index]), float(values[index])

    def rank(self, measure: str, area: str, window: Window) -> tuple[int, int]:
        """(rank of `area`, number of areas) by value in the window, 1 = highest."""
        values = {a: self.aggregate(measure, a, window).value for a in self.areas(measure)}
        ordered = pd.Series(values).rank(ascending=False, method="min")
        return int(ordered[area]), len(values)
