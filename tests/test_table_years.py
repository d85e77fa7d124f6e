"""A table's `years:` (how a financial year is written) and `corner:` (the first column's
heading), and the total of a ratio measure (`numerator:` and `denominator:`, both sums):
the ratio of the sums, not the sum of the ratios, cut by `rounding: down`. Each through
every output: Word, the data download (CSV and ODS) and the audit trail. Every value is
worked by hand from the data below."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.content import kinds
from boardpaper.content.body import YEAR_FORMS, _year_form, _years
from boardpaper.content.jsonschema import block
from boardpaper.content.yamlmarks import loads
from boardpaper.errors import ContentError
from boardpaper.measures.periods import financial_year, parse_one

MEASURES = """\
icv_accepted:
  label: Visits accepted
  short: Accepted
icv_present:
  label: Detainees present
  short: Present
icv_accepted_pct:
  label: Share of detainees who accepted a visit
  short: "% accepted"
  unit: percent
  decimals: 0
  numerator: icv_accepted
  denominator: icv_present
  per: 100
  rounding: down
population:
  label: Population
  combine: latest
icv_per_population:
  label: Visits accepted per 1,000 population
  unit: rate
  numerator: icv_accepted
  denominator: population
  per: 1000
"""

#: accepted / present: 4,778 / 7,060 = 67.68% (67), 2,188 / 3,746 = 58.41% (58),
#: 1,933 / 4,038 = 47.87% (47), 675 / 1,300 = 51.92% (51); the four years
#: 9,574 / 16,144 = 59.30% (59), where the ratios would sum to 223 and average 55.75
DATA = """\
measure,period,value
icv_accepted,2017/18,4778
icv_accepted,2018/19,2188
icv_accepted,2019/20,1933
icv_accepted,2020/21,675
icv_accepted,2021,800
icv_present,2017/18,7060
icv_present,2018/19,3746
icv_present,2019/20,4038
icv_present,2020/21,1300
population,2017,100000
"""

YEARS = "[2017/18, 2018/19, 2019/20, 2020/21]"

TABLES = f"""\
  - table: Independent custody visits
    measures: [icv_accepted, icv_present, icv_accepted_pct]
    columns: {YEARS}
    transpose: yes
    total: yes
    percent_sign: no
    years: 2020-21
    corner: Financial year
  - table: Visits accepted by year
    measures: [icv_accepted_pct]
    columns: {YEARS}
    change: yes
    years: 20/21
    corner: Indicator
  - table: Periods of other kinds
    measures: [icv_accepted]
    columns: [2020/21, 2021, 2021-03]
    years: 2020/2021
