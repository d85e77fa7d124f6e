"""The data behind every table and chart, published as CSV and ODS beside the paper.

As the ONS and GSS guidance for releasing data asks: open formats (CSV, and ODS,
the open spreadsheet standard), each table headed by its title, source, units and
period, then its column headings and rows. The figures are the model's: each cell
is the text the paper prints (a table cell's `Figure`, a chart's `points`), never
computed again. For a paper with tables or charts `write` gives

- `<paper>-data-table-1.csv`, … and `<paper>-data-chart-1.csv`, …: one each;
- `<paper>-data.ods`: a cover sheet listing them, then one sheet each (`Table_1`, …).

A paper without tables or charts gets none. The Word paper names each file under its
table or chart (`word_lines`) and the web page links them (`html_links`).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from html import escape

from .. import csvcells
from ..dates import MONTHS
from ..narrative import model as m
from ..narrative.tables import NO_DATA  # what a table prints where there is no data
from .registry import Options, Written


@dataclass(frozen=True)
class Name:
    """Where a table's or chart's data is published: its CSV and its sheet of the ODS."""

    block: m.Table | m.Chart
    kind: str  # table, chart
    number: int  # tables and charts are numbered apart, in reading order
    csv: str

    @property
    def sheet(self) -> str:
        return f"{self.kind.capitalize()}_{self.number}"


@dataclass(frozen=True)
class Download(Name):
    """One table or chart as published: its files, heading lines and cells as printed."""

    title: str
    source: str
    units: str
    period: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]

    def lines(self, paper: m.Paper) -> tuple[str, ...]:
        """The heading: title, source, units, period, notes, where it is from, marking."""
        lines = [self.title]
        if self.source:
            lines.append(f"Source: {self.source}")
        lines += [f"Units: {self.units}", f"Period: {self.period}"]
        if any(NO_DATA in row for row in self.rows):
            lines.append(f"Notes: {NO_DATA} means no data for that period.")
        lines.append(f"From: {_paper_line(paper)}")
        if paper.meta.marking:
            lines.append(f"Protective marking: {paper.meta.marking}")
        return tuple(lines)


def ods_name(paper: m.Paper) -> str:
    return f"{paper.name}-data.ods"


def charts_and_tables(paper: m.Paper) -> list[m.Table | m.Chart]:
    """The paper's tables and charts in reading order: the body, then the appendices."""
    blocks = [b for b in paper.blocks if isinstance(b, (m.Table, m.Chart))]
    return blocks + [c for a in paper.appendices for c in a.charts]


def names(paper: m.Paper) -> list[Name]:
    """The one naming rule of the downloads, for the files and for the lines naming them."""
    counts = {"table": 0, "chart": 0}
    out = []
    for block in charts_and_tables(paper):
        kind = "table" if isinstance(block, m.Table) else "chart"
        counts[kind] += 1
        out.append(Name(block, kind, counts[kind], f"{paper.name}-data-{kind}-{counts[kind]}.csv"))
    return out


def downloads(paper: m.Paper) -> list[Download]:
    out = []
    for name in names(paper):
        block, kind, number = name.block, name.kind, name.number
        percent = set()
        if isinstance(block, m.Table):
            header, rows, numeric = block.header, block.text_rows(), block.numeric
            figures = [c for row in block.rows for c in row if isinstance(c, m.Figure)]
            percent = _percent_columns(block)
        else:
            header, rows, numeric = _chart_cells(block)
            figures = list(block.points)
        out.append(
            Download(
                block,
                kind,
                number,
                name.csv,
                block.caption,
                block.source,
                _rate(block.caption, figures) or _units(header, rows, numeric, percent),
                _period(figures),
                tuple(header),
                tuple(tuple(r) for r in rows),
                tuple(numeric),
            )
        )
    return out


def write(paper: m.Paper, options: Options) -> Written:
    """The writer of the registry: a CSV for each table and chart, and the ODS of all."""
    found = downloads(paper)
    if not found:
        return Written({})
    files = {d.csv: write_csv(d, paper) for d in found}
    files[ods_name(paper)] = write_spreadsheet(paper, found)
    return Written(files)


def write_csv(download: Download, paper: m.Paper) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for line in download.lines(paper):
        writer.writerow(csvcells.row([line]))
    writer.writerow(csvcells.row(download.header))
    for row in download.rows:
        writer.writerow(csvcells.row(row))
    return out.getvalue().encode("utf-8-sig")  # with a byte-order mark, so Excel reads UTF-8


def write_spreadsheet(paper: m.Paper, found: list[Download]) -> bytes:
    from .ods import Properties, Sheet, write_ods  # a paper of tables or charts only

    meta = paper.meta
    cover = Sheet(
        "Cover",
        (
            f"Data of the tables and charts: {meta.title}",
            f"From: {_paper_line(paper)}",
            *((f"Protective marking: {meta.marking}",) if meta.marking else ()),
            "Each of the following sheets holds one table or chart of the paper, headed by "
            "its title, source, units and period. The figures are as the paper prints them.",
            f"Notes: {NO_DATA} means no data for that period. Each sheet is also published "
            "as a CSV file, named below.",
        ),
        ("Sheet", "Title", "Source", "Period", "CSV file"),
        tuple((d.sheet, d.title, d.source, d.period, d.csv) for d in found),
        widths=(3.0, 12.0, 10.0, 6.0, 10.0),
    )
    sheets = [cover] + [Sheet(d.sheet, d.lines(paper), d.header, d.rows, d.numeric) for d in found]
    props = Properties(
        f"Data of the tables and charts: {meta.title}",
        f"{meta.board}, {meta.meeting}",
        meta.language,
        meta.date,
    )
    return write_ods(sheets, props)


