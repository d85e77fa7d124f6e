"""Table and chart blocks: computed from the measure data into the model.

Cells are printed like figures (ONS style, the measure's unit and places). A
chart's alt text is written from its data: what it shows, the first and last
values, the lowest and highest, and which way it went.
"""

from __future__ import annotations

from ..content import model as c
from ..errors import ContentError, DataError, TemplateError
from ..measures import fmt, periods
from ..measures.compute import MissingMonths, NoData
from ..measures.forms import MOST_COMMA_FROM
from ..measures.registry import Figures, Phrase, Value
from ..measures.windows import Window, month_label
from . import model as m
from .traced import traced


def window_of(period: str) -> Window:
    """ "2020/21" → that financial year; "2021" → the calendar year; "2022-03" → the 12
    months ending March 2022."""
    if "/" in period:
        return Window.financial_year(period)
    if "-" in period:
        return Window.ending(period, 12)
    return Window.calendar_year(int(period))


def label_of(period: str, years: str = "2020/21") -> str:
    """A column's period as a table prints it: a financial year as `years` writes
    2020/21 (`2020-21`, `20/21` …), a calendar year as written, "Year ending March 2022"."""
    if "-" in period:
        return f"Year ending {month_label(Window.ending(period, 1).first)}"
    return written(period, years)


def written(period: str, years: str) -> str:
    """A column's period as written, its financial year in the form `years`."""
    if "/" in period and years != "2020/21":
        return periods.financial_year(int(period[:4]), years)
    return period


def table(spec: c.TableSpec, figures: Figures | None) -> m.Table:
    store = _store(spec, figures)
    rows_are_areas = spec.measure is not None
    keys = spec.areas if rows_are_areas else spec.measures
    names, grid = [], []
    for key in keys:
        measure, area = (spec.measure, key) if rows_are_areas else (key, store.area)
        _known(spec, measure, store)
        definition = store.measures[measure]
        names.append(
            key
            if rows_are_areas
            else (definition.short if spec.transpose and definition.short else definition.label)
        )
        heading = str(spec.caption) if rows_are_areas else names[-1]
        _options(spec, definition, heading, store.measures)
        grid.append(
            [
                _value(spec, figures, measure, area, window_of(p), blank=spec.blanks)
                for p in spec.columns
            ]
        )
    labels = [label_of(p, spec.years) for p in spec.columns]
    # the printed period headings (the author's `headings:`, else the labels); figures.csv
    # names a cell's place by its heading and its period both: "Rate per 1,000 (2020/21)"
    shown = list(spec.headings) or labels
    places = [h if lb in h else f"{h} ({lb})" for h, lb in zip(shown, labels)]
    totals = [_total(spec, figures, key, store.area, values) for key, values in zip(keys, grid)]
    corner = spec.corner or ("Area" if rows_are_areas else "Measure")
    if spec.transpose:  # a row per period, a column per measure or area
        header = [spec.corner or "Year", *names]
        rows = [
            [m.Text(shown[j])]
            + [_cell(spec, grid[i][j], names[i], place) for i in range(len(names))]
            for j, place in enumerate(places)
        ]
        if spec.total:  # a last row: each column summed over the periods
            rows.append(
                [m.Text(TOTAL)] + [_cell(spec, t, n, TOTAL, " + ") for t, n in zip(totals, names)]
            )
    else:
        header = [corner, *shown]
        rows = [
            [m.Text(name)] + [_cell(spec, v, name, place) for v, place in zip(values, places)]
            for name, values in zip(names, grid)
        ]
        if spec.change:
            first, last = (written(p, spec.years) for p in (spec.columns[0], spec.columns[-1]))
            header.append(f"Change {first} to {last}")
            for row, name, values in zip(rows, names, grid):
                row.append(_change(spec, name, header[-1], values[0], values[-1]))
        if spec.total:  # a last column: each row summed over the periods
            header.append(TOTAL)
            for row, name, total in zip(rows, names, totals):
                row.append(_cell(spec, total, name, TOTAL, " + "))
    return m.Table(
        str(spec.caption),
        tuple(header),
        tuple(tuple(r) for r in rows),
        (False,) + (True,) * (len(header) - 1),
        spec.source,
    )


NO_DATA = "–"
TOTAL = "Total"


