"""The reference of placeholders, made from the code: every field and filter, what it
does (its docstring), and an example computed from a paper's own data.

`boardpaper placeholders PAPER` prints it; docs/placeholders.md is this output for the
May 2022 example (`make docs` writes it, and a test fails when they differ).
"""

from __future__ import annotations

import inspect

from ..errors import BoardpaperError, Location
from . import registry as r

#: each kind of value: (title, the class, an expression that gives one)
KINDS = (
    ("The measures: `m.<id>`", r.MeasureView, "m.{count}"),
    ("A figure", r.Value, "m.{count}.value"),
    (
        "A comparison: `.vs_baseline`, `.vs_previous`, `.vs(…)`",
        r.Comparison,
        "m.{count}.vs_baseline",
    ),
    ("A period: `period`, `baseline`, `m.<id>.window`", r.WindowView, "period"),
    ("A month: `period.first`, `period.last`, `.peak.month`", r.MonthView, "period.last"),
    ("The highest month of a window: `.peak`", r.PeakView, "m.{count}.peak"),
)
#: fields that are methods: the arguments of the example
CALLS = {
    "dp": "dp(1)",
    "sf": "sf(1)",
    "format": "format('%d/%m/%Y')",
    "banded": "banded(1, 5, 15)",
    "month": "month('{month}')",
    "ending": "ending('{month}')",
    "last": "last(3)",
    "fy": "fy('{fy}')",
    "year": "year({year})",
    "between": "between('{first}', '{month}')",
    "share_of": "share_of(m.{count})",
    "vs": "vs(m.{count}.previous)",
    "area": "area('{area}')",
}
FILTERS = (
    ("dp", "m.{count} | dp(1)", "the figure with as many decimal places"),
    (
        "words",
        "m.{count} | words",
        "zero to nine in words, with exact halves and quarters (two and a half); other numbers in digits",
    ),
    ("upper", "period.last.name | upper", "in capitals"),
    ("lower", "m.{count}.vs_baseline.noun | lower", "in small letters"),
    ("capitalize", "m.{count}.vs_baseline.noun | capitalize", "with a capital first letter"),
)


def reference(figures: r.Figures, paper: str) -> str:
    """The reference as Markdown, its examples computed from `figures`."""
    from ..narrative.jinja import Resolver

    resolver = Resolver(figures)
    names = _names(figures)
    lines = [
        "# Placeholders",
        "",
        "Everything a `{{ … }}` placeholder can name, made from the code by "
        f"`boardpaper placeholders`; each example is computed from the data of `{paper}`.",
        "Fields chain: `{{ m.homicide.vs_baseline.pct }}`, `{{ period.last.short }}`. A field "
        "a value does not have is an error that lists the ones it has.",
        "",
    ]
    for title, cls, base in KINDS:
        lines += [
            f"## {title}",
            "",
            "| field | what it gives | example | prints |",
            "| --- | --- | --- | --- |",
        ]
        for field in cls.FIELDS:
            expression = f"{base}.{CALLS.get(field, field)}".format(**names)
            lines.append(
                f"| `{field}` | {_doc(cls, field)} | `{{{{ {expression} }}}}` | "
                f"{_printed(resolver, expression)} |"
            )
        lines.append("")
    lines += [
        "## Filters",
        "",
        "| filter | what it does | example | prints |",
        "| --- | --- | --- | --- |",
    ]
    for name, example, what in FILTERS:
        expression = example.format(**names)
        lines.append(
            f"| `{name}` | {what} | `{{{{ {expression} }}}}` | {_printed(resolver, expression)} |"
        )
    return "\n".join(lines) + "\n"


def _names(figures: r.Figures) -> dict[str, str]:
    """The example's measure, months and area, taken from the data itself."""
    from .windows import month_text

    store = figures.store
    counts = sorted(
        k for k, d in store.measures.items() if d.unit == "count" and store.area in store.areas(k)
    )
    count = next((k for k in counts if _covers(figures, k)), counts[0] if counts else "x")
    last = figures.period.last
    areas = [a for a in store.areas(count) if a != store.area]
    return {
        "count": count,
        "month": month_text(last - 1),
        "first": month_text(last - 8),
        "fy": f"{last // 12 - 1}/{last // 12 % 100:02d}",
        "year": str(last // 12 - 1),
        "area": areas[0] if areas else store.area,
    }


def _covers(figures: r.Figures, measure: str) -> bool:
    try:
        for window in (figures.period, figures.baseline, figures.period.previous()):
            figures.value(measure, figures.store.area, window)
        return True
    except Exception:  # noqa: BLE001 - any gap: try the next measure
        return False


#: what the fields written as one-line properties give (the others say in their docstring)
SAID = {
    "value": "the figure over the window, by the measure's rule (sum, mean or latest)",
    "total": "the sum of the months",
    "mean": "the mean of the months",
    "min": "the lowest month's figure",
    "max": "the highest month's figure",
    "latest": "the last month's figure",
    "label": "the measure's label (for a period: April 2021 to March 2022)",
    "window": "the window of months, as a period",
    "baseline": "the same measure over the baseline year",
    "previous": "the same measure over the window before",
    "vs_baseline": "this window against the baseline year",
    "vs_previous": "this window against the one before",
    "year_ending": "the year ending …",
    "first": "its first month",
    "last": "its last month (for a measure: `last(n)`, its last n months)",
    "months": "how many months it spans (a figure: `.words` gives five)",
    "short": "in the short form",
    "quarter": "the financial quarter",
    "year": "the calendar year",
    "start": "the first day",
    "end": "the last day",
    "name": "the month's name",
    "year_short": "the month with a two-digit year",
    "fy": "the financial year",
    "vs": "this measure against another, or another window of it",
    "month": "one month of the measure",
    "ending": "the n months (12 unless given) ending with a month",
    "between": "the months from one to another",
    "area": "the same measure for another area",
    "words": "zero to nine in words, with exact halves and quarters (two and a half); other numbers in digits",
}


def _doc(cls, field: str) -> str:
    doc = ""
    for owner in (cls, r.Value, r.Comparison, r.MonthView):  # a measure's forms are its value's
        member = inspect.getattr_static(owner, field, None)
        target = member.fget if isinstance(member, property) else member
        if target is not None and getattr(target, "__name__", "") != "<lambda>":
            doc = inspect.getdoc(target) or ""
        if doc:
            break
    doc = doc or SAID.get(field, "")
    first = " ".join(doc.split("\n\n")[0].split())
    return first.replace("|", "\\|") or "–"


def _printed(resolver, expression: str) -> str:
    try:
        text = resolver.resolve(expression, Location("reference"), None).text
    except BoardpaperError as exc:
        text = "(" + exc.message.split(": ", 1)[-1] + ")"
    return text.replace("|", "\\|")
