"""A reviewer's .docx → change records placed on the paper's paragraph ids.

The file is read as untrusted, once, and held to review's bounds (opened.py).
Each numbered paragraph is found by the bookmark the writer put around it
(`bp_<id>`); where a reviewer broke the bookmark, by its text (the text as it
was before the review, matched against the paper's paragraphs: the same text
first, then the most similar, within PLACE_WORK). A paragraph the reviewer
added has no bookmark and only inserted text: it belongs after the paragraph
before it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..narrative import model as m
from ..oxml import reviewed
from ..oxml.bookmarks import bookmark_name
from ..oxml.parser import parse_untrusted
from ..oxml.style_ids import NUMBERED
from . import matching
from .changes import Change
from .opened import COMMENTS, CORE, DOCUMENT, EXTENDED, FOOTNOTES, Opened, opened

MATCH = 0.75  # text similarity that places a paragraph whose bookmark is gone
PLACE_WORK = 20_000_000  # units of comparison (matching.py) spent placing by text at most
GUESS_COST = 300  # units one candidate costs to judge by its characters


@dataclass
class Placed:
    """A reviewed numbered paragraph and the paper paragraph it is."""

    para: reviewed.ReviewedParagraph
    para_id: str  # the paper's id; for a new paragraph, the id it follows
    number: int | None
    where: str  # bookmark, text, new, deleted, unplaced

    @property
    def is_new(self) -> bool:
        return self.where == "new"


@dataclass
class Review:
    placed: list[Placed]
    changes: list[Change]
    comments: dict[str, reviewed.Comment]


def load(
    path: Path | Opened,
) -> tuple[list[reviewed.ReviewedParagraph], dict[str, reviewed.Comment]]:
    """The paragraphs and comments of a reviewed .docx, read safely."""
    package = opened(path)
    document, notes = package.root(DOCUMENT), package.root(COMMENTS)
    extended, footnotes = package.root(EXTENDED), package.root(FOOTNOTES)
    found = reviewed.comments(notes)
    reviewed.threads(found, extended)
    body = reviewed.paragraphs(document)
    # comments on footnotes are read too; they belong to no numbered paragraph
    in_notes = reviewed.paragraphs(footnotes) if footnotes is not None else []
    for para in in_notes:
        para.style = "footnote"
    return body + in_notes, found


def read(path: Path | Opened, paper: m.Paper) -> Review:
    """Every tracked change and comment of `path`, placed on `paper`'s paragraphs."""
    paragraphs, comments = load(path)
    placed = place(paragraphs, paper)
    return Review(placed, _changes(placed, paragraphs, comments), comments)


def place(paragraphs, paper: m.Paper) -> list[Placed]:
    with matching.budget(PLACE_WORK):
        return _place(paragraphs, paper)


def _place(paragraphs, paper: m.Paper) -> list[Placed]:
    paras = paper.paras()
    by_name = {bookmark_name(p.id): p for p in paras}
    numbers = {p.id: p.number for p in paras}
    by_text = _ByText(paras)
    found: list[Placed] = []
    seen: set[str] = set()
    last_id = ""
    for para in paragraphs:
        names = [n for n in para.bookmarks if n in by_name]
        if names:
            target = by_name[names[0]]
            found.append(Placed(para, target.id, target.number, "bookmark"))
        elif para.style != NUMBERED:
            continue
        elif _only_inserted(para):
            found.append(Placed(para, last_id, numbers.get(last_id), "new"))
            continue
        else:
            target = by_text.find(para.text(accept=False), seen)
            if target is None:
                found.append(Placed(para, "", None, "unplaced"))
                continue
            found.append(Placed(para, target.id, target.number, "text"))
        seen.add(found[-1].para_id)
        last_id = found[-1].para_id
    return found


def _only_inserted(para: reviewed.ReviewedParagraph) -> bool:
    kinds = {s.kind for s in para.segments if s.text.strip()}
    return kinds == {"ins"} or (not kinds and para.mark is not None and para.mark.kind == "ins")


def _hopeless(common: int, total: int, score: float) -> bool:
    """Whether a candidate with at most `common` items in common cannot be placed: it
    cannot reach MATCH, or cannot beat the best so far."""
    best = 2.0 * common / total
    return best < MATCH or best <= score


class _ByText:
    """The paper's paragraphs found by text: the first not placed yet of the same text,
    else the most similar (the first of the best, at least MATCH alike). A candidate is
    judged by its length, then its characters counted, and compared in full only if
    those leave it a chance to do better; each costs the budget, and when that is spent
    no more are judged (the paragraph is unplaced)."""

    def __init__(self, paras):
        self.paras = [(p, m.plain_text(p.inlines)) for p in paras]
        self.same: dict[str, list] = {}
        for p, text in self.paras:
            self.same.setdefault(text, []).append(p)
        self.counted: dict[str, Counter] = {}

    def find(self, before: str, seen: set[str]):
        exact = next((p for p in self.same.get(before, ()) if p.id not in seen), None)
        if exact is not None:
            return exact
        best, score, mine = None, 0.0, None
        for candidate, text in self.paras:
            total = len(before) + len(text)
            if (
                candidate.id in seen
                or not total
                or _hopeless(min(len(before), len(text)), total, score)
            ):
                continue
            if not matching.afford(GUESS_COST):
                break
            mine = mine or Counter(before)
            theirs = self.counted.get(text) or self.counted.setdefault(text, Counter(text))
            if _hopeless(sum((mine & theirs).values()), total, score):
                continue
            alike = matching.Comparison(before, text).ratio()
            if alike > score:
                best, score = candidate, alike
        return best if score >= MATCH else None


