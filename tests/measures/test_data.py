"""Reading and checking data files and measure definitions."""

import pandas as pd
import pytest

from boardpaper.errors import DataError
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