# -- naming the files in the Word paper and linking them from the web page ------------


def word_lines(paper: m.Paper) -> dict[int, str]:
    """id of a body table or chart → the line under it in the Word paper naming its data:
    its CSV file; the first also names the spreadsheet that holds them all, a sheet each
    named as its CSV file is (the spreadsheet's name is not repeated under every table of
    a long paper)."""
    ods = ods_name(paper)
    ids = {id(b) for b in paper.blocks}
    body = [d for d in names(paper) if id(d.block) in ids]
    lines = {id(d.block): f"Data: {d.csv}" for d in body}
    if body:
        first = body[0]
        lines[id(first.block)] = f"Data: {first.csv} (every table and chart: {ods})"
    return lines


_HIDDEN = (
    "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0"
)


def html_links(paper: m.Paper) -> dict[int, str]:
    """id of a table or chart → the paragraph under it on the web page linking its data
    (the CSV, and the spreadsheet of all); each link says what it downloads."""
    ods = escape(ods_name(paper))
    return {
        id(d.block): (
            f'<p class="download"><a href="{escape(d.csv)}" download>Download this data (CSV)'
            f'<span style="{_HIDDEN}">: {escape(d.block.caption)}</span></a> · '
            f'<a href="{ods}" download>Download all tables and charts (ODS spreadsheet)</a>'
            f" (sheet {escape(d.sheet)})</p>\n"
        )
        for d in names(paper)
    }


# -- the cells, units and period -----------------------------------------------------


def _chart_cells(chart: m.Chart):
    """A chart as a table: a row per label, a column per series, each value as printed
    (the chart's `points`: each series' values in turn, a dashed average once)."""
    n = len(chart.labels)
    texts = [p.text for p in chart.points]
    columns = []
    for series in chart.series:
        if len(texts) >= n:
            columns.append(texts[:n])
            texts = texts[n:]
        elif series.dashed and texts:
            columns.append([texts[0]] * n)
            texts = texts[1:]
        else:  # a chart made without its points: its values as the web page prints them
            from ..measures import fmt

            columns.append(
                [fmt.number(v, 0 if float(v).is_integer() else 1) for v in series.values]
            )
    header = ("Period", *(s.name for s in chart.series))
    rows = [(label, *(c[i] for c in columns)) for i, label in enumerate(chart.labels)]
    return header, rows, (False,) + (True,) * len(chart.series)


def _percent_columns(table: m.Table) -> set[int]:
    """The columns whose every figure is a percentage, printed with its % sign or without
    (`percent_sign: no`, the heading saying %)."""
    units: dict[int, set] = {}
    for row in table.rows:
        for i, cell in enumerate(row):
            if isinstance(cell, m.Figure):
                units.setdefault(i, set()).add(cell.attrs.get("unit"))
    return {i for i, found in units.items() if found == {"percent"}}


def _units(header, rows, numeric, percent=frozenset()) -> str:
    """The units of the figure columns, from the figures as printed (and the columns of
    percentages printed without their sign)."""
    from .ods import figure_value

    kinds = {}
    for i, name in enumerate(header):
        if not (i < len(numeric) and numeric[i]):
            continue
        cells = [row[i] for row in rows if i < len(row) and row[i] != NO_DATA]
        if cells and (i in percent or all(c.endswith("%") for c in cells)):
            kinds[name] = "per cent (%)"
        elif cells and all(c.lstrip("+-").startswith("£") for c in cells):
            kinds[name] = "pounds (£)"
        elif cells and all(figure_value(c) for c in cells):
            kinds[name] = "number"
        else:
            kinds[name] = "as printed"
    common = sorted(set(kinds.values()), key=list(kinds.values()).count, reverse=True)
    if len(common) <= 1:
        return _initial(common[0] if common else "number")
    main = common[0]
    if list(kinds.values()).count(main) * 2 <= len(kinds):  # no kind the most: each named
        return _initial("; ".join(f"{name}: {kind}" for name, kind in kinds.items()))
    others = "; ".join(f"{name}: {kind}" for name, kind in kinds.items() if kind != main)
    return f"{_initial(main)}, except {others}"


_PER = re.compile(r"\bper ([\d,]+ [a-z][a-z ]*[a-z])", re.I)


def _rate(title: str, figures) -> str | None:
    """The units of a table or chart of rates (every figure's measure a rate), named as
    its title names them ("per 1,000 population"); None for any other."""
    units = {f.attrs.get("unit") for f in figures if isinstance(f, m.Figure)}
    if units != {"rate"}:
        return None
    per = _PER.search(title)
    return f"Rate per {per.group(1)}" if per else "Rate (see the title)"


def _initial(text: str) -> str:
    return text[:1].upper() + text[1:]


_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _period(figures) -> str:
    """From the first month to the last of every window the figures were computed over."""
    months = sorted(
        (int(y), int(mo))
        for f in figures
        for y, mo in _MONTH.findall(str(f.attrs.get("window", "")))
    )
    if not months:
        return "as the column headings state"
    (y0, m0), (y1, m1) = months[0], months[-1]
    first, last = f"{MONTHS[m0 - 1]} {y0}", f"{MONTHS[m1 - 1]} {y1}"
    return first if first == last else f"{first} to {last}"


def _paper_line(paper: m.Paper) -> str:
    meta = paper.meta
    return ", ".join(t for t in (meta.title, meta.board, meta.meeting) if t)