"""

EXPECTED = [
    [
        ["Financial year", "Accepted", "Present", "% accepted"],
        ["2017-18", "4,778", "7,060", "67"],
        ["2018-19", "2,188", "3,746", "58"],
        ["2019-20", "1,933", "4,038", "47"],
        ["2020-21", "675", "1,300", "51"],
        ["Total", "9,574", "16,144", "59"],
    ],
    [  # the change of the figures as cut: 51 - 67 = -16 points
        ["Indicator", "17/18", "18/19", "19/20", "20/21", "Change 17/18 to 20/21"],
        ["Share of detainees who accepted a visit", "67%", "58%", "47%", "51%", "-16.0 pts"],
    ],
    [  # a calendar year and a year ending a month keep their form
        ["Measure", "2020/2021", "2021", "Year ending March 2021"],
        ["Visits accepted", "675", "800", "675"],
    ],
]


def paper(folder: Path, tables: str = TABLES, data: str = DATA) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "paper.yaml").write_text(
        "period: 2021-03\ncover:\n  board: Strategic Policing and Crime Board\n"
        "  meeting: 2021-09\n  title: Table years\nbody:\n  - heading: Purpose\n"
        "  - The paper.\n" + tables,
        encoding="utf-8",
    )
    (folder / "measures.yaml").write_text(MEASURES, encoding="utf-8")
    (folder / "data" / "measures.csv").write_text(data, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("years")
    result = pipeline.build(paper(root / "table-years"), root / "out")
    return {p.name: p.read_bytes() for p in result.outputs}


def test_word_prints_the_years_corner_and_ratio_total(built):
    document = docx.Document(io.BytesIO(built["table-years.docx"]))
    found = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert found[-3:] == EXPECTED


def test_the_data_downloads_carry_the_same_labels(built):
    for number, expected in enumerate(EXPECTED, 1):
        text = built[f"table-years-data-table-{number}.csv"].decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[-len(expected) :] == expected
    with zipfile.ZipFile(io.BytesIO(built["table-years-data.ods"])) as ods:
        content = ods.read("content.xml").decode("utf-8")
    for label in ("Financial year", "2017-18", "17/18", "2020/2021", "Year ending March 2021"):
        assert f"<text:p>{label}</text:p>" in content


def test_the_ratio_total_is_traced_to_both_measures_over_every_year(built):
    rows = list(csv.DictReader(io.StringIO(built["table-years.figures.csv"].decode())))
    by = {r["expression"]: r for r in rows}
    years = "2017-04..2018-03 + 2018-04..2019-03 + 2019-04..2020-03 + 2020-04..2021-03"
    total = by["table 'Independent custody visits': % accepted, Total"]
    assert (total["text"], total["measure"], total["window"]) == (
        "59",
        "icv_accepted icv_present",
        years,
    )
    assert "measures.csv sha256:" in total["source"]
    cell = by["table 'Independent custody visits': % accepted, 2018-19"]
    assert (cell["text"], cell["measure"], cell["window"]) == (
        "58",
        "icv_accepted icv_present",
        "2018-04..2019-03",
    )
    assert by["table 'Visits accepted by year': Share of detainees who accepted a visit, 19/20"]


def _error(tmp_path, capsys, tables: str, data: str = DATA) -> str:
    folder = paper(tmp_path / "p", tables, data)
    assert main(["build", "-q", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


@pytest.mark.parametrize(
    "option, message",
    [
        (
            "years: 2020_21",
            ":12:12: error: years is how 2020/21 is written (2020/21, 2020/2021, 2020-21, "
            "2020-2021, 20/21 or 20-21), not a number",
        ),
        ("years: 2020.21", "not a number (hint: did you mean '2020/21'?)"),
        ("years: FY2020/21", "not 'FY2020/21' (hint: did you mean '2020/21'?)"),
        ("years: 2021/2022", "(hint: write the form for 2020/21: years: 2020/2021)"),
        ("years: 19-20", "(hint: write the form for 2020/21: years: 20-21)"),
        ("years: yes", "not yes/no (hint: write 2020/21 as it should print: 2020/21,"),
        ("corner: ''", ":12:13: error: 'corner' is empty"),
        ("corner: [Year]", ":12:13: error: 'corner' must be text, not a list"),
        ("coner: Year", "unknown key 'coner' in a 'table' block (hint: did you mean 'corner'?)"),
        ("yeras: 20/21", "(hint: did you mean 'years'?)"),
    ],
)
def test_a_wrong_option_is_one_line_at_it(tmp_path, capsys, option, message):
    line = _error(
        tmp_path,
        capsys,
        f"  - table: T\n    measures: [icv_accepted]\n    columns: {YEARS}\n    {option}\n",
    )
    assert ":12:" in line and message in line


def test_a_total_of_a_ratio_of_a_population_is_refused(tmp_path, capsys):
    line = _error(
        tmp_path,
        capsys,
        f"  - table: T\n    measures: [icv_per_population]\n    columns: {YEARS}\n    total: yes\n",
    )
    assert ":12:12: error:" in line
    assert "'icv_per_population' does not add up (icv_accepted divided by population" in line


def test_data_for_a_ratio_is_an_error_at_its_row(tmp_path, capsys):
    line = _error(
        tmp_path,
        capsys,
        f"  - table: T\n    measures: [icv_accepted]\n    columns: {YEARS}\n",
        DATA + "icv_accepted_pct,2017/18,67\n",
    )
    assert line.startswith(str(tmp_path / "p" / "data" / "measures.csv") + ":12:1: error:")
    assert "'icv_accepted_pct' is icv_accepted divided by icv_present" in line
    assert "has no data of its own" in line


def test_the_schema_knows_years_and_corner():
    table = block("table", kinds.by_key()["table"])["properties"]
    assert table["years"]["enum"] == list(YEAR_FORMS)
    assert table["corner"]["type"] == ["string", "number", "null"]


@given(start=st.integers(1900, 2198), form=st.sampled_from(YEAR_FORMS))
def test_every_form_writes_the_year_it_names(start, form):
    """Each form writes the year's two calendar years, in the form's digits and mark, and
    gives back the form it was written in; 2020/21 is the data's own label."""
    text = financial_year(start, form)
    first, mark, second = text.partition("/" if "/" in form else "-")
    assert mark == ("/" if "/" in form else "-")
    assert len(first) == len(form.split(mark)[0]) and len(second) == len(form.split(mark)[1])
    assert int(first) % 100 == start % 100 and int(second) % 100 == (start + 1) % 100
    assert _year_form(text) == form
    if form == "2020/21":
        assert parse_one(text) == (start * 12 + 14, 12)  # April to March


@given(
    st.one_of(
        st.text(max_size=12),
        st.from_regex(r"\A\s?\d{2,4}[/-]\d{2,4}\s?\Z"),
        st.sampled_from(YEAR_FORMS),
    )
)
def test_years_takes_its_forms_and_refuses_anything_else_in_one_line(text):
    """Any text given to `years:` is one of the forms (as written, around spaces), or one
    error at the value with a hint; a form written for another year is pointed to the same
    form for 2020/21, which writes that year back as it was written."""
    try:
        item = loads(f"years: {json.dumps(text)}\n", "paper.yaml")
    except ContentError as refused:  # a character YAML's door refuses before any key
        assert len(refused.render().splitlines()) == 1
        return
    if text.strip() in YEAR_FORMS:
        assert _years(item) == text.strip()
        return
    with pytest.raises(ContentError) as caught:
        _years(item)
    error = caught.value
    assert (error.where.line, error.where.col) == (1, 8)
    assert error.hint and len(error.render().splitlines()) == 1
    form = _year_form(text.strip())
    if form is not None:  # 2021/2022, 19-20: the form, written back the same
        first = re.split(r"[/-]", text.strip())[0]
        start = int(first) if len(first) == 4 else 2000 + int(first)
        assert financial_year(start, form) == text.strip()
        assert error.hint == f"write the form for 2020/21: years: {form}"
