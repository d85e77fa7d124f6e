"""Computations on hand-worked data: totals, windows, gaps, comparisons."""

import pytest

from boardpaper.errors import DataError, TemplateError
from boardpaper.measures.compute import MissingMonths
from boardpaper.measures.windows import Window

from .helpers import figures, months, say

# crime: 10 a month in the baseline year (120), 11 a month from April 2020 (132 a year)
ROWS = (
    months("crime", "2018-07", [10] * 12)
    + months("crime", "2020-04", [11] * 24)
    + months("arrests", "2020-04", [5] * 12 + [4] * 11 + [9])
)


@pytest.fixture(scope="module")
def fig():
    return figures(ROWS)


def test_totals_over_windows_that_cross_a_year(fig):
    assert say(fig, "m.crime") == "132"
    assert say(fig, "m.crime.baseline") == "120"
    assert say(fig, "m.crime.previous") == "132"
    assert say(fig, "m.crime.between('2021-11', '2022-02')") == "44"
    assert say(fig, "m.crime.last(3)") == "33"
    assert say(fig, "m.crime.mean") == "11"
    assert say(fig, "m.arrests.fy('2020/21')") == "60"


def test_change_wording(fig):
    assert say(fig, "m.crime.vs_baseline") == "10% increase"
    assert say(fig, "m.crime.vs_baseline.change") == "12"
    assert say(fig, "m.crime.vs_baseline.signed_pct") == "+10%"
    assert say(fig, "m.crime.vs_baseline.status") == "worsening"
    assert say(fig, "m.crime.vs_previous") == "no change"
    assert say(fig, "m.crime.vs_previous.verb") == "not changed"


def test_negative_change(fig):
    # arrests: 60 in 2020/21, 53 in 2021/22 = -11.666…%
    assert say(fig, "m.arrests.vs_previous") == "12% decrease"
    assert say(fig, "m.arrests.vs_previous.reduction") == "12% reduction"
    assert say(fig, "m.arrests.vs_previous.signed") == "-7"
    assert say(fig, "m.arrests.vs_previous.signed_pct") == "-12%"
    assert say(fig, "m.arrests.vs_previous.reduction.verb") == "reduced"
    assert say(fig, "m.arrests.vs_previous.up_down") == "down"
    assert say(fig, "m.arrests.vs_previous.status") == "worsening"
    assert say(fig, "m.arrests.vs_previous.dp(1)") == "11.7% decrease"


def test_peak_share_and_words(fig):
    assert say(fig, "m.arrests.peak.month") == "March 2022"
    assert say(fig, "m.arrests.peak") == "9"
    assert say(fig, "m.arrests.last(1).words") == "nine"
    assert say(fig, "m.arrests.share_of(m.crime)") == "40%"  # 53 / 132


def test_rounding_at_a_half():
    # 105 against 120 = -12.5% → "13%" (half up), never banker's "12%"
    rows = months("crime", "2018-07", [10] * 12) + months("crime", "2021-04", [8.75] * 12)
    assert say(figures(rows), "m.crime.vs_baseline") == "13% decrease"


def test_small_changes_keep_one_place_and_a_leading_zero():
    rows = months("crime", "2018-07", [1000] * 12) + months("crime", "2021-04", [1005] * 12)
    assert say(figures(rows), "m.crime.vs_baseline") == "0.5% increase"


def test_percentage_measures_differ_in_points():
    rows = months("rate", "2018-07", [5.0] * 12) + months("rate", "2021-04", [6.2] * 12)
    fig = figures(rows)
    assert say(fig, "m.rate") == "6.2%"
    assert say(fig, "m.rate.vs_baseline") == "1.2 percentage point increase"
    assert say(fig, "m.rate.vs_baseline.change") == "1.2 percentage points"


def test_zero_baseline_is_a_clear_error_not_a_division():
    rows = months("new", "2018-07", [0] * 12) + months("new", "2021-04", [2] * 12)
    fig = figures(rows)
    assert say(fig, "m.new.vs_baseline.change") == "24"
    with pytest.raises(TemplateError) as caught:
        say(fig, "m.new.vs_baseline")
    assert "baseline of zero is undefined" in caught.value.message
    assert caught.value.where.line == 3


def test_a_missing_month_names_the_month_paragraph_and_expression():
    rows = [r for r in ROWS if not (r[0] == "crime" and r[1] == "2021-07")]
    with pytest.raises(DataError) as caught:
        say(figures(rows), "m.crime")
    message = caught.value.render()
    assert message.startswith("p.yaml:3:5: error: {{ m.crime }} in paragraph 'p1':")
    assert "no data for 2021-07" in message and "April 2021 to March 2022" in message


def test_store_reports_missing_months_directly():
    fig = figures(ROWS)
    with pytest.raises(MissingMonths) as caught:
        fig.store.aggregate("crime", "Force", Window.ending("2020-06"))
    assert len(caught.value.missing) == 9  # July 2019 to March 2020


def test_rank_among_most_similar_forces():
    rows = (
        months("crime", "2021-04", [11] * 12)
        + months("crime", "2021-04", [20] * 12, "A")
        + months("crime", "2021-04", [5] * 12, "B")
    )
    fig = figures(rows)
    assert say(fig, "m.crime.rank") == "2nd of 3"
    assert say(fig, "m.crime.area('A')") == "240"


def test_measures_table_is_computed_for_every_measure():
    from boardpaper.measures.report import rows

    table = {row["measure"]: row for row in rows(figures(ROWS))}
    crime = table["crime"]
    # 12 × 11 against 12 × 10, worked by hand
    assert (crime["current"].number, crime["baseline"].number) == (132, 120)
    assert crime["vs"].pct_change() == pytest.approx(10.0)
    assert table["arrests"]["previous"].number == 60
    assert table["rate"]["current"] is None and table["rate"]["vs"] is None
