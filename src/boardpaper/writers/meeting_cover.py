"""The meeting pack's cover (meeting.py): a tagged page (PDF/UA) with the board, the
meeting's date, time and venue, the items (number, title, presenter and the pack page
where each starts), the officer to contact about the meeting, and the protective
marking, in the house font at the body size (12 pt)."""

from __future__ import annotations

import io

from ..content.meeting import Meeting
from ..narrative import model as m

COLUMNS = (("Item", 13), ("Title", 83), ("Presented by", 45), ("Page", 15))  # mm


def cover(meeting: Meeting, meta: m.Meta, starts: list[int] | None) -> bytes:
    """The cover as tagged PDF bytes; `starts`: each item's first page in the pack (None:
    a draft, to count pages, with "000" in their place)."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm, mm
    from reportlab.platypus import LongTable, Paragraph, Spacer, TableStyle

    from .pdf.scorecard import appendix_document, numbered_canvas
    from .pdf.styles import BOLD, FONT, GRID, register_fonts, styles
    from .pdf.tagging import Tagged, Tagger, finish

    register_fonts()
    title = f"{meeting.board} – meeting pack"
    paper = m.Paper(meeting.name, meta, ())
    out = io.BytesIO()
    doc = appendix_document(
        out, paper, title, A4, "cover", margins=(2.5 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm)
    )
    base = styles()["body"]
    body = ParagraphStyle("cover", parent=base, fontSize=12, leading=16, spaceAfter=4)
    s = {
        "body": body,
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=20, leading=25),
        "sub": ParagraphStyle("sub", parent=body, fontSize=16, leading=21, spaceAfter=10),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=BOLD, fontSize=14, leading=18, spaceBefore=14
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=11, leading=14, spaceAfter=0),
    }
    s["head"] = ParagraphStyle("head", parent=s["cell"], fontName=BOLD)
    s["num"] = ParagraphStyle("num", parent=s["cell"], alignment=TA_RIGHT)
    s["head_num"] = ParagraphStyle("head_num", parent=s["head"], alignment=TA_RIGHT)
    tagger = Tagger()

    def para(text: str, style: str, role: str = "P") -> Tagged:
        return Tagged(Paragraph(text, s[style]), role, tagger)

    when = meeting.printed_date + (f", {meeting.time}" if meeting.time else "")
    story = [
        para(f"<b>Protective marking:</b> {_x(meeting.marking)}", "body"),
        Spacer(1, 6),
        para(_x(meeting.board), "h1", "H1"),
        para("Meeting pack", "sub"),
        para(f"<b>Date and time:</b> {_x(when)}", "body"),
        para(f"<b>Venue:</b> {_x(meeting.venue)}", "body"),
        para("Items", "h2", "H2"),
        para(
            "The agenda follows this page; each item's paper and appendices follow "
            "the agenda, starting on the pack page given.",
            "body",
        ),
    ]
    rows = [[Paragraph(h, s["head_num" if h in ("Item", "Page") else "head"]) for h, _ in COLUMNS]]
    for n, item in enumerate(meeting.items):
        rows.append(
            [
                Paragraph(str(item.number), s["num"]),
                Paragraph(_x(item.title), s["cell"]),
                Paragraph(_x(item.presenter or "–"), s["cell"]),
                Paragraph(str(starts[n]) if starts else "000", s["num"]),
            ]
        )
    table = LongTable(
        rows,
        colWidths=[w * mm for _, w in COLUMNS],
        hAlign="LEFT",
        repeatRows=1,
        renderCB=tagger.table_callback(),
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 11),  # no Helvetica selected
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(table)
    if meeting.contact:
        contact = meeting.contact
        story += [
            para("Contact", "h2", "H2"),
            para("About this meeting or its papers, contact:", "body"),
            para(_x(contact.name), "body"),
        ]
        if contact.email:
            story.append(para(f"Email: {_x(contact.email)}", "body"))
        if contact.phone:
            story.append(para(f"Telephone: {_x(contact.phone)}", "body"))
    doc.build(story, canvasmaker=numbered_canvas(A4))
    return finish(out.getvalue(), tagger, title, "en-GB")


def _x(text: str) -> str:
    """Text for a ReportLab paragraph (its markup escaped)."""
    from ..xmltext import escape

    return escape(text)
