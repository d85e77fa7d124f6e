"""Periods of data other than months: financial and calendar years, quarters, rolling
years; how a window is made of them (tiling), and their errors. Values hand-worked."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boardpaper.content.yamlmarks import MarkedStr
from boardpaper.dates import MONTHS
from boardpaper.errors import DataError, Location
from boardpaper.measures import periods
from boardpaper.measures.compute import MissingMonths, PeriodMismatch, Store
from boardpaper.measures.data import read_tables
from boardpaper.measures.definitions import Measure
from boardpaper.measures.registry import Figures
from boardpaper.measures.windows import Window, month_number
from boardpaper.narrative.jinja import Resolver

MEASURES = {
    "crime": Measure("crime", "Crime", good="down"),
    "rate": Measure("rate", "Rate", unit="percent", combine="mean", decimals=1),
    "survey": Measure("survey", "Satisfied", unit="percent", combine="latest", decimals=1),
}


def load(tmp_path, body: str, period: str = "2022-03") -> Figures:
    path = tmp_path / "d.csv"
    path.write_text("measure,period,value,area\n" + body, encoding="utf-8")
    frame, sources = read_tables([path], MEASURES, "Force")
    return Figures(Store(frame, MEASURES, sources, "Force"), period)


def value(fig: Figures, window: Window, measure: str = "crime", how=None) -> float:
    return fig.value(measure, "Force", window, how).number


def span(first: str, last: str) -> tuple[int, int]:
    """(last month number, months) of the months `first` to `last`."""
    a, b = month_number(first), month_number(last)
    return b, b - a + 1


# -- the grammar ----------------------------------------------------------------------

FORMS = [
    ("2022-03", span("2022-03", "2022-03")),
    ("2022-03-01", span("2022-03", "2022-03")),
    ("2022-03-01 00:00:00", span("2022-03", "2022-03")),
    ("2021/22", span("2021-04", "2022-03")),
    ("1999/00", span("1999-04", "2000-03")),
    ("2021", span("2021-01", "2021-12")),
    ("2021 Q1", span("2021-01", "2021-03")),
    ("2021-Q1", span("2021-01", "2021-03")),
    ("2021q4", span("2021-10", "2021-12")),
    ("2021/22 Q1", span("2021-04", "2021-06")),
    ("2021/22 Q3", span("2021-10", "2021-12")),
    ("2021/22 q4", span("2022-01", "2022-03")),
    ("year ending March 2022", span("2021-04", "2022-03")),
    ("Year Ending September 2020", span("2019-10", "2020-09")),
    ("YE Mar 2022", span("2021-04", "2022-03")),
    ("ye jun 2019", span("2018-07", "2019-06")),
    ("  2020/21  ", span("2020-04", "2021-03")),
]


@pytest.mark.parametrize("text, expected", FORMS)
def test_each_form_covers_its_months(text, expected):
    assert periods.parse_one(text) == expected


def test_parse_reads_a_column_at_once():
    texts = pd.Series([t for t, _ in FORMS] + ["2021/23", "Jan 2022", "2022-13", "2021 Q5"])
    found = periods.parse(texts)
    assert [(int(a), int(b)) for a, b in found.head(len(FORMS)).to_numpy()] == [e for _, e in FORMS]
    assert found.tail(4)["last"].isna().all()


@pytest.mark.parametrize(
    "text", ["2021/23", "21/22", "Jan 2022", "2022-13", "2021 Q5", "year ending Marc 2022", ""]
)
def test_a_bad_period_names_the_forms(text):
    with pytest.raises(ValueError, match="financial year 2021/22"):
        periods.parse_one(text)


@pytest.mark.parametrize(
    "last, months, label, kind",
    [
        ("2022-03", 1, "Mar 22", "month"),
        ("2021-06", 3, "Q1 2021/22", "quarter"),
        ("2022-03", 3, "Q4 2021/22", "quarter"),
        ("2021-03", 12, "2020/21", "financial year"),
        ("2021-12", 12, "2021", "calendar year"),
        ("2021-06", 12, "year ending June 2021", "year ending June"),
    ],
)
def test_labels_name_the_period_not_its_last_month(last, months, label, kind):
    assert periods.label(month_number(last), months) == label
    assert periods.kind(month_number(last), months) == kind


# -- reading data files -----------------------------------------------------------------


def test_data_rows_keep_their_last_month_and_span(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "measure,period,value\ncrime,2021/22,10\ncrime,2022 Q2,3\ncrime,2022-07,1\n"
        "crime,YE Sep 2022,20\n",
        encoding="utf-8",
    )
    frame, _ = read_tables([path], MEASURES, "Force")
    assert list(frame["month"]) == [month_number(m) for m in ("2022-03", "2022-06", "2022-07")] + [
        month_number("2022-09")
    ]
    assert list(frame["months"]) == [12, 3, 1, 12]


@pytest.mark.parametrize("period", ["2021/23", "Jan 2022", "2021 Q0", "Mar 2022"])
def test_a_bad_period_in_a_file_is_one_located_error(tmp_path, period):
    path = tmp_path / "d.csv"
    path.write_text(f"measure,period,value\ncrime,2021/22,1\ncrime,{period},5\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_tables([path], MEASURES, "Force")
    err = caught.value
    assert (err.where.path, err.where.line, err.where.col) == (str(path), 3, 2)
    assert "a financial year 2021/22" in err.message and "year ending March 2022" in err.message
    assert re.fullmatch(rf"{re.escape(str(path))}:3:2: error: period .*", err.render())


def test_the_same_period_written_twice_is_a_duplicate(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "measure,period,value\ncrime,2021/22,1\ncrime,year ending March 2022,2\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"duplicate row for crime, 2021/22, Force") as caught:
        read_tables([path], MEASURES, "Force")
    assert (caught.value.where.line, caught.value.where.col) == (3, 1)


def test_overlapping_rolling_years_are_not_duplicates(tmp_path):
    fig = load(tmp_path, "crime,YE Mar 2022,100,\ncrime,YE Jun 2022,110,\n")
    assert value(fig, Window.ending("2022-06")) == 110
    assert value(fig, Window.ending("2022-03")) == 100


# -- tiling -----------------------------------------------------------------------------

YEARS = "crime,2019/20,100,\ncrime,2020/21,80,\ncrime,2021/22,90,\n"


def test_a_window_of_whole_financial_years(tmp_path):
    fig = load(tmp_path, YEARS)
    assert value(fig, Window.financial_year("2020/21")) == 80
    assert value(fig, Window.between("2019-04", "2022-03")) == 270
    assert value(fig, Window.between("2020-04", "2022-03"), how="mean") == 85
    assert value(fig, Window.between("2019-04", "2022-03"), how="max") == 100


def test_a_quarter_of_annual_data_is_a_clear_error(tmp_path):
    fig = load(tmp_path, YEARS)
    with pytest.raises(PeriodMismatch) as caught:
        value(fig, Window.between("2021-04", "2021-06"))
    assert str(caught.value) == (
        "crime has data by financial year; April 2021 to June 2021 is not made of whole "
        "financial years"
    )
    assert isinstance(caught.value, MissingMonths)  # where the narrative stage locates it
    with pytest.raises(PeriodMismatch, match="is not made of whole financial years"):
        value(fig, Window.calendar_year(2021))


def test_a_year_beyond_the_data_names_the_months_missing(tmp_path):
    fig = load(tmp_path, YEARS)
    with pytest.raises(MissingMonths, match="has no data for 2022-04, 2022-05") as caught:
        value(fig, Window.financial_year("2022/23"))
    assert len(caught.value.missing) == 12


def test_quarters_make_a_financial_year_and_a_calendar_year(tmp_path):
    rows = (
        "".join(
            f"crime,{q},{v},\n"
            for q, v in (("2021 Q1", 5), ("2021 Q2", 6), ("2021 Q3", 7), ("2021 Q4", 8))
        )
        + "crime,2021/22 Q4,9,\n"
    )
    fig = load(tmp_path, rows)
    assert value(fig, Window.calendar_year(2021)) == 26
    assert value(fig, Window.financial_year("2021/22")) == 6 + 7 + 8 + 9
    assert value(fig, Window.between("2021-04", "2021-06")) == 6
    with pytest.raises(PeriodMismatch, match=r"has data by quarter; .* whole quarters"):
        value(fig, Window.between("2021-02", "2021-06"))


def test_mixed_forms_tile_with_the_longest_that_fits(tmp_path):
    # 2020/21 as a year and also by month for its last quarter; then months of 2021/22
    rows = "crime,2020/21,120,\ncrime,2021-01,9,\ncrime,2021-02,9,\ncrime,2021-03,9,\n"
    rows += "".join(f"crime,2021-{m:02d},{m},\n" for m in range(4, 13))
    rows += "crime,2022 Q1,30,\n"
    fig = load(tmp_path, rows)
    assert value(fig, Window.financial_year("2020/21")) == 120  # the year, not its months
    assert value(fig, Window.between("2021-01", "2021-03")) == 27
    assert value(fig, Window.financial_year("2021/22")) == sum(range(4, 13)) + 30
    assert value(fig, Window.between("2020-04", "2021-12")) == 120 + sum(range(4, 13))
    tiles = fig.store.tiles("crime", "Force", Window.between("2020-04", "2022-03"))
    assert tiles.spans.tolist() == [12] + [1] * 9 + [3]
    with pytest.raises(PeriodMismatch, match=r"has data by .*month.* and by quarter"):
        value(fig, Window.between("2021-12", "2022-02"))


def test_a_mean_weighs_each_datum_by_its_months(tmp_path):
    fig = load(tmp_path, "rate,2021/22 Q1,10,\nrate,2021/22 Q2,20,\nrate,2021-10,40,\n")
    assert value(fig, Window.between("2021-04", "2021-10"), "rate") == pytest.approx(
        (10 * 3 + 20 * 3 + 40) / 7
    )


def test_latest_takes_the_datum_ending_at_the_window_end(tmp_path):
    fig = load(tmp_path, "survey,2019,47.1,\nsurvey,2020,42.7,\nsurvey,2021/22 Q1,50,\n")
    assert value(fig, Window.calendar_year(2020), "survey") == 42.7
    assert value(fig, Window.ending("2019-12", 24), "survey") == 47.1
    assert value(fig, Window.between("2021-01", "2021-06"), "survey") == 50
    found = fig.value("survey", "Force", Window.ending("2020-12", 36))
    assert found.provenance[0][2] == Window.ending("2020-12", 36)
    assert fig.store.aggregate("survey", "Force", Window.ending("2020-12", 36)).window == (
        Window.calendar_year(2020)
    )
    with pytest.raises(MissingMonths, match="no data for 2021-03"):
        value(fig, Window.financial_year("2020/21"), "survey")


def test_monthly_data_is_read_as_before(tmp_path):
    rows = "".join(f"crime,2021-{m:02d},{m},\n" for m in range(1, 13))
    fig = load(tmp_path, rows)
    assert value(fig, Window.calendar_year(2021)) == 78
    with pytest.raises(MissingMonths, match="has no data for 2020-12"):
        value(fig, Window.between("2020-12", "2021-02"))
    assert (fig.store.tiles("crime", "Force", Window.calendar_year(2021)).spans == 1).all()


def test_peak_of_annual_data_is_a_year(tmp_path):
    fig = load(tmp_path, YEARS)
    assert fig.store.peak("crime", "Force", Window.between("2019-04", "2022-03")) == (
        Window.financial_year("2019/20"),
        100.0,
    )


# -- placeholders ---------------------------------------------------------------------


def say(fig: Figures, expression: str) -> str:
    return Resolver(fig).resolve(expression, Location("p.yaml", 3, 5), "p1").text


def test_placeholders_name_years_quarters_and_rolling_years(tmp_path):
    rows = YEARS + "crime,2022/23 Q1,25,\ncrime,YE Jun 2022,95,\n"
    fig = load(tmp_path, rows, period="2022-03")
    assert say(fig, "m.crime.fy('2020/21')") == "80"
    assert say(fig, "m.crime.period('2020/21')") == "80"
    assert say(fig, "m.crime.period('2019/20', '2021/22')") == "270"
    assert say(fig, "m.crime.quarter('2022/23 Q1')") == "25"
    assert say(fig, "m.crime.period('2022/23 Q1')") == "25"
    assert say(fig, "m.crime.period('year ending June 2022')") == "95"
    assert say(fig, "m.crime.ending('2022-06')") == "95"
    assert say(fig, "m.crime") == "90"  # the reporting year, 2021/22
    assert say(fig, "m.crime.previous") == "80"
    later = load(tmp_path, rows, period="2022-06")
    assert say(later, "m.crime") == "95"  # the year ending June 2022
    assert say(later, "m.crime.quarter(period.last)") == "25"
    assert say(later, "m.crime.quarter(period.last).window.quarter") == "Q1 2022/23"


def test_a_placeholder_over_a_misaligned_window_is_located(tmp_path):
    fig = load(tmp_path, YEARS)
    with pytest.raises(DataError) as caught:
        say(fig, "m.crime.between('2021-04', '2021-06')")
    assert caught.value.where == Location("p.yaml", 3, 5)
    assert "crime has data by financial year; April 2021 to June 2021" in caught.value.message
    with pytest.raises(Exception, match="is not a quarter"):
        say(fig, "m.crime.quarter('2021/22')")


def test_a_line_chart_of_annual_data_is_labelled_by_year(tmp_path):
    from boardpaper.content.model import ChartSpec
    from boardpaper.narrative.tables import chart

    fig = load(tmp_path, YEARS)
    spec = ChartSpec(
        MarkedStr("Crime by year"), "line", "crime", Location("p.yaml", 9, 3), "2019-04..2022-03"
    )
    made = chart(spec, fig)
    assert made.labels == ("2019/20", "2020/21", "2021/22")
    assert made.series[0].values == (100.0, 80.0, 90.0)
    assert [p.attrs["window"] for p in made.points] == [
        "2019-04..2020-03",
        "2020-04..2021-03",
        "2021-04..2022-03",
    ]
    assert "starts at 100 in 2019/20 and ends at 90 in 2021/22" in made.alt


# -- property: never a traceback -------------------------------------------------------

_MONTHS = ["January", "Jan", "june", "SEP", "September", "Sept", "Marc", "Mar"]
_pieces = st.one_of(
    st.integers(1890, 2210).map(str),
    st.builds(lambda y, d: f"{y}/{d:02d}", st.integers(1990, 2100), st.integers(0, 99)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1990, 2100), st.integers(0, 14)),
    st.builds(
        lambda y, s, q: f"{y}{s}Q{q}",
        st.integers(1990, 2100),
        st.sampled_from(["", " ", "-", "/"]),
        st.integers(0, 6),
    ),
    st.builds(
        lambda y, q: f"{y}/{(y + 1) % 100:02d} q{q}", st.integers(1990, 2100), st.integers(0, 5)
    ),
    st.builds(
        lambda w, m, y: f"{w} {m} {y}",
        st.sampled_from(["year ending", "YE", "Year  Ending", "yr ending"]),
        st.sampled_from(_MONTHS),
        st.integers(1990, 2100),
    ),
    st.text(max_size=12),
)


def _expected(text: str) -> tuple[int, int] | None:
    """An independent reading of the grammar, form by form."""
    t = text.strip().lower()
    names = {n.lower(): i for i, n in enumerate(MONTHS)}
    names |= {n[:3]: i for n, i in list(names.items())}
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})(-01( 00:00:00)?)?", t):
        y, mo = int(m[1]), int(m[2])
        return (y * 12 + mo - 1, 1) if 1 <= mo <= 12 else None
    if m := re.fullmatch(r"([0-9]{4})/([0-9]{2})", t):
        y = int(m[1])
        return (y * 12 + 14, 12) if (y + 1) % 100 == int(m[2]) else None
    if m := re.fullmatch(r"([0-9]{4})", t):
        return int(m[1]) * 12 + 11, 12
    if m := re.fullmatch(r"([0-9]{4})[ -]?q([1-4])", t):
        return int(m[1]) * 12 + int(m[2]) * 3 - 1, 3
    if m := re.fullmatch(r"([0-9]{4})/([0-9]{2})[ -]?q([1-4])", t):
        y = int(m[1])
        return (y * 12 + 2 + int(m[3]) * 3, 3) if (y + 1) % 100 == int(m[2]) else None
    if m := re.fullmatch(r"(?:year\s+ending|ye)\s+([a-z]+)\s+([0-9]{4})", t):
        return (int(m[2]) * 12 + names[m[1]], 12) if m[1] in names else None
    return None


@settings(derandomize=True)
@given(_pieces)
def test_any_period_text_parses_right_or_is_refused(text):
    expected = _expected(text)
    try:
        found = periods.parse_one(text)
    except ValueError as exc:
        assert expected is None, text
        assert "is not a month written YYYY-MM, nor another period" in str(exc)
    else:
        assert found == expected, text


@settings(derandomize=True, max_examples=25)
@given(st.lists(_pieces, min_size=1, max_size=4))
def test_a_data_file_of_any_periods_reads_or_is_one_data_error(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("p") / "d.csv"
    cells = ['"' + t.replace('"', '""') + '"' for t in texts]
    path.write_text(
        "measure,period,value\n" + "".join(f"crime,{c},{i}\n" for i, c in enumerate(cells)),
        encoding="utf-8",
        errors="surrogatepass",
    )
    try:
        frame, _ = read_tables([path], MEASURES, "Force")
    except DataError as exc:
        assert exc.where is not None and exc.where.path == str(path)
    else:
        assert len(frame) <= len(texts)
        assert set(frame["months"]) <= {1, 3, 12}
