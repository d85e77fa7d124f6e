"""The `boardpaper measures` table: every measure over the paper's windows.

Each value is computed by `Figures.value` and printed by `Value`/`Comparison`,
exactly as a placeholder `{{ m.<id> }}`, `{{ m.<id>.baseline }}`,
`{{ m.<id>.previous }}` or `{{ m.<id>.vs_baseline.signed }}` prints it in the
paper: one computation and one printing for both. A window the data does not
cover shows "–".
"""

from __future__ import annotations

import csv
import io

from .. import csvcells
from . import fmt
from .compute import MissingMonths, NoData
from .registry import Comparison, Figures, Value

COLUMNS = ("measure", "label", "current", "baseline", "change", "pct_change", "previous")
SHOWN = ("measure", "current", "baseline", "change", "% change", "previous")
NONE = "–"
GAP = "  "  # columns of the text table are at least two spaces apart


def rows(figures: Figures) -> list[dict]:
    """One dict per measure: its values (Value or None) and their comparison."""
    out = []
    area = figures.store.area
    for measure in sorted(figures.store.measures):
        d = figures.store.measures[measure]
        current, baseline, previous = (
            _value(figures, measure, area, window)
            for window in (figures.period, figures.baseline, figures.period.previous())
        )
        vs = None
        if current is not None and baseline is not None:
            vs = Comparison(current, baseline, d.good)
        out.append(
            {
                "measure": measure,
                "label": d.label,
                "current": current,
                "baseline": baseline,
                "previous": previous,
                "vs": vs,
            }
        )
    return out


def _value(figures: Figures, measure: str, area: str, window) -> Value | None:
    try:
        return figures.value(measure, area, window)
    except (MissingMonths, NoData, ZeroDivisionError):  # a rate or ratio of a zero: no value
        return None


def render_table(figures: Figures, as_csv: bool = False) -> str:
    """Phrase (or CSV) of the measures: current year, baseline, change, previous year."""
    found = rows(figures)
    if as_csv:
        return _csv(found)
    period, baseline = figures.period, figures.baseline
    table = [list(SHOWN)]
    for row in found:
        vs = row["vs"]
        table.append(
            [
                row["measure"],
                _text(row["current"]),
                _text(row["baseline"]),
                NONE if vs is None else str(vs.signed),
                NONE if vs is None else _pct(vs),
                _text(row["previous"]),
            ]
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(SHOWN))]
    lines = [GAP.join(cell.rjust(width) for cell, width in zip(r, widths)).rstrip() for r in table]
    head = (
        f"current: {period.label()}   baseline: {baseline.year_ending()}   "
        f"previous: {period.previous().label()}\n"
    )
    return head + "\n".join(lines) + "\n"


def _text(value: Value | None) -> str:
    return NONE if value is None else str(value)


def _pct(vs: Comparison) -> str:
    """The percentage change as tables and the scorecard print it ("-30%", "+0.4 pts")."""
    return fmt.signed_change(vs.current.number, vs.base.number, vs.current.unit, NONE)


def _csv(found: list[dict]) -> str:
    """The unrounded values, for a spreadsheet: empty where the data has no window."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in found:
        vs = row["vs"]
        writer.writerow(
            csvcells.row(
                [
                    row["measure"],
                    row["label"],
                    _raw(row["current"]),
                    _raw(row["baseline"]),
                    "" if vs is None else repr(vs.diff),
                    "" if vs is None or vs.pct_change() is None else repr(vs.pct_change()),
                    _raw(row["previous"]),
                ]
            )
        )
    return out.getvalue()


def _raw(value: Value | None) -> str:
    return "" if value is None else repr(value.number)
