"""ONS-style formatting, against hand-worked values."""

import pytest

from boardpaper.measures import fmt


@pytest.mark.parametrize(
    "value, places, text",
    [
        (28675, 0, "28,675"),
        (1234567.0, 0, "1,234,567"),
        (0.61, 1, "0.6"),
        (0.6, 1, "0.6"),
        (2.25, 1, "2.3"),
        (2.35, 1, "2.4"),
        (0.125, 2, "0.13"),
        (12.5, 0, "13"),
        (13.5, 0, "14"),
        (-12.5, 0, "-13"),
        (-0.04, 1, "0.0"),
        (1.005, 2, "1.01"),
        (999.5, 0, "1,000"),
    ],
)
def test_numbers_round_half_up_with_separators_and_leading_zero(value, places, text):
    assert fmt.number(value, places) == text


@pytest.mark.parametrize(
    "change, places", [(1.923, 1), (9.949, 1), (9.95, 0), (-12.04, 0), (124.0, 0), (0.4, 1)]
)
def test_percentage_change_places(change, places):
    assert fmt.change_decimals(change) == places


@pytest.mark.parametrize(
    "value, text", [(4, "four"), (9, "nine"), (0, "zero"), (10, "10"), (4.4, "4"), (1200, "1,200")]
)
def test_words(value, text):
    assert fmt.words(value) == text


@pytest.mark.parametrize(
    "ratio, text", [(5.07, "five-fold"), (2.0, "two-fold"), (10.4, "ten-fold"), (12.2, "12-fold")]
)
def test_fold(ratio, text):
    assert fmt.fold(ratio) == text


def test_fold_below_two_is_refused():
    with pytest.raises(ValueError):
        fmt.fold(1.4)


@pytest.mark.parametrize(
    "text, an",
    [
        ("8% increase", True),
        ("11%", True),
        ("18,500", True),
        ("80", True),
        ("1.9% increase", False),
        ("110", False),
        ("1,100", False),
        ("increase", True),
        ("eight-fold", True),
        ("five-fold", False),
        ("one", False),
        ("April 2021", True),
        ("unchanged", True),
        ("12% reduction", False),
        ("23% decrease", False),
    ],
)
def test_article(text, an):
    assert fmt.needs_an(text) is an


def test_money():
    assert fmt.money(3_000_000) == "£3 million"
    assert fmt.money(14_500_000) == "£14.5 million"
    assert fmt.money(1234) == "£1,234"


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (2.5, 0, "two and a half"),  # "two and a half times as many"
        (0.5, 0, "a half"),
        (0.25, 0, "a quarter"),
        (0.75, 0, "three quarters"),
        (1.25, 0, "one and a quarter"),
        (3.75, 0, "three and three quarters"),
        (9.5, 0, "nine and a half"),
        (10.5, 1, "10.5"),  # beyond nine: digits, as the figure prints
        (3.7, 1, "3.7"),  # not a half or quarter: digits at the figure's places
        (3.7, 0, "4"),
        (2.4999999, 0, "two and a half"),  # float noise from a mean is not a different number
        (-0.5, 1, "-0.5"),
    ],
)
def test_words_of_non_whole_numbers(value, decimals, text):
    assert fmt.words(value, decimals) == text


def test_a_figures_words_keep_its_places_and_provenance():
    from boardpaper.measures.registry import Value

    mean = Value(2.5, "", 1, ("robbery", "West Midlands", "2021-04..2022-03"))
    assert str(mean.words) == "two and a half"
    assert mean.words.provenance == mean.provenance
    assert str(Value(12.5, "", 1, ()).words) == "12.5"
    assert str(Value(4.0, "", 0, ()).words) == "four"
