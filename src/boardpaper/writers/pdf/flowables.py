"""Custom flowables of the scorecard: a paragraph of a table cell, a status cell, a
sparkline, and a table whose bands are repeated, "(continued)", after a page break."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine
from reportlab.lib import colors
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from ...status import STATUSES
from .styles import BOLD, FONT, GRID, INK

GREY = GRID  # the reference line: quieter than the trend


class _Drawing(Drawing):
    """A Drawing whose renderer starts in the embedded font, not Helvetica."""

    initialFontName = FONT
    initialFontSize = 7


#: what `Paragraph.wrap` (and the `breakLines` it calls) sets on the paragraph
_WRAPPED = (
    "width",
    "height",
    "_wrapWidths",
    "blPara",
    "frags",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


class WrapOnce(Paragraph):
    """A paragraph in a table cell, its lines broken once for its column's width.

    ReportLab wraps every cell of a long table again for each part of a page split (the
    rest of the table is measured anew) and again to draw it: six times on average in the
    May 2022 scorecard, always at its column's width (measuring and drawing work that
    width out differently, so it differs in the 14th digit, far below the 6 digits a PDF
    prints). Breaking the lines is most of the scorecard's time; the result depends only
    on the width, the text (`frags`, which the first wrap turns into words) and the
    style, so it is kept and given again."""

    _bp_wrapped: tuple | None = None  # (width, frags after the wrap, what the wrap set)

    def wrap(self, availWidth, availHeight):
        done = self._bp_wrapped
        if done is not None and abs(done[0] - availWidth) < 1e-9 and done[1] is self.frags:
            self.__dict__.update(done[2])
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):  # not for a width too narrow to hold anything
            state = {k: self.__dict__[k] for k in _WRAPPED if k in self.__dict__}
            self._bp_wrapped = (availWidth, self.frags, state)
        return size


class StatusCell(Flowable):
    """A status shown three ways: fill colour, a drawn symbol, and the word."""

    HEIGHT = 13

    def __init__(self, status: str, word: str, symbol: str):
        super().__init__()
        self.status, self.word, self.symbol = status, word, symbol

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.HEIGHT

    def draw(self) -> None:
        status = STATUSES[self.status]
        fill, ink = colors.HexColor(status.fill), colors.HexColor(status.ink)
        c = self.canv
        c.saveState()
        c.setFillColor(fill)
        c.setStrokeColor(ink)
        c.setLineWidth(0.4)
        c.roundRect(0, 0, self.width, self.HEIGHT, 2.5, stroke=1, fill=1)
        c.setFillColor(ink)
        c.setStrokeColor(ink)
        _SYMBOLS[self.symbol](c, 7, self.HEIGHT / 2)
        c.setFont(BOLD, 7.5)
        c.drawString(14, 4, self.word)
        c.restoreState()


def _tick(c, x, y):
    c.setLineWidth(1.3)
    path = c.beginPath()
    path.moveTo(x - 3.2, y)
    path.lineTo(x - 1, y - 2.6)
    path.lineTo(x + 3.3, y + 2.8)
    c.drawPath(path, stroke=1, fill=0)


def _cross(c, x, y):
    c.setLineWidth(1.3)
    c.line(x - 2.6, y - 2.6, x + 2.6, y + 2.6)
    c.line(x - 2.6, y + 2.6, x + 2.6, y - 2.6)


def _triangle(up: bool):
    def draw(c, x, y):
        path = c.beginPath()
        tip = 3.3 if up else -3.3
        path.moveTo(x - 3.3, y - tip * 0.8)
        path.lineTo(x + 3.3, y - tip * 0.8)
        path.lineTo(x, y + tip)
        path.close()
        c.drawPath(path, stroke=0, fill=1)

    return draw


def _level(c, x, y):
    c.rect(x - 3.3, y + 0.6, 6.6, 1.3, stroke=0, fill=1)
    c.rect(x - 3.3, y - 1.9, 6.6, 1.3, stroke=0, fill=1)


def _dot(c, x, y):
    c.circle(x, y, 2.6, stroke=0, fill=1)


def _dash(c, x, y):
    c.rect(x - 3, y - 0.6, 6, 1.2, stroke=0, fill=1)


_SYMBOLS = {
    "tick": _tick,
    "cross": _cross,
    "up": _triangle(True),
    "down": _triangle(False),
    "level": _level,
    "dot": _dot,
    "dash": _dash,
}


def sparkline(
    values, width: float, height: float = 14, reference: float | None = None
) -> Drawing | str:
    """A small line of the monthly values, the latest month marked, and the baseline (a
    month's worth) as a dashed reference line the trend is judged against; "" if too
    few values."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    if reference is not None:
        low, high = min(low, reference), max(high, reference)
    span = (high - low) or 1.0
    pad = 2.0
    step = (width - 2 * pad) / (len(values) - 1)
    points = []
    for i, v in enumerate(values):
        points += [pad + i * step, pad + (v - low) / span * (height - 2 * pad)]
    drawing = _Drawing(width, height)
    if reference is not None:
        level = pad + (reference - low) / span * (height - 2 * pad)
        drawing.add(
            Line(
                pad,
                level,
                width - pad,
                level,
                strokeColor=GREY,
                strokeWidth=0.5,
                strokeDashArray=[1.5, 1.5],
            )
        )
    drawing.add(PolyLine(points, strokeColor=INK, strokeWidth=0.7))
    drawing.add(Circle(points[-2], points[-1], 1.4, fillColor=INK, strokeColor=None))
    drawing._bp_alt = (  # the Figure's alternative text in the tagged PDF
        f"Trend of the last {len(values)} months: from {_short(values[0])} to "
        f"{_short(values[-1])}, lowest {_short(min(values))}, highest {_short(max(values))}"
        + (
            f"; the baseline is {_short(reference)} a month (dashed)"
            if reference is not None
            else ""
        )
    )
    return drawing


def _short(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


class BandedTable(LongTable):
    """A long table of rows under bands (a section, an objective, a sub-objective): where
    a page break falls among a band's rows, the next page repeats the band, marked
    "(continued)", under the repeated header, so no row stands on a page without saying
    what it belongs to.

    `bands`: row index → its `Band`; `style`: the table's style commands, kept so that
    the part after a break can be styled the same."""

    def __init__(self, data, bp_style=(), bands=None, **kwargs):
        # ReportLab makes the parts of a split with Table's own arguments only: those
        # parts are drawn as they are; the part carried to the next page is made here
        super().__init__(data, **kwargs)
        if bp_style:
            self.setStyle(TableStyle(list(bp_style)))
        self._bp_rows, self._bp_style, self._bp_bands = list(data), list(bp_style), bands or {}
        self._bp_kwargs = kwargs

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        if len(parts) != 2 or not self._bp_bands:
            return parts
        head = self.repeatRows or 0
        at = len(self._bp_rows) - (len(parts[1]._cellvalues) - head)  # where part 2 starts
        if not head <= at < len(self._bp_rows):
            return parts
        above = [r for r in self._bp_bands if r < at]
        band = self._bp_bands[max(above)] if above and at not in self._bp_bands else None
        inserted = [band.continued()] if band else []  # "… (continued)" under the header
        by = head + len(inserted)
        rows = self._bp_rows[:head] + inserted + self._bp_rows[at:]
        bands = {r - at + by: b for r, b in self._bp_bands.items() if r >= at}
        style = [c for c in (_moved(c, at, by, head) for c in self._bp_style) if c]
        if band:
            bands[head] = band
            style += band.draw(head)
        return [parts[0], BandedTable(rows, style, bands, **self._bp_kwargs)]


class Band:
    """A band row of a BandedTable: its text, the cell it prints, how it is drawn."""

    def __init__(self, text: str, make_cell, columns: int, fill):
        self.text, self.make_cell, self.columns, self.fill = text, make_cell, columns, fill

    def row(self, text: str | None = None) -> list:
        return [self.make_cell(text or self.text)] + [""] * (self.columns - 1)

    def continued(self) -> list:
        return self.row(f"{self.text} (continued)")

    def draw(self, r: int) -> list:
        return [
            ("SPAN", (0, r), (-1, r)),
            ("BACKGROUND", (0, r), (-1, r), self.fill),
            ("NOSPLIT", (0, r), (-1, r + 1)),  # a band stays with the row under it
        ]


def _moved(command: tuple, at: int, by: int, head: int) -> tuple | None:
    """A style command of a table's rows for the part that starts at row `at`: rows
    from `at` moved to start after the `head` repeated rows and `by - head` inserted
    ones; rows before `at` (but the header) dropped; whole-table commands kept."""
    name, (c0, r0), (c1, r1), *rest = command
    if r0 < 0 or (r0 < head and (r1 < head or r1 < 0)):
        return command  # the whole table, or the repeated header
    if r1 >= 0 and r1 < at:
        return None  # rows left on the page before
    start = r0 - at + by if r0 >= at else by
    end = r1 if r1 < 0 else r1 - at + by
    return (name, (c0, start), (c1, end), *rest)
