"""A .docx read as a reader sees it with every tracked change accepted.

Whatever a reviewer did (tracked or not, accepted or not before saving), the
text they meant is the document with its changes accepted: inserted and moved-to
text kept, deleted and moved-from text dropped, and a paragraph whose mark was
deleted joined to the next. This module reads every part a reader sees in that
state, in order: the body (its tables' cells included), the header and footer,
and the footnotes. Field results (page numbers) are left out: they are not the
author's text. Each paragraph keeps its style, the footnotes it cites, its
bold and italic spans, and who changed it, so a difference can be explained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ns import qn

_SKIPPED = {qn("w:del"), qn("w:moveFrom")}
_CHANGES = {
    qn("w:ins"): "insertion",
    qn("w:moveTo"): "move",
    qn("w:del"): "deletion",
    qn("w:moveFrom"): "move",
    qn("w:rPrChange"): "formatting",
    qn("w:pPrChange"): "paragraph formatting",
}
_BLANKS = re.compile(r"\s+")


@dataclass
class Para:
    """One paragraph as accepted."""

    part: str  # body, header, footer, footnote
    style: str
    text: str  # blanks collapsed, trimmed
    notes: tuple[str, ...] = ()  # footnote ids cited, in order
    spans: tuple[tuple[int, int, bool, bool], ...] = ()  # (start, end, bold, italic)
    bookmarks: tuple[str, ...] = ()
    changed_by: tuple[tuple[str, str, str], ...] = ()  # (kind, author, date) of its changes
    note_id: str = ""  # for a footnote: its id
    note_at: tuple[int, ...] = ()  # where each citation stands: characters of text before it
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end, address) of each hyperlink


@dataclass
class _Collected:
    part: str
    style: str = ""
    pieces: list[tuple[str, bool, bool]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)
    changed_by: list[tuple[str, str, str]] = field(default_factory=list)
    note_id: str = ""
    note_pieces: list[int] = field(default_factory=list)  # pieces before each citation
    piece_links: list[str] = field(default_factory=list)  # each piece's link address, or ""
    links: dict[str, str] = field(default_factory=dict)  # the part's link ids → addresses

    def finish(self) -> Para:
        text, spans = "", []
        at: dict[int, int] = {}  # piece index → length of the text before it
        # collapse blanks, keeping each piece's formatting on its surviving characters
        for n, (piece, bold, italic) in enumerate(self.pieces):
            at[n] = len(text.rstrip())
            start = len(text)
            for ch in piece:
                if ch.isspace():
                    if text and not text.endswith(" "):
                        text += " "
                else:
                    text += ch
            if (bold or italic) and len(text) > start:
                spans.append((start, len(text), bold, italic))
        stripped = text.rstrip()
        spans = [(a, min(b, len(stripped)), bo, it) for a, b, bo, it in spans if a < len(stripped)]
        note_at = tuple(at.get(n, len(stripped)) for n in self.note_pieces)
        links: list[tuple[int, int, str]] = []
        for n, url in enumerate(self.piece_links):
            if not url:
                continue
            start = at[n] + (1 if text[at[n] : at[n] + 1] == " " and at[n] else 0)
            end = at.get(n + 1, len(stripped))
            if links and links[-1][2] == url and links[-1][1] >= start - 1:
                links[-1] = (links[-1][0], end, url)
            elif end > start:
                links.append((start, end, url))
        return Para(
            self.part,
            self.style,
            stripped,
            tuple(self.notes),
            _merge(spans),
            tuple(self.bookmarks),
            tuple(dict.fromkeys(self.changed_by)),
            self.note_id,
            note_at,
            tuple((a, min(b, len(stripped)), u) for a, b, u in links if a < len(stripped)),
        )


def _merge(spans) -> tuple:
    out: list = []
    for span in spans:
        if out and out[-1][1] >= span[0] and out[-1][2:] == span[2:]:
            out[-1] = (out[-1][0], max(out[-1][1], span[1]), *span[2:])
        else:
            out.append(span)
    return tuple(out)


def paragraphs(root, part: str, links: dict[str, str] | None = None) -> list[Para]:
    """The paragraphs of a part's root (w:document, w:hdr, w:ftr, w:footnotes) as accepted;
    `links`: the part's hyperlink relationships (id → address)."""
    links = links or {}
    out: list[Para] = []
    if part == "footnote":
        for note in root.iter(qn("w:footnote")):
            if note.get(qn("w:type")) in (
                "separator",
                "continuationSeparator",
                "continuationNotice",
            ):
                continue
            builder = _Collected(part, note_id=note.get(qn("w:id"), ""), links=links)
            for p in note.iter(qn("w:p")):
                if builder.pieces:
                    builder.pieces.append((" ", False, False))
                    builder.piece_links.append("")
                _read(p, builder)
                builder.style = builder.style or _style(p)
            out.append(builder.finish())
        return out
    pending: _Collected | None = None
    for p in root.iter(qn("w:p")):
        builder = pending or _Collected(part, _style(p), links=links)
        if pending is not None:  # joined: the surviving paragraph mark is this one's
            pending.style = _style(p)
        _read(p, builder)
        mark = _mark_deleted(p)
        if mark is not None:
            pending = builder  # the next paragraph joins this one
            builder.changed_by.append(("deleted paragraph mark", *_who(mark)))
            continue
        pending = None
        out.append(builder.finish())
    if pending is not None:
        out.append(pending.finish())
    return out


