"""CSV cells a spreadsheet shows as text and never runs as a formula.

Every CSV boardpaper writes (the audit trail, the scorecard, `measures --csv`)
passes each cell through `cell`. Following OWASP's advice on CSV injection, a
cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed
with an apostrophe, which Excel and LibreOffice hide and which stops them reading
the cell as a formula (`=HYPERLINK(…)`, `@SUM(…)`). A cell that is only a signed
figure as the paper prints it ("+12%", "-0.4 pts", "-£3 million", "-2865.0") is a
number to the spreadsheet, not a formula, and is kept as printed. Like `errors`,
this module imports nothing from the package.
"""

from __future__ import annotations

import re

_RISKY = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_FIGURE = re.compile(
    r"^[+-]£?\d[\d,]*(\.\d+)?(%| pts| percentage points| million| billion)?$"
)
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


def cell(value) -> str:
    text = "" if value is None else str(value)
    if text[:1] in _RISKY and not (_SIGNED_FIGURE.match(text) or _NUMBER.match(text)):
        return "'" + text
    return text


def row(values) -> list[str]:
    return [cell(v) for v in values]
