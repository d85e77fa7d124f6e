"""The periods a datum may cover: the grammar of a data file's `period` column.

Every datum covers a span of whole months ending at its last month, held as two
integers: `last` (a month number, year * 12 + month - 1, see windows.py) and `months`
(the span). The forms, case-insensitive:

| text                                         | covers                         | months |
| -------------------------------------------- | ------------------------------ | ------ |
| `2022-03` (also `2022-03-01`, `2022-03-01 00:00:00`) | March 2022             | 1      |
| `2021/22`                                    | April 2021 to March 2022       | 12     |
| `2021`                                       | January to December 2021       | 12     |
| `2021 Q1`, `2021-Q1`, `2021Q1`               | January to March 2021          | 3      |
| `2021/22 Q1`                                 | April to June 2021             | 3      |
| `year ending March 2022`, `YE Mar 2022`      | April 2021 to March 2022       | 12     |

`parse` reads a column of distinct texts at once (vectorised: one regular expression
per form over all of them); `parse_one` reads one text; `label` names a span the way
tables and charts print it ("2020/21", "Q1 2021/22", "2021", "year ending June 2021").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..dates import MONTHS
from ..errors import shown
from .windows import month_label

FORMS = (
    "a month written YYYY-MM (2022-03), a financial year 2021/22, a calendar year 2021, "
    "a quarter 2021 Q1 or 2021/22 Q1, or a year ending a month: year ending March 2022 "
    "(YE Mar 2022)"
)
NOT_A_PERIOD = "is not a month written YYYY-MM, nor another period: " + FORMS.split(", ", 1)[1]

_MONTH_NAMES = "|".join(sorted({n.lower() for n in MONTHS} | {n[:3].lower() for n in MONTHS}))
_NUMBER = {n.lower(): i for i, n in enumerate(MONTHS)} | {
    n[:3].lower(): i for i, n in enumerate(MONTHS)
}

# each form: its pattern (on the stripped, lower-cased text) and how its groups give
# (last month number, months)
_MONTH = r"^([0-9]{4})-([0-9]{2})(?:-01(?:[ t]00:00:00)?)?$"
_FY = r"^([0-9]{4})/([0-9]{2})$"
_YEAR = r"^([0-9]{4})$"
_QUARTER = r"^([0-9]{4})[ -]?q([1-4])$"
_FY_QUARTER = r"^([0-9]{4})/([0-9]{2})[ -]?q([1-4])$"
_ROLLING = rf"^(?:year\s+ending|ye)\s+({_MONTH_NAMES})\s+(\d{{4}})$"


def _int(part: pd.Series) -> np.ndarray:
    return pd.to_numeric(part, errors="coerce").to_numpy(dtype=float)


def _fy_start(start: pd.Series, end: pd.Series) -> np.ndarray:
    """The first year of `2021/22`, NaN where the second part does not follow the first."""
    a, b = _int(start), _int(end)
    return np.where((a + 1) % 100 == b, a, np.nan)


def parse(texts: pd.Series) -> pd.DataFrame:
    """Each text's (`last`, `months`) as floats, NaN where it is no period of `FORMS`.

    Call it on distinct values (data.py's `_by_value`): it runs each form's regular
    expression once over all of them, monthly data first and alone when all match."""
    text = texts.astype(str).str.strip().str.lower()
    last = np.full(len(text), np.nan)
    months = np.full(len(text), np.nan)
    parts = text.str.extract(_MONTH)
    month = _int(parts[1])
    ok = ~np.isnan(month) & (month >= 1) & (month <= 12)
    last[ok] = (_int(parts[0]) * 12 + month - 1)[ok]
    months[ok] = 1
    if ok.all():
        return pd.DataFrame({"last": last, "months": months}, index=texts.index)
    rest = pd.Series(text.to_numpy()[~ok])
    where = np.flatnonzero(~ok)

    def put(found: np.ndarray, span: int) -> None:
        good = ~np.isnan(found)
        last[where[good]] = found[good]
        months[where[good]] = span

    parts = rest.str.extract(_FY)
    put(_fy_start(parts[0], parts[1]) * 12 + 14, 12)
    parts = rest.str.extract(_YEAR)
    put(_int(parts[0]) * 12 + 11, 12)
    parts = rest.str.extract(_QUARTER)
    put(_int(parts[0]) * 12 + _int(parts[1]) * 3 - 1, 3)
    parts = rest.str.extract(_FY_QUARTER)
    put(_fy_start(parts[0], parts[1]) * 12 + 2 + _int(parts[2]) * 3, 3)
    parts = rest.str.extract(_ROLLING)
    number = parts[0].map(_NUMBER).to_numpy(dtype=float)
    put(_int(parts[1]) * 12 + number, 12)
    return pd.DataFrame({"last": last, "months": months}, index=texts.index)


def parse_one(text) -> tuple[int, int]:
    """One period's (last month number, months); ValueError naming the forms if none."""
    if not isinstance(text, (str, int)) or isinstance(text, bool):
        raise ValueError(f"{shown(text)} {NOT_A_PERIOD}")
    found = parse(pd.Series([str(text)], dtype=object)).iloc[0]
    if np.isnan(found["last"]):
        raise ValueError(f"{shown(text)} {NOT_A_PERIOD}")
    return int(found["last"]), int(found["months"])


def kind(last: int, months: int) -> str:
    """What a span of data is: "month", "quarter", "financial year", "calendar year" or
    "year ending <month>" (a rolling year)."""
    if months == 1:
        return "month"
    if months == 3 and last % 3 == 2:
        return "quarter"
    if months == 12:
        return {2: "financial year", 11: "calendar year"}.get(
            last % 12, f"year ending {MONTHS[last % 12]}"
        )
    return f"{months} months"


def label(last: int, months: int) -> str:
    """A span as tables and charts label it: "Mar 22" (a month), "Q1 2021/22",
    "2020/21", "2021", "year ending June 2021"."""
    name = kind(last, months)
    start = last // 12 - (1 if last % 12 < 3 else 0)  # its financial year's first year
    if name == "month":
        text = month_label(last)
        return text[:3] + " " + text[-2:]
    if name == "quarter":
        return f"Q{((last % 12 - 3) % 12) // 3 + 1} {start}/{(start + 1) % 100:02d}"
    if name == "financial year":
        return f"{start}/{(start + 1) % 100:02d}"
    if name == "calendar year":
        return str(last // 12)
    if months == 12:
        return f"year ending {month_label(last)}"
    return f"{months} months ending {month_label(last)}"


def financial_year(start: int, form: str = "2020/21") -> str:
    """The financial year starting in April of `start` written as `form` writes 2020/21
    (a table's `years:`): 2020/21, 2020/2021, 2020-21, 2020-2021, 20/21 or 20-21."""
    between = "/" if "/" in form else "-"
    first, _, second = form.partition(between)
    a = f"{start:04d}" if len(first) == 4 else f"{start % 100:02d}"
    b = f"{start + 1:04d}" if len(second) == 4 else f"{(start + 1) % 100:02d}"
    return a + between + b


def plural(name: str) -> str:
    """ "financial year" → "financial years"; "year ending June" → "years ending June"."""
    if name.startswith("year ending"):
        return "years" + name[4:]
    return name + "s"
