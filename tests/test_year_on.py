"""A year on: the May 2022 paper rolled forward to the next reporting year, as an
author and the analysts would do it from docs/workflow.md alone (`new`, a year of data
in the analysts' four-column export, `check --strict`, `build`), states every figure
computed, in the same words: nothing typed, nothing left at last year's months."""

from __future__ import annotations

import csv
import re
import zlib

import pandas as pd
import pytest

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.narrative import model as m

from .conftest import copy_content


def _a_year_of_data(folder) -> int:
    """The analysts' export for the next twelve months of every series (data/2022-23.csv,
    columns measure, period, value, area): each month the same month a year before times
    a factor of the measure's own, from 0.90 to 1.10, rounded to the series' places.
    Returns the number of rows written."""
    rows = []
    for path in sorted((folder / "data").iterdir()):
        if path.suffix == ".csv":
            frames = [pd.read_csv(path, dtype=str, keep_default_na=False)]
        elif path.suffix == ".xlsx":
            frames = [f.astype(str) for f in pd.read_excel(path, sheet_name=None).values()]
        else:
            continue
        for frame in frames:
            if "area" not in frame:
                frame["area"] = ""
            frame["month"] = frame["period"].map(lambda p: pd.Period(p, "M"))
            for (measure, area), series in frame.groupby(["measure", "area"], sort=True):
                last = series["month"].max()
                factor = 1 + (zlib.crc32(measure.encode()) % 21 - 10) / 100
                for _, row in series.iterrows():
                    month = row["month"] + 12
                    if month <= last:
                        continue
                    places = len(row["value"].partition(".")[2])
                    value = round(float(row["value"]) * factor, places)
                    rows.append((measure, str(month), f"{value:.{places}f}", area))
    with open(folder / "data" / "2022-23.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["measure", "period", "value", "area"])
        writer.writerows(sorted(rows))
    return len(rows)


def _masked(inlines) -> str:
    """A paragraph's words with every computed figure as {}: its wording alone."""
    out = []
    for inline in inlines:
        if isinstance(inline, m.Figure):
            out.append("{}")
        elif isinstance(inline, m.Text):
            out.append(inline.text)
        elif isinstance(inline, m.Link):
            out.append(f"[{_masked(inline.children)}]({inline.url})")
        elif isinstance(inline, m.NoteRef):
            out.append(f"^[{_masked(inline.note.inlines)}]")
        else:
            raise AssertionError(f"an inline not expected in a built paper: {inline!r}")
    return "".join(out)


def _wording(paper: m.Paper) -> list[str]:
    def items(entries, depth=0):
        for item in entries:
            yield "  " * depth + _masked(item.inlines)
            yield from items(item.children, depth + 1)

    out = []
    for block in paper.blocks:
        if isinstance(block, (m.Paragraph, m.Plain, m.Heading)):
            out.append(_masked(block.inlines))
        elif isinstance(block, (m.BulletList, m.LetteredList)):
            out.extend(items(block.items))
        elif isinstance(block, m.Table):
            out.append(" | ".join(block.header))
            out.extend(_masked(row) for row in block.rows)
    return out


def _audit(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _windows(row: dict) -> list[str]:
    """The windows of an audit row: one, or two for a comparison ("A vs B")."""
    return re.findall(r"\d{4}-\d{2}\.\.\d{4}-\d{2}", row["window"])


def _last(window: str) -> pd.Period:
    return pd.Period(window.split("..")[-1], "M")


@pytest.fixture(scope="module")
def year_on(tmp_path_factory):
    """The May 2022 paper and the same paper a year on, both built."""
    root = tmp_path_factory.mktemp("year-on")
    old = copy_content(root)
    out = root / "output"
    assert main(["build", "-q", str(old), "-o", str(out)]) == 0
    assert _a_year_of_data(old) > 500
    new = old.parent / "2023-05-performance-report"
    return old, new, out


def test_a_year_on_every_figure_is_computed_in_the_same_words(year_on, capsys):
    old, new, out = year_on
    capsys.readouterr()
    assert main(["new", str(old), str(new), "--period", "2023-03", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.splitlines()[0] == f"wrote {new} (period 2023-03, meeting 2023-05)"
    assert "needs data" not in said and "cannot be computed" not in said, said
    # the only dates written as such are the ones meant to stay: when testing restarted,
    # and the first month of the series searched for a peak
    fixed = said.split("fixed dates, kept as written")[1].split("\nrevisions")[0]
    dated = [line.rsplit(": ", 1)[1] for line in fixed.splitlines()[1:]]
    assert sorted(dated) == ["2018-04", "2018-04", "2021-11", "2021-11"], fixed
    assert "revisions: none since" in said, "the new year's data restates no month"

    # nothing typed that the data computes, no prose against its figures, nothing else
    assert main(["check", "--strict", str(new)]) == 0, capsys.readouterr()
    assert main(["build", "-q", str(new), "-o", str(out)]) == 0

    # the same words, every figure computed afresh
    before, after = pipeline.prepare(old).paper, pipeline.prepare(new).paper
    assert _wording(after) == _wording(before)
    was, now = _audit(out / f"{old.name}.figures.csv"), _audit(out / f"{new.name}.figures.csv")
    assert len(now) == len(was) > 100
    moved = 0
    for a, b in zip(was, now):
        assert (a["place"], a["paragraph_id"], a["expression"]) == (
            b["place"],
            b["paragraph_id"],
            b["expression"],
        )
        assert b["text"] and "{{" not in b["text"]
        windows = list(zip(_windows(a), _windows(b), strict=True))
        for i, (old_window, new_window) in enumerate(windows):
            # a baseline is fixed (the national one, a KPI's own): it does not move; it is
            # the only window of a baseline figure, or the base of a comparison with one
            # (a scorecard's change is against its KPI's baseline)
            against_baseline = "baseline" in a["expression"] or a["expression"].endswith(": change")
            if against_baseline and i == len(windows) - 1:
                assert new_window == old_window, (a, b)
            else:
                assert _last(new_window) == _last(old_window) + 12, (a, b)
                moved += 1
    assert moved > 100
    # and they are the new year's figures: a few worked by hand from the data
    rows = {r["expression"]: r["text"] for r in now if r["place"] == "paragraph"}
    assert rows["period"] == "April 2022 to March 2023"
    assert rows["m.admissions.ending(period.last.back(1)).window"] == (
        "March 2022 to February 2023"
    )
    assert rows["m.fraud_victims.year(period.last.back(12)).window.year"] == "2022"
    assert rows["m.cyber_enabled.month(period.last.back(1))"] == _month_value(
        new, "cyber_enabled", "2023-02"
    )


def _month_value(folder, measure: str, month: str) -> str:
    for path in (folder / "data").glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        hit = frame[(frame["measure"] == measure) & (frame["period"] == month)]
        if len(hit):
            return f"{int(hit['value'].iloc[0]):,}"
    raise AssertionError(f"{measure} {month} is not in the data")


def test_a_rolled_paper_built_in_another_folder_names_what_the_data_restates(
    year_on, capsys, tmp_path
):
    """The May 2023 paper printed 147 firearm discharges for 2021/22 where the May 2022
    paper had printed 148: an analyst revised a month after `new`. Built anywhere, the
    new paper names each of its figures over 2021/22 with what the old paper printed."""
    old, new, out = year_on
    if not new.exists():
        assert main(["new", str(old), str(new), "--period", "2023-03", "-o", str(out)]) == 0
    assert (new / f"{old.name}.figures.csv").is_file()
    assert f"figures: {old.name}.figures.csv" in (new / "paper.yaml").read_text()
    printed = {
        r["expression"]: r["text"]
        for r in _audit(out / f"{old.name}.figures.csv")
        if r["measure"] == "firearm_discharges" and r["window"] == "2021-04..2022-03"
    }
    assert printed["m.firearm_discharges"] == "148"
    data = new / "data" / "measures.csv"
    text = data.read_text(encoding="utf-8")
    assert "\nfirearm_discharges,2021-06,13\n" in text
    data.write_text(
        text.replace("\nfirearm_discharges,2021-06,13\n", "\nfirearm_discharges,2021-06,12\n")
    )
    try:
        capsys.readouterr()
        elsewhere = tmp_path / "elsewhere"
        assert main(["build", "-q", str(new), "-o", str(elsewhere)]) == 0
        assert "the data restates" in capsys.readouterr().err
        rows = _audit(elsewhere / f"{new.name}.figures.csv")
        over = [
            r
            for r in rows
            if "2021-04..2022-03" in r["window"] and r["measure"] == "firearm_discharges"
        ]
        assert {r["expression"]: r["text"] for r in over}["m.firearm_discharges.previous"] == (
            "147"
        )
        for row in over:
            assert row["revised_from"] == f"148 in {old.name} (2021-04..2022-03)", row
        others = [r for r in rows if r["revised_from"] and r not in over]
        assert not others, others[:3]
    finally:
        data.write_text(text)
