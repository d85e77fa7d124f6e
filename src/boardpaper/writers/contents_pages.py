"""The page numbers of a contents list in the pack: LibreOffice lays the paper out but
does not update a Word table of contents when it converts one, so the numbers are
read from its first layout (the PDF's outline: each heading and its page) and written
into the list's page references (oxml/contents.py), and the paper is converted again.
The pages do not move: a number stands on its entry's line, after the dots.

The Word paper itself keeps the references unfilled (no page is known before a
layout); Word fills them when its fields are updated (F9, or on printing)."""

from __future__ import annotations

import io
import zipfile

from ..oxml import contents
from ..oxml.package import zip_members
from ..oxml.parser import parse_xml

DOCUMENT = "word/document.xml"


def has_list(docx: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return contents.INSTRUCTION.strip().encode() in package.read(DOCUMENT)


def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """(title, page counted from 1) of every item of the PDF's outline, in reading order."""
    import pikepdf

    out: list[tuple[str, int]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = {page.objgen: n for n, page in enumerate(document.pages, 1)}
        with document.open_outline() as outline:
            stack = list(reversed(outline.root))
            while stack:
                item = stack.pop()
                target = item.destination
                if target is None and item.action is not None:
                    target = item.action.get("/D")
                page = 0
                if isinstance(target, pikepdf.Array) and len(target):
                    page = pages.get(target[0].objgen, 0)
                out.append((" ".join(str(item.title).split()), page))
                stack.extend(reversed(item.children))
    return out


def with_pages(docx: bytes, pdf: bytes) -> bytes | None:
    """`docx` with its contents list's page numbers as `pdf` (its layout) has them; None
    when it has no contents list or none of its entries is found in the outline."""
    if not has_list(docx):
        return None
    found = outline_pages(pdf)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        members = {n: package.read(n) for n in package.namelist()}
    root = parse_xml(members[DOCUMENT])
    paragraphs = list(root.iter(contents._P))
    listed = contents.list_paragraphs(root, paragraphs)
    pages, at = [], 0
    for p in paragraphs:
        words = contents.entry_text(p)
        if id(p) not in listed or contents.is_heading(contents._style(p), words):
            continue
        hit = next((k for k in range(at, len(found)) if found[k][0] == words), None)
        if hit is None or not found[hit][1]:
            pages.append(None)
            continue
        pages.append(found[hit][1])
        at = hit + 1
    if not contents.fill_pages(root, pages):
        return None
    from lxml import etree

    members[DOCUMENT] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    return zip_members(members.items())


def paged(docx: bytes, pdf: bytes, convert) -> bytes:
    """The PDF of `docx` with its contents list's page numbers: `pdf` (its first layout)
    as it is when it has no list, else `convert(docx with the numbers)`."""
    filled = with_pages(docx, pdf)
    return pdf if filled is None else convert(filled)
