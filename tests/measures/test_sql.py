"""SQL sources (`data: sources:`): a SQLite database read like a data file, and the
refusals of a source that could write, leak a password or leave the paper's folder."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from boardpaper import pipeline
from boardpaper.content.schema import load_paper as load
from boardpaper.errors import BoardpaperError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "content" / "2022-05-performance-report"


def _paper(tmp_path: Path, data_yaml: str) -> Path:
    """The example paper copied, its measures.csv moved into data/measures.sqlite."""
    shutil.copytree(ROOT / "content" / "shared", tmp_path / "shared")
    folder = tmp_path / EXAMPLE.name
    shutil.copytree(EXAMPLE, folder)
    rows = list(csv.reader(io.StringIO((folder / "data" / "measures.csv").read_text())))
    (folder / "data" / "measures.csv").unlink()
    db = sqlite3.connect(folder / "data" / "measures.sqlite")
    db.execute("CREATE TABLE figures (name TEXT, month TEXT, amount REAL)")
    db.executemany("INSERT INTO figures VALUES (?, ?, ?)", rows[1:])
    db.commit()
    db.close()
    text = (folder / "paper.yaml").read_text()
    (folder / "paper.yaml").write_text(
        text.replace("data:\n  illustrative: yes", "data:\n  illustrative: yes\n" + data_yaml)
    )
    return folder


SOURCE = """\
  files: [data/surveys.xlsx]
  sources:
    - sql: sqlite:///data/measures.sqlite
      query: SELECT name AS measure, month AS period, amount AS value FROM figures
"""


def test_a_paper_builds_from_sqlite_with_the_same_figures(tmp_path):
    folder = _paper(tmp_path, SOURCE)
    expected = pipeline.measures_table(EXAMPLE, as_csv=True)
    assert pipeline.measures_table(folder, as_csv=True) == expected
    built = pipeline.build(folder, tmp_path / "out")
    audit = (tmp_path / "out" / f"{EXAMPLE.name}.figures.csv").read_text()
    assert f"{EXAMPLE.name}.sql-1.csv sha256:" in audit, audit[:2000]  # its snapshot
    assert built.outputs


def test_columns_mapped_in_the_yaml(tmp_path):
    folder = _paper(
        tmp_path,
        SOURCE.replace(
            "SELECT name AS measure, month AS period, amount AS value FROM figures",
            "SELECT * FROM figures\n      columns: {measure: name, period: month, value: amount}",
        ),
    )
    assert pipeline.measures_table(folder, as_csv=True) == pipeline.measures_table(
        EXAMPLE, as_csv=True
    )


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("sqlite:///data/measures.sqlite", "postgresql://me:secret@db/x"), 23, "PGPASSWORD"),
        (("SELECT name AS", "DELETE FROM figures; SELECT name AS"), 24, "one SELECT"),
        (("FROM figures", "FROM figures; DROP TABLE figures"), 24, "one statement"),
        (("SELECT name AS", "WITH x AS (DELETE FROM figures) SELECT name AS"), 24, "'DELETE'"),
        (("sqlite:///data/", "sqlite:///../"), 23, "no database file"),
        (("sqlite:///data/measures.sqlite", "mysql://db/x"), 23, "sqlite or postgresql"),
        (("      query:", "      qurey:"), 24, "did you mean 'query'"),
        (("amount AS value", "amount AS valu"), 24, "lacks the column(s) value"),
    ],
)
def test_refusals_name_the_line(tmp_path, change, line, message):
    folder = _paper(tmp_path, SOURCE.replace(*change))
    with pytest.raises(BoardpaperError) as err:
        pipeline.measures_table(folder)
    text = err.value.render()
    assert f"paper.yaml:{line}:" in text, text
    assert message.lower() in text.lower(), text


def test_a_path_leaving_the_folder_is_refused(tmp_path):
    folder = _paper(tmp_path, SOURCE.replace("data/measures.sqlite", "../outside.sqlite"))
    shutil.copy(folder / "data" / "measures.sqlite", tmp_path / "outside.sqlite")
    with pytest.raises(BoardpaperError, match="outside the paper's folder"):
        load(folder)


def test_a_bad_row_names_the_source_and_the_row(tmp_path):
    folder = _paper(tmp_path, SOURCE)
    db = sqlite3.connect(folder / "data" / "measures.sqlite")
    db.execute("INSERT INTO figures VALUES ('homicide', 'March 2022', 3)")
    db.commit()
    db.close()
    with pytest.raises(BoardpaperError) as err:
        pipeline.measures_table(folder)
    text = err.value.render()
    assert "paper.yaml:24:" in text and "row " in text and "March 2022" in text, text


def test_the_database_is_opened_read_only(tmp_path):
    folder = _paper(tmp_path, SOURCE)
    before = (folder / "data" / "measures.sqlite").read_bytes()
    pipeline.measures_table(folder)
    assert (folder / "data" / "measures.sqlite").read_bytes() == before
    assert not list((folder / "data").glob("*-journal")) and not list(
        (folder / "data").glob("*-wal")
    )
