"""A table's `headings:`: the periods' headings of the author's own, one per entry of
`columns:`, in place of the period labels (the header row, or the first column of a
transposed table), through Word, the data download (CSV) and the audit trail, where a
cell's place still names its period. Every value is worked by hand from the data below."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.content import kinds
from boardpaper.content.body import Body
from boardpaper.content.jsonschema import block
from boardpaper.content.schema import validate
from boardpaper.content.yamlmarks import loads
from boardpaper.errors import ContentError, Location
from boardpaper.jsonschemas import SCHEMAS, plain

MEASURES = """\
accepted:
  label: Visits accepted
  short: Accepted
present:
  label: Detainees present
  short: Present
crime_rate:
  label: Crime rate per 1,000 population
  unit: rate
  combine: latest
  decimals: 1
"""

DATA = """\
measure,period,value,area
accepted,2019/20,1933,
accepted,2020/21,675,
present,2019/20,4038,
present,2020/21,1300,
crime_rate,2020-09,78.94,West Midlands
crime_rate,2020-09,92.31,Merseyside
"""

YEARS = "[2019/20, 2020/21]"

TABLES = f"""\
  - table: Recorded crime, year ending September 2020
    measure: crime_rate
    areas: [West Midlands, Merseyside]
    columns: [2020-09]
    headings: ["Rate per 1,000"]
    corner: Force
  - table: Visits before and during the pandemic
    measures: [accepted]
    columns: {YEARS}
    headings: [Before the pandemic, First pandemic year]
    change: yes
    years: 20-21
  - table: Visits by year
    measures: [accepted, present]
    columns: {YEARS}
    headings: [2019/20 (before COVID-19), 2021]
    transpose: yes
    total: yes
    corner: Period