def _adds_up(definition) -> bool:
    """A count or money of `combine: sum`, divided by nothing."""
    return (
        definition.unit in ("count", "money")
        and definition.combine == "sum"
        and not definition.denominator
    )


def _options(spec: c.TableSpec, definition, heading: str, measures: dict) -> None:
    """A measure of a table with `total: yes` must add up, or be a ratio of two that do
    (its total the ratio of their sums); one printed without its % sign must be headed
    by words that say %."""
    parts = (definition.numerator, definition.denominator)
    ratio_adds_up = definition.numerator and all(_adds_up(measures[p]) for p in parts)
    if spec.total and not (_adds_up(definition) or ratio_adds_up):
        how = f"unit: {definition.unit}, combine: {definition.combine}"
        if definition.numerator:
            how = f"{definition.numerator} divided by {definition.denominator}, not both sums"
        elif definition.denominator:
            how = f"unit: {definition.unit}, divided by {definition.denominator}"
        raise ContentError(
            f"total: yes sums each measure over the table's periods, and '{definition.id}' "
            f"does not add up ({how})",
            spec.at("total"),
            "a total adds up counts or money of combine: sum, or divides two such sums "
            "(a measure with numerator:); leave that measure out of this table",
        )
    said = "%" in heading or "per cent" in heading.lower() or "percent" in heading.lower()
    if not spec.percent_sign and definition.unit == "percent" and not said:
        raise ContentError(
            f"percent_sign: no prints '{definition.id}' as bare numbers, so its heading must "
            f"say % and '{heading}' does not",
            spec.at("percent_sign"),
            "give the measure a short: (or label:) with %, or a caption with % for areas",
        )


def _total(spec, figures: Figures, key: str, area: str, values: list) -> Value | None:
    """A row's (or column's) total over the periods (`Figures.total`: the sum of its
    figures unrounded, or a ratio's numerators summed over its denominators summed),
    traced to each; no total ("–") where a period has no data."""
    if not spec.total or any(v is None for v in values):
        return None
    measure, area = (spec.measure, key) if spec.measure is not None else (key, area)
    try:
        return figures.total(measure, area, [window_of(p) for p in spec.columns])
    except ZeroDivisionError as exc:
        raise DataError(f"'{spec.caption}': {exc}", spec.at("total")) from None


def _separators(spec: c.TableSpec) -> int | None:
    """The smallest number printed with a separator (`commas:`); None: the house style."""
    if spec.commas is True:
        return None
    return MOST_COMMA_FROM if spec.commas is False else spec.commas


def _cell(
    spec, value: Value | None, row: str, column: str, joined: str = " vs "
) -> m.Text | m.Figure:
    """A computed cell, traced to its data as "table 'caption': row, column" (a total's
    windows `joined` by " + ")."""
    if value is None:
        return m.Text(NO_DATA)
    if _separators(spec) is not None:
        value = value.comma_from(_separators(spec))
    text = None
    if not spec.percent_sign and value.unit == "percent":  # "66" under a heading with %
        text = fmt.number(value.number, value.decimals, value.separators_from)
    return traced(value, f"table '{spec.caption}': {row}, {column}", text, joined)


def chart(spec: c.ChartSpec, figures: Figures | None) -> m.Chart:
    store = _store(spec, figures)
    _known(spec, spec.measure, store)
    definition = store.measures[spec.measure]
    series: list[m.Series] = []
    if spec.kind == "line":
        first, last = spec.months.split("..")
        window = Window.between(first, last)
        try:
            tiles = store.tiles(spec.measure, store.area, window)
        except (MissingMonths, NoData) as exc:
            raise DataError(f"chart '{spec.caption}': {exc}", spec.loc) from None
        lasts, spans = tiles.last.tolist(), tiles.spans.tolist()
        # each point by its period: "Mar 22" a month, "2020/21", "Q1 2021/22"
        labels = tuple(periods.label(n, k) for n, k in zip(lasts, spans))
        series.append(m.Series(definition.label, tuple(float(v) for v in tiles.values)))
        points = [
            _point(
                spec,
                definition.label,
                label,
                figures.value(spec.measure, store.area, Window(n - k + 1, n)),
            )
            for n, k, label in zip(lasts, spans, labels)
        ]
        if spec.baseline:
            mean = _value(spec, figures, spec.measure, store.area, figures.baseline, "mean")
            mean = mean.dp(max(mean.decimals, 1))
            points.append(_point(spec, "monthly average", figures.baseline.year_ending(), mean))
            series.append(
                m.Series(
                    f"Monthly average, {figures.baseline.year_ending()}",
                    (mean.number,) * len(labels),
                    dashed=True,
                )
            )
        alt = _line_alt(definition, tiles, series, window)
    else:
        values = [
            _value(spec, figures, spec.measure, store.area, window_of(p)) for p in spec.columns
        ]
        labels = tuple(label_of(p) for p in spec.columns)
        series.append(m.Series(definition.label, tuple(v.number for v in values)))
        points = [_point(spec, definition.label, lb, v) for lb, v in zip(labels, values)]
        alt = _bar_alt(definition, labels, values)
    unit = {"percent": "%", "money": "£"}.get(definition.unit, definition.label)
    return m.Chart(
        spec.kind, str(spec.caption), labels, tuple(series), unit, alt, spec.source, tuple(points)
    )


