"""The Word writer: `write_docx(paper, template) -> bytes`.

The house template (docxtpl) supplies the cover, styles, numbering, page,
header and footer; the body is built from the model in its place; footnotes go
to the footnotes part; the package is zipped deterministically.
"""

from __future__ import annotations

import io
import itertools

from ...errors import Location, TemplateError
from ...narrative.model import Paper
from ...oxml import bookmarks
from ...oxml.package import zip_members
from ..data_downloads import word_lines
from ..registry import Options, Written
from . import parts, template
from .blocks import BlockWriter
from .inlines import InlineWriter
from .properties import set_properties


def write_docx(paper: Paper, template_bytes: bytes, template_name: str = "template") -> bytes:
    """The .docx bytes of `paper` in the layout of `template_bytes`."""
    return zip_members(_members(paper, template_bytes, template_name))


def _members(paper: Paper, template_bytes: bytes, template_name: str) -> list[tuple[str, bytes]]:
    """The parts of the .docx of `paper`, (name, bytes) in the package's order."""
    import zipfile

    document, anchor = template.render(paper.meta, template_bytes, template_name)
    notes_part = parts.footnotes_part(document)
    if notes_part is None:
        raise TemplateError(
            "the template has no footnotes part",
            Location(template_name),
            "recreate it with templates/make_template.py",
        )
    ids = itertools.count(bookmarks.max_id(document.element) + 1)
    notes = InlineWriter(notes_part, revision=paper.revision, ids=ids)
    body = InlineWriter(document.part, notes_part.element, notes, paper.revision, ids)
    blocks = BlockWriter(document, anchor, body)
    blocks.data_lines = word_lines(paper)
    if paper.meta.contents:  # (narrative/contents.py, imported only then)
        from ...narrative import contents

        blocks.contents_list(contents.entries(paper))
    blocks.write(paper.blocks)
    set_properties(document, paper.meta)
    _namespaces_on_root(document.element)
    out = io.BytesIO()
    document.save(out)  # python-docx's zip, stamped with the time: only its parts are kept
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as saved:
        return [(i.filename, saved.read(i.filename)) for i in saved.infolist()]


def write(paper: Paper, options: Options) -> Written:
    """The writer of the registry: `<paper>.docx` in the layout of the options' template.
    The package is zipped once, with its draft (the parts are read back, as `review`
    reads a reviewed file, before they are zipped)."""
    members = _members(paper, options.template, options.template_name)
    if options.draft_units:
        members = with_draft(members, options.draft_units)
    return Written({f"{paper.name}.docx": zip_members(members)})


def with_draft(members: list[tuple[str, bytes]], units) -> list[tuple[str, bytes]]:
    """The parts of a .docx, `members`, with a description of themselves as the draft a
    reviewer starts from."""
    from ...oxml import draft
    from ...oxml.parser import parse_untrusted

    read = {name: data for name, data in members if draft.READ.match(name)}
    paras = draft.read_paragraphs(read, parse_untrusted)
    return draft.embed_members(members, draft.describe(paras, units))


#: drawing namespaces declared once on the document's root: readers that look names up
#: from the root (pandoc) then find every picture's alt text (`wp:docPr/@descr`)
DRAWING = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}


def _namespaces_on_root(root) -> None:
    from lxml import etree

    if root.find(f".//{{{DRAWING['wp']}}}inline") is None:
        return  # no picture: the root stays as it was
    etree.cleanup_namespaces(root, top_nsmap={**root.nsmap, **DRAWING})
