"""Word numbering: the lists behind paragraph numbers, bullets and letters.

The paper's paragraph numbers are one list (`NUM_PARAGRAPHS`) attached to the
`NumberedParagraph` style: every numbered paragraph continues it, across
headings, and nothing restarts it, so inserting a paragraph in Word moves every
later number. Bullets and letters are separate lists; a second lettered list
restarts at A through a new `w:num` with a `w:startOverride`, which is the one
place a restart is right.
"""

from __future__ import annotations

from . import style_ids
from .ns import nsdecls, qn
from .parser import parse_xml

NUM_PARAGRAPHS, NUM_BULLETS, NUM_LETTERS = 1, 2, 3

#: (abstractNumId, levels): each level (format, text, left indent, hanging, font)
_ABSTRACT = {
    0: [("decimal", "%1.", 567, 567, None)],
    1: [("bullet", "\u2022", 1134, 425, "Arial"), ("bullet", "\u2013", 1701, 425, "Arial")],
    2: [("upperLetter", "%1.", 1134, 567, None)],
}
_NSIDS = {0: "3A5C0001", 1: "3A5C0002", 2: "3A5C0003"}
_STYLE_OF = {0: style_ids.NUMBERED, 2: style_ids.LETTERED}


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int, font, style) -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    rpr = (
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'
        if font
        else ""
    )
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
        f'<w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>'
    )


def numbering_part_xml() -> bytes:
    """numbering.xml for a new template: three lists, never restarted."""
    abstracts = []
    for aid, levels in _ABSTRACT.items():
        kind = "singleLevel" if len(levels) == 1 else "hybridMultilevel"
        lvls = "".join(
            _level(i, *lvl, _STYLE_OF.get(aid) if i == 0 else None) for i, lvl in enumerate(levels)
        )
        abstracts.append(
            f'<w:abstractNum w:abstractNumId="{aid}"><w:nsid w:val="{_NSIDS[aid]}"/>'
            f'<w:multiLevelType w:val="{kind}"/>{lvls}</w:abstractNum>'
        )
    nums = "".join(
        f'<w:num w:numId="{aid + 1}"><w:abstractNumId w:val="{aid}"/></w:num>' for aid in _ABSTRACT
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:numbering {nsdecls('w')}>{''.join(abstracts)}{nums}</w:numbering>"
    ).encode()


def num_pr(num_id: int, ilvl: int = 0):
    """A `w:numPr` element: list `num_id`, level `ilvl`."""
    return parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )


def restarted(numbering, num_id: int) -> int:
    """A new list on the same definition as `num_id`, starting again at 1; its numId."""
    num = numbering.num_having_numId(num_id)
    new = numbering.add_num(num.abstractNumId.val)
    new.add_lvlOverride(ilvl=0).add_startOverride(1)
    return new.numId


def style_num_id(style_element) -> int | None:
    """The numId a paragraph style attaches (`w:pPr/w:numPr/w:numId`), if any."""
    found = style_element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    return int(found[0]) if found else None


__all__ = [
    "NUM_BULLETS",
    "NUM_LETTERS",
    "NUM_PARAGRAPHS",
    "num_pr",
    "numbering_part_xml",
    "qn",
    "restarted",
    "style_num_id",
]