def _changes(placed, paragraphs, comments) -> list[Change]:
    out: list[Change] = []
    numbered = {id(p.para): p for p in placed}
    last = None
    for para in paragraphs:
        spot = numbered.get(id(para))
        if spot is not None:
            last = spot
        number = spot.number if spot else (last.number if last else None)
        para_id = spot.para_id if spot else ""
        where = spot.where if spot else "not a numbered paragraph"
        if para.style == "footnote":
            number, para_id, where = None, "", "a footnote"
        if spot is not None and spot.is_new:
            after = para.text(accept=True)
            out.append(_whole(para, "ins", (number, para_id), f"after {para_id or 'start'}", after))
        elif (
            para.segments
            and all(s.kind == "del" for s in para.segments if s.text.strip())
            and any(s.kind == "del" for s in para.segments)
        ):
            out.append(_whole(para, "del", (number, para_id), where, para.text(accept=False)))
        else:
            out += _runs(para, number, para_id, where)
        for cid, on in para.comments.items():
            note = comments.get(cid)
            if note is not None:
                out.append(_comment(note, number, para_id, on, where))
    # replies (and any comment anchored nowhere) go with the comment they answer
    placed = {c.comment_id: c for c in out if c.kind == "comment"}
    for note in sorted(comments.values(), key=lambda n: (n.date, n.id)):
        if note.id in placed:
            continue
        parent = placed.get(note.reply_to)
        change = _comment(
            note,
            parent.number if parent else None,
            parent.para_id if parent else "",
            parent.before if parent else "",
            "reply" if parent else "not anchored to any text",
        )
        placed[note.id] = change
        out.append(change)
    return out


def _whole(para, mark: str, place: tuple, where: str, text: str) -> Change:
    """A paragraph inserted (`mark` "ins") or deleted ("del") whole, by the author of its
    first change of that kind."""
    seg = next((s for s in para.segments if s.kind == mark), para.mark)
    if mark == "ins":
        return Change(*place, seg.author, seg.date, "new paragraph", after=text, where=where)
    return Change(*place, seg.author, seg.date, "deleted paragraph", before=text, where=where)


def _comment(note, number, para_id: str, on: str, where: str) -> Change:
    return Change(
        number,
        para_id,
        note.author,
        note.date,
        "comment",
        before=on,
        comment=note.text,
        where=where,
        comment_id=note.id,
        reply_to=note.reply_to,
        resolved=note.resolved,
    )


def _runs(para, number, para_id, where) -> list[Change]:
    """Insertions and deletions in a paragraph; a deletion then an insertion is a replacement."""
    out: list[Change] = []
    place = {id(s): n for n, s in enumerate(para.segments)}  # each segment's index, once
    segments = [s for s in para.segments if s.kind and s.text]
    i = 0
    while i < len(segments):
        s = segments[i]
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        paired = (
            s.kind == "del"
            and nxt is not None
            and nxt.kind == "ins"
            and nxt.author == s.author
            and place[id(nxt)] == place[id(s)] + 1
        )
        if paired:  # a deletion and the insertion right after it: one replacement
            kind, before, after = "replacement", s.text, nxt.text
        elif s.kind == "ins":
            kind, before, after = "insertion", "", s.text
        else:
            kind, before, after = "deletion", s.text, ""
        out.append(Change(number, para_id, s.author, s.date, kind, before, after, where=where))
        i += 2 if paired else 1
    return out


def read_package(path: Path | Opened, draft_now) -> tuple[list, list, str | None]:
    """(base, theirs, note) of a reviewed file: the draft it carries (oxml/draft.py) and
    every paragraph a reader sees in it with all changes accepted. A file that carries
    no draft is compared with `draft_now()` (the .docx the paper builds today), and the
    note says so."""
    import io
    import zipfile

    from ..oxml import draft

    package = opened(path)
    with package.refusing():
        theirs = draft.read_paragraphs(package.members, package.parse)
        base = draft.find(package.members, package.parse)
        core = package.root(CORE)
    if base is not None:
        return base, theirs + _properties(base, core), None
    with zipfile.ZipFile(io.BytesIO(draft_now())) as package:
        own = {n: package.read(n) for n in package.namelist() if n.startswith("customXml/")}
    base = draft.find(own, parse_untrusted) or []
    return (
        base,
        theirs + _properties(base, core),
        "the reviewed file carries no description of its draft (it was built by an older "
        "boardpaper), so it is compared with the paper as paper.yaml builds today",
    )


_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _properties(base: list, core) -> list:
    """The document's title in its properties (File > Info), when the reviewer changed it:
    a paragraph of part PROPERTIES, paired with the draft's cover title (the writer sets
    the one from the other)."""
    from ..oxml.accepted import Para
    from .plans import PROPERTIES

    found = core.find(_DC_TITLE) if core is not None else None
    title = next((p for p in base if p.kind == "cover" and p.key == "title"), None)
    if found is None or title is None:
        return []
    text = " ".join((found.text or "").split())
    if text == title.unit_text or text == title.unit_text[:254] + "…":
        return []
    return [Para(PROPERTIES, "", text)]
