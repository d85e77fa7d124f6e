#!/usr/bin/env python3
"""boardpaper benchmarks: how fast, how it grows, against pandoc.

    make bench            (or: .venv/bin/python benchmarks/run.py [--quick])

Prints a table of every measurement with its goal, and writes the same as JSON
to output/benchmarks.json. Times are medians of several runs, in seconds, on
this machine; see docs/performance.md for what limits each figure.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import records  # benchmarks/records.py: street-level records at scale
from common import BOARDPAPER, EXAMPLE, LIBRARIES, PYTHON, ROOT, median, run
from meeting import meeting  # benchmarks/meeting.py

COLD_RUNS = 15  # runs of each process of `cold`, in turn (`--quick`: 7)


def cold(tmp: Path, runs: int) -> dict:
    """Process start to files written, against the same process importing the libraries:
    one of each in turn (the machine's speed drifts), medians. Every module is read from
    bytecode, as after an install (with PYTHONDONTWRITEBYTECODE, as a checkout may have
    it, the build compiled its own modules every run, the libraries none), kept here.
    The build ends without Python's teardown (cli._end), which the bare import pays:
    like for like is against the bare import ended the same way."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    commands = {
        "build": BOARDPAPER + ["build", "-q", str(EXAMPLE), "-o", str(tmp / "cold")],
        "imports": [PYTHON, "-c", LIBRARIES],
        "ended": [PYTHON, "-c", LIBRARIES + "; import os; os._exit(0)"],
    }
    for command in commands.values():  # compiles every module once
        run(command, env=env)
    times: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, command in commands.items():
            start = time.perf_counter()
            run(command, env=env)
            times[key].append(time.perf_counter() - start)
    build, imports, ended = (statistics.median(times[k]) for k in commands)
    return {
        "cold_build": build,
        "imports": imports,
        "cold_ratio": build / imports,
        "imports_without_teardown": ended,
        "cold_ratio_like_for_like": build / ended,
        "cold_runs": runs,
    }


ANNUAL = ROOT / "content" / "2021-09-annual-report"


def long_paper(tmp: Path, runs: int) -> dict:
    """The longest example, the annual report (about 80 pages as a pack: 260 numbered
    paragraphs, 17 tables, 3 charts, a contents list), built cold with its web page,
    and how many pages its pack has when LibreOffice is there."""
    build = median(
        lambda: run(BOARDPAPER + ["build", "-q", "--html", str(ANNUAL), "-o", str(tmp / "long")]),
        runs,
    )
    pages = 0
    if shutil.which("soffice"):
        run(BOARDPAPER + ["build", "-q", "--pack", str(ANNUAL), "-o", str(tmp / "long")])
        import pikepdf

        with pikepdf.open(tmp / "long" / f"{ANNUAL.name}-pack.pdf") as pack:
            pages = len(pack.pages)
    return {"long_build": build, "long_pages": pages}


def warm_and_stages(tmp: Path, runs: int) -> dict:
    from boardpaper import pipeline
    from boardpaper.templates import find_template
    from boardpaper.writers.docx import write_docx
    from boardpaper.writers.pdf.scorecard import write_scorecard

    cache: dict = {}
    pipeline.build(EXAMPLE, tmp / "warm", cache=cache)
    warm = median(lambda: pipeline.build(EXAMPLE, tmp / "warm", cache=cache), runs)

    def word_only():  # what pandoc makes: the narrative as a Word file
        source = pipeline.load(EXAMPLE)
        paper = pipeline.model(source, pipeline.measure_figures(source, cache))
        write_docx(paper, *find_template(EXAMPLE)[:2])

    warm_word = median(word_only, runs)
    warm_uncached = median(lambda: pipeline.build(EXAMPLE, tmp / "warm"), runs)
    source = pipeline.load(EXAMPLE)
    found = pipeline.measure_figures(source)
    paper = pipeline.model(source, found)
    template, name, _ = find_template(EXAMPLE)
    appendix = next(a for a in paper.appendices if a.scorecard is not None)
    stages = {
        "load and validate": median(lambda: pipeline.load(EXAMPLE), runs),
        "measures": median(lambda: pipeline.measure_figures(source), runs),
        "narrative": median(lambda: pipeline.model(source, found), runs),
        "docx": median(lambda: write_docx(paper, template, name), runs),
        "PDF appendix": median(lambda: write_scorecard(paper, appendix), runs),
    }
    if shutil.which("soffice"):
        stages["pack (LibreOffice + merge)"] = (
            median(lambda: pipeline.build(EXAMPLE, tmp / "pack", pack=True, cache=cache), 1) - warm
        )
    return {
        "warm_build": warm,
        "warm_word": warm_word,
        "warm_build_uncached": warm_uncached,
        "stages": stages,
    }