def _style(p) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val"), "") if style is not None else ""


def _mark_deleted(p):
    mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    if mark is None:
        return None
    for child in mark:
        if child.tag in (qn("w:del"), qn("w:moveFrom")):
            return child
    return None


def _who(element) -> tuple[str, str]:
    return element.get(qn("w:author"), ""), element.get(qn("w:date"), "")


def _read(p, builder: _Collected) -> None:
    """Add the accepted text of paragraph `p` to `builder`."""
    in_field = 0  # inside a complex field's result (between separate and end)
    for element in p.iter():
        tag = element.tag
        if tag in _CHANGES and (
            tag in (qn("w:rPrChange"), qn("w:pPrChange")) or element.getparent().tag != qn("w:rPr")
        ):
            builder.changed_by.append((_CHANGES[tag], *_who(element)))
        if tag == qn("w:bookmarkStart"):
            builder.bookmarks.append(element.get(qn("w:name"), ""))
            continue
        if tag == qn("w:fldChar"):
            kind = element.get(qn("w:fldCharType"))
            if kind == "separate":
                in_field += 1
            elif kind == "end" and in_field:
                in_field -= 1
            continue
        if in_field or _skipped(element, p):
            continue
        if tag == qn("w:footnoteReference"):
            builder.notes.append(element.get(qn("w:id"), ""))
            builder.note_pieces.append(len(builder.pieces))
        elif tag == qn("w:t"):
            bold, italic = _format(element)
            builder.pieces.append((element.text or "", bold, italic))
            builder.piece_links.append(_link_of(element, p, builder.links))
        elif tag in (qn("w:tab"), qn("w:br"), qn("w:cr")) and element.getparent().tag == qn("w:r"):
            builder.pieces.append((" ", False, False))
            builder.piece_links.append("")
        elif tag == qn("w:noBreakHyphen"):
            builder.pieces.append(("-", False, False))
            builder.piece_links.append(_link_of(element, p, builder.links))


def _link_of(element, p, links: dict[str, str]) -> str:
    """The address of the hyperlink `element` stands in ("" if none): an outside address
    from the part's relationships, or '#name' for a link to a bookmark."""
    node = element.getparent()
    while node is not None and node is not p:
        if node.tag == qn("w:hyperlink"):
            rid = node.get(qn("r:id"))
            if rid:
                return links.get(rid, "?").replace(" ", "%20")
            anchor = node.get(qn("w:anchor"))
            return f"#{anchor}" if anchor else ""
        node = node.getparent()
    return ""


def _skipped(element, p) -> bool:
    """Whether `element` is deleted or moved away, or inside a simple field."""
    node = element.getparent()
    while node is not None and node is not p:
        if node.tag in _SKIPPED or node.tag == qn("w:fldSimple"):
            return True
        node = node.getparent()
    return False


def _format(t) -> tuple[bool, bool]:
    run = t.getparent()
    rpr = run.find(qn("w:rPr")) if run is not None else None
    if rpr is None:
        return False, False
    return _on(rpr.find(qn("w:b"))), _on(rpr.find(qn("w:i")))


def _on(element) -> bool:
    return element is not None and element.get(qn("w:val"), "true") not in ("0", "false", "off")