"""

EXPECTED = [
    [  # the rates as given, to one place
        ["Force", "Rate per 1,000"],
        ["West Midlands", "78.9"],
        ["Merseyside", "92.3"],
    ],
    [  # 675 / 1,933 - 1 = -65.1%; the change keeps its heading of periods, as years: writes
        ["Measure", "Before the pandemic", "First pandemic year", "Change 19-20 to 20-21"],
        ["Visits accepted", "1,933", "675", "-65%"],
    ],
    [  # a heading read by YAML as a number (2021) is its text; 1,933 + 675 = 2,608
        ["Period", "Accepted", "Present"],
        ["2019/20 (before COVID-19)", "1,933", "4,038"],
        ["2021", "675", "1,300"],
        ["Total", "2,608", "5,338"],
    ],
]


def paper(folder: Path, tables: str = TABLES) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "paper.yaml").write_text(
        "period: 2021-03\ncover:\n  board: Strategic Policing and Crime Board\n"
        "  meeting: 2021-09\n  title: Table headings\nbody:\n  - heading: Purpose\n"
        "  - The paper.\n" + tables,
        encoding="utf-8",
    )
    (folder / "measures.yaml").write_text(MEASURES, encoding="utf-8")
    (folder / "data" / "measures.csv").write_text(DATA, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("headings")
    result = pipeline.build(paper(root / "table-headings"), root / "out")
    return {p.name: p.read_bytes() for p in result.outputs}


def test_word_prints_the_authors_headings(built):
    document = docx.Document(io.BytesIO(built["table-headings.docx"]))
    found = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert found[-3:] == EXPECTED


def test_the_data_downloads_carry_the_same_headings(built):
    for number, expected in enumerate(EXPECTED, 1):
        text = built[f"table-headings-data-table-{number}.csv"].decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[-len(expected) :] == expected


def test_figures_csv_names_each_cells_heading_and_period(built):
    rows = list(csv.DictReader(io.StringIO(built["table-headings.figures.csv"].decode())))
    by = {r["expression"]: r for r in rows}
    rate = by[
        "table 'Recorded crime, year ending September 2020': "
        "Merseyside, Rate per 1,000 (Year ending September 2020)"
    ]
    assert (rate["text"], rate["measure"], rate["area"]) == ("92.3", "crime_rate", "Merseyside")
    before = by[
        "table 'Visits before and during the pandemic': Visits accepted, Before the "
        "pandemic (19-20)"
    ]
    assert (before["text"], before["window"]) == ("1,933", "2019-04..2020-03")
    change = by[
        "table 'Visits before and during the pandemic': Visits accepted, Change 19-20 to 20-21"
    ]
    assert change["text"] == "-65%"
    late = by["table 'Visits by year': Present, 2021 (2020/21)"]
    assert (late["text"], late["window"]) == ("1,300", "2020-04..2021-03")
    # a heading that says its period's label already is not followed by it again
    assert by["table 'Visits by year': Accepted, 2019/20 (before COVID-19)"]["text"] == "1,933"


def _error(tmp_path, capsys, tables: str) -> str:
    folder = paper(tmp_path / "p", tables)
    assert main(["build", "-q", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


@pytest.mark.parametrize(
    "option, message",
    [
        (
            "headings: [Before]",
            ":12:15: error: headings needs 2 headings, one per entry of columns: "
            "(2019/20, 2020/21), not 1",
        ),
        (
            "headings: [Rate per 1,000, Rate per 1,000]",
            "not 4 (hint: a comma in [ ] starts another heading: quote one with a comma, "
            '["Rate per 1,000"])',
        ),
        (
            "headings: []",
            "headings needs 2 headings, one per entry of columns: (2019/20, 2020/21), not 0",
        ),
        ("headings: [Before, '']", ":12:24: error: heading 2 of 'headings' is empty"),
        ("headings: [Before, '  ']", ":12:24: error: heading 2 of 'headings' is empty"),
        (
            "headings: [[Before], After]",
            ":12:16: error: heading 1 of 'headings' must be text, not a list",
        ),
        ("headings: [Before, yes]", "heading 2 of 'headings' must be text, not yes/no"),
        ("headings: [Before, ~]", "heading 2 of 'headings' must be text, not nothing"),
        ("headings: [Before, .nan]", "heading 2 of 'headings' must be text, not the number nan"),
        (
            "headings: Before",
            ":12:15: error: headings must be a list of 2 headings, one per entry of columns:, "
            "not text (hint: write headings: […, …])",
        ),
        (
            "headings: {a: b}",
            "headings must be a list of 2 headings, one per entry of columns:, not a set of keys",
        ),
        (
            "headings: [A, B]\n    years: 20/21",
            ":13:12: error: years: writes the periods' headings, which headings: replaces",
        ),
        (
            "headings: [A, B]\n    years: 20/21\n    change: yes\n    transpose: yes",
            ":13:12: error: years:",
        ),
        (
            "headings: [A, B]\n    years: 20-2021",
            ":13:12: error: years is how 2020/21 is written",
        ),
        (
            "headngs: [A, B]",
            "unknown key 'headngs' in a 'table' block (hint: did you mean 'headings'?)",
        ),
        (
            "heading: [A, B]",
            ":12:5: error: 'heading' starts a block of its own, not a key of a 'table' block "
            "(hint: did you mean 'headings'?)",
        ),
    ],
)
def test_a_wrong_headings_is_one_line_at_it(tmp_path, capsys, option, message):
    line = _error(
        tmp_path,
        capsys,
        f"  - table: T\n    measures: [accepted]\n    columns: {YEARS}\n    {option}\n",
    )
    assert message in line


def test_one_column_given_one_text_is_pointed_to_a_list(tmp_path, capsys):
    line = _error(
        tmp_path,
        capsys,
        "  - table: T\n    measures: [accepted]\n    columns: [2020/21]\n"
        "    headings: Rate per 1,000\n",
    )
    assert line.endswith(
        ":12:15: error: headings must be a list of 1 heading, one per entry of columns:, "
        'not text (hint: write it as a list: headings: ["Rate per 1,000"])'
    )


def test_the_schema_knows_headings():
    table = block("table", kinds.by_key()["table"])["properties"]
    assert table["headings"]["type"] == "array"
    assert table["headings"]["items"]["type"] == ["string", "number"]
    assert "one per entry of columns:" in table["headings"]["description"]


PAPER = jsonschema.Draft7Validator(SCHEMAS["paper"]())
TABLE = {"table": "T", "measures": ["accepted"], "columns": ["2019/20", "2020/21"]}


@pytest.mark.parametrize(
    "extra",
    [
        {"headings": ["A", "B"]},
        {"headings": ["A", 2021]},
        {"headings": ["A"]},
        {"headings": ["A", "B", "C"]},
        {"headings": []},
        {"headings": "A"},
        {"headings": ["A", ""]},
        {"headings": ["A", " "]},
        {"headings": ["A", ["B"]]},
        {"headings": ["A", True]},
        {"headings": ["A", None]},
        {"headings": ["A", "B"], "years": "20/21"},
        {"headings": ["A", "B"], "years": "20/21", "change": True},
        {"headings": ["A", "B"], "years": "20/21", "change": True, "transpose": True},
        {"headings": ["A", "B"], "years": "20/21", "change": False},
        {"headings": ["A", "B"], "change": True, "transpose": True},
        {"columns": ["2020-09"], "headings": ["Rate per 1,000"]},
        {"columns": [str(1990 + n) for n in range(25)], "headings": ["x"] * 25},
    ],
)
def test_the_schema_and_the_program_agree_on_headings(extra, tmp_path):
    doc = {
        "cover": {"board": "B", "meeting": "2022-05", "title": "T", "priority": "R"},
        "body": [{**TABLE, **extra}],
    }
    text = yaml.safe_dump(doc, sort_keys=False)
    try:
        validate(loads(text, "paper.yaml"), "paper.yaml", "t", tmp_path)
        accepted = True
    except ContentError:
        accepted = False
    assert PAPER.is_valid(plain(loads(text, "paper.yaml"))) == accepted, text


def _item(entries: list[str], columns: int):
    return loads(
        f"table: T\nmeasures: [accepted]\ncolumns: {YEARS if columns == 2 else '[2020/21]'}\n"
        f"headings: [{', '.join(json.dumps(e) for e in entries)}]\n",
        "paper.yaml",
    )


@given(st.lists(st.text(max_size=12), max_size=3), st.sampled_from([1, 2]))
def test_any_text_is_taken_as_written_or_refused_in_one_line(entries, columns):
    """Any text given to `headings:` is printed as written when there is a heading per
    column and none is blank; else one error, at `headings:` (how many are needed) or at
    the blank one, never a traceback."""
    try:
        item = _item(entries, columns)
    except ContentError as refused:  # a character YAML's door refuses before any key
        assert len(refused.render().splitlines()) == 1
        return
    try:
        spec = Body((), Path(".")).table(item, Location("paper.yaml", 1, 1))
    except ContentError as refused:
        assert len(refused.render().splitlines()) == 1
        assert refused.where is not None and refused.where.line == 4
        if len(entries) != columns:
            assert f"headings needs {columns} heading" in refused.message
            assert refused.where.col == 11
        else:
            blank = next(n for n, e in enumerate(entries, 1) if not e.strip())
            assert refused.message == f"heading {blank} of 'headings' is empty"
        return
    assert spec.headings == tuple(entries)
    assert len(entries) == columns and all(e.strip() for e in entries)