def narrative_markdown(paper) -> str:
    """The example's narrative as Markdown, for pandoc."""
    from boardpaper.narrative import model as m

    out = []
    for block in paper.blocks:
        if isinstance(block, m.Heading):
            out.append("#" * block.level + " " + m.plain_text(block.inlines))
        elif isinstance(block, m.Paragraph):
            out.append(f"{block.number}. {m.plain_text(block.inlines)}")
        elif isinstance(block, (m.BulletList, m.LetteredList)):
            out += [f"- {m.plain_text(i.inlines)}" for i in block.items]
    return "\n\n".join(out) + "\n"


def pandoc(tmp: Path, runs: int, warm: float) -> dict:
    if not shutil.which("pandoc"):
        return {"pandoc": None}
    from boardpaper import pipeline

    source = pipeline.load(EXAMPLE)
    md = tmp / "paper.md"
    md.write_text(
        narrative_markdown(pipeline.model(source, pipeline.measure_figures(source))),
        encoding="utf-8",
    )
    seconds = median(lambda: run(["pandoc", str(md), "-o", str(tmp / "pandoc.docx")]), runs)
    return {"pandoc": seconds, "warm_vs_pandoc": warm / seconds}


def generated_paper(folder: Path, paragraphs: int) -> Path:
    """A paper of `paragraphs` numbered paragraphs, each with two figures."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    (folder / "measures.yaml").write_text("crime:\n  label: Crime\n  good: down\n")
    months = pd.period_range("2018-01", "2022-03", freq="M").strftime("%Y-%m")
    pd.DataFrame(
        {"measure": "crime", "period": months, "value": np.arange(len(months)) + 50}
    ).to_csv(folder / "data" / "d.csv", index=False)
    lines = [
        "period: 2022-03",
        "cover:",
        "  board: Strategic Policing and Crime Board",
        "  meeting: 2022-05",
        "  title: A generated paper",
        "body:",
        "  - heading: Figures",
    ]
    text = (
        "  - The year ending {month} saw {{{{ m.crime.ending('{month}') }}}} crimes, a "
        "{{{{ m.crime.ending('{month}').vs_baseline }}}} on the baseline, and the narrative "
        "goes on for a while so that the paragraph is of a usual length."
    )
    ends = [f"{2018 + (i + 11) // 12}-{(i + 11) % 12 + 1:02d}" for i in range(40)]  # 40 windows

    lines += [text.format(month=ends[i % len(ends)]) for i in range(paragraphs)]
    (folder / "paper.yaml").write_text("\n".join(lines) + "\n")
    return folder


def paragraphs_scaling(tmp: Path, sizes) -> dict:
    from boardpaper import pipeline

    out = {}
    for n in sizes:
        folder = generated_paper(tmp / f"p{n}", n)
        out[n] = median(lambda: pipeline.build(folder, tmp / "out"), 1 if n >= 10000 else 3)
    return out


def rows_scaling(sizes) -> dict:
    """Measure data of `n` monthly rows across many measures and areas → Store → the
    measures table and 1,000 figures."""
    from boardpaper.measures.compute import Store
    from boardpaper.measures.definitions import Measure
    from boardpaper.measures.registry import Figures
    from boardpaper.measures.report import render_table
    from boardpaper.measures.windows import Window, month_text

    out = {}
    months = 120
    for n in sizes:
        series = max(1, n // months)
        measures_n = max(1, min(1000, series // 10))
        areas_n = max(1, series // measures_n)
        rng = np.random.default_rng(1)
        k = measures_n * areas_n * months
        frame = pd.DataFrame(
            {
                "measure": np.repeat(np.arange(measures_n), areas_n * months).astype(str),
                "month": np.tile(np.arange(months) + 2013 * 12, measures_n * areas_n),
                "area": np.tile(np.repeat(np.arange(areas_n), months), measures_n).astype(str),
                "value": rng.integers(0, 1000, k).astype(float),
                "file": "d.csv",
                "line": np.arange(k) + 2,
            }
        )
        frame["measure"] = "m" + frame["measure"]
        frame["area"] = np.where(frame["area"] == "0", "Force", "a" + frame["area"])
        measures = {f"m{i}": Measure(f"m{i}", f"M {i}") for i in range(measures_n)}

        def compute():
            store = Store(frame, measures, {}, "Force")
            figures = Figures(store, month_text(2013 * 12 + months - 1), month_text(2013 * 12 + 59))
            render_table(figures)  # the measures table: every measure over three windows
            for i in range(min(1000, measures_n)):
                store.aggregate(f"m{i}", "Force", Window.ending(2013 * 12 + months - 1))

        out[k] = median(compute, 1 if k >= 1_000_000 else 3)
    return out


def papers_scaling(tmp: Path, counts) -> dict:
    folders = [generated_paper(tmp / "many" / f"paper{i:02d}", 200) for i in range(max(counts))]
    out = {}
    for n in counts:
        names = [str(f) for f in folders[:n]]
        one = median(
            lambda: run(BOARDPAPER + ["build", "-q", *names, "-o", str(tmp / "m1"), "-j", "1"]), 1
        )
        two = median(
            lambda: run(BOARDPAPER + ["build", "-q", *names, "-o", str(tmp / "m2"), "-j", "2"]), 1
        )
        out[n] = {"one_core": one, "two_cores": two}
    return out


def linear(points: dict) -> float:
    """Cost per unit at the largest size over cost per unit at the middle one (1 = linear)."""
    sizes = sorted(points)
    small, large = sizes[-2], sizes[-1]
    return (points[large] / large) / (points[small] / small)


def main() -> int:
    quick = "--quick" in sys.argv
    runs = 3 if quick else 5
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory(prefix="boardpaper-bench-") as tmp_name:
        tmp = Path(tmp_name)
        r: dict = {}
        r.update(cold(tmp, 7 if quick else COLD_RUNS))
        r.update(long_paper(tmp, runs))
        r.update(warm_and_stages(tmp, runs))
        r.update(pandoc(tmp, runs, r["warm_word"]))
        r["paragraphs"] = paragraphs_scaling(tmp, (100, 1000, 10000))
        r["rows"] = rows_scaling(
            (10_000, 100_000, 1_000_000, 10_000_000) if not quick else (10_000, 100_000, 1_000_000)
        )
        r["papers"] = papers_scaling(tmp, (1, 10, 50) if not quick else (1, 10))
        r["records"] = records.bench(1_000_000 if quick else 10_000_000)
        r.update(meeting(tmp, 1 if quick else 3))
    biggest_rows = max(r["rows"])
    many = max(r["papers"])
    goals = [
        (
            "cold build (docx + appendix)",
            f"{r['cold_build']:.2f} s",
            f"≤ 1.5 × imports ({1.5 * r['imports']:.2f} s; {r['cold_ratio']:.2f}×)",
            r["cold_ratio"] <= 1.5,
        ),
        (
            "cold build, like for like (neither tears down)",
            f"{r['cold_ratio_like_for_like']:.2f}×",
            f"(reported; imports {r['imports_without_teardown']:.2f} s)",
            True,
        ),
        (
            "warm rebuild of the Word paper",
            f"{r['warm_word']:.2f} s",
            f"< pandoc ({r['pandoc']:.2f} s)" if r.get("pandoc") else "pandoc not installed",
            bool(r.get("pandoc")) and r["warm_word"] < r["pandoc"],
        ),
        ("warm rebuild, paper and scorecard", f"{r['warm_build']:.2f} s", "(reported)", True),
        (
            f"cold build of the annual report (Word, web page; a {r['long_pages']}-page pack)",
            f"{r['long_build']:.2f} s",
            "< 10 s",
            r["long_build"] < 10,
        ),
        (
            "10,000 paragraphs",
            f"{r['paragraphs'][10000]:.2f} s",
            "< 3 s",
            r["paragraphs"][10000] < 3,
        ),
        (
            "growth with paragraphs (1,000 → 10,000)",
            f"{linear(r['paragraphs']):.2f}",
            "≈ 1 (linear)",
            linear(r["paragraphs"]) < 1.5,
        ),
        (
            f"{biggest_rows:,} data rows computed",
            f"{r['rows'][biggest_rows]:.2f} s",
            "< 10 s",
            r["rows"][biggest_rows] < 10,
        ),
        (
            "growth with data rows",
            f"{linear(r['rows']):.2f}",
            "≈ 1 (linear)",
            linear(r["rows"]) < 1.5,
        ),
        (
            f"{r['records']['rows']:,} street-level records counted",
            f"{r['records']['count_seconds']:.2f} s, {r['records']['peak_bytes'] / 2**30:.2f} GiB",
            "a few seconds (≤ 5 s), ≤ 2 GiB",
            r["records"]["count_seconds"] <= 5 and r["records"]["peak_bytes"] <= 2**31,
        ),
        (
            f"{many} papers on 2 cores vs 1",
            f"{r['papers'][many]['two_cores']:.1f} s vs {r['papers'][many]['one_core']:.1f} s",
            "faster on 2 cores",
            r["papers"][many]["two_cores"] < r["papers"][many]["one_core"],
        ),
        (
            "meeting pack vs each paper's pack in turn",
            f"{r['meeting_pack']:.1f} s vs {r['meeting_apart']:.1f} s",
            "faster together",
            r["meeting_pack"] < r["meeting_apart"],
        ),
        (
            "meeting pack again, nothing changed",
            f"{r['meeting_again']:.1f} s",
            "no LibreOffice: faster",
            r["meeting_again"] < r["meeting_pack"],
        ),
    ]
    r["goals"] = [{"measure": g[0], "measured": g[1], "goal": g[2], "met": g[3]} for g in goals]
    width = max(len(g[0]) for g in goals)
    print(f"{'measure'.ljust(width)}  {'measured':>22}  {'goal':<26} met")
    for name, measured, goal, met in goals:
        print(f"{name.ljust(width)}  {measured:>22}  {goal:<26} {'yes' if met else 'NO'}")
    print("\nstages of a warm build:")
    for stage, seconds in r["stages"].items():
        print(f"  {stage:<28} {seconds:6.3f} s")
    print("paragraphs: " + ", ".join(f"{n:,} → {s:.2f} s" for n, s in r["paragraphs"].items()))
    print("data rows:  " + ", ".join(f"{n:,} → {s:.2f} s" for n, s in r["rows"].items()))
    print(
        "papers:     "
        + ", ".join(
            f"{n} → {v['one_core']:.1f} s (1 core), {v['two_cores']:.1f} s (2 cores)"
            for n, v in r["papers"].items()
        )
    )
    target = ROOT / "output" / "benchmarks.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(r, indent=1, default=str) + "\n")
    print(f"\nwrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
