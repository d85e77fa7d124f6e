"""Snapshots of SQL sources (issue 28): what a build read from a database is written
beside the outputs, figures.csv names it, and `build --from-snapshot` rebuilds from it
with the database gone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.errors import BoardpaperError

from .test_sql import EXAMPLE, SOURCE, _paper

NAME = EXAMPLE.name
SNAPSHOT = f"{NAME}.sql-1.csv"


def _rows(out: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((out / f"{NAME}.figures.csv").read_text())))


def _without_source(rows):
    column = rows[0].index("source")
    return [row[:column] + row[column + 1 :] for row in rows]


def _sources(rows) -> list[list[str]]:
    column = rows[0].index("source")
    return [[Path(p.rpartition(" sha256:")[0]).name for p in r[column].split("; ")] for r in rows]


def test_sqlite_then_its_snapshot_give_the_example_figures(tmp_path):
    pipeline.build(EXAMPLE, tmp_path / "csv")
    folder = _paper(tmp_path, SOURCE)
    out = tmp_path / "out"
    pipeline.build(folder, out)
    from_csv, from_db = _rows(tmp_path / "csv"), _rows(out)
    # identical in text, but for the source column: the snapshot instead of measures.csv
    assert _without_source(from_db) == _without_source(from_csv)
    named = [[SNAPSHOT if n == "measures.csv" else n for n in r] for r in _sources(from_csv)]
    assert _sources(from_db) == named
    snapshot = (out / SNAPSHOT).read_bytes()
    about = json.loads((out / f"{NAME}.sql-1.json").read_text())
    import hashlib

    sha = hashlib.sha256(snapshot).hexdigest()
    assert f"{SNAPSHOT} sha256:{sha}" in (out / f"{NAME}.figures.csv").read_text()
    assert about["sha256"] == sha and about["source"] == "paper.yaml:23"
    assert about["url"] == "sqlite:///data/measures.sqlite" and about["query"].startswith("SELECT")
    assert snapshot.startswith(b"measure,period,value\n")
    audit = (out / f"{NAME}.figures.csv").read_bytes()

    # the warehouse is gone: the build reads the snapshot, and says the same
    (folder / "data" / "measures.sqlite").unlink()
    with pytest.raises(BoardpaperError, match=r"no database file.*--from-snapshot"):
        pipeline.build(folder, tmp_path / "elsewhere")
    assert not (tmp_path / "elsewhere").exists() or not list((tmp_path / "elsewhere").iterdir())
    pipeline.build(folder, out, from_snapshot=True)
    assert (out / f"{NAME}.figures.csv").read_bytes() == audit
    assert (out / SNAPSHOT).read_bytes() == snapshot  # written again, the same bytes


def test_a_second_build_writes_the_same_bytes(tmp_path):
    folder = _paper(tmp_path, SOURCE)
    pipeline.build(folder, tmp_path / "a")
    pipeline.build(folder, tmp_path / "b")
    for name in (SNAPSHOT, f"{NAME}.sql-1.json", f"{NAME}.figures.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda out: (out / SNAPSHOT).unlink(), "no snapshot of sqlite:///data/measures.sqlite"),
        (
            lambda out: (out / SNAPSHOT).write_bytes(
                (out / SNAPSHOT).read_bytes().replace(b",18.0\n", b",19.0\n", 1)
            ),
            "does not match the sha256",
        ),
        (lambda out: (out / f"{NAME}.sql-1.json").write_text("[1"), "not a snapshot's JSON"),
    ],
)
def test_a_missing_or_changed_snapshot_is_refused(tmp_path, spoil, message):
    folder = _paper(tmp_path, SOURCE)
    out = tmp_path / "out"
    pipeline.build(folder, out)
    spoil(out)
    with pytest.raises(BoardpaperError, match=message):
        pipeline.build(folder, out, from_snapshot=True)


def test_a_snapshot_of_another_query_is_refused(tmp_path):
    folder = _paper(tmp_path, SOURCE)
    out = tmp_path / "out"
    pipeline.build(folder, out)
    yaml = folder / "paper.yaml"
    yaml.write_text(yaml.read_text().replace("FROM figures", "FROM figures WHERE 1 = 1"))
    with pytest.raises(BoardpaperError) as err:
        pipeline.build(folder, out, from_snapshot=True)
    text = err.value.render()
    assert "paper.yaml:23:" in text and "another query" in text, text


def test_cli_from_snapshot_and_an_unreachable_database(tmp_path, capsys):
    folder = _paper(tmp_path, SOURCE)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "data" / "measures.sqlite").unlink()
    capsys.readouterr()
    assert main(["build", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "paper.yaml:23:" in err and "--from-snapshot" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing written
    assert main(["build", str(folder), "-o", str(out), "-q", "--from-snapshot"]) == 0
    assert (out / f"{NAME}.figures.csv").read_bytes() == before[f"{NAME}.figures.csv"]
