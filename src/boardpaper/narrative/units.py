"""Every piece of text a paper prints, with the YAML string that prints it.

A `Unit` is one such piece: a cover field, the protective marking, a heading, a
numbered paragraph, a bullet, a lettered item, an unnumbered paragraph, a line
of the author block, a table's caption, cell or source, a chart's caption or
source, a line of a framework set out in the paper, a footnote. Its `slot` is
the YAML string (`MarkedStr`) it is printed from, or None where the text is
computed (table cells, framework lines, the meeting's date) and cannot be edited
in the paper. `chars` is the source map of the slot: each printed character and
the span of the YAML text it comes from, with the placeholder it belongs to.

Made in the narrative stage, so a build needs nothing of review. The same list is
made when a paper is built (to describe the draft inside the
.docx) and when a reviewed file is applied (to find what to edit), so the two
always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content import kinds
from ..content import model as c
from ..content.yamlmarks import MarkedStr
from . import model as m
from .build import framework_blocks
from .walk import list_items

COVER_FIELDS = ("board", "title", "priority", "presented_by", "agenda_item")


@dataclass(eq=False)
class Unit:
    kind: str  # cover, marking, heading, paragraph, plain, bullet, letter, authors, caption,
    #            source, cell, framework, note
    key: str  # the paragraph id, note key or cover field; "" otherwise
    text: str  # as printed, blanks collapsed
    slot: MarkedStr | None = None
    chars: list = field(default_factory=list, repr=False)
    block: int = -1  # the index of its block in the body
    item: tuple[int, ...] = ()  # a list item's place: (i,) or (i, j)
    level: int = 0  # a heading's level, a bullet's depth
    link: str = ""  # a footnote's link address

    @property
    def editable(self) -> bool:
        return self.slot is not None


def units(source: c.PaperSource, paper: m.Paper, render) -> list[Unit]:
    """Every unit of the paper in reading order: cover, body, footnotes, marking.

    `render(text, location, para_id, notes)` prints a YAML text with its source map (or
    with none, `chars` left empty: a build's draft needs only the text)."""
    return _Units(source, paper, render).all()


class _Units:
    def __init__(self, source: c.PaperSource, paper: m.Paper, render):
        self.source, self.paper, self.render = source, paper, render
        self.out: list[Unit] = []

    def add(
        self,
        kind: str,
        text,
        key: str = "",
        para_id: str | None = None,
        notes: bool = True,
        **where,
    ) -> None:
        if text is None or not str(text).strip():
            return
        if isinstance(text, MarkedStr):
            inlines, chars = self.render(str(text), text.loc, para_id, notes)
            printed = " ".join(m.plain_text(inlines).split())
            self.out.append(Unit(kind, key, printed, text, chars, **where))
        else:
            self.out.append(Unit(kind, key, " ".join(str(text).split()), **where))

    def all(self) -> list[Unit]:
        cover = self.source.cover
        for name in COVER_FIELDS:
            self.add("cover", getattr(cover, name), name, notes=False)
        self.add("cover", cover.meeting, "meeting")
        blocks = iter(self.paper.blocks)
        for index, block in enumerate(self.source.blocks):
            kinds.of(block).review(self, block, index, blocks)
        for key, note in self.source.notes.items():
            self.add("note", note.text, key, notes=False, link=note.link or "")
        self.add("marking", cover.marking, "marking", notes=False)
        return self.out

    # -- one method per block kind (content/kinds.py: `Kind.review`); each consumes its
    # model blocks --

    def paragraph(self, block: c.Paragraph, index: int, blocks) -> None:
        next(blocks)
        self.add("paragraph", block.text, block.id, block.id, block=index)

    def heading(self, block: c.Heading, index: int, blocks) -> None:
        next(blocks)
        self.add("heading", block.text, notes=False, block=index, level=block.level)

    def plain(self, block: c.Plain, index: int, blocks) -> None:
        next(blocks)
        self.add("plain", block.text, block=index)

    def case_study(self, block: c.CaseStudy, index: int, blocks) -> None:
        next(blocks)
        self.add("case_title", block.title, notes=False, block=index)
        for i, text in enumerate(block.paras):
            self.add("case_text", text, block=index, item=(i,))

    def bullet_list(self, block: c.BulletList, index: int, blocks) -> None:
        next(blocks)
        self._items("bullet", block.items, index)

    def lettered_list(self, block: c.LetteredList, index: int, blocks) -> None:
        next(blocks)
        if block.appendices:
            for i, appendix in enumerate(self.source.appendices):
                self.add(
                    "appendix", appendix.title, appendix.letter, notes=False, block=index, item=(i,)
                )
            return
        self._items("letter", block.items, index)

    def _items(self, kind: str, items, index: int, path: tuple[int, ...] = ()) -> None:
        for i, item in enumerate(items):
            self.add(kind, item.text, block=index, item=(*path, i), level=len(path) + 1)
            self._items(kind, item.children, index, (*path, i))

    def authors(self, block: c.Authors, index: int, blocks) -> None:
        next(blocks)
        self.add("authors", block.names, "names", block=index)
        self.add("authors", block.job_title, "job_title", block=index)

    def table_spec(self, block: c.TableSpec, index: int, blocks) -> None:
        table = next(blocks)
        self.add("caption", block.caption, notes=False, block=index)
        for cell in table.header:
            self.add("cell", cell, block=index)
        for row in table.rows:
            for cell in row:
                self.add("cell", cell.text, block=index)
        self.add("source", block.source, notes=False, block=index)

    def chart_spec(self, block: c.ChartSpec, index: int, blocks) -> None:
        next(blocks)
        self.add("caption", block.caption, notes=False, block=index)
        self.add("source", block.source, notes=False, block=index)

    def framework_text(self, block: c.FrameworkText, index: int, blocks) -> None:
        for made in framework_blocks(block.framework):
            next(blocks)
            if isinstance(made, m.BulletList):
                for item in list_items(made.items):
                    self.add("framework", m.plain_text(item.inlines), block=index)
            else:
                self.add("framework", m.plain_text(made.inlines), block=index)


if not all(callable(getattr(_Units, k.name, None)) for k in map(kinds.KINDS.get, kinds.BUILT_IN)):
    raise TypeError("a block kind of content/kinds.py names no method of narrative/units.py")
