"""The scorecard as CSV: the accessible alternative to the PDF table.

One row per KPI or item, with the section, objective and sub-objective it sits
under, so a screen reader user can filter and sort it. UTF-8 with a byte-order
mark, as Excel needs to read "–" and "’" right.
"""

from __future__ import annotations

import csv
import io

from .. import csvcells
from ..narrative import model as m

COLUMNS = (
    "section",
    "objective",
    "sub_objective",
    "kpi_id",
    "kpi",
    "measure_and_period",
    "baseline",
    "latest",
    "change",
    "target",
    "status",
)


def write_scorecard_csv(card: m.Scorecard) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    where = {"section": "", "objective": "", "group": ""}
    for row in card.rows:
        if row.kind in where:
            where[row.kind] = row.text
            if row.kind == "section":
                where["objective"] = where["group"] = ""
            elif row.kind == "objective":
                where["group"] = ""
            continue
        writer.writerow(
            csvcells.row(
                [
                    where["section"],
                    where["objective"].removeprefix("Objective: "),
                    where["group"].removeprefix("Sub-objective: "),
                    row.kpi_id,
                    ("– " if row.kind == "item" else "") + row.text,
                    row.measure,
                    row.baseline,
                    row.latest,
                    row.change,
                    row.target,
                    row.status_word,
                ]
            )
        )
    return out.getvalue().encode("utf-8-sig")  # with a byte-order mark, so Excel reads UTF-8
