"""A computed value → a model `Figure` that keeps its provenance for the audit trail.

Every figure the narrative prints (a placeholder's result, a table cell, a
chart's value, a scorecard's figure) is made here, so each carries the same
attributes: the expression or place it came from, the measures, areas and
windows behind it, the data files (or the paper.yaml setting) it was read
from, and for a change its direction.
"""

from __future__ import annotations

from ..measures.registry import Comparison, MeasureView, Phrase, Value, WindowView
from . import model as m

_TRACED = (Value, Phrase, Comparison, MeasureView, WindowView)


def traced(value, expression: str, text: str | None = None, joined: str = " vs ") -> m.Figure:
    """The figure printing `text` (else `str(value)`), traced to `value`'s provenance.

    `value` is anything of the measures' vocabulary with a `provenance`: tuples of
    (measure, area, window, files). Its windows are `joined` by " vs " (a comparison) or
    " + " (a table's total)."""
    provenance = value.provenance if isinstance(value, _TRACED) else ()
    measures = list(dict.fromkeys(p[0] for p in provenance))
    windows = list(dict.fromkeys(p[2].text() for p in provenance))
    areas = list(dict.fromkeys(p[1] for p in provenance))
    files = tuple(dict.fromkeys(f for p in provenance for f in p[3]))
    attrs = {
        "expression": expression,
        "measure": " ".join(measures),
        "window": joined.join(windows),
        "area": " ".join(a for a in areas if a),
        "files": files,
        "direction": value.direction if isinstance(value, (Value, Phrase, Comparison)) else "",
    }
    if isinstance(value, Value):
        attrs["unit"] = value.unit  # count, percent, rate or money (measures.yaml)
    if isinstance(value, Comparison) and value.pct_change() is not None:
        attrs["pct_change"] = value.pct_change()
    return m.Figure(str(value) if text is None else text, attrs=attrs)
