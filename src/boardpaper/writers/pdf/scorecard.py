"""The KPI scorecard appendix: `write_scorecard(paper, appendix) -> bytes` (A4 landscape).

The scorecard model becomes a story of flowables: a title, a key to the
statuses, and one long table grouped by section and objective whose header
row repeats on every page. Page furniture (running header, protective marking,
"Page X of Y") is drawn by the page template; the page count is filled in
when the document is saved. Output is deterministic (`invariant=1`).
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    LongTable,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from ...errors import Location, OutputError
from ...narrative import model as m
from ...narrative.scorecard import waiting_by_section, with_data
from ...status import STATUSES
from ...xmltext import escape
from .flowables import Band, BandedTable, StatusCell, WrapOnce, sparkline
from .styles import FONT, GRID, GROUP_BG, INK, NAVY, OBJECTIVE_BG, register_fonts, styles
from .tagging import Tagged, Tagger, artifact, finish

PAGE = landscape(A4)
MARGIN = 12 * mm
#: (heading, width in mm) of each column
COLUMNS = (
    ("KPI", 84),
    ("Measure and period", 44),
    ("Baseline", 19),
    ("Latest", 19),
    ("Change", 19),
    ("Target", 19),
    ("Status", 29),
    ("Trend, 24 months", 29),
)


def numbered_canvas(page=PAGE):
    """A canvas class that holds each page until the end, so every page can say
    "Page X of Y" (centred at the foot of a page of size `page`)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                with artifact(self):
                    self.setFont(FONT, 8)
                    self.setFillColor(INK)
                    self.drawCentredString(
                        page[0] / 2, 8 * mm, f"Page {self._pageNumber} of {total}"
                    )
                super().showPage()
            super().save()

    return NumberedCanvas


def write_scorecard(paper: m.Paper, appendix: m.Appendix) -> bytes:
    """The PDF bytes of a scorecard appendix."""
    register_fonts()
    card = appendix.scorecard
    title = f"Appendix {appendix.letter} – {appendix.title}"
    tagger = Tagger()
    out = io.BytesIO()
    doc = appendix_document(
        out,
        paper,
        title,
        PAGE,
        "scorecard",
        margins=(MARGIN, MARGIN, 20 * mm, 16 * mm),
        keywords="; ".join(dict.fromkeys(("KPI scorecard", *paper.meta.keywords))),
    )
    try:
        doc.build(_story(card, title, tagger), canvasmaker=numbered_canvas())
    except LayoutError as exc:
        raise OutputError(
            f"a row of the scorecard does not fit on a page: {exc}", Location(title)
        ) from None
    return finish(out.getvalue(), tagger, title, paper.meta.language)


def appendix_document(
    out, paper: m.Paper, title: str, page, name: str, margins, keywords: str = ""
) -> BaseDocTemplate:
    """The document of an appendix built here: page size and margins (left, right, top,
    bottom), one frame, the page furniture, and properties from the paper (deterministic:
    `invariant=1`)."""
    left, right, top, bottom = margins
    doc = BaseDocTemplate(
        out,
        pagesize=page,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=paper.meta.author or paper.meta.board,
        subject=f"{paper.meta.board}, {paper.meta.meeting}: {paper.meta.title}",
        keywords=keywords,
        creator="boardpaper",
        producer="boardpaper (ReportLab)",
        lang=paper.meta.language,
        invariant=1,
        initialFontName=FONT,
        initialFontSize=8,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [PageTemplate(name, [frame], onPage=page_furniture(paper.meta, title, page))]
    )
    return doc


def page_furniture(meta: m.Meta, title: str, page=PAGE):
    """The onPage callback: board and meeting, the appendix title, the protective marking."""

    def draw(canvas, doc):
        with artifact(canvas):
            _furniture(canvas)

    def _furniture(canvas):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(INK)
        top = page[1] - 10 * mm
        canvas.drawString(MARGIN, top, f"{meta.board} – {meta.meeting}")
        canvas.drawRightString(page[0] - MARGIN, top, title)
        if meta.page_marking:  # with ILLUSTRATIVE DATA where the data are made up
            canvas.drawCentredString(page[0] / 2, top, meta.page_marking)
            canvas.drawCentredString(page[0] / 2, 4.5 * mm, meta.page_marking)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 2.5 * mm, page[0] - MARGIN, top - 2.5 * mm)
        canvas.restoreState()

    return draw