def _point(spec, series: str, label: str, value: Value) -> m.Figure:
    """A value a chart draws (and its alt text may state), traced to its data."""
    return traced(value, f"chart '{spec.caption}': {series}, {label}")


def _store(spec, figures: Figures | None):
    if figures is None:
        raise TemplateError(
            f"'{spec.caption}' needs measure data, and this paper has none", spec.loc
        )
    return figures.store


def _known(spec, measure: str, store) -> None:
    if measure not in store.measures:
        raise DataError(
            f"'{spec.caption}' names the measure '{measure}', which measures.yaml does not define",
            spec.loc,
        )


def _value(
    spec, figures: Figures, measure: str, area: str, window: Window, how=None, blank: bool = False
) -> Value | None:
    try:
        return figures.value(measure, area, window, how)
    except (MissingMonths, NoData) as exc:
        if blank and (isinstance(exc, NoData) or len(exc.missing) == exc.window.months):
            return None
        raise DataError(f"'{spec.caption}': {exc}", spec.loc) from None
    except ZeroDivisionError as exc:  # a rate or ratio whose denominator is zero
        raise DataError(f"'{spec.caption}': {exc}", spec.loc) from None


def _change(spec, row: str, column: str, first: Value | None, last: Value | None):
    """The change from the first column to the last ("+12%", "+0.4 pts"), traced to both."""
    if first is None or last is None:
        return m.Text(NO_DATA)
    text = fmt.signed_change(last.number, first.number, first.unit, comma_from=_separators(spec))
    direction = {"+": "up", "-": "down"}.get(text[:1], "same")
    both = Phrase(text, first.provenance + last.provenance, direction=direction)
    return traced(both, f"table '{spec.caption}': {row}, {column}")


def _printed(definition, value: float) -> str:
    return fmt.printed(value, definition.unit, definition.decimals)


def _trend(first: float, last: float) -> str:
    if first == last:
        return "ending where it started"
    return "a rise overall" if last > first else "a fall overall"


def _line_alt(definition, tiles, series, window: Window) -> str:
    values, spans = tiles.values, tiles.spans.tolist()
    monthly = all(k == 1 for k in spans)
    names = [
        month_label(n) if monthly else periods.label(n, k)
        for n, k in zip(tiles.last.tolist(), spans)
    ]
    low, high = int(values.argmin()), int(values.argmax())
    text = (
        f"Line chart of {definition.label.lower()} {'each month' if monthly else 'by period'}, "
        f"{window.label()}. It starts "
        f"at {_printed(definition, values[0])} in {names[0]} and ends at "
        f"{_printed(definition, values[-1])} in {names[-1]}, "
        f"{_trend(values[0], values[-1])}; lowest {_printed(definition, values[low])} "
        f"({names[low]}), highest {_printed(definition, values[high])} "
        f"({names[high]})."
    )
    if len(series) > 1:
        text += (
            f" A dashed line shows the monthly average of "
            f"{fmt.number(series[1].values[0], 1)} in the national baseline year."
        )
    return text


def _bar_alt(definition, labels, values) -> str:
    pairs = "; ".join(f"{label} {value}" for label, value in zip(labels, values))
    return (
        f"Bar chart of {definition.label.lower()} by period: {pairs}. "
        f"{_trend(values[0].number, values[-1].number).capitalize()} from {labels[0]} to "
        f"{labels[-1]}."
    )
