"""Measures declared `from:` their published shape: street-level records counted (both
CSV engines), `from:` refused where it is wrong, a paper built from records and a wide
ODS, odd files of any kind; every count worked by hand from
tests/data/opendata/samples.py. Wide tables and ODS: test_shapes_tables.py."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardpaper import pipeline
from boardpaper.errors import BoardpaperError, DataError
from boardpaper.measures import opendata, readers
from boardpaper.measures.data import read_tables
from boardpaper.measures.definitions import load_definitions
from boardpaper.measures.windows import Window, month_number

_SPEC = importlib.util.spec_from_file_location(
    "opendata_samples", Path(__file__).parents[1] / "data" / "opendata" / "samples.py"
)
samples = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(samples)

RECORDS = """\
burglary:
  label: Burglary, crimes
  from:
    records: data/police-uk/*/*-street.csv
    period: Month
    area: Falls within
    where: {Crime type: Burglary}
"""
TABLE_3 = """\
burglary_rate:
  label: Burglary per 1,000 population
  unit: rate
  from:
    table: data/published/home-office-table-3.ods
    sheet: Table 3
    header_row: 5
    area: Force name
    missing: ["[x]"]
"""
KNIFE = """\
knife:
  label: Knife crime
  from:
    table: data/published/ons-knife-crime.xlsx
    sheet: Data
    header_row: 4
    periods: down
    missing: ["[c]"]
"""


def paper(tmp_path: Path, measures: str) -> Path:
    """A folder with the sample files and `measures` as its measures.yaml."""
    samples.street(tmp_path / "data" / "police-uk")
    samples.wide_ods(tmp_path / "data" / "published" / "home-office-table-3.ods")
    samples.wide_xlsx(tmp_path / "data" / "published" / "ons-knife-crime.xlsx")
    (tmp_path / "measures.yaml").write_text(measures)
    return tmp_path


def read(folder: Path, files=()):
    measures = load_definitions([folder / "measures.yaml"])
    return read_tables([folder / f for f in files], measures, "Force")


def values(frame, measure):
    rows = frame[frame["measure"] == measure]
    return {(int(r.month), r.area): r.value for r in rows.itertuples()}


def hand(month: str) -> int:
    return month_number(month)


def counted(kind: str, month: str | None = None, force: str | None = None) -> int:
    return sum(
        types.get(kind, 0) if kind != "*" else sum(types.values())
        for (m, f), types in samples.STREET.items()
        if month in (None, m) and force in (None, f)
    )


# -- records ------------------------------------------------------------------------------


@pytest.fixture(params=["pyarrow", "pandas"])
def engine(request, monkeypatch):
    """Both CSV engines: pyarrow's when installed, pandas' C parser without it."""
    if request.param == "pyarrow":
        pytest.importorskip("pyarrow")
    else:
        monkeypatch.setitem(sys.modules, "pyarrow", None)
    return request.param


def test_street_records_are_counted_by_month_and_force(tmp_path, engine):
    frame, sources = read(paper(tmp_path, RECORDS))
    jan, feb = hand("2022-01"), hand("2022-02")
    assert values(frame, "burglary") == {
        (jan, "West Midlands Police"): 5,
        (jan, "Staffordshire Police"): 2,
        (feb, "West Midlands Police"): 7,
        (feb, "Staffordshire Police"): 1,
    }
    assert counted("Burglary", "2022-02", "West Midlands Police") == 7  # the samples agree
    wm = frame[(frame["area"] == "West Midlands Police") & (frame["month"] == feb)].iloc[0]
    assert wm["file"].endswith("2022-02/2022-02-west-midlands-street.csv")
    assert wm["line"] >= 2
    assert len(sources) == 4 and all(len(s.sha256) == 64 for s in sources.values())


def test_without_an_area_the_forces_files_add_up_and_the_glob_is_named(tmp_path, engine):
    folder = paper(
        tmp_path,
        "crime:\n  label: All\n  from:\n    records: data/police-uk/*/*-street.csv\n"
        "    period: Month\n    where:\n      Crime type: [Burglary, Vehicle crime]\n",
    )
    frame, sources = read(folder)
    assert values(frame, "crime") == {
        (hand("2022-01"), "Force"): 5 + 2 + 3 + 1,
        (hand("2022-02"), "Force"): 7 + 1 + 2 + 4,
    }
    glob = str(folder / "data/police-uk/*/*-street.csv")
    assert set(frame["file"]) == {glob}
    listing = sources[glob].query  # the files' sha256s, as sha256sum prints them
    assert sources[glob].sha256 == hashlib.sha256(listing.encode()).hexdigest()
    for line in listing.splitlines():  # each file is a source of its own too
        sha, path = line.split("  ")
        assert sources[path].sha256 == sha


