"""Two versions of a paper (models) → one redline model with tracked changes.

Blocks are aligned first: numbered paragraphs by their id, other blocks by
their text. A paragraph in both versions is compared word by word, so a
changed word is a deletion and an insertion inside the paragraph; a figure is
one token, so a changed figure shows as the old figure deleted and the new one
inserted. A footnote cited in both keeps its reference; a change of its text is
tracked word by word inside the footnote. A block only in the new version is inserted whole, one only in the
old version is deleted whole (its paragraph mark too, so numbering shows it).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from ..narrative import model as m
from ..narrative.walk import BlockVisitor, InlineRuns, InlineVisitor, walk_inlines
from .align import align, ratio

_WORDS = re.compile(r"\s+|[^\s]+")


# -- inline tokens -------------------------------------------------------------


class _Tokens(InlineVisitor):
    """An inline → its (key, (inline, link)) tokens: a word or a run of blanks of a Text,
    a whole Figure, a NoteRef by its note (a new text is diffed). A version that already
    holds tracked changes is compared as accepted: an insertion's text, no deletion's."""

    def text(self, inline, link):
        return [
            (
                ("t", piece, inline.bold, inline.italic, link),
                (m.Text(piece, inline.bold, inline.italic), link),
            )
            for piece in _WORDS.findall(inline.text)
        ]

    def figure(self, inline, link):
        return [(("f", inline.text, inline.bold, inline.italic, link), (inline, link))]

    def link(self, inline, link):
        return _tokens(inline.children, inline.url)

    def note_ref(self, inline, link):
        return [(("n", inline.note.key), (inline, None))]

    def inserted(self, inline, link):
        return _tokens(inline.children, link)

    def deleted(self, inline, link):
        return []


_TOKENS = _Tokens()


def _tokens(inlines, link: str | None = None) -> list[tuple]:
    return [token for tokens in _TOKENS.visit_all(inlines, link) for token in tokens]


def diff_inlines(old, new) -> tuple:
    """The new inlines, with what changed from the old marked Inserted / Deleted."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, [k for k, _ in a], [k for k, _ in b], autojunk=False)
    pieces: list[tuple[str, tuple]] = []  # (change, (inline, link))
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces += [("", _noted(old, new)) for (_, old), (_, new) in zip(a[i1:i2], b[j1:j2])]
            continue
        if op in ("delete", "replace"):
            pieces += [("deleted", v) for _, v in a[i1:i2]]
        if op in ("insert", "replace"):
            pieces += [("inserted", v) for _, v in b[j1:j2]]
    return _assemble(pieces)


def _noted(old: tuple, new: tuple) -> tuple:
    """A token of both versions as the new one; a footnote cited in both whose text
    changed keeps its reference, with the change tracked word by word inside it."""
    (was, _), (now, link) = old, new
    if not isinstance(now, m.NoteRef) or was.note.inlines == now.note.inlines:
        return new
    inlines = diff_inlines(was.note.inlines, now.note.inlines)
    return (m.NoteRef(m.Note(now.note.key, inlines)), link)


def _assemble(pieces) -> tuple:
    """Group pieces back into inlines: links around their runs, changes around theirs."""
    out: list = []
    i = 0
    while i < len(pieces):
        change, (_inline, link) = pieces[i]
        if link is None:
            j = i
            group = []
            while j < len(pieces) and pieces[j][0] == change and pieces[j][1][1] is None:
                group.append(pieces[j][1][0])
                j += 1
            out.append(_wrap(change, tuple(m.merge_texts(group))))
            i = j
            continue
        j = i
        children: list = []
        while j < len(pieces) and pieces[j][1][1] == link:
            piece_change, group = pieces[j][0], []
            while j < len(pieces) and pieces[j][1][1] == link and pieces[j][0] == piece_change:
                group.append(pieces[j][1][0])
                j += 1
            children.append(_wrap(piece_change, tuple(m.merge_texts(group))))
        out.append(m.Link(link, tuple(_flatten_same(children))))
        i = j
    return tuple(out)


def _wrap(change: str, inlines: tuple):
    if change == "inserted":
        return m.Inserted(inlines)
    if change == "deleted":
        return m.Deleted(inlines)
    return inlines[0] if len(inlines) == 1 else _Group(inlines)


class _Group(tuple):
    """Unchanged inlines kept together while assembling (flattened on the way out)."""


def _flatten_same(children):
    for child in children:
        if isinstance(child, _Group):
            yield from child
        else:
            yield child


def _flatten(inlines) -> tuple:
    out: list = []
    for inline in inlines:
        if isinstance(inline, _Group):
            out.extend(inline)
        else:
            out.append(inline)
    return tuple(out)


# -- blocks --------------------------------------------------------------------


class _Key(BlockVisitor):
    """What blocks are paired by: their kind (a heading's with its level) and the text
    they print."""

    def _text(self, block):
        return (type(block).__name__, m.plain_text(block.inlines))

    def heading(self, block):
        return (f"{type(block).__name__}{block.level}", m.plain_text(block.inlines))

    para = plain = _text

    def table(self, block):
        return (type(block).__name__, block.caption)

    chart = table

    def bullet_list(self, block):
        return (type(block).__name__, " ".join(m.plain_text(i.inlines) for i in block.items))

    lettered_list = bullet_list

    def fields(self, block):
        return (type(block).__name__, " ".join(m.plain_text(inl) for _, inl in block.rows))

    def case_study(self, block):
        texts = (block.title, *block.paras)
        return (type(block).__name__, " ".join(m.plain_text(inl) for inl in texts))


def _similar(x, y) -> float:
    return ratio(x[1], y[1]) if x[0] == y[0] else 0.0


