"""Model inlines → runs, hyperlinks and footnote references of one story part."""

from __future__ import annotations

import itertools

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ...narrative import model as m
from ...oxml import revisions, runs


class InlineWriter:
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
        out = []
        for inline in inlines:
            if isinstance(inline, (m.Text, m.Figure)):
                out.append(self._tracked(runs.run(inline.text, inline.bold, inline.italic), change))
            elif isinstance(inline, m.Link):
                rid = self.part.relate_to(inline.url, RT.HYPERLINK, is_external=True)
                children = []
                for child in inline.children:
                    if isinstance(child, (m.Inserted, m.Deleted)):
                        kind = "inserted" if isinstance(child, m.Inserted) else "deleted"
                        children += [
                            self._tracked(
                                runs.run(c.text, c.bold, c.italic, style="Hyperlink"), kind
                            )
                            for c in child.children
                        ]
                    else:
                        children.append(
                            self._tracked(
                                runs.run(child.text, child.bold, child.italic, style="Hyperlink"),
                                change,
                            )
                        )
                out.append(runs.hyperlink(rid, children))
            elif isinstance(inline, m.NoteRef):
                if self.footnotes is None:
                    raise ValueError("a footnote cannot stand in a footnote")
                content = self.footnote_writer.elements(inline.note.inlines)
                ref = runs.footnote_reference(self.footnotes.add_footnote(content))
                out.append(self._tracked(ref, change))
            elif isinstance(inline, m.Inserted):
                out += self.elements(inline.children, "moved-to" if inline.move else "inserted")
            elif isinstance(inline, m.Deleted):
                out += self.elements(inline.children, "moved-from" if inline.move else "deleted")
            else:  # pragma: no cover - the model has no other inline
                raise TypeError(f"unknown inline {inline!r}")
        return out

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
