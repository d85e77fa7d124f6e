"""The example's figures come from its data: the audit trail, and what a change moves."""

from __future__ import annotations

import csv
import shutil

import pytest

from boardpaper import pipeline
from boardpaper.narrative import model as m


def _copy(example_dir, tmp_path):
    """A copy of the example and the shared content it names."""
    shutil.copytree(example_dir.parent, tmp_path / "content")
    return tmp_path / "content" / example_dir.name


def rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def audit(built_docx):
    return rows(built_docx.with_name("2022-05-performance-report.figures.csv"))


def test_the_audit_trail_covers_the_measure_statements(audit):
    assert len(audit) >= 40
    numbers = {r["number"] for r in audit}
    assert {"5", "8", "9", "21", "22", "23", "24", "33"} <= numbers
    homicide = next(r for r in audit if r["expression"] == "m.homicide")
    assert homicide["text"] == "53" and homicide["window"] == "2021-04..2022-03"
    assert homicide["paragraph_id"] and homicide["number"] == "5"
    assert "measures.csv sha256:" in homicide["source"]
    change = next(r for r in audit if r["expression"] == "m.homicide.vs_baseline")
    assert change["text"] == "1.9% increase"
    assert change["window"] == "2021-04..2022-03 vs 2018-07..2019-06"
    assert all(r["text"] and r["text"].lower() not in ("none", "nan") for r in audit)


def test_published_figures_are_printed(audit):
    printed = {(r["number"], r["text"]) for r in audit}
    for pair in [
        ("5", "53"),
        ("5", "52"),
        ("8", "160"),
        ("8", "55"),
        ("8", "10"),
        ("8", "15"),
        ("8", "20%"),
        ("8", "+28%"),
        ("8", "+124%"),
        ("9", "157"),
        ("9", "148"),
        ("9", "four"),
        ("9", "67%"),
        ("21", "28,675"),
        ("21", "19,987"),
        ("21", "November 2018"),
        ("22", "12% reduction"),
        ("22", "-17%"),
        ("23", "9%"),
        ("24", "February 2022"),
        ("33", "2,836"),
        ("33", "five-fold"),
        ("32", "+46%"),
        ("28", "13,509"),
        ("28", "68%"),
    ]:
        assert pair in printed, pair


def _add_to_month(paper, measure: str, month: str, more: int) -> None:
    """`more` added to one month of a measure in the paper's data (an analyst's restatement)."""
    data = paper / "data" / "measures.csv"
    text = data.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(text) if line.startswith(f"{measure},{month},"))
    name, period, value = text[index].split(",")
    text[index] = f"{name},{period},{int(value) + more}"
    data.write_text("\n".join(text) + "\n", encoding="utf-8")


def test_changing_one_month_changes_exactly_the_figures_that_depend_on_it(tmp_path, example_dir):
    copy = _copy(example_dir, tmp_path)
    before = pipeline.build(copy, tmp_path / "before")
    # homicides in January 2022: add five, so the year is 58 against 52 (+11.5%)
    _add_to_month(copy, "homicide", "2022-01", 5)
    after = pipeline.build(copy, tmp_path / "after")

    old = rows(before.outputs[1])
    new = rows(after.outputs[1])
    changed = [
        (o["number"], o["expression"], o["text"], n["text"])
        for o, n in zip(old, new)
        if o["text"] != n["text"]
    ]
    assert changed == [
        ("5", "m.homicide", "53", "58"),
        ("5", "m.homicide.vs_baseline", "1.9% increase", "12% increase"),
        ("6", "m.homicide_ocg.share_of(m.homicide)", "13%", "12%"),
        ("6", "m.homicide_domestic.share_of(m.homicide)", "26%", "24%"),
        ("6", "m.homicide_drugs.share_of(m.homicide)", "47%", "43%"),
        ("37", "m.homicide_domestic.share_of(m.homicide)", "26%", "24%"),
        ("37", "m.homicide_ocg.share_of(m.homicide)", "13%", "12%"),
        # the scorecard: the latest year, and its change on 2019/20's 54 (worked by hand)
        ("", "KPI monitor-the-rates-of-homicide-within-the-west: latest", "53", "58"),
        ("", "KPI monitor-the-rates-of-homicide-within-the-west: change", "-1.9%", "+7.4%"),
    ]
    # the article agrees with the new figure: "an 12% increase" would be wrong
    para5 = next(p for p in after.paper.paras() if p.number == 5)
    assert "a 12% increase." in m.plain_text(para5.inlines)


def test_a_direction_word_follows_the_data(tmp_path, example_dir):
    copy = _copy(example_dir, tmp_path)
    data = copy / "data" / "measures.csv"
    lines = data.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:  # knife crime halves in the reporting year: up → down
        name, period, value = line.split(",")
        if name == "knife" and "2021-04" <= period <= "2022-03":
            value = str(int(value) // 3)
        out.append(",".join((name, period, value)))
    data.write_text("\n".join(out) + "\n", encoding="utf-8")
    built = pipeline.build(copy, tmp_path / "out")
    para8 = next(p for p in built.paper.paras() if p.number == 8)
    text = m.plain_text(para8.inlines)
    assert "Overall Knife Crime is also down (-" in text


def test_a_restated_month_is_recorded_as_a_revision(tmp_path, example_dir):
    """The analysts restate January 2019 (in the baseline year, 52 homicides): the next
    build into the same folder records the baseline's figures as revised, and only them."""
    copy = _copy(example_dir, tmp_path)
    out = tmp_path / "out"
    pipeline.build(copy, out)
    _add_to_month(copy, "homicide", "2019-01", 2)
    after = pipeline.build(copy, out)
    revised = [r for r in rows(after.outputs[1]) if r["revised_from"]]
    assert ("m.homicide.baseline", "52", "54") in {
        (r["expression"], r["revised_from"], r["text"]) for r in revised
    }
    assert all("2018-07..2019-06" in r["window"] for r in revised), revised
    again = pipeline.build(copy, out)  # nothing restated since: nothing revised
    assert not [r for r in rows(again.outputs[1]) if r["revised_from"]]
