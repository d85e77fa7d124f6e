"""The placeholder vocabulary an author needs to say what a paper says: dates and
periods, numbers, shares and words of change. Every expected value is worked by hand
from the data of test_compute.py (ROWS), as the comment below sums it."""

from __future__ import annotations

import pytest

from boardpaper.errors import TemplateError
from boardpaper.measures import words

from .helpers import figures, say

# crime: 10 a month from July 2018 (the baseline year, 120), 11 a month from April 2020
# (the reporting year April 2021 to March 2022: 132); arrests: 5 a month in 2020/21,
# 4 a month April 2021 to February 2022, 9 in March 2022 (the year: 44 + 9 = 53)
from .test_compute import ROWS


@pytest.fixture(scope="module")
def fig():
    return figures(ROWS)


@pytest.mark.parametrize(
    "expression, printed",
    [
        # dates and periods
        ("period.first", "April 2021"),
        ("period.first.short", "Apr 21"),
        ("period.last.name", "March"),
        ("period.last.format('%d/%m/%Y')", "31/03/2022"),
        ("period.first.format('%b')", "Apr"),
        ("period.start", "1 April 2021"),
        ("period.end", "31 March 2022"),
        ("period.quarter", "Q4 2021/22"),
        ("period.last.quarter", "Q4"),
        ("period.short", "Apr 21–Mar 22"),
        ("m.crime.between('2022-04', '2022-12').window.short", "Apr–Dec"),
        ("period.year", "2022"),
        ("baseline.last.year_short", "June 19"),
        ("m.crime.last(5).window.months.words", "five"),
        ("m.crime.last(5).window.short", "Nov 21–Mar 22"),
        ("m.arrests.peak.month", "March 2022"),
        ("m.arrests.peak.month.year", "2022"),
        ("m.arrests.peak.month.short", "Mar 22"),
        # numbers
        ("m.crime.sf(1)", "100"),
        ("m.crime.approx", "over 130"),
        ("m.crime.close_to", "close to 130"),
        ("m.arrests.approx", "53"),
        ("m.arrests.share_of(m.crime)", "40%"),
        ("m.arrests.share_of(m.crime).fraction", "two in five"),
        ("m.arrests.month('2022-01').a", "4"),
        ("m.crime.month('2022-01').one", "11"),
        # words of change: crime 132 against 120, +10%
        ("m.crime.vs_baseline.increasing", "increasing"),
        ("m.crime.vs_baseline.increases", "increases"),
        ("m.crime.vs_baseline.has_been", "has been increasing"),
        ("m.crime.vs_baseline.band", "above"),
        ("m.crime.vs_baseline.banded(1, 5, 8)", "well above"),
        ("m.crime.vs_baseline.banded(11, 12, 13)", "broadly in line"),
        # arrests 53 against 60 in 2020/21: -11.7%
        ("m.arrests.vs_previous.has_been", "has been reducing"),
        # months relative to the period, which move when the paper is rolled forward
        ("period.last.back(1)", "February 2022"),
        ("period.last.back(0)", "March 2022"),
        ("period.first.back(12).short", "Apr 20"),
        ("m.arrests.month(period.last.back(1))", "4"),
        ("m.arrests.month(period.last)", "9"),
        # the 12 months to February 2022: March 2021 (5) and April 2021 to February 2022
        # (11 × 4): 49; its last 3 months: 12
        ("m.arrests.ending(period.last.back(1))", "49"),
        ("m.arrests.ending(period.last.back(1), 3)", "12"),
        ("m.arrests.between(period.first, period.last.back(1))", "44"),
        ("m.crime.between('2021-11', period.last)", "55"),
        # the calendar year 2021 (January to December: 3 × 5 + 9 × 4 = 51) by a month in it
        ("m.arrests.year(period.last.back(12))", "51"),
        ("m.arrests.year(period.last.back(12).year)", "51"),
        ("m.arrests.year(period.last.back(12)).window", "January 2021 to December 2021"),
        # the financial year holding a month: March 2022 is in 2021/22 (53)
        ("m.arrests.fy(period.last)", "53"),
        ("m.arrests.fy(period.last.back(12))", "60"),
    ],
)
def test_each_form_prints_as_worked_by_hand(fig, expression, printed):
    assert say(fig, expression) == printed


def test_forms_keep_their_provenance(fig):
    from boardpaper.errors import Location
    from boardpaper.narrative.jinja import Resolver

    resolver = Resolver(fig)
    for expression in (
        "m.crime.approx",
        "m.crime.vs_baseline.band",
        "m.arrests.peak.month.year",
        "m.crime.last(5).window.months.words",
    ):
        figure = resolver.resolve(expression, Location("p.yaml", 1, 1), "p1")
        assert figure.attrs["measure"], expression
        assert figure.attrs["window"], expression


