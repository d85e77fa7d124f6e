"""The number gate: the range of numbers boardpaper reads, combines and prints.

Every number enters through a data file (`data.py` checks each value against
`LARGEST_DATUM` at its row), is combined over a window (`compute.Store`
checks each aggregate with `combined`) and leaves through the formatter
(`fmt.rounded` checks with `printable`). Within these bounds every sum of a
window (at most 1,200 months) is finite and every figure prints exactly with
`Decimal`'s 28 digits at up to ten decimal places; outside them the user gets
one error naming the data, never `inf`, a rounding fault or a traceback.
"""

from __future__ import annotations

import math

from ..errors import DataError, Location

#: the largest value a data file may hold: no police or budget figure comes near
#: (a force's budget in pounds is under 10⁹), and 1,200 months of it still sum exactly
LARGEST_DATUM = 10**12
#: the largest number printed: 17 digits and ten decimal places fit Decimal's 28
LARGEST_PRINTED = 10**17


class NotAFigure(DataError, ValueError):
    """A number outside what a paper prints (infinite, not a number, or too large).

    A `ValueError` too, so a placeholder's own handler adds its place in paper.yaml."""


def datum_too_large(value: float) -> bool:
    """True for a value a data file may not hold (see LARGEST_DATUM)."""
    return not math.isfinite(value) or abs(value) > LARGEST_DATUM


def combined(value: float, what: str, files: tuple = ()) -> float:
    """`value`, the result of combining data (`what` names it: measure, area and
    window), checked to be a figure; else an error at the first data file."""
    if not math.isfinite(value) or abs(value) > LARGEST_PRINTED:
        raise NotAFigure(
            f"{what} comes to {value:.3g}, which is not a figure a paper can print",
            Location(str(files[0])) if files else None,
            "check the data's values and units",
        )
    return value


def printable(value: float) -> None:
    """Refuse a number the formatter cannot print exactly."""
    if not math.isfinite(value):
        raise NotAFigure(f"{value} is not a number that can be printed")
    if abs(value) > LARGEST_PRINTED:
        raise NotAFigure(
            f"{value:.3g} is larger than any figure a paper prints (at most {LARGEST_PRINTED:.0e})",
            hint="a change from a near-zero baseline, or data in the wrong unit?",
        )
