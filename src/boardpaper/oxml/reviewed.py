"""A reviewed .docx read as paragraphs of plain, inserted and deleted text, and comments.

Whichever Word-compatible program wrote it, tracked changes are `w:ins` /
`w:del` (and `w:moveTo` / `w:moveFrom`) around runs, deleted text is in
`w:delText`, a tracked paragraph mark is `w:pPr/w:rPr/w:ins|w:del`, and comments
are `w:commentRangeStart`/`End` and `w:commentReference` in the text with their
words in comments.xml. Of `mc:AlternateContent` one branch is read, as in
accepted.py. This module turns that into plain records; it does not
judge what the changes mean.

Each paragraph is read in one walk of its elements, each text belonging to the
paragraph nearest round it (a text box's paragraphs are paragraphs of their own):
linear in the file, however its runs are nested or split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from lxml import etree

from .ns import date_of, qn
from .runs import chosen, paragraphs_of

_CHANGE = {qn("w:ins"): "ins", qn("w:moveTo"): "ins", qn("w:del"): "del", qn("w:moveFrom"): "del"}
_TEXT = {qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:noBreakHyphen")}
_P, _T, _DEL_TEXT, _TAB = qn("w:p"), qn("w:t"), qn("w:delText"), qn("w:tab")
_BOOKMARK, _ID, _NAME = qn("w:bookmarkStart"), qn("w:id"), qn("w:name")
_RANGE_START, _RANGE_END = qn("w:commentRangeStart"), qn("w:commentRangeEnd")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_BRANCHES = {f"{_MC}Choice", f"{_MC}Fallback"}
_REFERENCE, _AUTHOR = qn("w:commentReference"), qn("w:author")


@dataclass
class Segment:
    kind: str  # "", "ins" or "del"
    text: str
    author: str = ""
    date: str = ""


@dataclass
class ReviewedParagraph:
    style: str
    bookmarks: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    mark: Segment | None = None  # the paragraph mark, when it is tracked
    comments: dict[str, str] = field(default_factory=dict)  # id → the text it is on

    def text(self, accept: bool) -> str:
        """The paragraph with its changes accepted (or rejected)."""
        drop = "del" if accept else "ins"
        return "".join(s.text for s in self.segments if s.kind != drop)


@dataclass
class Comment:
    id: str
    author: str
    date: str
    text: str
    para_ids: tuple[str, ...] = ()  # w14:paraId of its paragraphs (threads name these)
    reply_to: str = ""  # the id of the comment it answers
    resolved: bool = False


def paragraphs(document) -> list[ReviewedParagraph]:
    """The paragraphs of a `w:document` root's body (or of a footnotes part), in order."""
    body = document.find(qn("w:body"))
    if body is None:
        body = document if document.tag == qn("w:footnotes") else None
    if body is None:
        return []
    return [_paragraph(p) for p in paragraphs_of(body)]


def _paragraph(p) -> ReviewedParagraph:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    out = ReviewedParagraph(style.get(qn("w:val"), "") if style is not None else "")
    mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    if mark is not None:
        for child in mark:
            if child.tag in _CHANGE:
                out.mark = Segment(
                    _CHANGE[child.tag],
                    "",
                    child.get(qn("w:author"), ""),
                    date_of(child),
                )
    starts: dict[str, int] = {}  # comment id → where its range starts in the text so far
    ends: dict[str, int] = {}
    length = 0
    pieces: list[tuple[str, str, str, str]] = []  # (kind, author, date, text)
    changes = [("", "", "")]  # the change each open element is in (the innermost last)
    walk = etree.iterwalk(p, events=("start", "end"))
    for event, element in walk:
        tag = element.tag
        if event == "end":
            if tag in _CHANGE:
                changes.pop()
            continue
        if tag in _CHANGE:
            changes.append((_CHANGE[tag], element.get(_AUTHOR, ""), date_of(element)))
        elif (tag == _P and element is not p) or (tag in _BRANCHES and not chosen(element)):
            walk.skip_subtree()  # a paragraph inside this one (a text box) is read on its
            #                      own; of an mc:AlternateContent, one branch only
        elif tag == _BOOKMARK:
            out.bookmarks.append(element.get(_NAME, ""))
        elif tag == _RANGE_START:
            cid = element.get(_ID, "")
            starts.setdefault(cid, length)
            out.comments.setdefault(cid, "")
        elif tag == _RANGE_END:
            cid = element.get(_ID, "")
            if cid in starts:
                ends.setdefault(cid, length)
        elif tag == _REFERENCE:
            out.comments.setdefault(element.get(_ID, ""), "")
        elif tag in _TEXT:
            if tag in (_T, _DEL_TEXT):
                text = element.text or ""
            else:
                text = "\t" if tag == _TAB else "-"
            if not text:
                continue
            kind, author, date = changes[-1]
            pieces.append(("del" if tag == _DEL_TEXT else kind, author, date, text))
            length += len(text)
    # runs of one change by one author at one time make one segment, joined once
    for (kind, author, date), same in groupby(pieces, key=lambda piece: piece[:3]):
        out.segments.append(Segment(kind, "".join(piece[3] for piece in same), author, date))
    if starts:  # the words each comment is on: one slice each, however many there are
        whole = "".join(s.text for s in out.segments)
        for cid, start in starts.items():
            out.comments[cid] = whole[start : min(ends.get(cid, length), start + MAX_QUOTED)]
    return out


MAX_QUOTED = 500  # characters of the text a comment is on, quoted in REVIEW.md


def comments(root) -> dict[str, Comment]:
    """The comments of a `w:comments` root by id."""
    found = {}
    if root is None:
        return found
    for c in root.iter(qn("w:comment")):
        cid = c.get(qn("w:id"), "")
        paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in c.iter(qn("w:p"))]
        found[cid] = Comment(
            cid,
            c.get(qn("w:author"), ""),
            date_of(c),
            "\n".join(x for x in paras if x).strip(),
            tuple(p.get(_W14_PARA, "") for p in c.iter(qn("w:p"))),
        )
    return found


_W14_PARA = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


def threads(comments_found: dict[str, Comment], extended) -> None:
    """Fill in each comment's thread from `w15:commentsEx` (commentsExtended.xml): the
    comment it replies to and whether it is resolved (`w15:done`)."""
    if extended is None:
        return
    by_para = {pid: c for c in comments_found.values() for pid in c.para_ids if pid}
    for ex in extended.iter(f"{_W15}commentEx"):
        comment = by_para.get(ex.get(f"{_W15}paraId", ""))
        if comment is None:
            continue
        parent = by_para.get(ex.get(f"{_W15}paraIdParent", ""))
        if parent is not None and parent is not comment:
            comment.reply_to = parent.id
        comment.resolved = ex.get(f"{_W15}done") in ("1", "true", "on")
