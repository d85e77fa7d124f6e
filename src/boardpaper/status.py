"""The KPI status vocabulary, in one place: each status's word, symbol and colours.

Like `errors`, this module imports nothing from the package, so every stage can
use it: the measures stage scores a KPI with one of these keys, the narrative
puts the word and symbol in the scorecard model, and each writer draws the
symbol and fills with the colours. A status never depends on colour alone: it
always has its word and a symbol too. The colours are a light fill with dark
text, contrast at least 4.5:1 (WCAG 2.2 AA, tested), and every fill a different
grey when printed in black and white (relative luminance 0.50, 0.58 … 0.98, one step
apart: tested).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    key: str
    word: str
    symbol: str  # the symbol drawn: tick, cross, up, down, level, dot, dash
    fill: str  # #RRGGBB background
    ink: str  # #RRGGBB text and symbol


#: every status, in the order of the scorecard's key
STATUSES: dict[str, Status] = {
    s.key: s
    for s in (
        Status("met", "Met", "tick", "#AFD1B7", "#14532D"),
        Status("not-met", "Not met", "cross", "#DDB1B1", "#7F1D1D"),
        Status("improving", "Improving", "up", "#EBF7ED", "#14532D"),
        Status("worsening", "Worsening", "down", "#EBDBDB", "#7F1D1D"),
        Status("no-change", "No change", "level", "#F6E9BE", "#5A4300"),
        Status("monitor", "Monitor", "dot", "#CFD4DD", "#1F2D3D"),
        Status("no-data", "No data yet", "dash", "#FDFDFD", "#404040"),
    )
}