def _story(card: m.Scorecard, title: str, tagger: Tagger) -> list:
    s = styles()
    story = [Tagged(WrapOnce(escape(title), s["title"]), "H1", tagger)]
    intro = (
        f"Each KPI of the {escape(card.title)}. <b>Latest</b>: {escape(card.period)}. "
        f"<b>Baseline</b>: the financial year {escape(card.baseline)}, against which "
        "trajectory targets (reduce, increase) are judged. Numerical targets are judged "
        "on the latest figure as printed. Monitored KPIs show their trend without a "
        "judgement. The same table is published as CSV for screen readers."
    )
    story.append(Tagged(WrapOnce(intro, s["intro"]), "P", tagger))
    if card.paper_baseline and card.paper_baseline != f"the financial year {card.baseline}":
        differs = (
            f"The paper compares its figures with {escape(card.paper_baseline)}, the national "
            f"baseline; this scorecard judges trajectory targets against {escape(card.baseline)},"
            " as the Police and Crime Plan sets, so a change here can differ in size, and even "
            "in sign, from the same measure's change in the paper."
        )
        story.append(Tagged(WrapOnce(differs, s["intro"]), "P", tagger))
    if card.note:
        story.append(Tagged(WrapOnce(f"<b>{escape(card.note)}</b>", s["intro"]), "P", tagger))
    story.append(_summary(card, s, tagger))
    story.append(Spacer(1, 3 * mm))
    story.append(_table(card, s, tagger))
    waiting = [row for _, texts in waiting_by_section(card) for row in texts]
    if waiting:
        story.append(Spacer(1, 4 * mm))
        story.append(
            Tagged(
                WrapOnce(f"KPIs with no data yet ({len(waiting)})", s["section_title"]),
                "H2",
                tagger,
            )
        )
        for section, texts in waiting_by_section(card):
            line = f"<b>{escape(section)}:</b> " + " · ".join(escape(t) for t in texts)
            story.append(Tagged(WrapOnce(line, s["compact"]), "P", tagger))
    return story


def _summary(card: m.Scorecard, s, tagger: Tagger) -> LongTable:
    """The key to the statuses, with how many KPIs have each: what a board member reads
    first."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in card.rows:
        if row.status in counts:
            counts[row.status] += 1
    statuses = list(STATUSES.values())
    head = [WrapOnce("<b>Status</b>", s["body"])] + [
        StatusCell(t.key, t.word, t.symbol) for t in statuses
    ]
    numbers = [WrapOnce("<b>KPIs</b>", s["body"])] + [
        WrapOnce(str(counts[t.key]), s["count"]) for t in statuses
    ]
    table = LongTable(
        [head, numbers],
        colWidths=[20 * mm] + [29 * mm] * len(statuses),
        hAlign="LEFT",
        repeatRows=1,
        renderCB=tagger.table_callback(header_columns=1),
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _table(card: m.Scorecard, s, tagger: Tagger) -> LongTable:
    widths = [w * mm for _, w in COLUMNS]
    head = [
        WrapOnce(escape(h), s["head_number"] if 2 <= i <= 5 else s["head"])
        for i, (h, _) in enumerate(COLUMNS)
    ]
    head[2] = WrapOnce(f"Baseline {escape(card.baseline)}", s["head_number"])
    data = [head]
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    bands: dict[int, Band] = {}
    for row in with_data(card.rows):
        r = len(data)
        if row.kind in ("section", "objective", "group"):
            fill = {"section": NAVY, "objective": OBJECTIVE_BG, "group": GROUP_BG}[row.kind]
            band = Band(
                row.text,
                lambda text, kind=row.kind: WrapOnce(escape(text), s[kind]),
                len(COLUMNS),
                fill,
            )
            bands[r] = band
            data.append(band.row())
            style += band.draw(r)
            continue
        text = escape(row.text)
        kpi = (
            WrapOnce(text, s["item"], bulletText="–")
            if row.kind == "item"
            else WrapOnce(text, s["body"])
        )
        status = StatusCell(row.status, row.status_word, row.symbol) if row.status else ""
        trend = sparkline(row.trend, widths[7] - 6, reference=row.reference) if row.trend else ""
        data.append(
            [
                kpi,
                WrapOnce(escape(row.measure), s["body"]),
                WrapOnce(escape(row.baseline), s["number"]),
                WrapOnce(escape(row.latest), s["number"]),
                WrapOnce(escape(row.change), s["number"]),
                WrapOnce(escape(row.target), s["number"]),
                status,
                trend,
            ]
        )
    style += [("BACKGROUND", (0, 0), (-1, 0), NAVY), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white)]
    return BandedTable(
        data,
        style,
        bands,
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
        renderCB=tagger.table_callback(),
    )
