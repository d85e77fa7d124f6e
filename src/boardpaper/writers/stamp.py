"""Drawing on the pages of a finished PDF: the protective marking on an appendix given as
a file, and "Pack page N of M" on a meeting pack. What is drawn is a Pagination
artifact in the house font (Liberation Sans, embedded), so the pages stay PDF/UA.
"""

from __future__ import annotations

import io

from ..errors import Location, OutputError


def marked(pdf: bytes, marking: str | None, title: str) -> bytes:
    """`pdf` (an appendix given as a file) with the protective marking at the head and foot
    of every page that does not print it already, drawn as an artifact in the scorecard's
    embedded font, so every page of the pack carries it and stays PDF/UA."""
    from reportlab.lib.units import mm

    if not marking:
        return pdf
    document = _open(pdf, title)
    printed = _texts(pdf)
    pages = [
        page
        for n, page in enumerate(document.pages)
        if marking not in _page_text(page) and marking not in printed.get(n, "")
    ]
    if not pages:
        return pdf

    def draw(canvas, width, height, _n) -> None:
        canvas.drawCentredString(width / 2, height - 8 * mm, marking)
        canvas.drawCentredString(width / 2, 5 * mm, marking)

    _stamp(document, pages, draw, "BpMarking", one_form_per_size=True)
    return _saved(document)


def pack_numbered(pdf: bytes, title: str) -> bytes:
    """`pdf` with "Pack page N of M" at the foot of every page, right, beside each paper's
    own numbering (an artifact: a screen reader has the page labels and outline)."""
    from reportlab.lib.units import mm

    document = _open(pdf, title)
    total = len(document.pages)

    def draw(canvas, width, _height, n) -> None:
        canvas.drawRightString(width - 12 * mm, 5 * mm, f"Pack page {n + 1} of {total}")

    _stamp(document, list(document.pages), draw, "BpPackPage", one_form_per_size=False)
    return _saved(document)


def _open(pdf: bytes, title: str):
    import pikepdf

    try:
        return pikepdf.open(io.BytesIO(pdf))
    except (pikepdf.PdfError, ValueError) as exc:
        raise OutputError(f"cannot read this PDF: {exc}", Location(title)) from None


def _saved(document) -> bytes:
    result = io.BytesIO()
    document.save(result, deterministic_id=True)
    return result.getvalue()


def _stamp(document, pages: list, draw, prefix: str, one_form_per_size: bool) -> None:
    """Draw on each of `pages` (pikepdf pages of `document`) as a Pagination artifact:
    `draw(canvas, width, height, n)` on a ReportLab page in the embedded font, made into
    a form XObject laid over the page. One ReportLab document holds every form, so the
    font is copied into `document` once."""
    import pikepdf
    from reportlab.pdfgen.canvas import Canvas

    from .pdf.styles import FONT, INK, register_fonts
    from .pdf.tagging import artifact

    register_fonts()
    sizes = [tuple(float(v) for v in page.mediabox[2:4]) for page in pages]
    keys = sizes if one_form_per_size else list(range(len(pages)))
    drawn: dict = {}
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, initialFontName=FONT, initialFontSize=8)  # no Helvetica
    for n, (key, (width, height)) in enumerate(zip(keys, sizes, strict=True)):
        if key in drawn:
            continue
        drawn[key] = len(drawn)
        canvas.setPageSize((width, height))
        with artifact(canvas):
            canvas.setFont(FONT, 8)
            canvas.setFillColor(INK)
            draw(canvas, width, height, n)
        canvas.showPage()
    canvas.save()
    source = pikepdf.open(io.BytesIO(out.getvalue()))
    forms = {
        key: document.copy_foreign(source.pages[index].as_form_xobject())
        for key, index in drawn.items()
    }
    for page, key in zip(pages, keys, strict=True):
        taken = set(page.obj.get("/Resources", {}).get("/XObject", {}).keys())
        name = next(f"/{prefix}{n}" for n in range(1, 999) if f"/{prefix}{n}" not in taken)
        page.add_resource(forms[key], pikepdf.Name.XObject, pikepdf.Name(name))
        page.contents_add(  # the drawing of the stamp is itself an artifact
            document.make_stream(f"/Artifact <</Type /Pagination>> BDC q {name} Do Q EMC".encode()),
            prepend=False,
        )


def _texts(pdf: bytes) -> dict[int, str]:
    """Each page's text (by index) as pypdf extracts it, through the fonts' ToUnicode
    maps (LibreOffice's PDF shows glyph ids, which `_page_text` cannot read); a page
    pypdf cannot read is left out."""
    import contextlib
    import warnings

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    texts: dict[int, str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pages = list(PdfReader(io.BytesIO(pdf)).pages)
        except (PyPdfError, ValueError, KeyError):
            return texts
        for n, page in enumerate(pages):
            with contextlib.suppress(PyPdfError, ValueError, KeyError, TypeError):
                texts[n] = page.extract_text() or ""
    return texts


def _page_text(page) -> str:
    """The text a page shows, roughly (its content streams' strings), to see whether it
    prints the marking already."""
    import pikepdf

    try:
        found = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) in ("Tj", "'", '"'):
                found.append(bytes(operands[-1]).decode("latin-1", "replace"))
            elif str(operator) == "TJ":
                found += [
                    bytes(x).decode("latin-1", "replace")
                    for x in operands[0]
                    if isinstance(x, pikepdf.String)
                ]
        return "".join(found)
    except pikepdf.PdfError:
        return ""
