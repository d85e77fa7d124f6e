"""A table's options as the annual report publishes its tables (issue 27): `commas:`
(thousands separators of its own), `total: yes` (each measure summed over the periods)
and `percent_sign: no` (a percentage printed "66" under a heading that says %), each
through every output: Word, the web page, the data download (CSV and ODS) and the audit
trail. Every value here is worked by hand from the data below."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.content import kinds
from boardpaper.content.jsonschema import block, paper_schema

MEASURES = """\
visits:
  label: Visits offered
  short: Visits
  unit: count
  combine: sum
accepted:
  label: Visits accepted
  short: Accepted
  unit: count
  combine: sum
accepted_pct:
  label: Share of visits accepted
  short: "% accepted"
  unit: percent
  combine: latest
  decimals: 0
"""

#: visits 2,955 + 2,555 + 12,345 = 17,855; accepted 2,535 + 2,243 + 675 = 5,453
DATA = """\
measure,period,value
visits,2018/19,2955
visits,2019/20,2555
visits,2020/21,12345
accepted,2018/19,2535
accepted,2019/20,2243
accepted,2020/21,675
accepted_pct,2018/19,66
accepted_pct,2019/20,69
accepted_pct,2020/21,58
"""

YEARS = "[2018/19, 2019/20, 2020/21]"

TABLES = f"""\
  - table: Visits with a total
    measures: [visits, accepted]
    columns: {YEARS}
    transpose: yes
    total: yes
  - table: Visits as published
    measures: [visits, accepted_pct]
    columns: {YEARS}
    transpose: yes
    commas: no
    percent_sign: no
  - table: Visits by year
    measures: [visits]
    columns: {YEARS}
    change: yes
    total: yes
    commas: 10000