class _Whole(BlockVisitor):
    """A block inserted or deleted as a whole (None: not shown)."""

    def __init__(self, change: str):
        self.change = change
        self.wrap = m.Inserted if change == "inserted" else m.Deleted

    def para(self, block):
        return replace(block, inlines=(self.wrap(block.inlines),), change=self.change)

    heading = plain = para

    def table(self, block):
        return None if self.change == "deleted" else block  # a new table or chart shows as it is

    chart = table

    def bullet_list(self, block):
        return replace(block, items=tuple(_whole_item(i, self.change) for i in block.items))

    lettered_list = bullet_list

    def fields(self, block):
        return m.Fields(tuple((label, (self.wrap(inl),)) for label, inl in block.rows))

    def case_study(self, block):
        paras = tuple((self.wrap(p),) for p in block.paras)
        return replace(block, title=(self.wrap(block.title),), paras=paras, change=self.change)


def _whole_item(item: m.ListItem, change: str) -> m.ListItem:
    wrap = m.Inserted if change == "inserted" else m.Deleted
    return m.ListItem(
        (wrap(item.inlines),), tuple(_whole_item(c, change) for c in item.children), change
    )


class _Compare(BlockVisitor):
    """Two blocks of one key: the new block with its word changes marked."""

    def __init__(self, old):
        self.old = old

    def para(self, new):
        return replace(new, inlines=_flatten(diff_inlines(self.old.inlines, new.inlines)))

    heading = plain = para

    def bullet_list(self, new):
        return replace(new, items=_items(self.old.items, new.items))

    lettered_list = bullet_list

    def fields(self, new):
        return m.Fields(
            tuple(
                (label, _flatten(diff_inlines(o, n)))
                for (label, o), (_, n) in zip(self.old.rows, new.rows)
            )
        )

    def case_study(self, new):
        old = self.old.paras
        paras = tuple(
            _flatten(diff_inlines(old[i], p)) if i < len(old) else (m.Inserted(p),)
            for i, p in enumerate(new.paras)
        ) + tuple((m.Deleted(p),) for p in old[len(new.paras) :])
        title = _flatten(diff_inlines(self.old.title, new.title))
        return replace(new, title=title, paras=paras)

    def table(self, new):
        return new  # the new table as it is (its cells are not tracked)

    chart = table


def _items(old, new) -> tuple:
    """List items paired by content: an item added or removed is tracked as such, and
    the items around it are compared word by word."""
    out = []
    pairs = align(
        [m.plain_text(o.inlines) for o in old], [m.plain_text(n.inlines) for n in new], ratio
    )
    for i, j in pairs:
        if i is None:
            out.append(_whole_item(new[j], "inserted"))
        elif j is None:
            out.append(_whole_item(old[i], "deleted"))
        else:
            o, n = old[i], new[j]
            out.append(
                m.ListItem(
                    _flatten(diff_inlines(o.inlines, n.inlines)), _items(o.children, n.children)
                )
            )
    return tuple(out)


def redline(old: m.Paper, new: m.Paper, revision: m.Revision) -> m.Paper:
    """The new paper with every change since the old one tracked. Blocks are paired by
    content (review/align.py), not by position or derived ids: a paragraph inserted in
    the middle of a section is one insertion, and what follows is compared with
    itself."""
    a, b = list(old.blocks), list(new.blocks)
    key = _Key()
    keys_a, keys_b = [key.visit(x) for x in a], [key.visit(y) for y in b]
    pairs = align(keys_a, keys_b, _similar)
    sources, destinations = _moves(pairs, a, b, keys_a, keys_b)
    blocks = []
    for i, j in pairs:
        if i is None and j in destinations:
            blocks.append(_moved(b[j], "moved-to", destinations[j]))
        elif j is None and i in sources:
            blocks.append(_moved(a[i], "moved-from", sources[i]))
        elif i is None:
            blocks.append(_Whole("inserted").visit(b[j]))
        elif j is None:
            blocks.append(_Whole("deleted").visit(a[i]))
        else:
            blocks.append(_Compare(a[i]).visit(b[j]))
    return replace(new, blocks=tuple(x for x in blocks if x is not None), revision=revision)


#: the blocks a reviewer may move whole: a run of text of their own (not in a list)
MOVABLE = (m.Paragraph, m.Plain, m.Heading)


def _moves(pairs, a, b, keys_a, keys_b) -> tuple[dict[int, str], dict[int, str]]:
    """(old index → move name, new index → move name) for each paragraph that left one
    place and arrives, unchanged, at another."""
    gone = [i for i, j in pairs if j is None and isinstance(a[i], MOVABLE)]
    came = [j for i, j in pairs if i is None and isinstance(b[j], MOVABLE)]
    sources: dict[int, str] = {}
    destinations: dict[int, str] = {}
    for i in gone:
        j = next((j for j in came if keys_b[j] == keys_a[i] and j not in destinations), None)
        if j is not None:
            sources[i] = destinations[j] = f"move{len(sources) + 1}"
    return sources, destinations


def _moved(block, change: str, name: str):
    wrap = m.Inserted if change == "moved-to" else m.Deleted
    return replace(block, inlines=(wrap(block.inlines, name),), change=change)


def changes(paper: m.Paper) -> int:
    """How many tracked changes a redline holds (runs of inserted or deleted text)."""
    runs = InlineRuns()
    return sum(
        isinstance(inline, (m.Inserted, m.Deleted))
        for block in paper.blocks
        for inlines in runs.visit(block)
        for inline in walk_inlines(inlines)
        if not isinstance(inline, m.NoteRef)
    )
