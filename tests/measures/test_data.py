"""Reading and checking data files and measure definitions."""

import datetime
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from boardpaper.errors import DataError
from boardpaper.measures import readers
from boardpaper.measures.data import read_tables
from boardpaper.measures.definitions import load_definitions

from .helpers import MEASURES


def table(tmp_path, text, name="d.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read(*paths):
    return read_tables(list(paths), MEASURES, "Force")


def test_a_good_csv_with_bom_blank_rows_and_areas(tmp_path):
    path = table(
        tmp_path,
        "\ufeffmeasure,period,value,area\ncrime,2022-01,5,\n,,,\n"
        "crime,2022-01,7,Merseyside\narrests,2022-02-01,3.5,\n",
    )
    frame, sources = read(path)
    assert list(frame["area"]) == ["Force", "Merseyside", "Force"]
    assert list(frame["value"]) == [5.0, 7.0, 3.5]
    assert list(frame["line"]) == [2, 4, 5]
    assert len(sources[str(path)].sha256) == 64


@pytest.mark.parametrize(
    "body, line, col, words",
    [
        ("crme,2022-01,5\n", 2, 1, "unknown measure 'crme' (did you mean 'crime'?)"),
        ("crime,2022-13,5\n", 2, 2, "period '2022-13' is not a month"),
        ("crime,Jan 2022,5\n", 2, 2, "is not a month written YYYY-MM"),
        ("crime,2022-01,five\n", 2, 3, "value 'five' is not a number"),
        ("crime,2022-01,\n", 2, 3, "value '' is not a number"),
        ("crime,2022-01,inf\n", 2, 3, "is not a number"),
        ('crime,2022-01,"28,675"\n', 2, 3, "thousands separators"),
        (
            "crime,2022-01,5\ncrime,2022-02,5\ncrime,2022-01,6\n",
            4,
            1,
            "duplicate row for crime, 2022-01, Force (also at",
        ),
    ],
)
def test_bad_rows_name_file_line_and_column(tmp_path, body, line, col, words):
    path = table(tmp_path, "measure,period,value\n" + body)
    with pytest.raises(DataError) as caught:
        read(path)
    err = caught.value
    assert (err.where.path, err.where.line, err.where.col) == (str(path), line, col)
    assert words in err.message


def test_missing_and_unknown_columns(tmp_path):
    with pytest.raises(DataError, match="lacks the column"):
        read(table(tmp_path, "measure,month,value\n"))
    with pytest.raises(DataError, match="unknown column 'note'"):
        read(table(tmp_path, "measure,period,value,note\n"))


def test_windows_1252_csv_is_refused_with_a_hint(tmp_path):
    path = table(tmp_path, "measure,period,value\ncrime,2022-01,5\n# café\n", encoding="cp1252")
    with pytest.raises(DataError) as caught:
        read(path)
    assert caught.value.where.line == 3 and "CSV UTF-8" in caught.value.hint


def test_xlsx(tmp_path):
    path = tmp_path / "d.xlsx"
    pd.DataFrame(
        {"measure": ["crime", "crime"], "period": ["2022-01", "2022-02"], "value": [5, 6]}
    ).to_excel(path, index=False)
    frame, _ = read(path)
    assert list(frame["value"]) == [5.0, 6.0]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a spreadsheet")
    with pytest.raises(DataError, match=r"not an \.xlsx workbook"):
        read(bad)


def test_duplicates_across_files(tmp_path):
    a = table(tmp_path, "measure,period,value\ncrime,2022-01,5\n", "a.csv")
    b = table(tmp_path, "measure,period,value\ncrime,2022-01,5\n", "b.csv")
    with pytest.raises(DataError) as caught:
        read(a, b)
    assert caught.value.where.path == str(b) and str(a) in caught.value.message


def test_definitions(tmp_path):
    path = tmp_path / "measures.yaml"
    path.write_text("crime:\n  label: Crime\n  good: down\nrate:\n  label: Rate\n  unit: percent\n")
    found = load_definitions([path])
    assert found["crime"].combine == "sum" and found["rate"].combine == "mean"
    assert found["rate"].decimals == 1
    path.write_text("crime:\n  label: Crime\n  unit: counts\n")
    with pytest.raises(DataError) as caught:
        load_definitions([path])
    assert caught.value.where.line == 3 and "unit must be one of" in caught.value.message
    path.write_text("crime:\n  lable: Crime\n")
    with pytest.raises(DataError, match="unknown key 'lable'") as caught:
        load_definitions([path])
    assert caught.value.hint == "did you mean 'label'?"


# -- the one door and its bounds (red-team D34: 1,048,576 xlsx rows took 85 s) -----------

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def workbook(path, rows_xml, head="", strings=None):
    """A minimal .xlsx written as XML: `rows_xml` is the sheet's <sheetData> content."""
    rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        rels += f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="/xl/strings.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="r" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>'
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'{head}<worksheet xmlns="{NS}"><sheetData>{rows_xml}</sheetData></worksheet>',
        )
        if strings is not None:
            z.writestr("xl/strings.xml", f'<sst xmlns="{NS}">{strings}</sst>')
    return path


def row(r, *cells):
    out = []
    for i, v in enumerate(cells):
        ref = f"{'ABCDEFGH'[i]}{r}"
        if isinstance(v, (int, float)):
            out.append(f'<c r="{ref}"><v>{v}</v></c>')
        elif v is not None:
            out.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
    return f'<row r="{r}">{"".join(out)}</row>'


HEAD = row(1, "measure", "period", "value")


def rows_csv(n, month=1):
    return "".join(f"crime,{2000 + i // 12}-{i % 12 + 1:02d},{month}\n" for i in range(n))


