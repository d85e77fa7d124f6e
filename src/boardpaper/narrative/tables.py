"""Table and chart blocks: computed from the measure data into the model.

Cells are printed like figures (ONS style, the measure's unit and places). A
chart's alt text is written from its data: what it shows, the first and last
values, the lowest and highest, and which way it went.
"""

from __future__ import annotations

from ..content import model as c
from ..errors import DataError, TemplateError
from ..measures import fmt
from ..measures.compute import MissingMonths, NoData
from ..measures.registry import Figures, Value
from ..measures.windows import Window, month_label
from . import model as m


def window_of(period: str) -> Window:
    """ "2020/21" → that financial year; "2021" → the calendar year; "2022-03" → the 12
    months ending March 2022."""
    if "/" in period:
        return Window.financial_year(period)
    if "-" in period:
        return Window.ending(period, 12)
    return Window.calendar_year(int(period))


def label_of(period: str) -> str:
    if "-" in period:
        return f"Year ending {month_label(Window.ending(period, 1).first)}"
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
        grid.append(
            [
                _value(spec, store, measure, area, window_of(p), blank=spec.blanks)
                for p in spec.columns
            ]
        )
    periods = [label_of(p) for p in spec.columns]
    corner = "Area" if rows_are_areas else "Measure"
    if spec.transpose:  # a row per period, a column per measure or area
        header = ["Year"] + names
        rows = [
            [period] + [_cell(grid[i][j]) for i in range(len(names))]
            for j, period in enumerate(periods)
        ]
    else:
        header = [corner] + periods
        rows = [[name] + [_cell(v) for v in values] for name, values in zip(names, grid)]
        if spec.change:
            header.append(f"Change {spec.columns[0]} to {spec.columns[-1]}")
            for row, values in zip(rows, grid):
                row.append(_change(values[0], values[-1]) if values[0] and values[-1] else "–")
    return m.Table(
        str(spec.caption),
        tuple(header),
        tuple(tuple(r) for r in rows),
        (False,) + (True,) * (len(header) - 1),
        spec.source,
    )


def _cell(value: Value | None) -> str:
    return "–" if value is None else str(value)


def chart(spec: c.ChartSpec, figures: Figures | None) -> m.Chart:
    store = _store(spec, figures)
    _known(spec, spec.measure, store)
    definition = store.measures[spec.measure]
    series: list[m.Series] = []
    if spec.kind == "line":
        first, last = spec.months.split("..")
        window = Window.between(first, last)
        try:
            part = store.months(spec.measure, store.area, window)
        except (MissingMonths, NoData) as exc:
            raise DataError(f"chart '{spec.caption}': {exc}", spec.loc) from None
        labels = tuple(month_label(n)[:3] + " " + month_label(n)[-2:] for n in part.index)
        series.append(m.Series(definition.label, tuple(float(v) for v in part.to_numpy())))
        if spec.baseline:
            mean = _value(spec, store, spec.measure, store.area, figures.baseline, "mean")
            series.append(
                m.Series(
                    f"Monthly average, {figures.baseline.year_ending()}",
                    (mean.number,) * len(labels),
                    dashed=True,
                )
            )
        alt = _line_alt(definition, part, series, window)
    else:
        values = [_value(spec, store, spec.measure, store.area, window_of(p)) for p in spec.columns]
        labels = tuple(label_of(p) for p in spec.columns)
        series.append(m.Series(definition.label, tuple(v.number for v in values)))
        alt = _bar_alt(definition, labels, values)
    unit = {"percent": "%", "money": "£"}.get(definition.unit, definition.label)
    return m.Chart(spec.kind, str(spec.caption), labels, tuple(series), unit, alt, spec.source)


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
    spec, store, measure: str, area: str, window: Window, how=None, blank: bool = False
) -> Value | None:
    try:
        agg = store.aggregate(measure, area, window, how)
    except (MissingMonths, NoData) as exc:
        if blank and (isinstance(exc, NoData) or len(exc.missing) == exc.window.months):
            return None
        raise DataError(f"'{spec.caption}': {exc}", spec.loc) from None
    d = store.measures[measure]
    unit = d.unit if how != "mean" or d.unit != "count" else "count"
    places = d.decimals if how != "mean" else max(d.decimals, 1)
    return Value(agg.value, unit, places, ((measure, area, window, agg.files),))


def _change(first: Value, last: Value) -> str:
    return fmt.signed_change(last.number, first.number, first.unit)


def _printed(definition, value: float) -> str:
    return fmt.printed(value, definition.unit, definition.decimals)


def _trend(first: float, last: float) -> str:
    if first == last:
        return "ending where it started"
    return "a rise overall" if last > first else "a fall overall"


def _line_alt(definition, part, series, window: Window) -> str:
    values = part.to_numpy()
    months = list(part.index)
    low, high = int(values.argmin()), int(values.argmax())
    text = (
        f"Line chart of {definition.label.lower()} each month, {window.label()}. It starts "
        f"at {_printed(definition, values[0])} in {month_label(months[0])} and ends at "
        f"{_printed(definition, values[-1])} in {month_label(months[-1])}, "
        f"{_trend(values[0], values[-1])}; lowest {_printed(definition, values[low])} "
        f"({month_label(months[low])}), highest {_printed(definition, values[high])} "
        f"({month_label(months[high])})."
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