def test_a_paper_builds_from_street_records_and_a_wide_ods(tmp_path):
    folder = paper(tmp_path / "p", RECORDS + TABLE_3)
    (folder / "paper.yaml").write_text(
        "period: 2022-03\ncover:\n  board: Strategic Policing and Crime Board\n"
        "  meeting: 2022-05\n  title: Open data\ndata:\n  area: West Midlands Police\n"
        "body:\n  - heading: Figures\n"
        "  - In February 2022 there were {{ m.burglary.month('2022-02') }} burglaries; "
        "the rate for 2021/22 was {{ m.burglary_rate.area('West Midlands').fy('2021/22') }} "
        "per 1,000 population.\n"
    )
    pipeline.build(folder, tmp_path / "out")
    audit = (tmp_path / "out" / "p.figures.csv").read_text()
    records = str(folder / "data/police-uk/2022-02/2022-02-west-midlands-street.csv")
    table = str(folder / "data/published/home-office-table-3.ods")
    rows = {r["expression"]: r for r in csv.DictReader(io.StringIO(audit))}
    burglary = next(r for e, r in rows.items() if "burglary.month" in e)
    rate = next(r for e, r in rows.items() if "burglary_rate" in e)
    assert burglary["text"] == "7"  # hand-counted: samples.STREET
    assert rate["text"] == "4.4"  # 4.41 in the table, one decimal printed
    assert f"{records} sha256:" in burglary["source"] and f"{table} sha256:" in rate["source"]


def test_records_errors_name_the_place(tmp_path):
    folder = paper(tmp_path, RECORDS.replace("Falls within", "Falls withn"))
    with pytest.raises(DataError) as caught:
        read(folder)
    line = caught.value.render()
    assert line.startswith(f"{folder / 'measures.yaml'}:6:11: error: ")
    assert "has no column 'Falls withn' (hint: did you mean 'Falls within'?)" in line
    (folder / "measures.yaml").write_text(RECORDS.replace("*-street", "*-outcomes"))
    with pytest.raises(DataError, match=r"measures.yaml:4:14: error: no file matches"):
        read(folder)


def test_a_where_value_no_record_has_is_refused_not_counted_as_nothing(tmp_path):
    folder = paper(tmp_path, RECORDS.replace("Crime type: Burglary", "Crime type: Burglry"))
    with pytest.raises(DataError) as caught:
        read(folder)
    assert caught.value.render() == (
        f"{folder / 'measures.yaml'}:7:25: error: no record has 'Burglry' in column "
        "'Crime type' (hint: did you mean 'Burglary'?)"
    )


@pytest.mark.parametrize(
    "content, where, words",
    [
        (b"", ":1:1:", "no heading row"),
        (samples.HEADING.encode() + b"\n1,2022-03,a,b\n", ":2:1:", "a row of 4 cells where"),
        (samples.HEADING.encode() + b"\n" + b",2022-03,\xff\n", ":2:1:", "not UTF-8"),
        (samples.HEADING.replace("Context", "Crime type").encode(), ":1:12:", "'Crime type' twice"),
    ],
)
def test_a_broken_records_file_is_one_line(tmp_path, engine, content, where, words):
    folder = paper(tmp_path, RECORDS)
    bad = folder / "data/police-uk/2022-03/2022-03-west-midlands-street.csv"
    bad.parent.mkdir()
    bad.write_bytes(content)
    with pytest.raises(DataError) as caught:
        read(folder)
    line = caught.value.render()
    assert f"{bad}{where} error:" in line and words in line, line


def test_a_period_that_does_not_parse_is_reported_at_its_record(tmp_path):
    folder = paper(tmp_path, RECORDS)
    path = folder / "data/police-uk/2022-01/2022-01-staffordshire-street.csv"
    lines = path.read_text().splitlines()
    lines[3] = lines[3].replace("2022-01", "Jan 2022")
    path.write_text("\n".join(lines) + "\n")
    kind = lines[3].split(",")[9]
    measures = RECORDS.replace("Burglary}", f"{kind}}}")
    (folder / "measures.yaml").write_text(measures)
    with pytest.raises(DataError) as caught:
        read(folder)
    assert caught.value.render().startswith(f"{path}:4:2: error: period 'Jan 2022'")


def test_the_records_row_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_RECORDS", 30)
    with pytest.raises(DataError, match="more than 30 rows"):
        read(paper(tmp_path, RECORDS))