"""


def paper(folder: Path, tables: str = TABLES) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "paper.yaml").write_text(
        "period: 2021-03\ncover:\n  board: Strategic Policing and Crime Board\n"
        "  meeting: 2021-09\n  title: Table options\nbody:\n  - heading: Purpose\n"
        "  - The paper.\n" + tables,
        encoding="utf-8",
    )
    (folder / "measures.yaml").write_text(MEASURES, encoding="utf-8")
    (folder / "data" / "measures.csv").write_text(DATA, encoding="utf-8")
    return folder


#: the cells of each table as printed, header first
EXPECTED = [
    [
        ["Year", "Visits", "Accepted"],
        ["2018/19", "2,955", "2,535"],
        ["2019/20", "2,555", "2,243"],
        ["2020/21", "12,345", "675"],
        ["Total", "17,855", "5,453"],
    ],
    [
        ["Year", "Visits", "% accepted"],
        ["2018/19", "2955", "66"],
        ["2019/20", "2555", "69"],
        ["2020/21", "12345", "58"],
    ],
    [  # 12,345 / 2,955 = 4.178: +318%; 10000: 28,675 but 2836
        ["Measure", "2018/19", "2019/20", "2020/21", "Change 2018/19 to 2020/21", "Total"],
        ["Visits offered", "2955", "2555", "12,345", "+318%", "17,855"],
    ],
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("options")
    folder = paper(root / "table-options")
    result = pipeline.build(folder, root / "out", html=True)
    return {p.name: p.read_bytes() for p in result.outputs}


def test_word_prints_the_tables_as_published(built):
    document = docx.Document(io.BytesIO(built["table-options.docx"]))
    found = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert found[-3:] == EXPECTED


def test_the_data_downloads_print_the_same(built):
    for number, expected in enumerate(EXPECTED, 1):
        text = built[f"table-options-data-table-{number}.csv"].decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[-len(expected) :] == expected
    second = built["table-options-data-table-2.csv"].decode("utf-8-sig")
    # the bare percentages are still named per cent
    assert "Units: Visits: number; % accepted: per cent (%)" in second
    with zipfile.ZipFile(io.BytesIO(built["table-options-data.ods"])) as ods:
        content = ods.read("content.xml").decode("utf-8")
    assert 'office:value="17855"' in content and "<text:p>17,855</text:p>" in content
    assert "<text:p>12345</text:p>" in content  # table 2: no separator in the sheet either


def test_the_web_page_prints_the_same(built):
    page = built["table-options.html"].decode("utf-8")
    second = page[page.index("Visits as published") :]
    second = second[: second.index("</table>")]
    assert ">12345<" in second and ">66<" in second and "66%" not in second
    first = page[page.index("Visits with a total") :]
    first = first[: first.index("</table>")]
    assert ">Total<" in first and ">17,855<" in first and ">5,453<" in first


def test_the_audit_trail_traces_each_total_to_every_year_summed(built):
    rows = list(csv.DictReader(io.StringIO(built["table-options.figures.csv"].decode())))
    by = {r["expression"]: r for r in rows}
    years = "2018-04..2019-03 + 2019-04..2020-03 + 2020-04..2021-03"
    total = by["table 'Visits with a total': Accepted, Total"]
    assert (total["text"], total["measure"], total["window"]) == ("5,453", "accepted", years)
    assert "measures.csv sha256:" in total["source"]
    row_total = by["table 'Visits by year': Visits offered, Total"]
    assert (row_total["text"], row_total["window"]) == ("17,855", years)
    bare = by["table 'Visits as published': % accepted, 2018/19"]
    assert (bare["text"], bare["measure"], bare["window"]) == (
        "66",
        "accepted_pct",
        "2018-04..2019-03",
    )
    assert by["table 'Visits as published': Visits, 2020/21"]["text"] == "12345"
    # every cell of every table is traced: 3 × 2 + 2 totals, 3 × 2, 3 + change + total
    assert sum(r["place"] == "table" for r in rows) == 8 + 6 + 5


def test_a_total_without_data_for_a_year_is_a_dash(tmp_path):
    folder = paper(
        tmp_path / "p",
        "  - table: Gaps\n    measures: [visits]\n    columns: [2017/18, 2018/19]\n"
        "    blanks: yes\n    total: yes\n",
    )
    table = pipeline.prepare(folder).paper.blocks[-1]
    assert table.text_rows() == (("Visits offered", "–", "2,955", "–"),)


def _error(tmp_path, capsys, tables: str) -> str:
    folder = paper(tmp_path / "p", tables)
    assert main(["build", "-q", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


def test_a_total_of_a_percentage_is_refused_at_the_key(tmp_path, capsys):
    line = _error(
        tmp_path,
        capsys,
        f"  - table: T\n    measures: [visits, accepted_pct]\n    columns: {YEARS}\n"
        "    total: yes\n",
    )
    assert ":12:12: error:" in line and "'accepted_pct' does not add up" in line


def test_a_bare_percentage_needs_a_heading_that_says_so(tmp_path, capsys):
    line = _error(
        tmp_path,
        capsys,
        f"  - table: T\n    measures: [accepted_pct]\n    columns: {YEARS}\n    percent_sign: no\n",
    )  # not transposed: the row is headed by the label, which does not say %
    assert ":12:19: error:" in line and "'Share of visits accepted' does not" in line


@pytest.mark.parametrize(
    "option, message",
    [
        ("commas: 500", "commas is yes (the house style), no (2836, 28675), 1000"),
        ("total: maybe", "total must be yes or no"),
        ("percent_sign: 1", "percent_sign must be yes or no"),
        ("totals: yes", "unknown key 'totals' in a 'table' block (hint: did you mean 'total'?)"),
        ("comas: no", "did you mean 'commas'?"),
    ],
)
def test_a_wrong_option_is_one_line_at_it(tmp_path, capsys, option, message):
    line = _error(
        tmp_path,
        capsys,
        f"  - table: T\n    measures: [visits]\n    columns: {YEARS}\n    {option}\n",
    )
    assert ":12:" in line and message in line


def test_the_schema_knows_the_options():
    table = block("table", kinds.by_key()["table"])["properties"]
    assert {"commas", "total", "percent_sign"} <= set(table)
    assert table["commas"]["anyOf"][-1]["enum"] == [1000, 10000]
    assert "commas" in json.dumps(paper_schema())
