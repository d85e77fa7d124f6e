"""A .docx read as a reader sees it with every tracked change accepted.

Whatever a reviewer did (tracked or not, accepted or not before saving), the
text they meant is the document with its changes accepted: inserted and moved-to
text kept, deleted and moved-from text dropped, and a paragraph whose mark was
deleted joined to the next. This module reads every part a reader sees in that
state, in order: the body (its tables' cells included), the header and footer,
and the footnotes. Field results (page numbers) are left out: they are not the
author's text; a link field's result (`HYPERLINK`, simple or complex) is read, as the
link it is. Of `mc:AlternateContent` one branch is read: the first Choice whose
requirements are understood, else the Fallback (see `chosen`). Each paragraph keeps its style, the footnotes it cites, its
bold and italic spans, and who changed it, so a difference can be explained.

Each paragraph is read in one walk of its elements (a text belongs to the
paragraph nearest round it: a text box's paragraphs are paragraphs of their own),
and its text is put together once: linear in the file however its runs are split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from . import contents
from .ns import date_of, qn
from .runs import BRANCHES, Fields, chosen, field_link, paragraphs_of

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
_FIELD_SIMPLE, _INSTR = qn("w:fldSimple"), qn("w:instrText")
_HYPERLINK, _BOOKMARK, _FIELD_CHAR = qn("w:hyperlink"), qn("w:bookmarkStart"), qn("w:fldChar")
_NOTE_REFERENCE, _NO_BREAK_HYPHEN = qn("w:footnoteReference"), qn("w:noBreakHyphen")
#: a picture, chart or shape (DrawingML's properties, with its title and alt text), or an
#: older VML picture or embedded object
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_OBJECTS = {qn("w:pict"), qn("w:object")}


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
    pictures: tuple[tuple[str, str], ...] = ()  # (title, alt text) of each picture or object
    row: str = ""  # in a table: which row of the part ("table 2, row 5"); "" outside tables
    contents: bool = False  # a contents list's (oxml/contents.py): computed, `text` its entry


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
    pictures: list[tuple[str, str]] = field(default_factory=list)
    row: str = ""

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
            tuple(self.pictures),
            self.row,
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
            for p in paragraphs_of(note):
                if builder.pieces:
                    builder.pieces.append((" ", False, False))
                    builder.piece_links.append("")
                _read(p, builder)
                builder.style = builder.style or _style(p)
            out.append(builder.finish())
        return out
    pending: _Collected | None = None
    rows = _rows(root)
    found = list(paragraphs_of(root))
    listed = contents.list_paragraphs(root, found) if part == "body" else set()
    for p in found:
        if id(p) in listed:  # computed from the headings: its entry's words, set aside
            out.append(Para(part, _style(p), contents.entry_text(p), contents=True))
            continue
        builder = pending or _Collected(part, _style(p), links=links, row=_row_of(p, rows))
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


def _rows(root) -> dict:
    """Each table row of the part → "table N, row M" (counted from 1, in document order)."""
    out = {}
    for n, table in enumerate(root.iter(qn("w:tbl")), 1):
        for m, row in enumerate(table.iterchildren(qn("w:tr")), 1):
            out[row] = f"table {n}, row {m}"
    return out


def _row_of(p, rows: dict) -> str:
    for ancestor in p.iterancestors(qn("w:tr")):
        return rows.get(ancestor, "")
    return ""


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


#: what a tracked formatting change is not judged on: the change and the paragraph mark's
#: own records, and bold and italic (read as the text's spans)
_NOT_FORMAT = {
    qn(f"w:{x}")
    for x in ("pPrChange", "rPrChange", "rPr", "sectPr", "ins", "del", "moveFrom", "moveTo")
    + ("b", "bCs", "i", "iCs")
}
_LINK_LOOK = {qn("w:color"), qn("w:u")}  # what Word gives a link's words


def _changes_anything(change, link: str) -> bool:
    """Whether a tracked w:pPrChange or w:rPrChange leaves formatting other than it found
    (a style changed and changed back, or a link given the Hyperlink style, leaves none)."""
    now, old = change.getparent(), next(iter(change), None)

    def kept(props) -> set:
        if props is None:
            return set()
        out = set()
        for child in props:
            if child.tag in _NOT_FORMAT or (link and child.tag in _LINK_LOOK):
                continue
            if child.tag == qn("w:rStyle") and "Hyperlink" in child.get(qn("w:val"), ""):
                continue
            out.add(_shape(child))
        return out

    return kept(now) != kept(old)


def _shape(element) -> tuple:
    return (
        element.tag,
        tuple(sorted(element.attrib.items())),
        tuple(_shape(child) for child in element),
    )


def _who(element) -> tuple[str, str]:
    return element.get(qn("w:author"), ""), date_of(element)


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
    fields = Fields()  # the complex fields open round the current element
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
                parent.hidden
                or tag in _SKIPPED
                or (tag == _FIELD_SIMPLE and not field_link(element.get(qn("w:instr")))),
                _link(element, builder.links)
                if tag == _HYPERLINK
                else field_link(element.get(qn("w:instr"))) or parent.link
                if tag == _FIELD_SIMPLE
                else parent.link,
            )
        )
        if (tag == _P and element is not p) or (tag in BRANCHES and not chosen(element)):
            walk.skip_subtree()  # a paragraph inside this one (a text box) is read on its
            continue  # own; of an mc:AlternateContent, one branch only
        parent_tag = parent.element.tag if parent.element is not None else None
        if (
            tag in _CHANGES
            and (tag in _FORMAT_CHANGES or parent_tag != _RPR)
            and (
                tag not in _FORMAT_CHANGES or _changes_anything(element, parent.link or fields.link)
            )
        ):
            builder.changed_by.append((_CHANGES[tag], *_who(element)))
        if tag == _BOOKMARK:
            builder.bookmarks.append(element.get(qn("w:name"), ""))
            continue
        if tag == _FIELD_CHAR:
            fields.step(element.get(qn("w:fldCharType")))
            continue
        if tag == _INSTR:
            fields.instruction(element.text or "")
            continue
        if fields.hidden or parent.hidden:
            continue
        if tag == _DOC_PR:
            builder.pictures.append((element.get("title", ""), element.get("descr", "")))
        elif tag in _OBJECTS:
            builder.pictures.append(("", ""))
        elif tag == _NOTE_REFERENCE:
            builder.notes.append(element.get(qn("w:id"), ""))
            builder.note_pieces.append(len(builder.pieces))
        elif tag == _T:
            if parent.format is None:  # the run's formatting, read once for all its texts
                parent.format = _format(parent.element)
            builder.pieces.append((element.text or "", *parent.format))
            builder.piece_links.append(parent.link or fields.link)
        elif tag in _BREAKS and parent_tag == _R:
            builder.pieces.append((" ", False, False))
            builder.piece_links.append("")
        elif tag == _NO_BREAK_HYPHEN:
            builder.pieces.append(("-", False, False))
            builder.piece_links.append(parent.link or fields.link)


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
