"""How months, numbers and changes are put into words: the rules behind the
placeholder vocabulary's formats (registry.py), in one place each.

Pure functions of plain values; the registry wraps their results with provenance.
"""

from __future__ import annotations

import calendar
import math
import re

from ..dates import MONTHS
from . import fmt

# -- months ---------------------------------------------------------------------

_CODES = re.compile(r"%[BbYydmjo%]")


def month_as(number: int, pattern: str, day: str | int = "last") -> str:
    """Month number `number` printed by `pattern`: %B March, %b Mar, %Y 2022, %y 22,
    %m 03, %d the day (`day`: "last", "first" or a day of the month), %j the day without
    a leading zero, %o the day as an ordinal ("31st"), %% a per cent sign."""
    year, month = number // 12, number % 12 + 1
    length = calendar.monthrange(year, month)[1]
    last_day = length if day == "last" else 1 if day == "first" else int(day)
    if not 1 <= last_day <= length:
        raise ValueError(f"{MONTHS[month - 1]} {year} has {length} days, not {last_day}")
    values = {
        "%B": MONTHS[month - 1],
        "%b": MONTHS[month - 1][:3],
        "%Y": str(year),
        "%y": f"{year % 100:02d}",
        "%m": f"{month:02d}",
        "%d": f"{last_day:02d}",
        "%j": str(last_day),
        "%o": fmt.ordinal(last_day),
        "%%": "%",
    }
    if "%" in _CODES.sub("", pattern):
        raise ValueError(f"{pattern!r} has a code other than %B %b %Y %y %m %d %j %o %%")
    return _CODES.sub(lambda m: values[m.group(0)], pattern)


def quarter(number: int) -> str:
    """The financial-year quarter of a month: April–June is "Q1" … January–March "Q4"."""
    return f"Q{((number % 12 - 3) % 12) // 3 + 1}"


def financial_year(number: int) -> str:
    """The financial year a month falls in: March 2022 → "2021/22"."""
    start = number // 12 if number % 12 >= 3 else number // 12 - 1
    return f"{start}/{(start + 1) % 100:02d}"


def span_short(first: int, last: int) -> str:
    """ "Apr–Dec" within one calendar year; "Apr 21–Mar 22" across two."""
    if first // 12 == last // 12:
        return f"{month_as(first, '%b')}–{month_as(last, '%b')}"
    return f"{month_as(first, '%b %y')}–{month_as(last, '%b %y')}"


# -- numbers --------------------------------------------------------------------


def significant(value: float, figures: int) -> float:
    """`value` rounded half up to `figures` significant figures."""
    if value == 0 or not math.isfinite(value):
        return value
    places = figures - 1 - math.floor(math.log10(abs(value)))
    return float(fmt.rounded(value, places))


def approximately(
    value: float, printed_rounded: str, rounded: float, below: str = "almost", above: str = "over"
) -> str:
    """ "over 3%", "almost 5,000" or "3%": the rounded figure, and which side of it the
    true value lies (ONS style: no "approximately" where a word says which way); `below`
    is the word for a value under the rounded figure, `above` for one over it."""
    if rounded < value:
        return f"{above} {printed_rounded}"
    if rounded > value:
        return f"{below} {printed_rounded}"
    return printed_rounded


