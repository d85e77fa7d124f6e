"""An appendix of charts as PDF (A4 portrait): each chart as the Word paper draws it
(writers/charts.py), its caption above, its description and source below.

An untagged PDF cannot give a screen reader a picture's alt text, so the text
that is the chart's alt text in Word is printed under it here.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
)

from ...narrative import model as m
from ...xmltext import escape
from ..charts import HEIGHT_CM, WIDTH_CM, render_png
from .scorecard import appendix_document, numbered_canvas
from .styles import register_fonts, styles
from .tagging import Tagged, Tagger, finish


def write_charts(paper: m.Paper, appendix: m.Appendix) -> bytes:
    """The PDF bytes of an appendix of charts (deterministic)."""
    register_fonts()
    title = f"Appendix {appendix.letter} – {appendix.title}"
    out = io.BytesIO()
    doc = appendix_document(
        out, paper, title, A4, "charts", margins=(2 * cm, 2 * cm, 2.2 * cm, 1.8 * cm)
    )
    s = styles()
    tagger = Tagger()
    story = [Tagged(Paragraph(escape(title), s["title"]), "H1", tagger)]
    for chart in appendix.charts:
        picture = Image(io.BytesIO(render_png(chart)), width=WIDTH_CM * cm, height=HEIGHT_CM * cm)
        parts = [
            Tagged(Paragraph(escape(chart.caption), s["objective"]), "H2", tagger),
            Spacer(1, 2 * mm),
            Tagged(picture, "Figure", tagger, alt=chart.alt),
            Tagged(Paragraph(f"<b>Description:</b> {escape(chart.alt)}", s["intro"]), "P", tagger),
        ]
        if chart.source:
            parts.append(
                Tagged(Paragraph(f"<i>Source: {escape(chart.source)}</i>", s["body"]), "P", tagger)
            )
        story += [KeepTogether(parts), Spacer(1, 6 * mm)]
    doc.build(story, canvasmaker=numbered_canvas(A4))
    return finish(out.getvalue(), tagger, title, paper.meta.language)
