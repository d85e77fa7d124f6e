"""Windows of months: the reporting year, the national baseline, financial years.

A `Window` is an inclusive range of calendar months, held as integer month
numbers (year * 12 + month - 1) so that arithmetic across years is exact.
Labels follow the ONS style guide: "April 2021 to March 2022",
"the year ending June 2019", "2021/22".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..dates import MONTHS
from ..errors import shown

FIRST_YEAR, LAST_YEAR = 1900, 2199  # the years a paper's figures can be about
LONGEST = 1200  # months in a window: a hundred years
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_FY_RE = re.compile(r"^(\d{4})/(\d{2})$")


def month_number(text: str) -> int:
    """`"2022-03"` → its month number; ValueError if it is not YYYY-MM."""
    match = _MONTH_RE.match(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{shown(text)} is not a month written YYYY-MM")
    if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise ValueError(f"{shown(text)} is not a month between {FIRST_YEAR} and {LAST_YEAR}")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def month_text(number: int) -> str:
    """Month number → `"2022-03"`."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def month_label(number: int) -> str:
    """Month number → `"March 2022"`."""
    return f"{MONTHS[number % 12]} {number // 12}"


@dataclass(frozen=True, order=True)
class Window:
    """Months `first` to `last` inclusive (month numbers)."""

    first: int
    last: int

    @classmethod
    def ending(cls, month: str | int, months: int = 12) -> Window:
        """The `months` months ending with `month` (12: "the year ending …")."""
        last = month if isinstance(month, int) else month_number(month)
        if months < 1:
            raise ValueError("a window needs at least one month")
        if months > LONGEST:
            raise ValueError(f"a window of {months:,} months is longer than {LONGEST:,}")
        return cls(last - months + 1, last)

    @classmethod
    def between(cls, first: str | int, last: str | int) -> Window:
        a, b = (m if isinstance(m, int) else month_number(m) for m in (first, last))
        if b < a:
            raise ValueError(f"{month_label(a)} comes after {month_label(b)}")
        if b - a + 1 > LONGEST:
            raise ValueError(f"a window of {b - a + 1:,} months is longer than {LONGEST:,}")
        return cls(a, b)

    @classmethod
    def financial_year(cls, label: str | int) -> Window:
        """`"2021/22"` or `2021` → April 2021 to March 2022."""
        if isinstance(label, int):
            start = label
        else:
            match = _FY_RE.match(str(label).strip())
            if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
                raise ValueError(f"{shown(label)} is not a financial year written like 2021/22")
            start = int(match.group(1))
        return cls(start * 12 + 3, start * 12 + 14)

    @classmethod
    def calendar_year(cls, year: int) -> Window:
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            raise ValueError(f"{shown(year)} is not a year between {FIRST_YEAR} and {LAST_YEAR}")
        return cls(int(year) * 12, int(year) * 12 + 11)

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    @property
    def days(self) -> int:
        """The calendar days of its months: 365 for 2019, 366 for 2020, 28 for February
        2022."""
        return sum(
            calendar.monthrange(m // 12, m % 12 + 1)[1] for m in range(self.first, self.last + 1)
        )

    def shift(self, months: int) -> Window:
        return Window(self.first + months, self.last + months)

    def previous(self) -> Window:
        """The window of the same length just before this one."""
        return self.shift(-self.months)

    def is_financial_year(self) -> bool:
        return self.months == 12 and self.first % 12 == 3

    def is_calendar_year(self) -> bool:
        return self.months == 12 and self.first % 12 == 0

    def text(self) -> str:
        """`"2021-04..2022-03"`: the window in the audit trail."""
        return f"{month_text(self.first)}..{month_text(self.last)}"

    def label(self) -> str:
        """ "April 2021 to March 2022" (or "March 2022" for one month)."""
        if self.months == 1:
            return month_label(self.first)
        return f"{month_label(self.first)} to {month_label(self.last)}"

    def year_ending(self) -> str:
        """ "the year ending June 2019" (12-month windows only)."""
        return f"the year ending {month_label(self.last)}"

    def fy_label(self) -> str:
        """ "2021/22" for a financial year window."""
        start = self.first // 12
        return f"{start}/{(start + 1) % 100:02d}"
