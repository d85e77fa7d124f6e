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
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT, BOLD, ITALIC = "BP-Sans", "BP-Sans-Bold", "BP-Sans-Italic"
_FONTS = Path(reportlab.__file__).parent / "fonts"


LIBERATION = Path("/usr/share/fonts/truetype/liberation")  # Debian's fonts-liberation


def _font_files() -> list[tuple[str, Path]]:
    """Liberation Sans (metric-compatible with the paper's Arial, installed by `make`);
    ReportLab's own Vera where it is missing. Either is embedded in the PDF."""
    names = {FONT: "Regular", BOLD: "Bold", ITALIC: "Italic"}
    if all((LIBERATION / f"LiberationSans-{n}.ttf").is_file() for n in names.values()):
        return [(font, LIBERATION / f"LiberationSans-{n}.ttf") for font, n in names.items()]
    vera = {FONT: "Vera.ttf", BOLD: "VeraBd.ttf", ITALIC: "VeraIt.ttf"}
    return [(font, _FONTS / file) for font, file in vera.items()]


def register_fonts() -> None:
    """Register the embedded TrueType fonts once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in _font_files():
        pdfmetrics.registerFont(TTFont(name, str(file)))
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
        fontSize=9,
        leading=11,
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
            "section", parent=base, fontName=BOLD, fontSize=10, leading=12, textColor=colors.white
        ),
        "objective": ParagraphStyle(
            "objective", parent=base, fontName=BOLD, fontSize=9.5, leading=11.5
        ),
        "group": ParagraphStyle("group", parent=base, fontName=ITALIC, fontSize=9, leading=11),
        "count": ParagraphStyle(
            "count", parent=base, fontName=BOLD, fontSize=11, leading=13, alignment=TA_CENTER
        ),
        "section_title": ParagraphStyle(
            "section_title", parent=base, fontName=BOLD, fontSize=12, leading=15, spaceAfter=3
        ),
        "compact": ParagraphStyle("compact", parent=base, fontSize=9, leading=11.5, spaceAfter=3),
        "item": ParagraphStyle("item", parent=base, leftIndent=10, bulletIndent=2),
    }
