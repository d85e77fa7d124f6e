"""`data: previous:`: the paper rolled forward from, whose figures a build computes again
to name restatements (restatements.py). The whole path, from `new` to a build in
another folder, is tested in test_year_on.py; here its door: the key and the file."""

from __future__ import annotations

import csv
import io

import pytest

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.errors import ContentError
from boardpaper.writers.figures_csv import COLUMNS

from .conftest import copy_content

ILLUSTRATIVE = (
    "  illustrative: yes   # the example data is made up: see data/make_example_data.py\n"
)


def _with_previous(folder, lines: str) -> None:
    path = folder / "paper.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(ILLUSTRATIVE, ILLUSTRATIVE + lines, 1), encoding="utf-8")


def _trail(rows) -> str:
    """A figures.csv as a build writes it, its columns figures_csv's own."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def _row(expression: str, text: str, window: str) -> list[str]:
    """A placeholder's row of firearm discharges in West Midlands."""
    figure = {"number": "1", "paragraph_id": "p", "place": "paragraph", "illustrative": "yes"}
    figure |= {"expression": expression, "text": text, "measure": "firearm_discharges"}
    figure |= {"window": window, "area": "West Midlands"}
    return [figure.get(column, "") for column in COLUMNS]


@pytest.mark.parametrize(
    "lines, words",
    [
        (
            "  previous:\n    figures: old.figures.csv\n    period: 2021-03\n",
            "no file 'old.figures.csv'",
        ),
        ("  previous:\n    figures: old.figures.csv\n", "needs the key 'period'"),
        ("  previous:\n    figurs: old.csv\n    period: 2021-03\n", "did you mean 'figures'"),
        ("  previous:\n    figures: ../../etc/passwd.csv\n    period: 2021-03\n", ""),
        ("  previous: old.csv\n", "must be a set of 'key: value' lines"),
    ],
)
def test_a_wrong_previous_is_one_error_at_its_line(tmp_path, capsys, lines, words):
    folder = copy_content(tmp_path)
    _with_previous(folder, lines)
    assert main(["build", "-q", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "paper.yaml:2" in err and words in err, err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_trail_that_is_not_figures_csv_is_refused(tmp_path):
    folder = copy_content(tmp_path)
    (folder / "old.figures.csv").write_bytes(b"\xff\xfe not a csv of ours")
    _with_previous(folder, "  previous:\n    figures: old.figures.csv\n    period: 2021-03\n")
    with pytest.raises(ContentError, match=r"not a figures\.csv boardpaper wrote"):
        pipeline.build(folder, tmp_path / "out")


def test_hostile_or_foreign_expressions_in_the_trail_are_skipped_not_run(tmp_path):
    """The trail is a file like any input: its expressions go through the placeholders'
    sandbox, and one that is no placeholder of the paper is left out."""
    folder = copy_content(tmp_path)
    rows = [
        _row("range(10**9) | list", "1", "2021-04..2022-03"),
        _row("m.__class__.__mro__", "1", "2021-04..2022-03"),
        _row("m.firearm_discharges", "999", "2021-04..2022-03"),
        # another window than the period gives: not compared
        _row("m.firearm_discharges", "1", "2020-04..2021-03"),
    ]
    (folder / "old.figures.csv").write_text(_trail(rows), encoding="utf-8")
    _with_previous(folder, "  previous:\n    figures: old.figures.csv\n    period: 2022-03\n")
    built = pipeline.build(folder, tmp_path / "out")
    assert any("the data restates 1 measure(s)" in n for n in built.notes), built.notes
    audit = (tmp_path / "out" / f"{folder.name}.figures.csv").read_text(encoding="utf-8")
    restated = [r for r in csv.DictReader(io.StringIO(audit)) if r["revised_from"]]
    assert restated and all(
        r["revised_from"] == "999 in old (2021-04..2022-03)" for r in restated
    ), restated
