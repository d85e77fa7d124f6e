"""A .docx read as a reader sees it with every tracked change accepted.

Whatever a reviewer did (tracked or not, accepted or not before saving), the
text they meant is the document with its changes accepted: inserted and moved-to
text kept, deleted and moved-from text dropped, and a paragraph whose mark was
deleted joined to the next. This module reads every part a reader sees in that
state, in order: the body (its tables' cells included), the header and footer,
and the footnotes. Field results (page numbers) are left out: they are not the
author's text. Each paragraph keeps its style, the footnotes it cites, its
bold and italic spans, and who changed it, so a difference can be explained.

Each paragraph is read in one walk of its elements (a text belongs to the
paragraph nearest round it: a text box's paragraphs are paragraphs of their own),
and its text is put together once: linear in the file however its runs are split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

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
_P, _R, _RPR, _T = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:t")
_BREAKS = {qn("w:tab"), qn("w:br"), qn("w:cr")}
_FORMAT_CHANGES = {qn("w:rPrChange"), qn("w:pPrChange")}
_HIDDEN = _SKIPPED | {qn("w:fldSimple")}  # what the words inside are not read from
_HYPERLINK, _BOOKMARK, _FIELD_CHAR = qn("w:hyperlink"), qn("w:bookmarkStart"), qn("w:fldChar")
_NOTE_REFERENCE, _NO_BREAK_HYPHEN = qn("w:footnoteReference"), qn("w:noBreakHyphen")


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
        chunks: list[str] = []
        spans = []
        at: list[int] = []  # piece index → length of the text before it (a blank after it aside)
        length, blank = 0, False  # the text's length so far; whether it ends with a blank
        # collapse blanks, keeping each piece's formatting on its surviving characters
        for piece, bold, italic in self.pieces:
            at.append(length - blank)
            start = length
            piece = _BLANKS.sub(" ", piece)
            if piece.startswith(" ") and (blank or not length):
                piece = piece[1:]
            if piece:
                chunks.append(piece)
                length += len(piece)
                blank = piece.endswith(" ")
            if (bold or italic) and length > start:
                spans.append((start, length, bold, italic))
        text = "".join(chunks)
        stripped = text[: length - blank]
        spans = [(a, min(b, len(stripped)), bo, it) for a, b, bo, it in spans if a < len(stripped)]
        note_at = tuple(at[n] if n < len(at) else len(stripped) for n in self.note_pieces)
        links: list[tuple[int, int, str]] = []
        for n, url in enumerate(self.piece_links):
            if not url:
                continue
            start = at[n] + (1 if text[at[n] : at[n] + 1] == " " and at[n] else 0)
            end = at[n + 1] if n + 1 < len(at) else len(stripped)
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


class _Open:
    """What an open element gives the elements inside it."""

    __slots__ = ("element", "format", "hidden", "link")

    def __init__(self, element, hidden: bool, link: str):
        self.element = element
        self.hidden = hidden  # inside a deletion, a move away or a simple field
        self.link = link  # the address of the hyperlink round it ("" if none)
        self.format: tuple[bool, bool] | None = None  # its bold and italic, once asked


def _read(p, builder: _Collected) -> None:
    """Add the accepted text of paragraph `p` to `builder`."""
    in_field = 0  # inside a complex field's result (between separate and end)
    stack = [_Open(None, False, "")]  # the elements open round the current one
    walk = etree.iterwalk(p, events=("start", "end"))
    for event, element in walk:
        if event == "end":
            stack.pop()
            continue
        tag, parent = element.tag, stack[-1]
        stack.append(
            _Open(
                element,
                parent.hidden or tag in _HIDDEN,
                _link(element, builder.links) if tag == _HYPERLINK else parent.link,
            )
        )
        if tag == _P and element is not p:
            walk.skip_subtree()  # a paragraph inside this one (a text box) is read on its own
            continue
        parent_tag = parent.element.tag if parent.element is not None else None
        if tag in _CHANGES and (tag in _FORMAT_CHANGES or parent_tag != _RPR):
            builder.changed_by.append((_CHANGES[tag], *_who(element)))
        if tag == _BOOKMARK:
            builder.bookmarks.append(element.get(qn("w:name"), ""))
            continue
        if tag == _FIELD_CHAR:
            kind = element.get(qn("w:fldCharType"))
            if kind == "separate":
                in_field += 1
            elif kind == "end" and in_field:
                in_field -= 1
            continue
        if in_field or parent.hidden:
            continue
        if tag == _NOTE_REFERENCE:
            builder.notes.append(element.get(qn("w:id"), ""))
            builder.note_pieces.append(len(builder.pieces))
        elif tag == _T:
            if parent.format is None:  # the run's formatting, read once for all its texts
                parent.format = _format(parent.element)
            builder.pieces.append((element.text or "", *parent.format))
            builder.piece_links.append(parent.link)
        elif tag in _BREAKS and parent_tag == _R:
            builder.pieces.append((" ", False, False))
            builder.piece_links.append("")
        elif tag == _NO_BREAK_HYPHEN:
            builder.pieces.append(("-", False, False))
            builder.piece_links.append(parent.link)


def _link(hyperlink, links: dict[str, str]) -> str:
    """The address of a hyperlink ("" if none): an outside address from the part's
    relationships, or '#name' for a link to a bookmark."""
    rid = hyperlink.get(qn("r:id"))
    if rid:
        return links.get(rid, "?").replace(" ", "%20")
    anchor = hyperlink.get(qn("w:anchor"))
    return f"#{anchor}" if anchor else ""


def _format(run) -> tuple[bool, bool]:
    """Bold and italic of the run (the element a text is in)."""
    rpr = run.find(_RPR)
    if rpr is None:
        return False, False
    return _on(rpr.find(qn("w:b"))), _on(rpr.find(qn("w:i")))


def _on(element) -> bool:
    return element is not None and element.get(qn("w:val"), "true") not in ("0", "false", "off")
