"""Small hand-made data for the computation tests."""

from __future__ import annotations

import pandas as pd

from boardpaper.errors import Location
from boardpaper.measures.compute import Store
from boardpaper.measures.definitions import Measure
from boardpaper.measures.registry import Figures
from boardpaper.measures.windows import month_number
from boardpaper.narrative.jinja import Resolver

MEASURES = {
    "crime": Measure("crime", "Crime", good="down"),
    "arrests": Measure("arrests", "Arrests", good="up"),
    "rate": Measure(
        "rate", "Positive outcome rate", unit="percent", combine="mean", good="up", decimals=1
    ),
    "new": Measure("new", "A new measure", good="down"),
}


def frame(rows) -> pd.DataFrame:
    """rows: (measure, 'YYYY-MM', value[, area])"""
    records = [
        {
            "measure": r[0],
            "month": month_number(r[1]),
            "value": float(r[2]),
            "area": r[3] if len(r) > 3 else "Force",
            "file": "data.csv",
            "line": i + 2,
        }
        for i, r in enumerate(rows)
    ]
    return pd.DataFrame(records)


def months(measure, first, values, area="Force"):
    start = month_number(first)
    return [
        (measure, f"{(start + i) // 12:04d}-{(start + i) % 12 + 1:02d}", v, area)
        for i, v in enumerate(values)
    ]


def figures(rows, period="2022-03", baseline="2019-06") -> Figures:
    return Figures(Store(frame(rows), MEASURES, {}, "Force"), period, baseline)


def say(fig: Figures, expression: str) -> str:
    return Resolver(fig).resolve(expression, Location("p.yaml", 3, 5), "p1").text
