"""The `boardpaper measures` table: every measure over the paper's windows."""

from __future__ import annotations

import io

import pandas as pd

from . import fmt
from .registry import Figures

COLUMNS = ("measure", "label", "current", "baseline", "change", "pct_change", "previous")


def render_table(figures: Figures, as_csv: bool = False) -> str:
    """Text (or CSV) of the measures: current year, baseline, change, previous year."""
    period, baseline = figures.period, figures.baseline
    table = figures.store.table(period, baseline).reset_index(names="measure")
    if as_csv:
        out = io.StringIO()
        table[list(COLUMNS)].to_csv(out, index=False, lineterminator="\n")
        return out.getvalue()
    shown = pd.DataFrame(
        {
            "measure": table["measure"],
            "current": table["current"].map(_num),
            "baseline": table["baseline"].map(_num),
            "change": table["change"].map(_signed),
            "% change": table["pct_change"].map(_pct),
            "previous": table["previous"].map(_num),
        }
    )
    head = (
        f"current: {period.label()}   baseline: {baseline.year_ending()}   "
        f"previous: {period.previous().label()}\n"
    )
    return head + shown.to_string(index=False) + "\n"


def _num(value: float) -> str:
    return "–" if pd.isna(value) else fmt.number(value, 0 if float(value).is_integer() else 1)


def _signed(value: float) -> str:
    return "–" if pd.isna(value) else ("+" if value > 0 else "") + fmt.number(value, 0)


def _pct(value: float) -> str:
    return (
        "–"
        if pd.isna(value)
        else ("+" if value > 0 else "") + fmt.percent(value, fmt.change_decimals(value))
    )
