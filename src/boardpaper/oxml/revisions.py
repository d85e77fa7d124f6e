"""Tracked changes: `w:ins` and `w:del` around runs, and on paragraph marks.

A deleted run keeps its text in `w:delText` (not `w:t`), as Word requires. A
paragraph added or removed as a whole also has its mark tracked
(`w:pPr/w:rPr/w:ins` or `w:del`), so the numbering shows the change.
"""

from __future__ import annotations

from .ns import attr, nsdecls, qn
from .parser import parse_xml

KINDS = {
    "inserted": "w:ins",
    "deleted": "w:del",
    "moved-to": "w:moveTo",
    "moved-from": "w:moveFrom",
}
RANGES = {"moved-to": "w:moveTo", "moved-from": "w:moveFrom"}  # …RangeStart / …RangeEnd


def wrap(run, kind: str, rev_id: int, author: str, date: str):
    """`run` (a `w:r`) inside a new `w:ins`, `w:del`, `w:moveTo` or `w:moveFrom`; deleted
    text becomes `w:delText` (moved-away text stays `w:t`, as Word writes it)."""
    tag = KINDS[kind]
    element = parse_xml(
        f'<{tag} {nsdecls("w")} w:id="{rev_id}" w:author={attr(author)} w:date={attr(date)}/>'
    )
    if kind == "deleted":
        for t in run.iter(qn("w:t")):
            t.tag = qn("w:delText")
        for t in run.iter(qn("w:instrText")):
            t.tag = qn("w:delInstrText")
    element.append(run)
    return element


def move_range(p, kind: str, range_id: int, name: str, author: str, date: str) -> None:
    """The named container of a move around the content of paragraph `p`
    (`w:moveFromRangeStart` … `w:moveFromRangeEnd`, or the `moveTo` pair)."""
    tag = RANGES[kind]
    start = parse_xml(
        f'<{tag}RangeStart {nsdecls("w")} w:id="{range_id}" w:name={attr(name)} '
        f"w:author={attr(author)} w:date={attr(date)}/>"
    )
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(parse_xml(f'<{tag}RangeEnd {nsdecls("w")} w:id="{range_id}"/>'))


def mark_paragraph(p, kind: str, rev_id: int, author: str, date: str) -> None:
    """Track the paragraph mark of `p` as inserted or deleted (`w:pPr/w:rPr/w:ins|w:del`)."""
    ppr = p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        successor = next((c for c in ppr if c.tag in (qn("w:sectPr"), qn("w:pPrChange"))), None)
        if successor is not None:
            successor.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(
        0,
        parse_xml(
            f'<{KINDS[kind]} {nsdecls("w")} w:id="{rev_id}" '
            f"w:author={attr(author)} w:date={attr(date)}/>"
        ),
    )
