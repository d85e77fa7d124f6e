"""Runs, hyperlinks and footnote references: the inline XML of a paragraph."""

from __future__ import annotations

from .ns import attr, nsdecls, text
from .parser import parse_xml


def rpr_xml(style: str | None = None, bold: bool = False, italic: bool = False) -> str:
    """`w:rPr` with children in schema order (rStyle, b, i); empty string if none."""
    parts = []
    if style:
        parts.append(f"<w:rStyle w:val={attr(style)}/>")
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(value: str, bold: bool = False, italic: bool = False, style: str | None = None):
    """A `w:r` holding `value` (leading and trailing blanks kept)."""
    return parse_xml(
        f"<w:r {nsdecls('w')}>{rpr_xml(style, bold, italic)}"
        f'<w:t xml:space="preserve">{text(value)}</w:t></w:r>'
    )


def hyperlink(rid: str, runs) -> object:
    """A `w:hyperlink` to relationship `rid` around `runs` (already styled)."""
    element = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id={attr(rid)} w:history="1"/>')
    for r in runs:
        element.append(r)
    return element


def footnote_reference(footnote_id: int, style: str = "FootnoteReference"):
    """The run that cites footnote `footnote_id` in the text."""
    return parse_xml(
        f'<w:r {nsdecls("w")}>{rpr_xml(style)}<w:footnoteReference w:id="{footnote_id}"/></w:r>'
    )
