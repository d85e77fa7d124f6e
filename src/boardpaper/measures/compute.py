"""Computation over the data with pandas: windows, gaps, comparisons, ranks.

`Store` holds the checked frame sorted once by (measure, area, month) into runs, one
per (measure, area). Each datum covers a span of months ending at its `month` (1 for a
month, 3 for a quarter, 12 for a year, see periods.py). A window's value is made of the
data whose spans tile it exactly (`Store.tiles`); monthly data keeps its one vectorised
slice. A window the data does not fully cover is a `MissingMonths` error naming the
months; one the data covers only in other periods (a quarter of data held by financial
year) is a `PeriodMismatch`; the narrative stage turns both into located errors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import periods
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


class PeriodMismatch(MissingMonths):
    """The data covers a window's months, but in periods that do not fit it exactly:
    "hidden_da has data by financial year; April 2021 to June 2021 is not made of whole
    financial years"."""

    def __init__(self, message: str, measure: str, area: str, window: Window):
        Exception.__init__(self, message)
        self.measure, self.area, self.window, self.missing = measure, area, window, []


class NoData(Exception):
    """A measure (or area of it) has no rows at all."""


@dataclass(frozen=True)
class Aggregate:
    """One reduced figure and where it came from (with a rate's denominator, and a
    ratio's numerator: ratios.py)."""

    value: float
    measure: str
    area: str
    window: Window
    files: tuple[str, ...]
    denominator: Aggregate | None = None
    numerator: Aggregate | None = None


