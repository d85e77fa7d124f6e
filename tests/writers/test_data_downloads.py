"""The data behind every table and chart, as CSV and one ODS: the figures the Word paper
prints, headed by title, source, units and period, opened by LibreOffice as written."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import html5lib
import pytest

from boardpaper import pipeline
from boardpaper.narrative import model as m
from boardpaper.writers import data_downloads
from boardpaper.writers.registry import Options

from ..conftest import ROOT

NAME = "2021-09-annual-report"
H = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return pipeline.build(ROOT / "content" / NAME, tmp_path_factory.mktemp("data"), html=True)


def files(built) -> dict[str, Path]:
    return {p.name: p for p in built.outputs}


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_each_table_and_chart_has_its_csv_and_a_sheet(built):
    names = files(built)
    expected = [f"{NAME}-data-table-{i}.csv" for i in range(1, 7)]
    expected += [f"{NAME}-data-chart-{i}.csv" for i in range(1, 4)]
    assert all(n in names for n in expected)
    with zipfile.ZipFile(names[f"{NAME}-data.ods"]) as ods:
        first = ods.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert ods.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        content = ods.read("content.xml").decode("utf-8")
    sheets = ["Cover"] + [f"Table_{i}" for i in range(1, 7)] + [f"Chart_{i}" for i in range(1, 4)]
    assert [s for s in sheets if f'table:name="{s}"' in content] == sheets
    assert "table:formula" not in content


def test_tables_hold_what_the_word_paper_prints(built):
    names = files(built)
    document = docx.Document(str(names[f"{NAME}.docx"]))
    word = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    tables = [b for b in built.paper.blocks if isinstance(b, m.Table)]
    assert len(word) == len(tables) >= 17  # the annual report's tables, each from data
    for i, (printed, table) in enumerate(zip(word, tables), 1):
        got = rows(names[f"{NAME}-data-table-{i}.csv"].read_bytes())
        heading, body = got[: -len(printed)], got[-len(printed) :]
        assert body == printed
        assert heading[0] == [table.caption]
        assert [f"Source: {table.source}"] in heading
        assert any(r[0].startswith("Units: ") for r in heading)
        assert any(r[0].startswith("Period: ") for r in heading)
        if i == 1:  # a measure of unit rate: its units as the title names them
            assert ["Units: Rate per 1,000 population"] in heading
    lines = [p.text for p in document.paragraphs]
    # the first names the spreadsheet of them all; the others their CSV file alone
    assert f"Data: {NAME}-data-table-1.csv (every table and chart: {NAME}-data.ods)" in lines
    for i in range(2, 7):
        assert f"Data: {NAME}-data-table-{i}.csv" in lines
    assert sum(f"{NAME}-data.ods" in line for line in lines) == 1


def test_charts_hold_the_values_they_draw(built):
    names = files(built)
    charts = [b for b in built.paper.blocks if isinstance(b, m.Chart)]
    assert len(charts) == 3
    for i, chart in enumerate(charts, 1):
        got = rows(names[f"{NAME}-data-chart-{i}.csv"].read_bytes())
        body = got[-len(chart.labels) :]
        assert got[-len(chart.labels) - 1] == ["Period", *(s.name for s in chart.series)]
        assert [r[0] for r in body] == list(chart.labels)
        assert [r[1] for r in body] == [p.text for p in chart.points]
        for label, value in ((r[0], r[1]) for r in body):
            assert f"{label} {value}" in chart.alt  # as the Word paper's alt text states
        assert got[2] == ["Units: Number"] and got[3] == ["Period: April 2016 to March 2021"]


def _calc_to_csv(ods: Path, out: Path) -> dict[str, list[list[str]]]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            # every sheet to its own file, cells as shown (the number formats)
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
            str(out),
            str(ods),
        ],
        capture_output=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    sheets = {
        p.stem.removeprefix(f"{ods.stem}-"): [
            list(_trimmed(r)) for r in csv.reader(io.StringIO(p.read_text(encoding="utf-8")))
        ]
        for p in out.glob("*.csv")
    }
    if not sheets:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Calc could not open the ODS")
        pytest.skip("LibreOffice Calc (libreoffice-calc) is not installed")
    return sheets


def _trimmed(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def test_libreoffice_opens_the_ods_with_the_same_cells(built, tmp_path):
    names = files(built)
    sheets = _calc_to_csv(names[f"{NAME}-data.ods"], tmp_path)
    found = data_downloads.downloads(built.paper)
    for d in found:
        assert sheets[d.sheet] == rows(names[d.csv].read_bytes()), d.sheet
    cover = sheets["Cover"]
    listed = cover[cover.index(["Sheet", "Title", "Source", "Period", "CSV file"]) + 1 :]
    assert [(r[0], r[1], r[4]) for r in listed] == [(d.sheet, d.title, d.csv) for d in found]


def test_the_web_page_links_each_download(built):
    names = files(built)
    root = html5lib.HTMLParser(strict=True).parse(names[f"{NAME}.html"].read_bytes())
    links = [a for a in root.iter(f"{H}a") if a.get("href", "").endswith((".csv", ".ods"))]
    csvs = [a.get("href") for a in links if a.get("href").endswith(".csv")]
    assert csvs == [d.csv for d in data_downloads.downloads(built.paper)]
    assert all(href in names for href in {a.get("href") for a in links})
    for a in links:
        text = " ".join("".join(a.itertext()).split())
        assert text.startswith(("Download this data (CSV)", "Download all tables and charts"))


def test_two_builds_are_byte_identical(built, tmp_path):
    again = files(pipeline.build(ROOT / "content" / NAME, tmp_path))
    for name, path in files(built).items():
        if "-data" in name or name.endswith(".docx"):
            assert again[name].read_bytes() == path.read_bytes(), name


@pytest.mark.parametrize("name", ["2022-05-performance-report", "2021-10-pcp-kpi-report"])
def test_a_paper_without_tables_or_charts_gets_no_downloads(name):
    paper = pipeline.prepare(ROOT / "content" / name).paper
    assert data_downloads.write(paper, Options()).files == {}
    assert data_downloads.word_lines(paper) == {}


def test_a_cell_a_spreadsheet_would_run_is_quoted():
    table = m.Table(
        "=HYPERLINK(1)",
        ("Area", "Value"),
        ((m.Text("@SUM(A1)"), m.Figure("-2,865")),),
        (False, True),
    )
    meta = m.Meta("Title", "Board", "Meeting", "2021-09-26")
    paper = m.Paper("p", meta, (table,))
    written = data_downloads.write(paper, Options()).files
    got = rows(written["p-data-table-1.csv"])
    assert got[0] == ["'=HYPERLINK(1)"] and got[-1] == ["'@SUM(A1)", "-2,865"]
    content = zipfile.ZipFile(io.BytesIO(written["p-data.ods"])).read("content.xml")
    assert b"table:formula" not in content and b'office:value="-2865"' in content
