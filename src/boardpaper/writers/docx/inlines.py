"""Model inlines → runs, hyperlinks and footnote references of one story part."""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ...narrative import model as m
from ...oxml import runs


class InlineWriter:
    """Writes inlines for `part` (the document or the footnotes part).

    Hyperlinks are related from `part`; a footnote reference adds the note's
    text to `footnotes` (a `CT_Footnotes`), written by a writer of its own part.
    """

    def __init__(self, part, footnotes=None, footnote_writer: "InlineWriter | None" = None):
        self.part = part
        self.footnotes = footnotes
        self.footnote_writer = footnote_writer

    def elements(self, inlines) -> list:
        out = []
        for inline in inlines:
            if isinstance(inline, (m.Text, m.Figure)):
                out.append(runs.run(inline.text, inline.bold, inline.italic))
            elif isinstance(inline, m.Link):
                rid = self.part.relate_to(inline.url, RT.HYPERLINK, is_external=True)
                out.append(runs.hyperlink(rid, [
                    runs.run(c.text, c.bold, c.italic, style="Hyperlink") for c in inline.children
                ]))
            elif isinstance(inline, m.NoteRef):
                if self.footnotes is None:
                    raise ValueError("a footnote cannot stand in a footnote")
                content = self.footnote_writer.elements(inline.note.inlines)
                out.append(runs.footnote_reference(self.footnotes.add_footnote(content)))
            else:  # pragma: no cover - the model has no other inline
                raise TypeError(f"unknown inline {inline!r}")
        return out