@pytest.mark.parametrize(
    "yaml, words",
    [
        ("from: data/x.csv", "from: needs records:"),
        ("from: {records: x.csv, table: y.ods}", "exactly one of records: or table:"),
        ("from: {records: x.csv}", "needs period:"),
        ("from: {records: x.csv, period: Month, were: {a: b}}", "did you mean 'where'?"),
        ("from: {table: x.ods, periods: sideways}", "periods must be across or down"),
        ("from: {table: x.ods, header_row: 0}", "header_row must be a row number"),
        ("from: {table: x.ods, value: A}", "value: is for periods: down"),
        ("from: {table: /etc/passwd}", "is an absolute path"),
    ],
)
def test_a_wrong_from_is_one_line_at_its_place(tmp_path, yaml, words):
    (tmp_path / "measures.yaml").write_text(f"m:\n  label: M\n  {yaml}\n")
    with pytest.raises(BoardpaperError, match=words) as caught:
        load_definitions([tmp_path / "measures.yaml"])
    assert caught.value.render().startswith(f"{tmp_path / 'measures.yaml'}:3:")


# -- anything in a heading or a cell ----------------------------------------------------------

CELL = st.one_of(
    st.sampled_from(
        ["", "[x]", "..", "[c]", "2021/22", "Mar-2021", "1,234", "-", "nan", "1e400", "2021 Q1"]
    ),
    st.text(max_size=12),
    st.integers(-(10**6), 10**6).map(str),
)


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    headings=st.lists(CELL, min_size=1, max_size=5),
    body=st.lists(st.lists(CELL, max_size=5), max_size=4),
    periods=st.sampled_from(["across", "down"]),
)
def test_odd_headings_and_cells_give_figures_or_one_line(tmp_path, headings, body, periods):
    import csv

    out = io.StringIO()
    csv.writer(out).writerows([["Title"], [], ["Area", *headings], *[["A", *r] for r in body]])
    (tmp_path / "t.csv").write_text(out.getvalue(), encoding="utf-8", errors="surrogatepass")
    (tmp_path / "measures.yaml").write_text(
        f"c:\n  label: C\n  from:\n    table: t.csv\n    header_row: 3\n    periods: {periods}\n"
        '    missing: ["[x]", ".."]\n'
    )
    try:
        frame, _ = read(tmp_path)
    except (DataError, BoardpaperError) as exc:
        line = exc.render()
        assert "\n" not in line and " error: " in line
        return
    assert frame["value"].notna().all()


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    heading=st.lists(st.text(max_size=8), max_size=14),
    rows=st.lists(st.lists(st.text(max_size=8), max_size=13), max_size=5),
)
def test_odd_records_files_give_counts_or_one_line(tmp_path, heading, rows):
    import csv

    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    out = io.StringIO()
    csv.writer(out).writerows([heading, *rows])
    (folder / "a.csv").write_bytes(out.getvalue().encode("utf-8", "surrogatepass"))
    (folder / "measures.yaml").write_text(
        "c:\n  label: C\n  from:\n    records: a.csv\n    period: Month\n"
    )
    try:
        frame, _ = read(folder)
    except BoardpaperError as exc:
        assert "\n" not in exc.render()
        return
    assert (frame["value"] >= 1).all()


def test_the_engine_reads_files_two_at_a_time():
    assert opendata.WORKERS == 2


def test_a_new_or_changed_records_file_is_read_again_by_watch_and_the_cache(tmp_path):
    """`watch` watches what from: reads (the files and the folders its glob looks in), and
    the build's cache reads the data again when any of them changes: a new month's file
    in the archive is counted without restarting."""
    from boardpaper import watch

    folder = paper(tmp_path / "p", RECORDS)
    (folder / "paper.yaml").write_text(
        "period: 2022-03\ncover:\n  board: Strategic Policing and Crime Board\n"
        "  meeting: 2022-05\n  title: Open data\ndata:\n  area: West Midlands Police\n"
        "body:\n  - heading: Figures\n  - In February {{ m.burglary.month('2022-02') }}.\n"
    )
    watched = {str(p) for p in watch.watched_files(folder, None)}
    assert str(folder / "data/police-uk/2022-02/2022-02-west-midlands-street.csv") in watched
    assert str(folder / "data/police-uk/2022-02") in watched
    source, cache = pipeline.load(folder), {}
    first = pipeline.measure_figures(source, cache)
    assert pipeline.measure_figures(source, cache) is first  # nothing changed: kept
    march = folder / "data/police-uk/2022-03"
    march.mkdir()
    february = folder / "data/police-uk/2022-02/2022-02-west-midlands-street.csv"
    (march / "2022-03-west-midlands-street.csv").write_text(
        february.read_text().replace("2022-02", "2022-03")
    )
    again = pipeline.measure_figures(source, cache)
    assert again is not first
    assert again.value("burglary", "West Midlands Police", Window.between("2022-03", "2022-03"))
