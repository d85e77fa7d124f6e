"""Numbers written the way UK official statistics are (ONS style guide).

- thousands separated by commas: 28,675
- a stated number of decimal places, rounded half up (2.25 → 2.3, never banker's)
- a leading zero: 0.6%
- percentage changes: one decimal place below 10%, whole numbers from 10% up,
  unless the author states the places
- one to nine in words where the author asks (`words`): "four were fatal"; up to one
  hundred where the author spells a number out (`spelled`): "twenty-one"
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .numbers import printable

SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
TEENS = [
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
FOLD = {
    2: "two-fold",
    3: "three-fold",
    4: "four-fold",
    5: "five-fold",
    6: "six-fold",
    7: "seven-fold",
    8: "eight-fold",
    9: "nine-fold",
    10: "ten-fold",
}


def rounded(value: float, decimals: int) -> Decimal:
    """`value` rounded half up to `decimals` places, as an exact Decimal."""
    printable(value)
    quantum = Decimal(1).scaleb(-decimals)
    # repr() keeps the shortest decimal form of the float: 0.125 stays 0.125.
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


#: significant digits a figure is read to before it is cut (`cut`): a float holds 15
#: exactly, and its own error (29 / 100 * 100 is 28.999999999999996) lies below them
CUT_DIGITS = 15


def cut(value: float, decimals: int) -> float:
    """`value` cut toward zero to `decimals` places (a measure's `rounding: down`): 58.41
    → 58, 47.87 → 47, -2.5 → -2. It is read to 15 significant digits first (all a float
    holds exactly), so that a quotient whole in decimal (29 of 100 as a percentage) is
    not cut below itself by binary rounding."""
    printable(value)
    exact = Decimal(repr(float(value)))
    if exact != 0:
        exact = round(exact, CUT_DIGITS - 1 - exact.adjusted())
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN))


#: the smallest number printed with a thousands separator: 1,000 in ONS style; a paper
#: whose house style writes four-digit counts without one ("2836") sets 10000. Set for
#: the paper being built by `house_style` (pipeline.load).
_COMMA_FROM = [1000]


def house_style(comma_from: int = 1000) -> None:
    """The house style of the paper being built: from which size numbers take commas."""
    _COMMA_FROM[0] = int(comma_from)


def number(value: float, decimals: int = 0, comma_from: int | None = None) -> str:
    """28675 → "28,675"; 0.61 with 1 place → "0.6"; -1234.5 → "-1,235". `comma_from`: this
    figure's own smallest number with a separator, else the house style's."""
    d = rounded(value, decimals)
    if d == 0:
        d = abs(d)  # never print "-0"
    if abs(d) < (_COMMA_FROM[0] if comma_from is None else comma_from):
        return f"{d:.{decimals}f}"
    return f"{d:,.{decimals}f}"


def percent(value: float, decimals: int, comma_from: int | None = None) -> str:
    """1.923 → "1.9%" (with 1 place)."""
    return f"{number(value, decimals, comma_from)}%"


def per_cent(value: float, decimals: int, comma_from: int | None = None) -> str:
    """1.923 → "1.9 per cent" (with 1 place): a percentage in words, not its sign."""
    return f"{number(value, decimals, comma_from)} per cent"


def change_decimals(value: float) -> int:
    """Default places for a percentage change: 1 below 10%, else 0."""
    return 1 if abs(float(rounded(value, 1))) < 10 else 0


def printed(value: float, unit: str, decimals: int, comma_from: int | None = None) -> str:
    """A value in its unit: "28,675", "6.8%", "£3 million"."""
    if unit == "percent":
        return percent(value, decimals, comma_from)
    if unit == "money":
        return money(value, decimals, comma_from)
    return number(value, decimals, comma_from)


def span(low: str, high: str, unit: str, between: str = "-") -> str:
    """Two figures as printed made a range, the unit written once: "35-37%" (a
    percentage's sign after the second), "£3,000-4,000" and "£3-4 million" (the £ before
    the first, a shared "million" after the second), "45-48"."""
    if unit == "percent" and low.endswith("%"):
        low = low[:-1]
    elif unit == "money":
        size = _size(high)
        if _size(low) == size:  # one size (or none) for both: the £ once, the size once
            sign = "-" if high.startswith("-") else ""
            high = sign + high.lstrip("-").removeprefix("£")
            low = low.removesuffix(size) if size else low
    return f"{low}{between}{high}"


def _size(money_text: str) -> str:
    """ " million" or " billion" where money is printed so ("£3 million"), else ""."""
    return next((w for w in (" million", " billion") if money_text.endswith(w)), "")


def signed_change(
    current: float, base: float, unit: str, zero: str = "n/a", comma_from: int | None = None
) -> str:
    """The change from `base` to `current` for a table or scorecard: "+12%", "-9.3%",
    "+0.4 pts" for percentages (points, not per cent); `zero` where the base is 0."""
    diff = current - base
    if unit == "percent":
        return f"{'+' if diff > 0 else ''}{number(diff, 1, comma_from)} pts"
    if base == 0:
        return zero
    pct = diff / abs(base) * 100
    places = change_decimals(pct)
    sign = "+" if float(rounded(pct, places)) > 0 else ""
    return f"{sign}{percent(pct, places, comma_from)}"


def money(value: float, decimals: int = 0, comma_from: int | None = None) -> str:
    """3000000 → "£3 million"; 14500000 → "£14.5 million"; 1234 → "£1,234"."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value >= 1_000_000_000:
        return f"{sign}£{_trim(value / 1_000_000_000)} billion"
    if value >= 1_000_000:
        return f"{sign}£{_trim(value / 1_000_000)} million"
    return f"{sign}£{number(value, decimals, comma_from)}"


def _trim(value: float) -> str:
    text = number(value, 1)
    return text[:-2] if text.endswith(".0") else text


PARTS = {0.25: "a quarter", 0.5: "a half", 0.75: "three quarters"}


def words(value: float, decimals: int = 0, comma_from: int | None = None) -> str:
    """Zero to nine in words ("four"), with an exact half or quarter too ("two and a
    half", "a quarter", "three quarters", "one and a quarter"); anything else as digits
    to `decimals` places, as the figure prints."""
    exact = rounded(value, 6)
    whole = math.floor(exact)
    part = exact - whole
    if 0 <= whole <= 9 and part == 0:
        return SMALL[int(whole)]
    if 0 <= whole <= 9 and part in PARTS:
        if whole == 0:
            return PARTS[part]
        if part == 0.75:
            return f"{SMALL[int(whole)]} and three quarters"
        return f"{SMALL[int(whole)]} and {PARTS[part]}"
    return number(value, decimals, comma_from)


def spelled(value: float, decimals: int = 0, comma_from: int | None = None) -> str:
    """Zero to one hundred in words ("ten", "twenty-one", "one hundred"), whole as
    printed (rounded to `decimals` places); anything else as digits, as `words` prints."""
    exact = rounded(value, decimals)
    if exact == exact.to_integral_value() and 0 <= exact <= 100:
        return number_words(int(exact))
    return number(value, decimals, comma_from)


def number_words(n: int) -> str:
    """0 to 100 in words: 7 "seven", 13 "thirteen", 40 "forty", 58 "fifty-eight"."""
    if not 0 <= n <= 100:
        raise ValueError(f"{n} is not from 0 to 100")
    if n <= 10:
        return SMALL[n]
    if n < 20:
        return TEENS[n - 11]
    if n == 100:
        return "one hundred"
    tens, units = divmod(n, 10)
    return TENS[tens] + (f"-{SMALL[units]}" if units else "")


def fold(ratio: float) -> str:
    """A ratio as a multiple: 5.3 → "five-fold"; 12.2 → "12-fold"."""
    whole = int(rounded(ratio, 0))
    if whole < 2:
        raise ValueError(f"a ratio of {number(ratio, 2)} is not a multiple (two-fold or more)")
    return FOLD.get(whole, f"{whole}-fold")


def ordinal(n: int) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def needs_an(text: str) -> bool:
    """Whether "an" (not "a") goes before `text` as spoken: "an 8% increase", "an 11"."""
    t = text.lstrip("£+-(").lower()
    if not t:
        return False
    if t[0].isdigit():
        digits = t.replace(",", "").split(".")[0]
        digits = "".join(ch for ch in digits if ch.isdigit())
        if digits.startswith("8"):
            return True
        # eleven, eighteen and their thousands/millions: 11, 18, 11,000, 18,500,000
        head = len(digits) % 3 or 3
        return digits[:head] in ("11", "18")
    if t.startswith(("one", "once", "uni", "use", "usu", "ura", "ure", "uti", "eu")):
        return False
    return t[0] in "aeiou" or t.startswith(("hour", "honest", "honou"))
