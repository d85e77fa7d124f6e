"""Figures in the words a paper writes them: `approx_as(…, figures=n)`, `per_cent`
("45 per cent"), `spelled` (zero to one hundred in words) and, on a measure,
`every(unit)` ("every three days"). Every expected value is worked by hand from ROWS."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpaper.errors import Location, TemplateError
from boardpaper.measures import fmt, words
from boardpaper.measures.compute import Store
from boardpaper.measures.definitions import Measure
from boardpaper.measures.registry import Figures, Measures, UnknownName, Value
from boardpaper.measures.windows import Window
from boardpaper.narrative.jinja import Resolver

from .helpers import frame, months

MEASURES = {
    "deaths": Measure("deaths", "Drug-poisoning deaths", good="down"),
    "england": Measure("england", "Deaths in England", good="down"),
    "complaints": Measure("complaints", "Complaints", good="down"),
    "solved": Measure("solved", "Crimes solved", good="up"),
    "crime": Measure("crime", "Crime", good="down"),
    "officers": Measure("officers", "Officers in post", combine="latest"),
    "rate": Measure("rate", "A rate", unit="percent", combine="mean", decimals=1),
    "spend": Measure("spend", "Spend", unit="money", combine="latest"),
    "quiet": Measure("quiet", "Nothing happened", good="down"),
    "raids": Measure("raids", "Raids", good="up"),
}

# deaths: 2019 10 a month, but 4 in February (28 days: 7 a death) and 17 in December (31
#   days: 1.82) = 121 (365 days: 3.02 a death); 2020 (a leap year, 366 days) 20 a month
#   and 24 in December = 244 (1.5 days a death; 365 / 244 would be 1.496).
# england: 2019 208 a month and 212 in December = 2,500 (8,760 hours: 3.504 an hour).
# complaints: 2018 100, 2019 909 (+809%). solved 2019 45, crime 2019 100 (45%).
# officers: 2019 ends on 300 (latest). rate: 6.8% a month. spend: £1,234,567.
# quiet: nothing in 2019. raids: one in January 2019, one in July.
ROWS = (
    months("deaths", "2019-01", [10, 4] + [10] * 9 + [17] + [20] * 11 + [24])
    + months("england", "2019-01", [208] * 11 + [212])
    + months("complaints", "2018-01", [0] * 11 + [100] + [0] * 11 + [909])
    + months("solved", "2019-01", [0] * 11 + [45])
    + months("crime", "2019-01", [0] * 11 + [100])
    + months("officers", "2019-01", [290] * 11 + [300])
    + months("rate", "2019-01", [6.8] * 12)
    + months("spend", "2019-01", [1_234_567] * 12)
    + months("quiet", "2019-01", [0] * 12)
    + months("raids", "2019-01", [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0])
)


@pytest.fixture(scope="module")
def say():
    resolver = Resolver(Figures(Store(frame(ROWS), MEASURES, {}, "Force"), "2019-12"))
    return lambda text: resolver.resolve(text, Location("p.yaml", 3, 5), "p1")


@pytest.mark.parametrize(
    "expression, printed",
    [
        # how often: 365 / 121 = 3.02 days; 8,760 / 121 = 72.4 hours; 52.1 / 121 weeks
        ("m.deaths.every('day')", "every three days"),
        ("m.deaths.year(2019).every('day')", "every three days"),
        ("m.deaths.every('hour')", "every 72 hours"),
        ("m.deaths.every(unit='day')", "every three days"),
        # a leap year: 366 / 244 = 1.5, half up to two (365 / 244 would be one)
        ("m.deaths.year(2020).every('day')", "every two days"),
        # February 2019: 28 days / 4 = 7; four weeks / 4 = 1
        ("m.deaths.month('2019-02').every('day')", "every seven days"),
        ("m.deaths.month('2019-02').every('week')", "every week"),
        ("m.deaths.month('2019-02').every('hour')", "every 168 hours"),
        # the highest month of 2019, December: 31 days / 17 = 1.82
        ("m.deaths.peak.every('day')", "every two days"),
        # 8,760 hours / 2,500 = 3.504
        ("m.england.every('hour')", "every four hours"),
        ("m.solved.every('week')", "every week"),  # 52.14 / 45 = 1.16
        ("m.solved.every('day')", "every eight days"),  # 365 / 45 = 8.11
        ("m.crime.every('day')", "every four days"),  # 365 / 100 = 3.65
        ("m.raids.every('month')", "every six months"),  # 12 / 2
        ("m.raids.every('week')", "every 26 weeks"),  # 52.14 / 2 = 26.07
        ("m.raids.month('2019-07').every('month')", "every month"),
        # the % change of complaints, 809%, to the figures of your choosing
        ("m.complaints.year(2019).vs(m.complaints.year(2018)).pct", "809%"),
        (
            "m.complaints.year(2019).vs(m.complaints.year(2018)).pct"
            ".approx_as('almost', 'over', figures=1)",
            "over 800%",
        ),
        (
            "m.complaints.year(2019).vs(m.complaints.year(2018)).pct.approx_as('almost', 'over')",
            "almost 810%",
        ),
        (
            "m.complaints.year(2019).vs(m.complaints.year(2018)).pct"
            ".approx_as('almost', 'over', 3)",
            "809%",
        ),
        ("m.complaints.approx_as('around', figures=1)", "around 900"),  # 909
        ("m.complaints.approx_as('around', figures=2)", "around 910"),
        ("m.complaints.approx_as('around', figures=4)", "909"),  # not 909.0
        ("m.complaints.value.approx_as('nearly', 'more than', figures=2)", "nearly 910"),
        ("m.rate.approx_as('almost', 'over')", "almost 7%"),  # today's rule: one figure
        ("m.rate.approx_as('almost', 'over', figures=2)", "6.8%"),  # round already
        ("m.rate.approx_as('almost', 'over', figures=1)", "almost 7%"),
        ("m.spend.approx_as('almost', 'over')", "over £1 million"),  # money: one figure
        ("m.spend.approx_as('almost', 'over', figures=2)", "over £1.2 million"),
        # money in millions prints to 0.1 million: no more figures than that
        ("m.spend.approx_as('almost', 'over', figures=4)", "over £1.2 million"),
        # per cent in words
        ("m.solved.share_of(m.crime).per_cent", "45 per cent"),
        ("m.solved.share_of(m.crime).dp(1).per_cent", "45.0 per cent"),
        ("m.rate.per_cent", "6.8 per cent"),
        ("m.rate.value.per_cent", "6.8 per cent"),
        ("m.complaints.year(2019).vs(m.complaints.year(2018)).pct.per_cent", "809 per cent"),
        # numbers spelt out to one hundred
        ("m.solved.spelled", "forty-five"),
        ("m.solved.value.spelled", "forty-five"),
        ("m.crime.spelled", "one hundred"),
        ("m.deaths.spelled", "121"),
        ("m.deaths.month('2019-12').spelled", "seventeen"),
        ("m.deaths.month('2019-02').spelled", "four"),
        ("m.quiet.spelled", "zero"),
        ("m.england.spelled", "2,500"),
        ("m.england.no_commas.spelled", "2500"),
        ("m.solved.share_of(m.crime).spelled", "forty-five"),
        ("m.rate.spelled", "6.8"),  # not whole as it prints
        ("m.rate.dp(0).spelled", "seven"),
    ],
)
def test_the_forms_on_hand_worked_values(say, expression, printed):
    assert say(expression).text == printed


@pytest.mark.parametrize(
    "expression, measures, window",
    [
        ("m.deaths.every('day')", "deaths", "2019-01..2019-12"),
        ("m.deaths.peak.every('day')", "deaths", "2019-01..2019-12"),  # the window searched
        ("m.deaths.month('2019-02').every('day')", "deaths", "2019-02..2019-02"),
        ("m.solved.share_of(m.crime).per_cent", "solved crime", "2019-01..2019-12"),
        ("m.solved.spelled", "solved", "2019-01..2019-12"),
        (
            "m.complaints.vs(m.complaints.year(2018)).pct.approx_as('over', figures=1)",
            "complaints",
            "2019-01..2019-12 vs 2018-01..2018-12",
        ),
    ],
)
def test_each_form_is_traced_to_what_it_read(say, expression, measures, window):
    attrs = say(expression).attrs
    assert (attrs["measure"], attrs["window"], attrs["files"]) == (
        measures,
        window,
        ("data.csv",),
    )


@pytest.mark.parametrize(
    "expression, message",
    [
        ("m.deaths.every('days')", "every() takes 'hour' or 'day' or 'week' or 'month'"),
        ("m.deaths.every('days')", "did you mean 'day'?"),
        ("m.deaths.every(3)", "every() takes 'hour' or 'day'"),
        ("m.deaths.every()", "every()"),
        ("m.deaths.every(units='day')", "every() takes no argument 'units'"),
        ("m.quiet.every('day')", "quiet never happened in January 2019 to December 2019"),
        ("m.deaths.every('month')", "more than once a month (every 0.099 months)"),
        ("m.deaths.every('month')", "try every('week')"),
        ("m.england.every('day')", "more than once a day (every 0.15 days): try every('hour')"),
        ("m.rate.every('day')", "every() is for a count of events; rate is a percent measure"),
        ("m.spend.every('day')", "spend is a money measure"),
        ("m.officers.every('day')", "officers is the latest of its months, not their sum"),
        ("m.deaths.value.every('day')", "a figure has no 'every'"),
        ("m.solved.per_cent", "'per_cent' is for a percentage"),
        ("m.spend.per_cent", "'per_cent' is for a percentage"),
        ("m.complaints.approx_as('over', figures=0)", "figures takes a number from 1 to 6"),
        ("m.complaints.approx_as('over', figures=7)", "figures takes a number from 1 to 6"),
        ("m.complaints.approx_as('over', figures=1.5)", "figures takes a whole number"),
        ("m.complaints.approx_as('over', figures='2')", "figures takes a whole number"),
        ("m.complaints.approx_as('over', figurs=2)", "did you mean 'figures'?"),
        ("m.solved.speled", "did you mean 'spelled'?"),
    ],
)
def test_a_wrong_use_is_one_error_at_the_placeholder(say, expression, message):
    with pytest.raises(TemplateError) as caught:
        say(expression)
    line = caught.value.render()
    assert line.startswith("p.yaml:3:5: error:") and message in line
    assert len(line.splitlines()) == 1


def test_a_windows_days_are_its_calendar_days():
    assert Window.calendar_year(2019).days == 365
    assert Window.calendar_year(2020).days == 366
    assert Window.financial_year("2019/20").days == 366  # February 2020
    assert Window.ending("2022-02", 1).days == 28
    assert Window.ending("2022-03", 3).days == 31 + 28 + 31


@pytest.mark.parametrize(
    "n, text",
    [
        (0, "zero"),
        (9, "nine"),
        (10, "ten"),
        (11, "eleven"),
        (15, "fifteen"),
        (19, "nineteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (40, "forty"),
        (58, "fifty-eight"),
        (99, "ninety-nine"),
        (100, "one hundred"),
    ],
)
def test_the_numbers_spelt_out(n, text):
    assert fmt.number_words(n) == text
    assert fmt.spelled(n) == text


@pytest.mark.parametrize(
    "value, places, text",
    [
        (10.4, 0, "ten"),
        (10.5, 0, "eleven"),  # half up, as the figure prints
        (10.5, 1, "10.5"),
        (10.0, 1, "ten"),
        (99.5, 0, "one hundred"),
        (100.5, 0, "101"),
        (-0.4, 0, "zero"),
        (-3, 0, "-3"),
        (1234, 0, "1,234"),
    ],
)
def test_a_figure_spelt_out_is_whole_as_it_prints(value, places, text):
    assert str(Value(value, "count", places, ()).spelled) == text


def test_every_in_words():
    assert words.every(365, 121, "day") == "every three days"
    assert words.every(8760, 2500, "hour") == "every four hours"
    assert words.every(12, 12, "month") == "every month"
    assert words.every(12, 4, "month") == "every three months"
    assert words.every(12, 1, "month") == "every 12 months"
    assert words.every(7, 2, "day") == "every four days"  # 3.5, half up
    assert words.every(5, 4, "day") == "every day"  # 1.25
    with pytest.raises(ValueError, match="more than once an hour"):
        words.every(10, 30, "hour")


# -- properties -----------------------------------------------------------------------

FIGURES = st.floats(-1e12, 1e12, allow_nan=False).map(lambda v: round(v, 4))


def _digits(printed: str) -> str:
    """The significant digits of a number as printed: "-0.050" → "5", "1,200" → "12"."""
    digits = "".join(ch for ch in printed if ch.isdigit()).lstrip("0")
    return digits.rstrip("0")


@given(
    value=FIGURES,
    unit=st.sampled_from(["count", "percent", "rate"]),
    figures=st.integers(1, 6),
)
def test_an_approximation_has_its_figures_and_says_which_side(value, unit, figures):
    figure = Value(value, unit, 2, ())
    text = str(figure.approx_as("below", "above", figures=figures))
    rounded = words.significant(value, figures)
    word, _, number = text.rpartition(" ")
    assert word == ("below" if rounded > value else "above" if rounded < value else "")
    assert len(_digits(number)) <= figures
    printed = Decimal(number.removesuffix("%").replace(",", ""))
    assert printed == Decimal(repr(rounded)) or abs(float(printed) - rounded) < 1e-9


def _amount(printed: str) -> Decimal:
    """Money as printed, as a number: "-£1.2 million" → -1200000."""
    size = {" million": 10**6, " billion": 10**9}
    scale = next((n for w, n in size.items() if printed.endswith(w)), 1)
    digits = printed.split(" ")[0].replace("£", "").replace(",", "")
    return Decimal(digits) * scale


@given(value=FIGURES, figures=st.integers(1, 6))
def test_money_approximated_says_which_side_of_the_amount_printed(value, figures):
    text = str(Value(value, "money", 0, ()).approx_as("below", "above", figures=figures))
    word, _, amount = text.partition(" ") if text[0].isalpha() else ("", "", text)
    printed, exact = _amount(amount), Decimal(repr(value))
    assert word == ("below" if printed > exact else "above" if printed < exact else "")
    assert len(_digits(amount.split(" ")[0])) <= figures


@given(value=FIGURES, unit=st.sampled_from(["count", "percent", "rate", "money"]))
def test_an_approximation_without_figures_keeps_todays_rule(value, unit):
    figure = Value(value, unit, 1, ())
    assert str(figure.approx_as("almost", "over")) == str(figure.approx)


@given(
    st.one_of(
        st.integers(-3, 9),
        st.floats(-10, 10, allow_nan=False),
        st.text(max_size=3),
        st.booleans(),
        st.none(),
    )
)
def test_any_figures_are_taken_or_refused_in_one_line(figures):
    try:
        text = str(Value(1234.5, "count", 0, ()).approx_as("around", figures=figures))
    except (TypeError, ValueError) as refused:
        assert "approx_as()" in str(refused) and len(str(refused).splitlines()) == 1
        return
    assert figures is None or (not isinstance(figures, (bool, str)) and figures in range(1, 7))
    assert text.startswith("around ") or text == "1,234.5"


@given(value=FIGURES, places=st.integers(0, 3))
def test_a_percentage_per_cent_is_the_figure_with_words_for_its_sign(value, places):
    figure = Value(value, "percent", places, ())
    assert str(figure.per_cent) == str(figure).removesuffix("%") + " per cent"


@given(value=FIGURES, places=st.integers(0, 3))
def test_a_figure_spelt_out_is_words_to_a_hundred_else_as_words_prints(value, places):
    text = str(Value(value, "count", places, ()).spelled)
    exact = fmt.rounded(value, places)
    if exact == exact.to_integral_value() and 0 <= exact <= 100:
        assert text == fmt.number_words(int(exact))
        assert text.replace("-", "").replace(" ", "").isalpha()
    else:
        assert text == fmt.number(value, places)


def test_each_number_to_a_hundred_has_its_own_words_and_agrees_with_words():
    spelt = [fmt.number_words(n) for n in range(101)]
    assert len(set(spelt)) == 101
    assert spelt[:10] == [fmt.words(n) for n in range(10)]


@given(
    count=st.integers(1, 100_000),
    first=st.integers(2000 * 12, 2030 * 12),
    months=st.integers(1, 36),
    unit=st.sampled_from(words.EVERY),
)
def test_how_often_is_the_windows_length_over_the_count_half_up(count, first, months, unit):
    window = Window(first, first + months - 1)
    length = {"hour": window.days * 24, "day": window.days, "week": window.days / 7}
    length = length.get(unit, months)
    expected = int(Decimal(repr(length / count)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    try:
        text = words.every(length, count, unit)
    except ValueError as refused:
        assert expected == 0 and "more than once" in str(refused)
        return
    if expected == 1:
        assert text == f"every {unit}"
    else:
        assert text == f"every {fmt.words(expected)} {unit}s"
        assert (text.split()[1] in fmt.SMALL) == (expected <= 9)


DEATHS = Measures(Figures(Store(frame(ROWS), MEASURES, {}, "Force"), "2019-12")).deaths


@given(st.one_of(st.text(max_size=12), st.sampled_from(words.EVERY), st.integers()))
def test_any_unit_of_every_is_taken_or_refused_in_one_line(unit):
    try:
        text = str(DEATHS.every(unit))
    except (ValueError, UnknownName) as refused:
        assert len(str(refused).splitlines()) == 1
        if unit in words.EVERY:  # 121 a year: more than once a week, and a month
            assert unit in ("week", "month") and "more than once" in str(refused)
        else:
            assert str(refused).startswith("every() takes")
        return
    assert text == {"hour": "every 72 hours", "day": "every three days"}[unit]
