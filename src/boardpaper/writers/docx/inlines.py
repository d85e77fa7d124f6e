"""Model inlines → runs, hyperlinks and footnote references of one story part."""

from __future__ import annotations

import itertools

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ...narrative import model as m
from ...narrative.walk import InlineVisitor
from ...oxml import revisions, runs


class InlineWriter(InlineVisitor):
    """Writes inlines for `part` (the document or the footnotes part).

    Hyperlinks are related from `part`; a footnote reference adds the note's
    text to `footnotes` (a `CT_Footnotes`), written by a writer of its own part.
    `Inserted` and `Deleted` inlines become tracked changes by `revision`, with
    ids from `ids` (shared with bookmarks, so every annotation id is unique).
    """

    def __init__(
        self,
        part,
        footnotes=None,
        footnote_writer: InlineWriter | None = None,
        revision: m.Revision | None = None,
        ids: itertools.count | None = None,
    ):
        self.part = part
        self.footnotes = footnotes
        self.footnote_writer = footnote_writer
        self.revision = revision
        self.ids = ids if ids is not None else itertools.count(1)

    def elements(self, inlines, change: str = "") -> list:
        """The runs, hyperlinks and references of `inlines`, tracked as `change`."""
        return [element for made in self.visit_all(inlines, change) for element in made]

    # -- one method per inline kind: each gives a list of elements; `style` is set
    # (to "Hyperlink") for the runs of a link
    def text(self, inline, change: str, style: str | None = None) -> list:
        return [self._tracked(runs.run(inline.text, inline.bold, inline.italic, style), change)]

    figure = text

    def link(self, inline, change: str, style: str | None = None) -> list:
        if style is not None:
            raise ValueError("a link cannot stand in a link")
        rid = self.part.relate_to(inline.url, RT.HYPERLINK, is_external=True)
        children = [run for made in self.descend(inline, change, "Hyperlink") for run in made]
        return [runs.hyperlink(rid, children)]

    def note_ref(self, inline, change: str, style: str | None = None) -> list:
        if self.footnotes is None or style is not None:
            raise ValueError(f"a footnote cannot stand in a {'link' if style else 'footnote'}")
        content = self.footnote_writer.elements(inline.note.inlines)
        return [
            self._tracked(runs.footnote_reference(self.footnotes.add_footnote(content)), change)
        ]

    def inserted(self, inline, change: str, style: str | None = None) -> list:
        moved = inline.move and style is None  # a link's runs are tracked as inserted
        return self._flat(inline, "moved-to" if moved else "inserted", style)

    def deleted(self, inline, change: str, style: str | None = None) -> list:
        moved = inline.move and style is None
        return self._flat(inline, "moved-from" if moved else "deleted", style)

    def _flat(self, inline, change: str, style: str | None) -> list:
        return [element for made in self.descend(inline, change, style) for element in made]

    def _tracked(self, run, change: str):
        if not change:
            return run
        if self.revision is None:
            raise ValueError("a tracked change needs a revision (author and date)")
        return revisions.wrap(run, change, next(self.ids), self.revision.author, self.revision.date)

    def mark(self, p, change: str, move: str = "") -> None:
        """Track the mark of paragraph `p` as inserted, deleted or moved (`move`: the
        move's name, for its range)."""
        if change:
            revisions.mark_paragraph(
                p, change, next(self.ids), self.revision.author, self.revision.date
            )
        if change in revisions.RANGES:
            revisions.move_range(
                p, change, next(self.ids), move, self.revision.author, self.revision.date
            )