@dataclass(frozen=True)
class Tiles:
    """The data that make up a window, earliest first: the last month each covers, its
    value, and its span in months."""

    last: np.ndarray
    values: np.ndarray
    spans: np.ndarray


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
        spans = (
            frame["months"].to_numpy(dtype=np.int64)
            if "months" in frame
            else np.ones(len(frame), dtype=np.int64)
        )
        monthly = bool((spans == 1).all())
        keys = (
            (month, area_codes, measure_codes)
            if monthly
            else (spans, month, area_codes, measure_codes)
        )
        order = np.lexsort(keys)
        group = measure_codes[order].astype(np.int64) * max(1, len(area_names)) + area_codes[order]
        self._months = month[order]
        self._values = frame["value"].to_numpy(dtype=float)[order]
        self._spans = spans[order]
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
        # the runs holding any datum longer than a month (tiled, not sliced)
        widest = np.maximum.reduceat(self._spans, starts) if len(starts) else starts
        self._spanned = (
            set() if monthly else {key for key, w in zip(self._runs, widest.tolist()) if w > 1}
        )
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
        for d in measures.values():  # a ratio's files: its numerator's and denominator's
            for area in self.areas(d.id) if d.numerator else ():
                both = self.files.get((d.numerator, area), ()) + self.files.get(
                    (d.denominator, area), ()
                )
                self.files[(d.id, area)] = tuple(sorted(set(both)))
        self._memo: dict = {}  # (measure, area, window, how) → Aggregate

    def areas(self, measure: str) -> list[str]:
        """The areas of a measure's data (a ratio's: its numerator's)."""
        if self._ratio(measure):
            measure = self.measures[measure].numerator
        return sorted(a for (m, a) in self._runs if m == measure)

    def _run(self, measure: str, area: str) -> tuple[int, int]:
        run = self._runs.get((measure, area))
        if run is None:
            raise NoData(
                f"there is no data for {measure}" + ("" if area == self.area else f" in {area}")
            )
        return run

    def _slice(self, measure: str, area: str, first: int, last: int):
        """(last months, values) of the monthly data from `first` to `last` that exist."""
        run = self._runs.get((measure, area))
        if run is None:
            return np.array([], dtype=np.int64), np.array([], dtype=float)
        months = self._months[run[0] : run[1]]
        lo, hi = np.searchsorted(months, [first, last + 1])
        months, values = months[lo:hi], self._values[run[0] + lo : run[0] + hi]
        if (measure, area) in self._spanned:
            keep = self._spans[run[0] + lo : run[0] + hi] == 1
            months, values = months[keep], values[keep]
        return months, values

    def history(self, measure: str, area: str, first: int, last: int) -> pd.Series:
        """The monthly values from `first` to `last` that exist (gaps allowed; data of
        longer periods left out)."""
        if self._divided_by_sum(measure):
            from .ratios import history

            return history(self, measure, area, first, last)
        months, values = self._slice(measure, area, first, last)
        return pd.Series(values, index=months)

    def months(self, measure: str, area: str, window: Window) -> pd.Series:
        """The values that make up `window`, indexed by the last month each covers
        (each month's, for monthly data); MissingMonths if any month is absent."""
        tiles = self.tiles(measure, area, window)
        return pd.Series(tiles.values, index=tiles.last)

    def tiles(self, measure: str, area: str, window: Window) -> Tiles:
        """The data that tile `window` exactly, in order. MissingMonths where a month
        has no datum, PeriodMismatch where the data's periods do not fit the window.
        A measure divided by one that sums (ratios.py) has each tile divided."""
        if self._divided_by_sum(measure):
            from .ratios import tiles

            return tiles(self, measure, area, window)
        return self.data_tiles(measure, area, window)

    def data_tiles(self, measure: str, area: str, window: Window) -> Tiles:
        """The measure's own data that tile `window` exactly, in order (`tiles`)."""
        run = self._run(measure, area)
        if (measure, area) not in self._spanned:
            months, values = self._slice(measure, area, window.first, window.last)
            if len(months) != window.months:
                have = set(months.tolist())
                missing = [m for m in range(window.first, window.last + 1) if m not in have]
                raise MissingMonths(measure, area, window, missing)
            return Tiles(months, values, np.ones(len(months), dtype=np.int64))
        chosen = self._tiling(run, window)
        if chosen is None:
            raise self._not_tiled(measure, area, run, window)
        index = run[0] + np.asarray(chosen, dtype=np.int64)
        return Tiles(self._months[index], self._values[index], self._spans[index])

    def _tiling(self, run: tuple[int, int], window: Window) -> list[int] | None:
        """Offsets (in the run) of data tiling `window`, earliest first; None if none do.

        Forward over the window's months: a prefix ending at a month is tiled when some
        datum ends there whose start follows a tiled prefix (the longest such datum is
        kept: the published total before its parts). Then back from the window's end."""
        months = self._months[run[0] : run[1]]
        lo, hi = np.searchsorted(months, [window.first, window.last + 1])
        ends = months[lo:hi] - window.first  # offsets in the window
        spans = self._spans[run[0] + lo : run[0] + hi]
        starts = ends - spans + 1
        choice = [-1] * window.months  # the datum tiling up to each month
        tiled = np.zeros(window.months + 1, dtype=bool)  # tiled[k]: months before k
        tiled[0] = True
        for i in range(len(ends)):  # by end month, the longest last at each
            end, start = int(ends[i]), int(starts[i])
            if (
                start >= 0
                and tiled[start]
                and (choice[end] < 0 or spans[choice[end] - lo] < spans[i])
            ):
                choice[end] = lo + i
                tiled[end + 1] = True
        if not tiled[window.months]:
            return None
        out, at = [], window.months - 1
        while at >= 0:
            out.append(choice[at])
            at -= int(self._spans[run[0] + choice[at]])
        return out[::-1]

    def _not_tiled(self, measure: str, area: str, run, window: Window) -> MissingMonths:
        """MissingMonths naming the months no datum covers, or else PeriodMismatch."""
        months = self._months[run[0] : run[1]]
        spans = self._spans[run[0] : run[1]]
        covered = np.zeros(window.months, dtype=bool)
        near = (months >= window.first) & (months - spans + 1 <= window.last)
        kinds = []
        for last, span in zip(months[near].tolist(), spans[near].tolist()):
            covered[max(0, last - span + 1 - window.first) : last - window.first + 1] = True
            name = periods.kind(last, span)
            if name not in kinds:
                kinds.append(name)
        if not covered.all():
            missing = (np.flatnonzero(~covered) + window.first).tolist()
            return MissingMonths(measure, area, window, missing)
        who = measure + ("" if area == self.area else f" ({area})")
        by = ", ".join(f"by {k}" for k in kinds[:-1]) + " and " * (len(kinds) > 1)
        by += f"by {kinds[-1]}"
        whole = periods.plural(kinds[0]) if len(kinds) == 1 else "periods of its data"
        return PeriodMismatch(
            f"{who} has data {by}; {window.label()} is not made of whole {whole}",
            measure,
            area,
            window,
        )

    def latest(self, measure: str, area: str, last: int, before: bool = False) -> tuple[int, int]:
        """The datum ending at month `last` (with `before`, the last one ending at or
        before it): its offset in the store and span; the longest if several end there.
        MissingMonths if there is none."""
        run = self._run(measure, area)
        months = self._months[run[0] : run[1]]
        hi = int(np.searchsorted(months, last + 1))
        if hi == 0 or (not before and months[hi - 1] != last):
            window = Window(last, last)
            if before:
                raise NoData(
                    f"{measure}"
                    + ("" if area == self.area else f" ({area})")
                    + f" has no data up to {window.label()}"
                )
            raise MissingMonths(measure, area, window, [last])
        index = run[0] + hi - 1  # the spans ending at a month are sorted, longest last
        return index, int(self._spans[index])

    def latest_datum(self, measure: str, area: str, last: int) -> Aggregate:
        """The datum ending at or before month `last` (a population's mid-year estimate
        for a rate), as an aggregate of its own period."""
        index, span = self.latest(measure, area, last, before=True)
        end = int(self._months[index])
        return Aggregate(
            float(self._values[index]),
            measure,
            area,
            Window(end - span + 1, end),
            self.files.get((measure, area), ()),
        )

    def _ratio(self, measure: str) -> bool:
        """Whether `measure` is a ratio of two others, with no data of its own."""
        return bool(self.measures[measure].numerator) if measure in self.measures else False

    def _divided_by_sum(self, measure: str) -> bool:
        """Whether `measure` is divided by a measure that sums over the same window (a
        ratio of sums), or is a ratio: its tiles are its numerator's, each divided."""
        d = self.measures.get(measure)
        if d is None or not d.denominator:
            return False
        return bool(d.numerator) or self.measures[d.denominator].combine == "sum"

    def aggregate(
        self, measure: str, area: str, window: Window, how: str | None = None
    ) -> Aggregate:
        """The window's value: sum, mean or latest (the measure's rule unless `how`);
        a measure with a `denominator` is divided by the denominator's value times its
        `per`, a ratio (`numerator`) is its numerator's value divided so (ratios.py).

        "latest" needs only the datum ending at the window's last month: a measure
        published once a year or a quarter (a rate, a survey result) is stored at the
        month it covers to, or by its period (`2020/21`, `year ending June 2021`)."""
        if self._ratio(measure) or (how in ("min", "max") and self._divided_by_sum(measure)):
            key = (measure, area, window, how)
            if key not in self._memo:
                from .ratios import ratio

                self._memo[key] = ratio(self, measure, area, window, how)
            return self._memo[key]
        how = how or self.measures[measure].combine
        if how == "latest":
            if (measure, area) in self._spanned:
                _, span = self.latest(measure, area, window.last)
                window = Window(window.last - span + 1, window.last)
            else:
                window = Window(window.last, window.last)
        key = (measure, area, window, how)
        if key not in self._memo:
            self._memo[key] = self._aggregate(measure, area, window, how)
        return self._memo[key]

    def _aggregate(self, measure: str, area: str, window: Window, how: str) -> Aggregate:
        if how == "latest" and (measure, area) in self._spanned:
            index, _ = self.latest(measure, area, window.last)
            values, spans = self._values[index : index + 1], None
        else:
            part = self.data_tiles(measure, area, window)
            values = part.values
            spans = part.spans if (measure, area) in self._spanned else None
        if how == "sum":
            value = float(values.sum())
        elif how == "mean":
            # a mean of months: each datum weighs as many months as it covers
            value = (
                float(values.mean()) if spans is None else float(np.average(values, weights=spans))
            )
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
        definition = self.measures[measure]
        if not definition.denominator:
            return Aggregate(value, measure, area, window, files)
        from .ratios import divided

        return divided(self, definition, Aggregate(value, measure, area, window, files), how)

    def peak(self, measure: str, area: str, window: Window) -> tuple[Window, float]:
        """The datum with the highest value in the window (the latest if tied): its
        window (one month, for monthly data) and value."""
        part = self.tiles(measure, area, window)
        values = part.values
        index = int(len(values) - 1 - np.argmax(values[::-1]))
        last, span = int(part.last[index]), int(part.spans[index])
        return Window(last - span + 1, last), float(values[index])

    def rank(self, measure: str, area: str, window: Window) -> tuple[int, int]:
        """(rank of `area`, number of areas) by value in the window, 1 = highest."""
        values = {a: self.aggregate(measure, a, window).value for a in self.areas(measure)}
        ordered = pd.Series(values).rank(ascending=False, method="min")
        return int(ordered[area]), len(values)
