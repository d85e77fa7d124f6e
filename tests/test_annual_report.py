"""The annual report example: its tables hold the published values, cell by cell; its
charts carry alt text that states their data; it passes the accessibility check."""

from __future__ import annotations

import re

import docx
import pytest

from boardpaper import checking, pipeline

from .conftest import ROOT, SHARED, needs_shared

PAPER = ROOT / "content" / "2021-09-annual-report"
SEED = SHARED / "seeds" / "2021-09-annual-report-2020-21.pdf-text.txt"

needs_seed = needs_shared(SEED)  # the tests of the published values; the rest run anywhere


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return pipeline.build(PAPER, tmp_path_factory.mktemp("annual"))


@pytest.fixture(scope="module")
def tables(built):
    document = docx.Document(str(built.outputs[0]))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def seed_rows(pattern: str) -> list[list[str]]:
    """Rows of the published text matching `pattern`, split into their numbers."""
    text = SEED.read_text(encoding="utf-8")
    return [m.group(0).split() for m in re.finditer(pattern, text, re.M)]


def figures(cells: list[str]) -> list[str]:
    """Cells as the seed writes them: no thousands separators."""
    return [c.replace(",", "") for c in cells]


@needs_seed
def test_indicator_1_crime_rate_against_similar_forces(tables):
    published = {
        " ".join(r[:-1]): r[-1]
        for r in seed_rows(
            r"^(England and Wales|West Midlands|Metropolitan Police|Merseyside|Greater Manchester|"
            r"West Yorkshire) \d+\.\d\s*$"
        )
    }
    ours = {row[0]: row[1] for row in tables[0][1:]}
    assert ours == published and len(ours) == 6


@needs_seed
def test_indicator_2_hidden_crimes_both_tables(tables):
    rows = seed_rows(r"^20\d\d/\d\d( \d+)+")
    crimes, non_crime = rows[:5], rows[5:10]
    for published, ours in ((crimes, tables[1]), (non_crime, tables[2])):
        assert [r[0] for r in ours[1:]] == [r[0] for r in published]
        for seed_row, row in zip(published, ours[1:]):
            cells = [c for c in figures(row[1:]) if c != "–"]  # 2016/17 has no trafficking
            assert cells == seed_row[1:], row[0]
    assert tables[1][1][-1] == "–"


@needs_seed
def test_indicator_8_victim_survey(tables):
    invited = seed_rows(r"^20(19|20) \d+ \d+\.\d%\s*$")
    assert [figures(r) for r in tables[3][1:]] == invited
    satisfied = seed_rows(r"^20(18|19|20) \d+ \d+ \d+\.\d%\s*$")
    assert [figures(r) for r in tables[4][1:]] == satisfied


@needs_seed
def test_indicator_9_complaints(tables):
    published = seed_rows(r"^\s?20(1[5-9]|20) \d+ \d+ \d+ \d+\s*$")
    assert [figures(r) for r in tables[5][1:]] == published and len(published) == 6


def test_text_figures_match_the_published_text(built):
    from boardpaper.narrative import model as m

    text = " ".join(
        m.plain_text(b.inlines) for b in built.paper.blocks if isinstance(b, (m.Plain, m.Paragraph))
    )
    for phrase in (
        "for West Midlands was 86.9 per 1,000 population. Whilst this is 3.5 points",
        "an increase on the 85.5 reported for the year ending June 2020",
        "down from 48,428 to 39,507",
        "down from 9.6% to 6.3%",
        "decreased from 47% in 2019 to 43% in 2020",
        "from 408 in 2019 to 3,710 in 2020",
        "a 23% reduction in the number of miscellaneous issues",
    ):
        assert phrase in text, phrase


@needs_seed
def test_vehicle_crime_table(tables):
    published = seed_rows(r"^20\d\d-20\d\d \d+ \d+\s*$")
    ours = next(t for t in tables if t[0][1:] == ["Vehicle Crime", "Theft of motor vehicle"])
    assert [figures(r[1:]) for r in ours[1:]] == [r[1:] for r in published]
    assert len(published) == 5


@needs_seed
def test_tables_1_and_2_victims_supported_and_expenditure(tables):
    text = SEED.read_text(encoding="utf-8")
    victims = next(t for t in tables if t[0][1:] == ["Number of victims supported"])
    published = ["30,000", "36,641", "38,244", "28,522", "50,444"]  # 20/21 down to 16/17
    assert all(value in text for value in published)
    assert [r[1] for r in victims[1:]] == published + ["183,851"]  # total: yes, as published
    assert victims[-1][0] == "Total" and "Total 183,851" in text
    spend = next(t for t in tables if t[0][1:] == ["£"])
    published = [
        m.group(1) for m in re.finditer(r"^(?:\d\d-\d\d \s*)?\n?\s*([\d,]{9})\s*$", text, re.M)
    ]
    assert (
        [r[1] for r in spend[1:-1]]
        == published[:5]
        == ["4,485,802", "3,346,608", "3,329,807", "3,321,557", "3,319,355"]
    )
    # the published total has pence (17,803,129.64) that the whole pounds above do not
    assert spend[-1] == ["Total", "17,803,129"] and "17,803,129.64" in text


