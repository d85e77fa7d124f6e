"""Property tests: whatever an author or analyst writes, boardpaper either builds a valid
paper or stops with one line `file:line:col: error: …` and exit status 2, never a
traceback, never "None" or "nan" in the paper."""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

import docx
import yaml
from hypothesis import given
from hypothesis import strategies as st

from boardpaper.cli import main

ERROR = re.compile(r"^\S.*?(:\d+:\d+)?: error: .+$")

BASE = {
    "period": "2022-03",
    "cover": {
        "board": "Strategic Policing and Crime Board",
        "meeting": "2022-05",
        "title": "A paper",
        "priority": "Regular Item",
        "presented_by": "A Person",
        "marking": "OFFICIAL",
    },
    "about": {"subject": "Subject", "author": "Author", "keywords": ["a", "b"]},
    "notes": {"n1": {"text": "A note", "link": "https://example.org/a"}},
    "body": [
        {"heading": "Purpose of paper"},
        "First paragraph.[^n1]",
        "Homicides: {{ m.crime }} ({{ m.crime.vs_baseline }}).",
        {"bullets": ["One", {"text": "Two", "bullets": ["Two a"]}]},
        {"authors": "A Person", "job_title": "Analyst"},
    ],
}
MEASURES = "crime:\n  label: Crime\n  good: down\n"

# text of every kind: control characters, emoji, right-to-left, combining marks, markup
TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(
        [
            "\u202eRTL override",
            "שלום עולם",
            "مرحبا",
            "😀👍🏽 emoji",
            "e\u0301",
            "**bold",
            "{{ m.nope }}",
            "{{ m.crime.__class__ }}",
            "[x](javascript:1)",
            "a\x00b",
            "\x1b[31m",
            "\ufeffbom",
            "  ",
            "",
            "\\",
            "*",
            "[^n1]",
            "x" * 100_000,
        ]
    ),
)
FIELDS = [
    ("cover", "title"),
    ("cover", "board"),
    ("cover", "priority"),
    ("cover", "marking"),
    ("cover", "presented_by"),
    ("about", "subject"),
    ("about", "author"),
    ("notes", "n1"),
    ("body", 1),
    ("body", 0),
    ("body", 3),
]


def data(rows: str) -> str:
    months = "".join(
        f"crime,{y}-{m:02d},{10 + m}\n" for y in (2018, 2019, 2021, 2022) for m in range(1, 13)
    )
    return "measure,period,value\n" + months + rows


def run(
    paper: dict, measures: str = MEASURES, table: str | None = None, written: str = ""
) -> tuple[int, str]:
    """Build `paper` in a fresh folder; (exit status, stderr). "None" and "nan" must not
    appear in the paper unless the author `written` them."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "paper"
        (folder / "data").mkdir(parents=True)
        (folder / "paper.yaml").write_text(
            yaml.safe_dump(paper, allow_unicode=True), encoding="utf-8"
        )
        (folder / "measures.yaml").write_text(measures, encoding="utf-8")
        (folder / "data" / "d.csv").write_text(
            table if table is not None else data(""), encoding="utf-8"
        )
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["build", str(folder), "-o", str(Path(tmp) / "out")])
        if status == 0:
            out = Path(tmp) / "out" / "paper.docx"
            text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
            for word in ("None", "nan"):
                assert word in written or word not in text.split(), word
        else:
            assert not (Path(tmp) / "out" / "paper.docx").exists()
        return status, err.getvalue()


def assert_clean(status: int, err: str) -> None:
    assert status in (0, 2), err
    if status == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and ERROR.match(lines[0]), err
        assert "Traceback" not in err


@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_any_text_in_any_field(field, text):
    paper = yaml.safe_load(yaml.safe_dump(BASE))
    where, key = field
    if where == "body":
        block = paper["body"][key]
        if isinstance(block, dict) and "heading" in block:
            block["heading"] = text
        elif isinstance(block, dict):
            block["bullets"][0] = text
        else:
            paper["body"][key] = text + " [^n1]"
    elif where == "notes":
        paper["notes"]["n1"]["text"] = text
    else:
        paper[where][key] = text
    assert_clean(*run(paper, written=text))


def _nested(depth: int):
    item = "leaf"
    for _ in range(depth):
        item = {"text": "level", "bullets": [item]}
    return item


@given(depth=st.integers(0, 40), empty=st.booleans())
def test_deep_lists_and_empty_sections(depth, empty):
    paper = yaml.safe_load(yaml.safe_dump(BASE))
    paper["body"].append({"bullets": [_nested(depth)]})
    if empty:
        paper["body"] += [{"heading": "Empty section"}, {"heading": "Another"}]
    status, err = run(paper)
    assert_clean(status, err)
    assert (status == 0) == (depth <= 1), err


CELL = st.one_of(
    st.integers(-(10**18), 10**18).map(str),
    st.floats(allow_nan=True).map(str),
    st.sampled_from(["", "x", "1,234", "1.5e308", "-0", "NaN", "inf", "٣", "½"]),
    st.text(max_size=8),
)
PERIOD = st.one_of(
    st.sampled_from(
        [
            "2022-03",
            "2022-3",
            "03/2022",
            "March 2022",
            "2022-13",
            "2022-03-01",
            "2022-03-01 00:00:00",
            "2021-12",
        ]
    ),
    st.text(max_size=8),
)


@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["crime", "crim", "", "other"]), PERIOD, CELL), max_size=6
    ),
    header=st.sampled_from(
        [
            "measure,period,value",
            "measure,value",
            "period,value,measure",
            "measure,period,value,area",
            "measure,period,value,note",
            "",
        ]
    ),
)
def test_any_data_table(rows, header):
    body = "".join(",".join(r) + "\n" for r in rows)
    table = data(body) if header == "measure,period,value" else header + "\n" + body
    assert_clean(*run(yaml.safe_load(yaml.safe_dump(BASE)), table=table))


@given(
    values=st.lists(
        st.one_of(
            st.just(0), st.integers(-(10**9), 10**12), st.floats(-1e12, 1e12, allow_nan=False)
        ),
        min_size=24,
        max_size=24,
    )
)
def test_zero_negative_and_huge_values(values):
    months = (
        [f"2018-{m:02d}" for m in range(7, 13)]
        + [f"2019-{m:02d}" for m in range(1, 7)]
        + [f"2021-{m:02d}" for m in range(4, 13)]
        + [f"2022-{m:02d}" for m in range(1, 4)]
    )
    rows = "".join(f"crime,{month},{v}\n" for month, v in zip(months, values))
    status, err = run(yaml.safe_load(yaml.safe_dump(BASE)), table="measure,period,value\n" + rows)
    assert_clean(status, err)
    baseline, current = sum(values[:12]), sum(values[12:])
    if baseline != 0 and current >= 0 and baseline > 0:
        assert status == 0, err  # any non-zero baseline with counts gives a paper


@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_any_measure_definition_text(text):
    assert_clean(
        *run(
            yaml.safe_load(yaml.safe_dump(BASE)),
            measures=f"crime:\n  label: {yaml.safe_dump(text).strip()}\n",
        )
    )