@pytest.mark.parametrize(
    "value, printed",
    [
        (10_400_000, "£10.4m"),
        (1_200_000_000, "£1.2bn"),
        (850_000, "£850k"),
        (640, "£640"),
        (-2_000_000, "-£2m"),
    ],
)
def test_money_in_the_short_form(value, printed):
    assert words.money_short(value) == printed


@pytest.mark.parametrize(
    "percent, printed",
    [
        (24.6, "one in four"),
        (66.9, "two thirds"),
        (50.4, "half"),
        (33.0, "one third"),
        (75.2, "three quarters"),
        (10.3, "one in ten"),
    ],
)
def test_shares_as_fractions(percent, printed):
    assert words.fraction(percent) == printed


def test_a_share_far_from_any_fraction_is_refused():
    with pytest.raises(ValueError, match="not close to a common fraction"):
        words.fraction(37.0)


@pytest.mark.parametrize(
    "value, rounded, printed",
    [(3.2, 3.0, "over 3%"), (4_960, 5_000, "almost 5,000"), (148_921, 150_000, "almost 150,000")],
)
def test_approximations_say_which_side(value, rounded, printed):
    shown = printed.split(" ", 1)[1]
    assert words.approximately(value, shown, rounded) == printed


def test_an_unknown_field_lists_the_valid_ones(fig):
    with pytest.raises(TemplateError) as caught:
        say(fig, "period.quater")
    assert "did you mean 'quarter'?" in caught.value.render()
    with pytest.raises(TemplateError) as caught:
        say(fig, "m.crime.vs_baseline.zzz")
    assert "fields: " in caught.value.render() and "increasing" in caught.value.render()


@pytest.mark.parametrize(
    "expression, message",
    [
        ("period.year(2021)", "a phrase (2022) takes no ( ): write it without brackets"),
        ("m.arrests.peak.month('2022-02')", "a month (March 2022) takes no ( )"),
        ("m.crime.vs_baseline(1)", "a comparison (10% increase) takes no ( )"),
        ("period.last.back(-1)", "back() takes a number from 0 to 1,200, not -1"),
        # a number that is not whole is refused, never cut to one that is
        ("period.last.back(1.5)", "back() takes a whole number, not 1.5"),
        ("m.crime.last(2.5)", "last() takes a whole number, not 2.5"),
        ("m.crime.dp(0.5)", "dp() takes a whole number, not 0.5"),
        ("m.crime.vs_baseline.dp(20)", "dp() takes a number from 0 to 10, not 20"),
        ("m.crime.sf(0)", "sf() takes a number from 1 to 15, not 0"),
        ("m.crime.month(period)", "name one month here, like '2022-02' or period.last.back(1)"),
        ("m.crime.year(period)", "name a year here, like 2021 or period.last.back(12)"),
        ("m.crime.between(period.last, '2021-01')", "March 2022 comes after January 2021"),
    ],
)
def test_arguments_of_the_wrong_kind_say_what_is_wanted(fig, expression, message):
    with pytest.raises(TemplateError) as caught:
        say(fig, expression)
    assert message in caught.value.render()
    assert "unsafe_callable" not in caught.value.render()


def test_an_unknown_filter_says_which_exist(fig):
    with pytest.raises(TemplateError) as caught:
        say(fig, "m.crime | wrods")
    assert "did you mean 'words'?" in caught.value.render()


def test_docs_placeholders_md_is_the_generated_reference(capsys):
    from boardpaper.cli import main

    from ..conftest import EXAMPLE, ROOT

    assert main(["placeholders", str(EXAMPLE)]) == 0
    generated = capsys.readouterr().out
    assert generated == (ROOT / "docs" / "placeholders.md").read_text(encoding="utf-8"), (
        "docs/placeholders.md is out of date: run make docs"
    )
    for kind in ("## A period", "## A month", "## A comparison", "## Filters"):
        assert kind in generated
    # every field says what it gives, and every example that can work does
    rows = [line for line in generated.splitlines() if line.startswith("| `")]
    assert len(rows) > 90
    assert not [row for row in rows if "| – |" in row], "a field without a docstring"
    failed = [row for row in rows if row.endswith(") |") and "(" in row.rsplit("|", 2)[1]]
    # the two examples that are refused on purpose: money and multiples, said plainly
    assert all("'short' is for money" in r or "not a multiple" in r for r in failed), failed


def test_a_house_style_without_commas_in_four_digit_numbers():
    from boardpaper.measures import fmt

    try:
        fmt.house_style(10000)
        assert (fmt.number(2836), fmt.number(28675)) == ("2836", "28,675")
    finally:
        fmt.house_style(1000)
    assert fmt.number(2836) == "2,836"


def test_a_count_of_one_reads_as_a_word():
    from .test_compute import months as rows

    one = figures(ROWS + rows("new", "2022-01", [1, 2, 0]))
    assert say(one, "m.new.month('2022-01').a") == "a"
    assert say(one, "m.new.month('2022-01').one") == "one"
    assert say(one, "m.new.month('2022-02').a") == "2"
