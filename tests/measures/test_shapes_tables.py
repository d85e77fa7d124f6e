"""Wide tables declared `from: table:` (ODS, XLSX, CSV) and ODS through the door; the
values worked by hand from tests/data/opendata/samples.py (helpers in test_shapes.py)."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from boardpaper.errors import DataError
from boardpaper.measures import readers
from boardpaper.measures.data import read_tables

from .test_shapes import KNIFE, TABLE_3, hand, paper, read, samples, values

# -- wide tables --------------------------------------------------------------------------


def test_a_wide_ods_table_as_published(tmp_path):
    frame, sources = read(paper(tmp_path, TABLE_3))
    y20, y21, y22 = (hand(m) for m in ("2020-03", "2021-03", "2022-03"))
    assert values(frame, "burglary_rate") == {
        (y20, "West Midlands"): 5.9,
        (y21, "West Midlands"): 4.1,
        (y22, "West Midlands"): 4.41,  # its office:value, not the 4.4 it shows
        (y20, "Staffordshire"): 4.2,
        (y21, "Staffordshire"): 3.0,
        (y22, "Staffordshire"): 3.1,
        (y21, "Warwickshire"): 3.3,  # 2019/20 is [x]: declared missing, no figure
        (y22, "Warwickshire"): 3.5,
        (y20, "Dyfed-Powys"): 2.0,  # one cell repeated three times
        (y21, "Dyfed-Powys"): 2.0,
        (y22, "Dyfed-Powys"): 2.0,
    }
    assert set(frame["months"]) == {12}
    path = str(tmp_path / "data/published/home-office-table-3.ods")
    assert set(frame["file"]) == {path} and list(sources) == [path]
    assert set(frame[frame["area"] == "Warwickshire"]["line"]) == {8}


def test_one_row_and_a_range_of_columns(tmp_path):
    measures = TABLE_3.replace(
        "area: Force name", "row: West Midlands\n    columns: 2020/21..2021/22"
    )
    frame, _ = read(paper(tmp_path, measures))
    assert values(frame, "burglary_rate") == {
        (hand("2021-03"), "Force"): 4.1,
        (hand("2022-03"), "Force"): 4.41,
    }


@pytest.mark.parametrize(
    "change, where, words",
    [
        (('missing: ["[x]"]', "missing: []"), "home-office-table-3.ods:8:3:", "value '[x]'"),
        (("sheet: Table 3", "sheet: Table 4"), "measures.yaml:6:12:", "did you mean 'Table 3'?"),
        (("area: Force name", "area: Force"), "measures.yaml:8:11:", "no column headed 'Force'"),
        (("header_row: 5", "header_row: 4"), "measures.yaml:7:17:", "holds no headings"),
        (("area: Force name", "row: West Mids"), "measures.yaml:8:10:", "no row 'West Mids'"),
        (
            ("area: Force name", "area: Force name\n    columns: 2019/20..2022/23"),
            "measures.yaml:9:14:",
            "no column headed '2022/23'",
        ),
    ],
)
def test_wide_table_errors(tmp_path, change, where, words):
    folder = paper(tmp_path, TABLE_3.replace(*change))
    with pytest.raises(DataError) as caught:
        read(folder)
    line = caught.value.render()
    assert where in line.split(" error: ")[0] and words in line, line
    if "[x]" in words:
        assert 'declare it: missing: ["[x]"]' in line


def test_a_wide_xlsx_with_periods_down(tmp_path):
    frame, _ = read(paper(tmp_path, KNIFE))
    q1, q2, q3 = (hand(m) for m in ("2021-03", "2021-06", "2021-09"))
    assert values(frame, "knife") == {
        (q1, "West Midlands"): 120,
        (q1, "England and Wales"): 2400,
        (q2, "West Midlands"): 130,  # England and Wales: [c], declared missing
        (q3, "West Midlands"): 125,
        (q3, "England and Wales"): 2450,
    }
    frame, _ = read(
        paper(tmp_path, KNIFE.replace("periods: down", "periods: down\n    value: West Midlands"))
    )
    assert values(frame, "knife") == {(q1, "Force"): 120, (q2, "Force"): 130, (q3, "Force"): 125}


def test_a_wide_csv_with_month_headings(tmp_path):
    (tmp_path / "t.csv").write_text(
        "Recorded crime by month,,\n,,\nArea,Mar-2021,Apr 21,Notes\n"
        "West Midlands,10,11,provisional\nStaffordshire,..,4,\n\nSource: x\n"
    )
    (tmp_path / "measures.yaml").write_text(
        "c:\n  label: C\n  from:\n    table: t.csv\n    header_row: 3\n    area: Area\n"
        '    missing: [".."]\n'
    )
    frame, _ = read(tmp_path)
    assert values(frame, "c") == {
        (hand("2021-03"), "West Midlands"): 10,
        (hand("2021-04"), "West Midlands"): 11,
        (hand("2021-04"), "Staffordshire"): 4,
    }


def test_a_table_without_period_headings_says_so(tmp_path):
    (tmp_path / "t.csv").write_text("Area,Region,Notes\nWest Midlands,WM,x\n")
    (tmp_path / "measures.yaml").write_text("c:\n  label: C\n  from:\n    table: t.csv\n")
    with pytest.raises(DataError, match=r"no heading in row 1 of t\.csv is a period") as caught:
        read(tmp_path)
    assert caught.value.where.line == 3  # at from:


# -- ODS through the door -------------------------------------------------------------------


def test_a_long_ods_data_file(tmp_path):
    rows = [
        ("measure", "period", "value", "area"),
        ("crime", "2022-01", "5", ""),
        ("crime", "2022-02", "7", "Merseyside"),
    ]
    path = samples.long_ods(tmp_path / "d.ods", rows)
    frame, sources = read_tables([path], {"crime": _measure("crime")}, "Force")
    assert values(frame, "crime") == {
        (hand("2022-01"), "Force"): 5,
        (hand("2022-02"), "Merseyside"): 7,
    }
    assert list(frame["line"]) == [2, 3] and str(path) in sources


def _measure(name):
    from boardpaper.measures.definitions import Measure

    return Measure(name, name)


def _ods(tmp_path, content: bytes, name="x.ods") -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    (tmp_path / name).write_bytes(out.getvalue())
    return tmp_path / name


def test_ods_bombs_and_entities_are_refused(tmp_path):
    content = samples.ods_bytes({"S": [samples._row(samples._text_cell("&a;"))]})
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        xml = z.read("content.xml").replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
    path = _ods(tmp_path, xml)
    with pytest.raises(DataError, match="DOCTYPE or entities"):
        readers.read_table(path)
    path = _ods(tmp_path, b"<x>" + b" " * 60_000_000 + b"</x>", "bomb.ods")
    with pytest.raises(DataError, match="zip bomb"):
        readers.read_table(path)
    (tmp_path / "t.ods").write_bytes(b"not a zip")
    with pytest.raises(DataError, match=r"not an \.ods spreadsheet"):
        readers.read_table(tmp_path / "t.ods")


def test_ods_repeats_are_not_expanded_and_rows_are_bounded(tmp_path, monkeypatch):
    huge = '<table:table-cell table:number-columns-repeated="1000000000"/>'
    rows = [
        samples._row(
            samples._text_cell("measure")
            + samples._text_cell("period")
            + samples._text_cell("value")
            + huge
        )
    ]
    rows.append(
        samples._row(
            samples._text_cell("crime")
            + samples._text_cell("2022-01")
            + samples._number_cell("1")
            + huge
        )
    )
    rows.append(samples._row(huge, repeat=2_000_000_000))
    path = tmp_path / "r.ods"
    path.write_bytes(samples.ods_bytes({"S": rows}))
    start = time.perf_counter()
    frame, _ = readers.read_table(path)
    assert len(frame) == 1 and time.perf_counter() - start < 5
    monkeypatch.setattr(readers, "MAX_ROWS", 5)
    rows[-1] = samples._row(
        samples._text_cell("crime") + samples._text_cell("2022-02") + samples._number_cell("1"),
        repeat=10**9,
    )
    path.write_bytes(samples.ods_bytes({"S": rows}))
    with pytest.raises(DataError, match="more than 5 rows"):
        readers.read_table(path)
    wide = samples._row(samples._number_cell("1", repeat=10**9))
    path.write_bytes(samples.ods_bytes({"S": [rows[0], wide]}))
    with pytest.raises(DataError, match="right of the table's columns"):
        readers.read_table(path)
