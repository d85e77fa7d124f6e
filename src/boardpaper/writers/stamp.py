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
    """`pdf` with "Pack page N of M" in the footer of every page, right, beside each
    paper's own numbering (an artifact: a screen reader has the page labels and outline):
    on the baseline of the page's lowest footer line it does not overlap (`_place`)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .pdf.styles import FONT, register_fonts

    register_fonts()
    document = _open(pdf, title)
    total = len(document.pages)
    lines = _lines(pdf)

    def draw(canvas, width, height, n) -> None:
        text = f"Pack page {n + 1} of {total}"
        x, y = _place(lines.get(n, []), width, height, stringWidth(text, FONT, 8))
        canvas.drawRightString(x, y, text)

    _stamp(document, list(document.pages), draw, "BpPackPage", one_form_per_size=False)
    return _saved(document)


FOOTER_BAND = 90.0  # points from the foot of the page where a footer's lines are looked for
LOWEST = 14.0  # points: the stamp's baseline when the page has no footer (5 mm)


def _place(lines: list, width: float, height: float, wide: float) -> tuple[float, float]:
    """Where "Pack page N of M" goes (its right end, baseline): right-aligned at the
    page's right text margin (as far in as its left one, 12 to 30 mm), on the baseline
    of the lowest line of the footer band whose text it leaves 6 pt clear; below the
    footer when every line is in the way, or 5 mm up on a page without text there."""
    from reportlab.lib.units import mm

    left = min((x0 for _, x0, _ in lines), default=12 * mm)
    right = width - min(max(left, 12 * mm), 30 * mm)
    footer = sorted({round(y, 1) for y, _, _ in lines if y < FOOTER_BAND})
    for y in footer:
        chunks = [(x0, x1) for yy, x0, x1 in lines if abs(yy - y) < 2]
        if all(x1 + 6 < right - wide or x0 > right + 6 for x0, x1 in chunks):
            return right, y
    return right, max(min(footer[0] - 10, LOWEST), 3 * mm) if footer else LOWEST


def _lines(pdf: bytes) -> dict[int, list[tuple[float, float, float]]]:
    """Each page's pieces of text (by index) as (baseline, left, right) in points from
    its lower left corner, the right end estimated from the font size: where a footer's
    text is. A page pypdf cannot read has none."""
    import contextlib

    from pypdf.errors import PyPdfError

    def read(page) -> list:
        pieces: list = []
        box = page.mediabox

        def seen(text, cm, tm, _font, size) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4] - float(box.left)
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] - float(box.bottom)
            scale = (abs(tm[3]) or abs(tm[0]) or 1) * (abs(cm[3]) or abs(cm[0]) or 1)
            pieces.append((y, x, x + len(text.rstrip()) * size * scale * 0.6))

        with contextlib.suppress(PyPdfError, ValueError, KeyError, TypeError):
            page.extract_text(visitor_text=seen)
        return pieces

    return _each_page(pdf, read)


def _each_page(pdf: bytes, read) -> dict:
    """`read(page)` of each page of `pdf` (by index) pypdf can read, its warnings
    silenced; a page `read` fails on is left out, and every page of a file pypdf cannot
    open."""
    import contextlib
    import warnings

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    found: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pages = list(PdfReader(io.BytesIO(pdf)).pages)
        except (PyPdfError, ValueError, KeyError):
            return found
        for n, page in enumerate(pages):
            with contextlib.suppress(PyPdfError, ValueError, KeyError, TypeError):
                found[n] = read(page)
    return found


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
    return _each_page(pdf, lambda page: page.extract_text() or "")


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
