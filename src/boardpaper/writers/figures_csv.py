"""The audit trail: every computed figure of a paper, one CSV row each.

Columns: number (the numbered paragraph it belongs to; figures in lists, tables
and charts belong to the paragraph before them), paragraph_id, place (where it
is printed: paragraph, heading, text, bullet, lettered item, author block,
footnote, table, chart, or an appendix's scorecard or chart), expression (the
placeholder, or the table cell, chart value or KPI figure), text (as printed),
measure, window (first..last month), area, source (each data file, or the
paper.yaml that sets a period, with its sha256), revised_from (what the figure printed
in the last build into the same folder, where the data for the same months has since
been restated; empty otherwise), illustrative (yes where the paper's data are made up,
`data: illustrative: yes`, on every row: a row copied elsewhere keeps it; else no).
"""

from __future__ import annotations

import csv
import io
import re

from .. import csvcells
from ..narrative import model as m
from ..narrative.walk import BlockVisitor, InlineVisitor, list_items, query
from .registry import Options, Written

COLUMNS = (
    "number",
    "paragraph_id",
    "place",
    "expression",
    "text",
    "measure",
    "window",
    "area",
    "source",
    "revised_from",
    "illustrative",
)


class _Placed(BlockVisitor):
    """A block → (place, Figure) for every figure it prints, in reading order."""

    def heading(self, block):
        return _inlines("heading", block.inlines)

    def para(self, block):
        return _inlines("paragraph", block.inlines)

    def plain(self, block):
        return _inlines("text", block.inlines)

    def case_study(self, block):
        return [
            f for inlines in (block.title, *block.paras) for f in _inlines("case study", inlines)
        ]

    def bullet_list(self, block):
        return [f for item in list_items(block.items) for f in _inlines("bullet", item.inlines)]

    def lettered_list(self, block):
        return [
            f for item in list_items(block.items) for f in _inlines("lettered item", item.inlines)
        ]

    def fields(self, block):
        return [f for _, inlines in block.rows for f in _inlines("author block", inlines)]

    def table(self, block):
        return [("table", cell) for cell in query(block, m.Figure)]

    def chart(self, block):
        return [("chart", point) for point in block.points]


class _PlacedInlines(InlineVisitor):
    """An inline → (place, Figure) for every figure in it; a footnote's are placed
    "footnote"."""

    def text(self, inline, place):
        return []

    def figure(self, inline, place):
        return [(place, inline)]

    def link(self, inline, place):
        return [found for made in self.descend(inline, place) for found in made]

    inserted = deleted = link

    def note_ref(self, inline, place):
        return self.link(inline, "footnote")


_PLACED_INLINES = _PlacedInlines()


def _inlines(place: str, inlines) -> list[tuple[str, m.Figure]]:
    return [found for made in _PLACED_INLINES.visit_all(inlines, place) for found in made]


def audited(paper: m.Paper):
    """(number, paragraph id, place, Figure) for every figure, in reading order, the
    appendices' scorecards and charts last."""
    number, para_id = "", ""
    placed = _Placed()
    for block in paper.blocks:
        if isinstance(block, m.Paragraph):
            number, para_id = block.number, block.id
        elif isinstance(block, m.Heading):
            number, para_id = "", ""
        for place, figure in placed.visit(block):
            yield number, para_id, place, figure
    for appendix in paper.appendices:
        where = f"appendix {appendix.letter}"
        for chart in appendix.charts:
            for _, figure in placed.chart(chart):
                yield "", "", f"{where} chart", figure
        if appendix.scorecard is not None:
            for row in appendix.scorecard.rows:
                for figure in row.figures:
                    yield "", "", f"{where} scorecard", figure


def previous_values(audit: bytes | None) -> dict[tuple[str, str, str], str]:
    """(place, expression, window) → the text printed, from a previous build's audit trail."""
    if not audit:
        return {}
    try:
        rows = csv.DictReader(io.StringIO(audit.decode("utf-8")))
        return {(r["place"], r["expression"], r["window"]): r["text"] for r in rows}
    except (UnicodeDecodeError, KeyError, csv.Error):
        return {}  # an older or damaged file: no revisions can be told


def write_figures_csv(
    paper: m.Paper, hashes: dict[str, str], previous: bytes | None = None, restated=None
) -> bytes:
    """The CSV bytes; `hashes` maps each data file (and paper.yaml) to its sha256.
    `previous` is the audit trail of the last build: a figure over the same window that
    printed otherwise then was revised in the data, and its old text is recorded.
    `restated`: the windows the previous paper printed otherwise (restatements.py),
    recorded the same way with that paper's name."""
    before = previous_values(previous)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    illustrative = "yes" if paper.meta.illustrative else "no"
    for number, para_id, place, figure in audited(paper):
        a = figure.attrs
        text = figure.text.replace("\u00a0", " ")  # a date's no-break space (phrasing.py)
        source = "; ".join(f"{f} sha256:{hashes.get(f, '')}" for f in a.get("files", ()))
        writer.writerow(
            csvcells.row(
                [
                    number,
                    para_id,
                    place,
                    a.get("expression", ""),
                    text,
                    a.get("measure", ""),
                    a.get("window", ""),
                    a.get("area", ""),
                    source,
                    _revised(before, place, a, text) or _restated(restated or {}, a),
                    illustrative,
                ]
            )
        )
    return out.getvalue().encode("utf-8")


def write(paper: m.Paper, options: Options) -> Written:
    """The writer of the registry: `<paper>.figures.csv`."""
    name = f"{paper.name}.figures.csv"
    data = write_figures_csv(paper, options.hashes, options.previous.get(name), options.restated)
    return Written({name: data})


def window_keys(row: dict) -> list[tuple[str, str, str]]:
    """(measure, window, area) of each measure and window an audit row (or a figure's
    attributes) names: one, each side of a comparison, or each window of a total."""
    windows = re.split(r" vs | \+ ", str(row.get("window", "")))  # a comparison, a total
    measures = str(row.get("measure", "")).split(" ")
    return [(m, w, str(row.get("area", ""))) for m in measures for w in windows if m and w]


def _restated(restated: dict, attrs: dict) -> str:
    for key in window_keys(attrs):
        if key in restated:
            return f"{restated[key]} ({key[1]})"
    return ""


def _revised(before: dict, place: str, attrs: dict, text: str) -> str:
    was = before.get((place, attrs.get("expression", ""), attrs.get("window", "")))
    return was if was is not None and was != text else ""
