"""`to(other, between='-')`: two figures of one unit as a range, the unit written once
("35-37%", "£3,000-4,000", "45-48"), traced to both. Values hand-worked."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpaper.errors import Location, TemplateError
from boardpaper.measures import fmt
from boardpaper.measures.compute import Store
from boardpaper.measures.definitions import Measure
from boardpaper.measures.registry import Figures, Value
from boardpaper.measures.windows import Window
from boardpaper.narrative.jinja import Resolver
from boardpaper.narrative.traced import traced

from .helpers import frame

MEASURES = {
    "low": Measure("low", "Lowest estimate", unit="percent", combine="latest", decimals=0),
    "high": Measure("high", "Highest estimate", unit="percent", combine="latest", decimals=0),
    "spend": Measure("spend", "Spend", unit="money", combine="latest"),
    "budget": Measure("budget", "Budget", unit="money", combine="latest"),
    "arrests": Measure("arrests", "Arrests", combine="latest"),
    "charges": Measure("charges", "Charges", combine="latest"),
    "shift": Measure("shift", "Change in share", unit="percent", combine="latest", decimals=1),
}
ROWS = [
    ("low", "2021-03", 35.2),
    ("high", "2021-03", 36.6),
    ("low", "2022-03", 40),
    ("high", "2022-03", 45),
    ("spend", "2022-03", 3000),
    ("budget", "2022-03", 4000),
    ("spend", "2021-03", 3_000_000),
    ("budget", "2021-03", 4_500_000),
    ("spend", "2020-03", 400_000),
    ("arrests", "2022-03", 45),
    ("charges", "2022-03", 48),
    ("shift", "2022-03", -5),
    ("shift", "2021-03", 3),
]


@pytest.fixture(scope="module")
def say():
    resolver = Resolver(Figures(Store(frame(ROWS), MEASURES, {}, "Force"), "2022-03"))
    return lambda text: resolver.resolve(text, Location("p.yaml", 3, 5), "p1")


@pytest.mark.parametrize(
    "expression, printed",
    [
        ("m.low.month('2021-03').to(m.high.month('2021-03'))", "35-37%"),
        ("m.low.month('2021-03').to(m.high.month('2021-03'), ' to ')", "35 to 37%"),
        ("m.low.to(m.high, between=' to ')", "40 to 45%"),
        ("m.low.value.to(m.high.value)", "40-45%"),
        ("m.spend.to(m.budget)", "£3,000-4,000"),
        ("m.spend.month('2021-03').to(m.budget.month('2021-03'))", "£3-4.5 million"),
        ("m.spend.month('2020-03').to(m.spend.month('2021-03'))", "£400,000-£3 million"),
        ("m.arrests.to(m.charges)", "45-48"),
        ("m.arrests.to(m.charges, '–')", "45–48"),
        ("m.shift.to(m.shift.month('2021-03'))", "-5.0 to 3.0%"),  # never "-5.0-3.0%"
        ("m.arrests.no_commas.to(m.charges.dp(1))", "45-48.0"),
    ],
)
def test_a_range_prints_the_unit_once(say, expression, printed):
    assert say(expression).text == printed


def test_a_range_is_traced_to_both(say):
    found = say("m.low.month('2021-03').to(m.high.month('2021-03'))")
    assert (found.attrs["measure"], found.attrs["window"]) == ("low high", "2021-03..2021-03")
    both = say("m.arrests.to(m.charges, ' to ')")
    assert (both.text, both.attrs["measure"]) == ("45 to 48", "arrests charges")


@pytest.mark.parametrize(
    "expression, words",
    [
        ("m.arrests.to(m.low)", "to() makes a range of one unit, not count to percent"),
        ("m.arrests.to(45)", "to() takes a figure or a measure, like m.x.previous, not int"),
        ("m.arrests.to(m.charges, '')", "to() takes the words between in quotes"),
        ("m.arrests.to(m.charges, 3)", "to() takes the words between in quotes"),
        ("m.arrests.to(m.charges, '{x}')", "to() takes plain words"),
        ("m.arrests.to(m.charges, betwen=' to ')", "(hint: did you mean 'between'?)"),
        ("m.arrests.to(m.charges, '   ')", "to() takes the words between in quotes"),
        (f"m.arrests.to(m.charges, '{'x' * 41}')", "to() takes 1 to 40 characters"),
        ("m.arrests.too(m.charges)", "(hint: did you mean 'to'?)"),
    ],
)
def test_a_wrong_range_is_one_error_at_the_placeholder(say, expression, words):
    with pytest.raises(TemplateError) as caught:
        say(expression)
    line = caught.value.render()
    assert line.startswith("p.yaml:3:5: error:") and words in line
    assert len(line.splitlines()) == 1


def test_the_traced_windows_of_two_months():
    low = Value(35, "percent", 0, (("low", "Force", Window.ending("2021-03", 1), ("a.csv",)),))
    high = Value(37, "percent", 0, (("high", "Force", Window.ending("2022-03", 1), ("b.csv",)),))
    attrs = traced(low.to(high), "x").attrs
    assert attrs["window"] == "2021-03..2021-03 vs 2022-03..2022-03"
    assert attrs["files"] == ("a.csv", "b.csv")


FIGURES = st.floats(-1e9, 1e9, allow_nan=False).map(lambda v: round(v, 2))


@given(
    low=FIGURES,
    high=FIGURES,
    unit=st.sampled_from(["count", "percent", "rate", "money"]),
    places=st.integers(0, 2),
)
def test_a_range_holds_both_figures_and_its_unit_once(low, high, unit, places):
    a, b = Value(low, unit, places, ()), Value(high, unit, places, ())
    text = str(a.to(b))
    first, second = str(a), str(b)
    joined = " to " if first.startswith("-") or second.startswith("-") else "-"
    if unit == "percent":
        assert text == first[:-1] + joined + second and text.count("%") == 1
    elif unit == "money" and fmt._size(first) == fmt._size(second):
        assert text.count("£") == 1 and text.startswith(first.removesuffix(fmt._size(first)))
    elif unit == "money":
        assert text == first + joined + second
    else:
        assert text == first + joined + second


@given(st.text(max_size=45))
def test_any_words_between_are_taken_or_refused_in_one_line(between):
    a, b = Value(45, "count", 0, ()), Value(48, "count", 0, ())
    try:
        text = str(a.to(b, between))
    except (TypeError, ValueError) as refused:
        assert "to()" in str(refused) and len(str(refused).splitlines()) == 1
        return
    assert text.startswith("45") and text.endswith("48")
    middle = text[2:-2]
    assert middle.strip() and "{" not in middle and "}" not in middle
    assert all(ch >= " " and ch != "\x7f" for ch in middle)
    assert " ".join(between.split()) == middle.strip()