@needs_seed
def test_custody_visits_and_csp_allocations(tables):
    published = seed_rows(r"^(?:\*?20\d\d/20\d\d|Total) [\d,]+ [\d,]+ [\d,]+ \d+\s*$")
    ours = next(t for t in tables if t[0][1:2] == ["Detainees present"])
    # years as published (2016/2017), the % computed and cut as published (1,933 of
    # 4,038 is 47), the Total row the sums and the ratio of the sums (9,574 of 16,144: 59)
    assert [r[:1] + [c.rstrip("%") for c in r[1:]] for r in ours[1:]] == [
        [r[0].lstrip("*"), *r[1:]] for r in published
    ]
    assert ours[-1] == ["Total", "16,144", "11,348", "9,574", "59"]
    allocations = dict(
        r
        for r in seed_rows(
            r"^(Birmingham|Coventry|Dudley|Sandwell|Solihull|Walsall|Wolverhampton) [\d,]{7,}\s*$"
        )
    )
    csp = {r[0]: r[1] for r in next(t for t in tables if ["Birmingham", "8,493,511"] in t)[1:]}
    total = csp.pop("West Midlands")
    assert csp == allocations and total == "18,107,456"


def test_restored_statistics_print_as_published(built):
    from boardpaper.narrative import model as m

    text = " ".join(
        m.plain_text(b.inlines) for b in built.paper.blocks if isinstance(b, (m.Plain, m.Paragraph))
    )
    for phrase in (
        "A total of 183,851 people have received support since 2016",
        "totalling £17,803,129",
        "issued 36,737 directions to leave affecting about 100,000",
        "has averaged around 4,200 per month",
        "with 2,497 victims completing the survey in 2020",
        "Of the 3,710, 386 complaints resulted in Schedule 3 classification",
        "from 42% in 2018/19 to 89% in 2020/21",
        "the Asian search ratio is 2.6 and the Black search ratio is 3.9 (2020/21)",
        "which saw an 18% increase over the same period",
        "Overall reserves have reduced from £118m in March 2016 to £50m in March 2020",
    ):
        assert phrase in text, phrase


def test_every_chart_has_alt_text_that_states_its_data(built):
    document = docx.Document(str(built.outputs[0]))
    pictures = document.element.body.xpath(".//wp:docPr")
    assert len(pictures) == 3
    for picture in pictures:
        alt = picture.get("descr")
        assert alt.startswith("Bar chart of ") and "2016/17" in alt and "2020/21" in alt
        assert re.search(r"\d{1,2},\d{3}", alt), "the values are stated"
    residential = pictures[0].get("descr")
    assert (
        "Bar chart of burglary residential by period: 2016/17 13,200; 2017/18 15,100" in residential
    )


def test_tables_and_charts_pass_the_accessibility_check():
    assert checking.check(PAPER) == []


def test_table_header_rows_repeat_and_figures_align_right(built):
    document = docx.Document(str(built.outputs[0]))
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.xpath("./w:trPr/w:tblHeader"), "header row marked to repeat"
        cell = table.rows[1].cells[1].paragraphs[0]._p
        assert cell.xpath("./w:pPr/w:jc/@w:val") == ["right"]


def test_pandoc_reads_every_charts_alt_text(built):
    import subprocess

    from boardpaper.narrative import model as m

    charts = [b for b in built.paper.blocks if isinstance(b, m.Chart)]
    native = subprocess.run(
        ["pandoc", str(built.outputs[0]), "-t", "json"], capture_output=True, text=True, check=True
    ).stdout
    import json

    alts = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Image":
                alts.append(
                    "".join(i.get("c", " ") if i.get("t") == "Str" else " " for i in node["c"][1])
                )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(native))
    assert len(alts) == len(charts)
    for alt, chart in zip(alts, charts):
        assert " ".join(alt.split()) == " ".join(chart.alt.split())


def test_the_pack_keeps_the_charts_alt_text_for_pdfua(tmp_path):

    from .conftest import soffice
    from .pdfcheck import assert_pdfua

    soffice()
    built = pipeline.build(PAPER, tmp_path, pack=True)
    pack = next(p for p in built.outputs if p.name.endswith("-pack.pdf"))
    assert_pdfua(pack)
