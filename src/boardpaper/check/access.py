"""Accessibility of the published files (UK public sector accessibility regulations).

The Word file: a title and a language in its properties; headings in order
under one top level; alt text on every image; a repeating header row on every
table; no empty paragraphs used for spacing; link texts that say where they go.
The scorecard: a status word on every coloured status; a title and language.
The paper: a protective marking, which every page carries.
"""

from __future__ import annotations

import io
import re

from ..content import model as c
from ..errors import Location
from ..narrative import model as m
from .findings import Finding

VAGUE_LINKS = {
    "here",
    "click here",
    "link",
    "this link",
    "this",
    "more",
    "read more",
    "click",
    "this page",
    "website",
}


def check_access(
    source: c.PaperSource, paper: m.Paper, docx: bytes, scorecards: dict[str, bytes]
) -> list[Finding]:
    found = _marking(source, paper) + _headings(source) + _empty_sections(source)
    found += _links(source, paper)
    found += _word_file(Location(source.path), docx)
    for name, pdf in scorecards.items():
        found += _pdf(Location(name), pdf)
    for appendix in paper.appendices:
        if appendix.scorecard is None:
            continue
        for row in appendix.scorecard.rows:
            if row.status and not row.status_word:
                found.append(
                    Finding(
                        Location(source.path),
                        "warning",
                        f"scorecard row '{row.kpi_id}' shows a status by colour alone",
                    )
                )
    return found


def _marking(source: c.PaperSource, paper: m.Paper) -> list[Finding]:
    """A paper with no protective marking: its pages would go out unmarked."""
    if (paper.meta.marking or "").strip():
        return []
    given = source.cover.marking
    return [
        Finding(
            getattr(given, "loc", None) or Location(source.path),
            "warning",
            "the paper has no protective marking, so its pages carry none; give one under "
            "cover (marking: OFFICIAL, or OFFICIAL-SENSITIVE)",
        )
    ]


def _empty_sections(source: c.PaperSource) -> list[Finding]:
    """A heading with nothing under it (another heading of its level or above follows, or
    the paper ends): a screen reader user finds an empty section (WCAG 1.3.1)."""
    found = []
    blocks = list(source.blocks)
    for block, following in zip(blocks, [*blocks[1:], None]):
        if isinstance(block, c.Heading) and (
            following is None
            or (isinstance(following, c.Heading) and following.level <= block.level)
        ):
            found.append(
                Finding(
                    block.loc,
                    "warning",
                    f"the heading '{block.text}' has nothing under it; say what the section "
                    "holds, or remove the heading",
                )
            )
    return found


def _headings(source: c.PaperSource) -> list[Finding]:
    found, previous = [], 0
    headings = [b for b in source.blocks if isinstance(b, c.Heading)]
    for h in headings:
        if previous == 0 and h.level != 1:
            found.append(
                Finding(
                    h.loc,
                    "warning",
                    "the first heading is a subheading; start with a heading (level 1)",
                )
            )
        elif h.level > previous + 1:
            found.append(
                Finding(
                    h.loc,
                    "warning",
                    f"a level {h.level} heading follows a level {previous}: a level is skipped",
                )
            )
        previous = h.level
    return found


def _links(source: c.PaperSource, paper: m.Paper) -> list[Finding]:
    found = []
    for block, para in zip(source.paragraphs(), paper.paras()):
        for inline in para.inlines:
            if not isinstance(inline, m.Link):
                continue
            text = m.plain_text(inline.children).strip().lower().rstrip(".")
            if text in VAGUE_LINKS or re.fullmatch(r"(https?://|www\.)\S+", text):
                found.append(
                    Finding(
                        block.loc,
                        "warning",
                        f"¶{para.number}: the link text "
                        f"'{m.plain_text(inline.children)}' does not say where it "
                        "goes; name the page or document",
                    )
                )
    return found


def _word_file(where: Location, docx: bytes) -> list[Finding]:
    import docx as python_docx

    document = python_docx.Document(io.BytesIO(docx))
    found = []
    props = document.core_properties
    if not (props.title or "").strip():
        found.append(Finding(where, "warning", "the Word file has no document title"))
    if not (props.language or "").strip():
        found.append(Finding(where, "warning", "the Word file has no language"))
    body = document.element.body
    for pic in body.xpath(".//wp:docPr"):
        if not (pic.get("descr") or "").strip():
            found.append(
                Finding(where, "warning", f"image '{pic.get('name', '')}' has no alt text")
            )
    for i, table in enumerate(document.tables, 1):
        first = table._tbl.xpath("./w:tr[1]/w:trPr/w:tblHeader")
        if not first:
            found.append(Finding(where, "warning", f"table {i} has no header row marked to repeat"))
    for p in document.paragraphs:
        if not p.text.strip() and not p._p.xpath(".//w:drawing|.//w:sectPr|.//w:br"):
            found.append(
                Finding(
                    where,
                    "warning",
                    "an empty paragraph is used for spacing "
                    "(screen readers announce it); use paragraph spacing",
                )
            )
            break
    return found


def _pdf(where: Location, pdf: bytes) -> list[Finding]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found = []
    if not (reader.metadata and (reader.metadata.title or "").strip()):
        found.append(Finding(where, "warning", "the PDF has no document title"))
    if "/Lang" not in reader.trailer["/Root"]:
        found.append(Finding(where, "warning", "the PDF has no language"))
    return found
