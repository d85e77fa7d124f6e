"""The audit trail of every example: a row for every figure printed, in words, tables
and charts, each traced to a measure, a window and a source whose hash is right; and
`boardpaper measures` agrees with the paper on every figure they share.

The expected values are read independently of the code under test: the .docx's
tables with python-docx, the data with the csv module, the placeholders with a
regular expression over paper.yaml, hashes with hashlib.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from pathlib import Path

import docx
import pytest

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.measures import periods
from boardpaper.measures.windows import month_text

from .conftest import ROOT

EXAMPLES = sorted(p.name for p in (ROOT / "content").iterdir() if (p / "paper.yaml").is_file())
# one window, a comparison's (" vs ") or the years of a table's total (" + ")
WINDOW = re.compile(r"^\d{4}-\d\d\.\.\d{4}-\d\d(( vs | \+ )\d{4}-\d\d\.\.\d{4}-\d\d)*$")
PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit")
    return {name: pipeline.build(ROOT / "content" / name, out) for name in EXAMPLES}


def audit(built, name: str) -> list[dict]:
    path = next(p for p in built[name].outputs if p.name.endswith(".figures.csv"))
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_there_are_three_examples():
    assert len(EXAMPLES) == 3


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_row_has_a_measure_a_window_and_a_source_whose_hash_is_right(built, name):
    rows = audit(built, name)
    assert rows
    for row in rows:
        assert row["measure"], row
        assert WINDOW.match(row["window"]), row
        assert row["source"], row
        for source in row["source"].split("; "):
            path, digest = source.rsplit(" sha256:", 1)
            assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == digest, row


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_placeholder_of_the_paper_has_a_row(built, name):
    written = set(PLACEHOLDER.findall((ROOT / "content" / name / "paper.yaml").read_text()))
    listed = {row["expression"] for row in audit(built, name)}
    assert written and written <= listed, written - listed


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_computed_table_cell_has_a_row(built, name):
    """Every cell of a Word table below the header and right of the labels that holds a
    figure (not "–") is a 'table' row of the audit trail, with the same text."""
    document = docx.Document(str(built[name].outputs[0]))
    cells = Counter(
        cell.text
        for table in document.tables
        for row in table.rows[1:]
        for cell in row.cells[1:]
        if cell.text.strip() not in ("", "–")
    )
    listed = Counter(row["text"] for row in audit(built, name) if row["place"] == "table")
    assert cells == listed


def test_the_annual_report_traces_its_tables_and_chart_values(built):
    rows = audit(built, "2021-09-annual-report")
    places = Counter(row["place"] for row in rows)
    assert places["table"] >= 130 and places["chart"] >= 15


def test_each_chart_value_is_the_data_over_its_window(built):
    """A bar of a count measure is the sum of its data over the bar's window (months,
    quarters or years, as the data file holds them)."""
    import yaml

    name = "2021-09-annual-report"
    folder = ROOT / "content" / name
    rules = yaml.safe_load((folder / "measures.yaml").read_text(encoding="utf-8"))
    months: dict[str, list[tuple[str, float]]] = {}
    text = (folder / "data" / "measures.csv").read_text(encoding="utf-8")
    for record in csv.DictReader(io.StringIO(text)):
        if not record.get("area"):
            last, span = periods.parse_one(record["period"])  # a month, a year, a quarter …
            months.setdefault(record["measure"], []).append(
                (month_text(last - span + 1), month_text(last), float(record["value"]))
            )
    checked = 0
    for row in audit(built, name):
        if row["place"] != "chart":
            continue
        rule = rules[row["measure"]]
        if rule.get("combine", "sum") != "sum" or rule.get("unit", "count") != "count":
            continue
        first, last = row["window"].split("..")
        total = sum(v for a, b, v in months[row["measure"]] if first <= a and b <= last)
        assert float(row["text"].replace(",", "")) == total, row
        checked += 1
    assert checked >= 12


def test_a_peak_is_traced_to_the_window_searched(built):
    rows = audit(built, "2022-05-performance-report")
    peaks = [r for r in rows if ".peak" in r["expression"]]
    assert peaks
    for row in peaks:
        first, last = row["window"].split(" vs ")[0].split("..")
        assert first != last, row  # the months searched, not the one month found


def test_figures_in_words_are_traced(built):
    rows = audit(built, "2022-05-performance-report")
    words = {r["text"]: r for r in rows if r["expression"].endswith(".words")}
    assert {"four", "nine"} <= set(words)
    assert all(r["measure"] and r["source"] for r in words.values())


@pytest.mark.parametrize("name", EXAMPLES)
def test_measures_and_the_paper_agree_on_every_figure_they_share(built, name, capsys):
    """Each figure of the paper over the reporting year or the year before (a placeholder
    `m.<id>`, `.previous`, `.baseline`, `.vs_baseline.signed`, or a table cell of the
    force over one of those years) is printed the same by `boardpaper measures`."""
    folder = ROOT / "content" / name
    assert main(["measures", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    header = re.split(r"\s{2,}", lines[0].strip())
    table = {}
    for line in lines[1:]:
        cells = dict(zip(header, re.split(r"\s{2,}", line.strip())))
        table[cells["measure"]] = cells
    year, month = map(
        int,
        re.search(r"^period: (\d{4})-(\d\d)", (folder / "paper.yaml").read_text(), re.M).groups(),
    )
    current = _year_to(year, month)
    windows = {current: "current", _year_to(year - 1, month): "previous"}
    columns = {
        None: "current",
        ".baseline": "baseline",
        ".previous": "previous",
        ".vs_baseline.signed": "change",
    }
    compared = 0
    for row in audit(built, name):
        found = re.fullmatch(
            r"m\.(\w+)(\.baseline|\.previous|\.vs_baseline\.signed)?", row["expression"]
        )
        if found:
            measure, column = found.group(1), columns[found.group(2)]
        elif (
            row["place"] == "table"
            and row["window"] in windows
            and " " not in row["measure"]
            and row["area"] in ("", "West Midlands")
            and not row["expression"].endswith(" to " + row["expression"][-7:])
        ):
            measure, column = row["measure"], windows[row["window"]]
        else:
            continue
        expected = table[measure][column]
        # a table may print 41546 and 66 (commas: no, percent_sign: no)
        if row["place"] == "table":
            expected = _bare(expected) if row["text"] == _bare(row["text"]) else expected
        assert expected == row["text"], row
        compared += 1
    assert compared >= 1


def _bare(text: str) -> str:
    """A figure without its thousands separators and % sign: "41,546" 41546, "66%" 66."""
    return text.replace(",", "").removesuffix("%")


def _year_to(year: int, month: int) -> str:
    """The 12 months ending `month` of `year`, as the audit trail writes them."""
    first_year, first_month = (year, month - 11) if month == 12 else (year - 1, month + 1)
    return f"{first_year}-{first_month:02d}..{year}-{month:02d}"
