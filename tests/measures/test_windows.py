import pytest

from boardpaper.measures.windows import Window, month_number


def test_twelve_months_ending_cross_a_year():
    w = Window.ending("2022-03")
    assert w.label() == "April 2021 to March 2022"
    assert w.year_ending() == "the year ending March 2022"
    assert w.text() == "2021-04..2022-03" and w.months == 12
    assert w.previous().label() == "April 2020 to March 2021"
    assert w.is_financial_year() and w.fy_label() == "2021/22"


def test_baseline_and_short_windows():
    assert Window.ending("2019-06").label() == "July 2018 to June 2019"
    assert Window.ending("2022-01", 3).label() == "November 2021 to January 2022"
    assert Window.ending("2022-02", 1).label() == "February 2022"


def test_financial_and_calendar_years():
    assert Window.financial_year("2020/21") == Window.ending("2021-03")
    assert Window.financial_year(2021).fy_label() == "2021/22"
    assert Window.calendar_year(2020).text() == "2020-01..2020-12"
    with pytest.raises(ValueError):
        Window.financial_year("2021/23")


@pytest.mark.parametrize("bad", ["2022-13", "2022-3", "March 2022", "2022/03"])
def test_bad_months(bad):
    with pytest.raises(ValueError):
        month_number(bad)
