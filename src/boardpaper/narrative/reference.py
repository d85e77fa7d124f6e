"""The reference of placeholders, made from the code: every field and filter, what it
does (its docstring), and an example computed from a paper's own data.

`boardpaper placeholders PAPER` prints it; docs/placeholders.md is this output for the
May 2022 example (`make docs` writes it, and a test fails when they differ).
"""

from __future__ import annotations

import inspect

from ..errors import BoardpaperError, Location
from ..measures import registry as r

#: each kind of value: (title, the class, an expression that gives one, the fields shown
#: (None: all))
KINDS = (
    ("The measures: `m.<id>`", r.MeasureView, "m.{count}", None),
    ("A figure", r.Value, "m.{count}.value", None),
    (
        "A comparison: `.vs_baseline`, `.vs_previous`, `.vs(…)`",
        r.Comparison,
        "m.{count}.vs_baseline",
        None,
    ),
    ("A period: `period`, `baseline`, `m.<id>.window`", r.WindowView, "period", None),
    ("A month: `period.first`, `period.last`, `.peak.month`", r.MonthView, "period.last", None),
    (
        "The highest month of a window: `.peak` (and every field of a measure)",
        r.PeakView,
        "m.{count}.peak",
        ("value", "month", "month_name", "window"),
    ),
)
#: the arguments of the example of each field that takes some: relative months where a
#: paper rolled forward should move with its period
CALLS = {
    "dp": "dp(1)",
    "sf": "sf(1)",
    "format": "format('%d/%m/%Y')",
    "banded": "banded(1, 5, 15)",
    "back": "back(1)",
    "month": "month(period.last.back(1))",
    "ending": "ending(period.last.back(1))",
    "last": "last(3)",
    "fy": "fy('{fy}')",
    "year": "year(period.last.back(12))",
    "between": "between('{first}', period.last)",
    "share_of": "share_of(m.{whole})",
    "vs": "vs(m.{count}.previous)",
    "area": "area('{area}')",
    "quarter": "quarter(period.last)",
    "period": "period('{fy}')",
    "approx_as": "approx_as('around')",
    "fraction_as": "fraction_as('almost', 'over')",
    "comma_from": "comma_from(100000)",
    "compared_with": "compared_with(m.{count}.previous)",
    "to": "to(m.{count}.previous)",
    "stable_within": "stable_within(5)",
    "ranked_among": "ranked_among(m.{whole})",
    "every": "every('day')",
}
#: the arguments of a field whose example differs by the kind of value
CALLS_ON = {(r.Comparison, "compared_with"): "compared_with(m.{count}.vs_previous)"}
#: fields shown on another measure than the usual one, where that one says little
ON = {
    "words": "small",
    "a": "small",
    "one": "small",
    "share_of": "part",
    "fraction": "share",
    "fraction_as": "share",
    "per_cent": "share",
    "spelled": "tens",
    "every": "tens",
}
FILTERS = (
    ("dp", "m.{count} | dp(1)", "the figure with as many decimal places"),
    (
        "words",
        "m.{small} | words",
        "zero to nine in words, with exact halves and quarters (two and a half); other numbers in digits",
    ),
    ("upper", "period.last.name | upper", "in capitals"),
    ("lower", "m.{count}.vs_baseline.noun | lower", "in small letters"),
    ("capitalize", "m.{count}.vs_baseline.noun | capitalize", "with a capital first letter"),
)


def field_names() -> tuple[str, ...]:
    """The fields of a measure, `m.<id>.<field>` (the reference's first table)."""
    return tuple(r.MeasureView.FIELDS)


def reference(figures: r.Figures, paper: str) -> str:
    """The reference as Markdown, its examples computed from `figures`."""
    from .jinja import Resolver

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
    for title, cls, base, shown in KINDS:
        lines += [
            f"## {title}",
            "",
            "| field | what it gives | example | prints |",
            "| --- | --- | --- | --- |",
        ]
        for field in shown or cls.FIELDS:
            expression = _example(cls, base, field).format(**names)
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
    from ..measures.windows import month_text

    store = figures.store
    counts = sorted(
        k for k, d in store.measures.items() if d.unit == "count" and store.area in store.areas(k)
    )
    count = next((k for k in counts if _covers(figures, k)), counts[0] if counts else "x")
    last = figures.period.last
    areas = [a for a in store.areas(count) if a != store.area]
    small, tens, part, whole = _small_and_share(figures, counts)
    return {
        "count": count,
        "small": small or count,
        "tens": tens or small or count,
        "part": part or count,
        "whole": whole or count,
        "share": f"m.{part or count}.share_of(m.{whole or count})",
        "month": month_text(last - 1),
        "first": month_text(last - 8),
        "fy": f"{last // 12 - 1}/{last // 12 % 100:02d}",
        "year": str(last // 12 - 1),
        "area": areas[0] if areas else store.area,
    }


def _small_and_share(figures: r.Figures, counts: list[str]) -> tuple:
    """A count of two to nine over the period (for words), one of 11 to 100 (for numbers
    spelt out, and how often), and two counts the first of which is nearest a simple
    share of the second (for shares and fractions), a part of the other
    (burglary_residential of burglary) where the data has one."""
    values = {}
    for k in counts:
        try:
            values[k] = figures.value(k, figures.store.area, figures.period).number
        except Exception:  # noqa: BLE001 - no data for the period: not an example
            continue
    small = next((k for k in values if 2 <= values[k] <= 9), None)
    tens = next((k for k in values if 11 <= values[k] <= 100), None)
    best, pair = (2, 1.0), (None, None)
    for part in values:
        for whole in values:
            if part != whole and 0 < values[part] < values[whole]:
                share = values[part] / values[whole]
                off = min(abs(share - f) for f in (1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4))
                rank = (0 if part.startswith(whole + "_") else 1, off)
                if rank < best:
                    best, pair = rank, (part, whole)
    return (small, tens, *pair)


def _example(cls, base: str, field: str) -> str:
    """The example of `field` on `cls`: its arguments if it takes some, on the measure
    that shows it best."""
    member = inspect.getattr_static(cls, field, None)
    call = CALLS_ON.get((cls, field), CALLS.get(field, field))
    call = call if inspect.isfunction(member) else field
    if cls in (r.MeasureView, r.Value) and field in ON:
        base = base.replace("{count}", "{" + ON[field] + "}")
        if field in ("fraction", "fraction_as", "per_cent"):
            return "{share}." + call
    return f"{base}.{call}"


def _covers(figures: r.Figures, measure: str) -> bool:
    try:
        for window in (figures.period, figures.baseline, figures.period.previous()):
            figures.value(measure, figures.store.area, window)
        return True
    except Exception:  # noqa: BLE001 - any gap: try the next measure
        return False


def _doc(cls, field: str) -> str:
    """The first paragraph of the field's own docstring (a measure's forms are its
    figure's); a field without one is a fault of the code (the reference test says)."""
    member = inspect.getattr_static(cls, field, None)
    if isinstance(member, property):
        doc = member.__doc__ or ""
    elif member is not None:
        doc = inspect.getdoc(member) or ""
    else:
        doc = getattr(cls, "ATTRIBUTES", {}).get(field, "")
    if not doc and cls is r.MeasureView:
        return _doc(r.Value, field)
    first = " ".join(doc.split("\n\n")[0].split())
    return first.replace("|", "\\|") or "–"


def _printed(resolver, expression: str) -> str:
    try:
        text = resolver.resolve(expression, Location("reference"), None).text
    except BoardpaperError as exc:
        text = "(" + exc.message.split(": ", 1)[-1] + ")"
    return text.replace("|", "\\|")