def test_csv_over_the_row_bound_is_refused_before_pandas_parses_it(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 5)
    frame, _ = read(table(tmp_path, "measure,period,value\n" + rows_csv(5)))
    assert len(frame) == 5
    monkeypatch.setattr(readers.pd, "read_csv", lambda *a, **k: pytest.fail("parsed"))
    with pytest.raises(DataError, match="more than 5 rows") as caught:
        read(table(tmp_path, "measure,period,value\n" + rows_csv(6)))
    assert caught.value.where.line == 0  # the whole file: `d.csv: error: ...`


def test_xlsx_over_the_row_bound_is_refused_before_its_sheet_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 5)
    body = "".join(row(r, "crime", f"2022-{r - 1:02d}", r) for r in range(2, 7))
    frame, _ = read(workbook(tmp_path / "ok.xlsx", HEAD + body))
    assert list(frame["line"]) == [2, 3, 4, 5, 6]
    monkeypatch.setattr(readers._Workbook, "table", lambda *a: pytest.fail("parsed"))
    path = workbook(tmp_path / "big.xlsx", HEAD + body + row(7, "crime", "2022-07", 7))
    with pytest.raises(DataError, match="more than 5 rows") as caught:
        read(path)
    assert caught.value.render().startswith(f"{path}: error: the table has more than 5 rows")


def test_a_sparse_sheet_is_refused_at_its_far_row_while_streaming(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 5)
    path = workbook(tmp_path / "s.xlsx", HEAD + row(1_048_576, "crime", "2022-01", 1))
    with pytest.raises(DataError, match="more than 5 rows") as caught:
        read(path)
    assert caught.value.where.line == 1_048_576


def test_the_row_bound_holds_for_all_files_together(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 5)
    a = table(tmp_path, "measure,period,value\n" + rows_csv(3), "a.csv")
    b = table(tmp_path, "measure,period,value\n" + rows_csv(3, month=2), "b.csv")
    with pytest.raises(DataError, match="with the data files before it") as caught:
        read(a, b)
    assert caught.value.where.path == str(b)


def test_xlsx_cells_shared_strings_dates_and_blank_rows(tmp_path):
    path = tmp_path / "d.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Measure", "Period", "Value", "Area"])
    sheet.append(["crime", datetime.datetime(2022, 3, 1), 5, None])
    sheet.append([])
    sheet.append(["arrests", "2022-04", 2.5, "Merseyside"])
    book.save(path)
    frame, _ = read(path)
    assert list(frame["month"]) == [2022 * 12 + 2, 2022 * 12 + 3]
    assert list(frame["line"]) == [2, 4]
    assert list(frame["area"]) == ["Force", "Merseyside"]
    assert list(frame["value"]) == [5.0, 2.5]
    strings = "<si><t>measure</t></si><si><r><t>per</t></r><r><t>iod</t></r></si>"
    cells = '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    path = workbook(
        tmp_path / "s.xlsx",
        f'<row r="1">{cells}<c r="C1" t="inlineStr"><is><t>value</t></is></c></row>',
        strings=strings,
    )
    assert list(read(path)[0].columns) == [
        "measure",
        "month",
        "area",
        "value",
        "file",
        "line",
        "months",
    ]


@pytest.mark.parametrize(
    "body, line, col, words",
    [
        (row(2, "crime", "2022-01", 1, None, "note"), 2, 5, "right of the table's columns"),
        ('<row r="2"><c r="ZZZZ2"><v>1</v></c></row>', 2, 1, "cannot hold"),
        ('<row r="2"><c r="A2" t="s"><v>7</v></c></row>', 2, 1, "cannot hold"),
        (row(2, "crime", "2022-01", "five"), 2, 3, "value 'five' is not a number"),
    ],
)
def test_bad_xlsx_cells_name_their_row_and_column(tmp_path, body, line, col, words):
    with pytest.raises(DataError) as caught:
        read(workbook(tmp_path / "d.xlsx", HEAD + body))
    assert (caught.value.where.line, caught.value.where.col) == (line, col)
    assert words in caught.value.message


def test_xlsx_headings_and_an_empty_far_cell(tmp_path):
    with pytest.raises(DataError, match="unknown column 'note'") as caught:
        read(workbook(tmp_path / "a.xlsx", row(1, "measure", "period", "value", "note")))
    assert caught.value.where.col == 4
    with pytest.raises(DataError, match="lacks the column"):
        read(workbook(tmp_path / "b.xlsx", row(2, "measure", "period", "value")))
    far = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>crime</t></is></c><c r="B2" '
        't="inlineStr"><is><t>2022-01</t></is></c><c r="C2"><v>4</v></c><c r="XFD2"/></row>'
    )
    assert list(read(workbook(tmp_path / "c.xlsx", HEAD + far))[0]["value"]) == [4.0]
    assert len(read(workbook(tmp_path / "d.xlsx", HEAD))[0]) == 0


def test_xlsx_doctype_and_entities_are_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("crime")
    head = f'<!DOCTYPE w [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY y "crime">]>'
    body = row(2, "&x;&y;", "2022-01", 1)
    with pytest.raises(DataError, match="declares a DOCTYPE or entities") as caught:
        read(workbook(tmp_path / "d.xlsx", HEAD + body, head=head))
    assert caught.value.where.path == str(tmp_path / "d.xlsx")


def test_every_data_file_is_read_by_one_module():
    """measures/readers.py alone opens tables (tests/test_doors.py scans the package)."""
    measures = Path(readers.__file__).parent
    words = ("read_csv", "read_excel", "openpyxl", "iterparse", "ZipFile(", "read_regular")
    found = {py.name for py in measures.glob("*.py") if any(w in py.read_text() for w in words)}
    assert found == {"readers.py"}
