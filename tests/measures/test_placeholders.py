"""Placeholder errors and the sandbox."""

import pytest

from boardpaper.errors import TemplateError

from .helpers import figures, months, say

FIG = figures(months("crime", "2018-07", [10] * 12) + months("crime", "2020-04", [11] * 24))


@pytest.mark.parametrize(
    "expression, words, hint",
    [
        ("m.crme", "the measures has no 'crme'", "did you mean 'crime'?"),
        ("m.crime.totl", "a measure has no 'totl'", "did you mean 'total'?"),
        ("m.crime.vs_baseline.pcnt", "a comparison has no 'pcnt'", "did you mean 'pct'?"),
        ("perod", "unknown name 'perod'", "did you mean 'period'?"),
        ("m.crime.fy('2021/23')", "not a financial year", None),
        ("m.crime +", "not a valid expression", None),
        ("m", "gives Measures, not a figure", None),
    ],
)
def test_errors_name_the_placeholder_and_suggest(expression, words, hint):
    with pytest.raises(TemplateError) as caught:
        say(FIG, expression)
    err = caught.value
    assert words in err.message and err.where.line == 3
    assert err.message.startswith(f"{{{{ {expression} }}}} in paragraph 'p1': ")
    if hint:
        assert err.hint == hint


@pytest.mark.parametrize(
    "expression",
    [
        "m.__class__",
        "m.crime.__class__.__mro__",
        "m._f",
        "m.crime._f.store",
        "period.__init__.__globals__",
        "''.__class__.__mro__[1].__subclasses__()",
        "m.crime.definition.__class__",
    ],
)
def test_the_sandbox_refuses_internals(expression):
    with pytest.raises(TemplateError):
        say(FIG, expression)


@pytest.mark.parametrize(
    "expression", ["range(10)", "lipsum()", "cycler", "self", "config", "request", "os.environ"]
)
def test_no_globals_no_files_no_environment(expression):
    with pytest.raises(TemplateError, match=r"unknown name|not allowed|not a figure"):
        say(FIG, expression)


def test_period_phrases():
    assert say(FIG, "period") == "April 2021 to March 2022"
    assert say(FIG, "baseline.year_ending") == "the year ending June 2019"
    assert say(FIG, "baseline.year_ending | capitalize") == "The year ending June 2019"
    assert say(FIG, "period.fy") == "2021/22"