def money_short(value: float) -> str:
    """ "£10.4m", "£1.2bn", "£850k", "£640"."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if value >= size:
            return f"{sign}£{_trim(value / size)}{suffix}"
    return f"{sign}£{fmt.number(value, 0)}"


def _trim(value: float) -> str:
    text = fmt.number(value, 1)
    return text[:-2] if text.endswith(".0") else text


FRACTIONS = (
    (100 / 2, "half"),
    (100 / 3, "one third"),
    (200 / 3, "two thirds"),
    (100 / 4, "one in four"),
    (300 / 4, "three quarters"),
    (100 / 5, "one in five"),
    (100 / 10, "one in ten"),
    (100 / 6, "one in six"),
    (100 / 8, "one in eight"),
    (200 / 5, "two in five"),
    (300 / 5, "three in five"),
    (400 / 5, "four in five"),
    (100, "all"),
)


def fraction(percent: float, tolerance: float = 1.5) -> str:
    """A share as the paper says it: 24.6% → "one in four"; refuses a share no common
    fraction is within `tolerance` points of."""
    return nearest_fraction(percent, tolerance)[1]


def nearest_fraction(percent: float, tolerance: float = 1.5) -> tuple[float, str]:
    """The common fraction nearest a share (its percentage, its words), within
    `tolerance` points, else a ValueError."""
    best = min(FRACTIONS, key=lambda f: abs(f[0] - percent))
    if abs(best[0] - percent) > tolerance:
        raise ValueError(
            f"{fmt.number(percent, 1)}% is not close to a common fraction (half, one in four, "
            "two thirds …); print it as a percentage"
        )
    return best


# -- changes ----------------------------------------------------------------------

#: a change by its percentage → the words, by which way it went
PROGRESSIVE = {"up": "increasing", "down": "reducing", "same": "stable"}
PRESENT = {"up": "increases", "down": "reduces", "same": "is unchanged"}


def band(pct: float, thresholds: tuple[float, float, float] = (1.0, 5.0, 15.0)) -> str:
    """A change against a comparator in words: within the first threshold "broadly in
    line", then "slightly above/below", "above/below", "well above/below"."""
    stable, slight, well = thresholds
    size = abs(pct)
    if size < stable:
        return "broadly in line"
    side = "above" if pct > 0 else "below"
    if size < slight:
        return f"slightly {side}"
    if size < well:
        return side
    return f"well {side}"


def compared(mine, theirs, higher: str, lower: str, same: str) -> str:
    """Two sizes (as printed: Decimals) in words: `higher`, `lower` or `same`."""
    return higher if mine > theirs else lower if mine < theirs else same


# -- series, places and lengths ---------------------------------------------------

ORDINAL_WORDS = (
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)


def ranked(place: int, joint: bool, most: str = "most") -> str:
    """A place among others in words (1 = the highest): "the most", "the second most",
    "the joint third most", "the 11th most"."""
    nth = "" if place == 1 else (ORDINAL_WORDS[place] if place < 11 else fmt.ordinal(place))
    return " ".join(w for w in ("the", "joint" if joint else "", nth, most) if w)


def is_stable(values, within: float) -> bool:
    """Whether every value lies within `within` per cent of the values' mean (a mean of
    zero: whether every value is zero)."""
    values = [float(v) for v in values]
    mean = sum(values) / len(values)
    margin = abs(mean) * within / 100
    slack = 1e-9 * max(1.0, abs(mean))  # a value exactly on the bound is within it
    return all(abs(v - mean) <= margin + slack for v in values)


#: the units `every()` says how often in, shortest first
EVERY = ("hour", "day", "week", "month")


def every(length: float, count: float, unit: str) -> str:
    """How often one of `count` events happens over `length` `unit`s (one of `EVERY`),
    rounded half up to a whole number of them: 365 days for 121 "every three days",
    8,760 hours for 2,500 "every four hours", "every 12 days" (one to nine in words),
    "every day" for one."""
    if count <= 0:
        raise ValueError(f"every() needs a count above zero, not {fmt.number(count, 2)}")
    interval = length / count
    n = int(fmt.rounded(interval, 0))
    if n == 0:
        a = "an" if unit == "hour" else "a"
        shorter = EVERY.index(unit) - 1
        hint = f": try every('{EVERY[shorter]}')" if shorter >= 0 else ""
        raise ValueError(
            f"it happens more than once {a} {unit} (every {interval:.2g} {unit}s){hint}"
        )
    return f"every {unit}" if n == 1 else f"every {fmt.words(n)} {unit}s"


def months_long(months: int) -> str:
    """A length in months: "one month", "five months", "12 months" (one to nine in
    words)."""
    return f"{fmt.words(months)} month{'' if months == 1 else 's'}"


def years_long(months: int) -> str:
    """A length of whole years: "one year", "two years", "12 years"."""
    if months % 12:
        raise ValueError(f"{months_long(months)} is not a whole number of years; write .length")
    years = months // 12
    return f"{fmt.words(years)} year{'' if years == 1 else 's'}"


def first_months(first: int, months: int) -> str:
    """ "the first five months" of a year: the window must start a financial year (April)
    or a calendar year (January)."""
    if first % 12 not in (0, 3):
        raise ValueError(
            f"{month_as(first, '%B %Y')} starts no year (a financial year starts in April, "
            "a calendar year in January); write .length"
        )
    return f"the first {months_long(months)}"
