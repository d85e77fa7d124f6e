"""The number gate (measures/numbers.py): any value a data file holds, however large,
small or odd, gives a paper or one error line; never a traceback, `inf` or a rounding
fault, in a placeholder, a computed table or a chart's alt text."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from boardpaper.measures import fmt
from boardpaper.measures.numbers import LARGEST_DATUM, LARGEST_PRINTED, NotAFigure, combined
from tests.test_robustness import BASE, assert_clean, run

MONTHS = [f"{y}-{m:02d}" for y in (2020, 2021, 2022) for m in range(1, 13)]


def _paper() -> dict:
    paper = yaml.safe_load(yaml.safe_dump(BASE))
    paper["body"] += [
        "Change {{ m.crime.vs_baseline.pct }} and {{ m.crime.dp(3) }}.",
        {"table": "Crime by year", "measures": ["crime"], "columns": ["2020/21", "2021/22"]},
        {"chart": "Crime", "kind": "line", "measure": "crime", "months": "2021-04..2022-03"},
    ]
    return paper


VALUE = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(-1e-300, 1e-300),
    st.sampled_from([1e29, 1e308, -1e308, 5e-324, 1e12, -1e12, 1e12 + 1, 0.0, -0.0]),
    st.integers(-(10**13), 10**13),
)


@given(values=st.lists(VALUE, min_size=len(MONTHS), max_size=len(MONTHS)))
def test_any_value_in_every_place_a_figure_is_printed(values):
    rows = "".join(f"crime,{month},{v!r}\n" for month, v in zip(MONTHS, values))
    status, err = run(_paper(), table="measure,period,value\n" + rows)
    assert_clean(status, err)
    if any(abs(v) > LARGEST_DATUM for v in values):
        assert status == 2 and "larger than any figure" in err, err


def test_a_value_past_the_bound_is_refused_at_its_row():
    rows = "".join(f"crime,{m},{1e13 if m == '2021-05' else 5}\n" for m in MONTHS)
    status, err = run(_paper(), table="measure,period,value\n" + rows)
    assert status == 2
    assert "d.csv:18:3: error: value '10000000000000.0' is larger than any figure of a paper" in err


def test_the_formatter_refuses_what_it_cannot_print_exactly():
    assert fmt.number(LARGEST_PRINTED, 10) == f"{LARGEST_PRINTED:,}.0000000000"
    for bad in (LARGEST_PRINTED * 10.0, math.inf, -math.inf, math.nan, 1e308):
        with pytest.raises(NotAFigure):
            fmt.number(bad, 10)


def test_a_combined_value_is_checked_where_it_is_made():
    assert combined(12.5, "the sum of crime") == 12.5
    with pytest.raises(NotAFigure, match="the sum of crime comes to inf"):
        combined(math.inf, "the sum of crime", ("data/d.csv",))
