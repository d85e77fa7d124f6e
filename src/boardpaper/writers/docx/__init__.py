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
from ...oxml.package import deterministic_zip
from ..data_downloads import word_lines
from ..registry import Options, Written
from . import parts, template
from .blocks import BlockWriter
from .inlines import InlineWriter
from .properties import set_properties


def write_docx(paper: Paper, template_bytes: bytes, template_name: str = "template") -> bytes:
    """The .docx bytes of `paper` in the layout of `template_bytes`."""
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
    document.save(out)
    return deterministic_zip(out.getvalue())


def write(paper: Paper, options: Options) -> Written:
    """The writer of the registry: `<paper>.docx` in the layout of the options' template."""
    docx = write_docx(paper, options.template, options.template_name)
    if options.draft_units:
        docx = with_draft(docx, options.draft_units)
    return Written({f"{paper.name}.docx": docx})


def with_draft(docx: bytes, units) -> bytes:
    """`docx` carrying a description of itself as the draft a reviewer starts from."""
    import zipfile

    from ...oxml import draft
    from ...oxml.parser import parse_untrusted

    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        members = {n: package.read(n) for n in package.namelist() if draft.READ.match(n)}
    paras = draft.read_paragraphs(members, parse_untrusted)
    return draft.embed(docx, draft.describe(paras, units))


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
