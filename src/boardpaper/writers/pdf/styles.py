"""Fonts, colours and paragraph styles of the PDF appendices.

The font is Bitstream Vera, a TrueType font shipped with ReportLab, embedded
in every PDF. Status colours pair a light background with dark text; each pair
has a contrast ratio of at least 4.5:1 (tested), and every status also has a
word and a drawn symbol, so none depends on colour.
"""

from __future__ import annotations

from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT, BOLD, ITALIC = "BP-Sans", "BP-Sans-Bold", "BP-Sans-Italic"
_FONTS = Path(reportlab.__file__).parent / "fonts"


def register_fonts() -> None:
    """Register the embedded TrueType fonts once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in ((FONT, "Vera.ttf"), (BOLD, "VeraBd.ttf"), (ITALIC, "VeraIt.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(_FONTS / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


INK = colors.HexColor("#1A1A1A")
NAVY = colors.HexColor("#1F3864")
OBJECTIVE_BG = colors.HexColor("#D9E2F3")
GROUP_BG = colors.HexColor("#EEF2F9")
GRID = colors.HexColor("#9AA5B8")


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        bulletFontName=FONT,
        fontSize=7.5,
        leading=9.2,
        textColor=INK,
        alignment=TA_LEFT,
    )
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=15, leading=19, spaceAfter=4
        ),
        "intro": ParagraphStyle("intro", parent=base, fontSize=9, leading=12, spaceAfter=4),
        "body": base,
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, textColor=colors.white),
        "head_number": ParagraphStyle(
            "head_number", parent=base, fontName=BOLD, textColor=colors.white, alignment=TA_RIGHT
        ),
        "section": ParagraphStyle(
            "section", parent=base, fontName=BOLD, fontSize=9, leading=11, textColor=colors.white
        ),
        "objective": ParagraphStyle(
            "objective", parent=base, fontName=BOLD, fontSize=8.5, leading=10.5
        ),
        "group": ParagraphStyle("group", parent=base, fontName=ITALIC, fontSize=8, leading=10),
        "item": ParagraphStyle("item", parent=base, leftIndent=10, bulletIndent=2),
    }
