"""The board pack: the paper as tagged PDF (LibreOffice) followed by its appendices.

`soffice_path()` finds LibreOffice; `to_pdf()` converts a .docx with it in a
private, throwaway profile; `merge()` joins the parts with pypdf and gives each
an outline entry (bookmark). The merged file's metadata comes from the paper,
not the clock, and its file identifier from its contents.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, OutputError
from ..narrative.model import Meta, Paper
from .registry import Options, Written

TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
TIMEOUT = 300


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes, name: str, soffice: str) -> bytes:
    """A .docx as tagged PDF, converted by LibreOffice headless."""
    return to_pdfs({name: docx}, soffice)[name]


CACHE_ENTRIES = 200  # converted PDFs kept; the oldest go first


def cache_dir() -> Path:
    """Where converted PDFs are kept: $BOARDPAPER_CACHE, else $XDG_CACHE_HOME/boardpaper
    (~/.cache/boardpaper)."""
    if os.environ.get("BOARDPAPER_CACHE"):
        return Path(os.environ["BOARDPAPER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "boardpaper"


def to_pdfs_cached(documents: dict[str, bytes], soffice: str) -> dict[str, bytes]:
    """`to_pdfs`, converting only the documents not converted before. A PDF is kept under
    the sha256 of the .docx bytes and of the LibreOffice it came from: boardpaper's Word
    files are byte-identical for the same input, so an unchanged paper is not converted
    again. The cache is only an optimisation: one that cannot be read or written is
    passed over."""
    import hashlib

    folder = cache_dir() / "pdf"
    real = Path(soffice).resolve()
    try:
        stat = real.stat()
        office = f"{real}:{stat.st_size}:{stat.st_mtime_ns}".encode()
    except OSError:
        office = str(real).encode()
    keys = {
        name: hashlib.sha256(office + b"\0" + data).hexdigest() for name, data in documents.items()
    }
    out: dict[str, bytes] = {}
    for name, key in keys.items():
        try:
            pdf = (folder / f"{key}.pdf").read_bytes()
            os.utime(folder / f"{key}.pdf")  # recently used: kept longest
        except OSError:
            continue
        if pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]:
            out[name] = pdf
    missing = {name: data for name, data in documents.items() if name not in out}
    if missing:
        converted = to_pdfs(missing, soffice)
        out.update(converted)
        _keep(folder, {keys[name]: pdf for name, pdf in converted.items()})
    return {name: out[name] for name in documents}


def _keep(folder: Path, pdfs: dict[str, bytes]) -> None:
    """Store `pdfs` (key → bytes) in the cache, each whole or not at all, and drop the
    least recently used beyond CACHE_ENTRIES."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for key, pdf in pdfs.items():
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
            with os.fdopen(fd, "wb") as handle:
                handle.write(pdf)
            os.replace(tmp, folder / f"{key}.pdf")
        kept = sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[CACHE_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def to_pdfs(documents: dict[str, bytes], soffice: str) -> dict[str, bytes]:
    """Several .docx (name → bytes) as tagged PDF, converted by one LibreOffice run."""
    with tempfile.TemporaryDirectory(prefix="boardpaper-") as tmp:
        sources = []
        for name, data in documents.items():
            sources.append(Path(tmp) / f"{name}.docx")
            sources[-1].write_bytes(data)
        timeout = TIMEOUT * (len(sources) // 4 + 1)
        try:
            result = subprocess.run(
                [
                    soffice,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to",
                    TAGGED_PDF,
                    "--outdir",
                    tmp,
                    *map(str, sources),
                ],
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"LibreOffice took longer than {timeout} s to convert it",
                Location(f"{next(iter(documents), '?')}.docx"),
            ) from None
        detail = (result.stderr or result.stdout).strip().splitlines()
        out = {}
        for name in documents:
            produced = Path(tmp) / f"{name}.pdf"
            if result.returncode != 0 or not produced.is_file():
                error = OutputError(
                    "LibreOffice could not convert it to PDF"
                    + (f": {detail[-1]}" if detail else ""),
                    Location(f"{name}.docx"),
                )
                error.document = name  # which of `documents`: a caller names it better
                raise error
            out[name] = produced.read_bytes()
        return out


def merge(parts: list[tuple[str, bytes]], meta: Meta) -> bytes:
    """One PDF of `parts` ((outline title, PDF bytes)) in order, every part still tagged.

    The first part (the paper, tagged by LibreOffice) is the base. Each later part's
    pages are appended and its structure tree grafted under the base's Document
    element, with its parent-tree keys moved past the base's, so every page's marked
    content stays in one structure tree. The outline has an entry for each part, with
    the paper's own outline (its headings) under the first; page labels restart for
    each appendix ("A-1", "A-2" …). The file identifier is made from the contents.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name, OutlineItem, String

    def read(title: str, data: bytes):
        try:
            return pikepdf.open(io.BytesIO(data))
        except (pikepdf.PdfError, ValueError, OSError) as exc:
            raise OutputError(f"cannot read this PDF: {exc}", Location(title)) from None

    (first_title, first_data), rest = parts[0], parts[1:]
    pack = read(first_title, first_data)
    root = pack.Root
    with pack.open_outline() as outline:
        own = list(outline.root)  # the paper's headings, as LibreOffice exported them
    for key in ("/Outlines", "/Metadata", "/PageLabels"):  # LibreOffice's; dated
        if key in root:
            del root[key]
    tree = root.get("/StructTreeRoot")
    document = _document_element(pack, tree)
    nums = _parent_tree_nums(tree) if tree is not None else Array()
    next_key = int(tree.get("/ParentTreeNextKey", len(nums) // 2)) if tree is not None else 0
    starts, labels = [(first_title, 0)], [0, Dictionary(S=Name.D)]
    untagged = tree is None  # a part without tags: the pack does not claim PDF/UA
    for n, (title, data) in enumerate(rest):
        other = read(title, data)
        start = len(pack.pages)
        starts.append((title, start))
        letter = title.split(" ")[1] if title.startswith("Appendix ") else str(n + 1)
        labels += [start, Dictionary(S=Name.D, P=String(f"{letter}-"))]
        for page in other.pages:
            pack.pages.append(page)
            copied = pack.pages[-1]
            if "/StructParents" in copied.obj:
                copied.obj.StructParents = int(copied.obj.StructParents) + next_key
        theirs = other.Root.get("/StructTreeRoot")
        untagged = untagged or theirs is None
        if theirs is not None and document is not None:
            for kid in _kids(theirs.get("/K")):
                grafted = _copied(pack, kid)
                grafted.P = document
                document.K.append(grafted)
            their_nums = _parent_tree_nums(theirs)
            for k in range(0, len(their_nums), 2):
                nums.append(int(their_nums[k]) + next_key)
                nums.append(_copied(pack, their_nums[k + 1]))
            next_key += int(theirs.get("/ParentTreeNextKey", len(their_nums) // 2))
    if tree is not None:
        tree.ParentTree = pack.make_indirect(Dictionary(Nums=nums))
        tree.ParentTreeNextKey = next_key
    root.PageLabels = Dictionary(Nums=Array(labels))
    with pack.open_outline() as outline:
        outline.root.clear()
        for index, (title, page) in enumerate(starts):
            item = OutlineItem(title, page)
            if index == 0:
                item.children.extend(own)
            outline.root.append(item)
    root.PageMode = Name.UseOutlines
    root.Lang = String(meta.language)
    root.MarkInfo = Dictionary(Marked=True)
    prefs = root.get("/ViewerPreferences") or Dictionary()
    prefs.DisplayDocTitle = True
    root.ViewerPreferences = prefs
    title = f"{meta.title} – board pack"
    pack.docinfo = pack.make_indirect(
        Dictionary(
            Title=String(title),
            Author=String(meta.author or meta.board),
            Subject=String(f"{meta.board}, {meta.meeting}"),
            Creator=String("boardpaper"),
            Producer=String("boardpaper (LibreOffice, ReportLab, pikepdf)"),
        )
    )
    from .pdf.tagging import _xmp

    root.Metadata = pack.make_stream(_xmp(title, meta.language, ua=not untagged).encode("utf-8"))
    root.Metadata.Type = Name.Metadata
    root.Metadata.Subtype = Name.XML
    for key in ("/DocChecksum", "/ID"):  # LibreOffice's, made from the clock
        if key in pack.trailer:
            del pack.trailer[key]
    out = io.BytesIO()
    pack.save(out, deterministic_id=True)  # the identifier from the contents themselves
    return out.getvalue()


def _copied(pdf, value):
    """`value` from another PDF, copied into `pdf` (an array's indirect items one by one)."""
    from pikepdf import Array

    if value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, Array):
        return Array([pdf.copy_foreign(v) if v.is_indirect else v for v in value])
    return value


def _kids(k) -> list:
    from pikepdf import Array

    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _document_element(pdf, tree):
    """The structure element the appendices go under: the tree's Document element (made
    if the tree's top is a list of elements)."""
    from pikepdf import Array, Dictionary, Name

    if tree is None:
        return None
    kids = _kids(tree.get("/K"))
    if len(kids) == 1 and str(kids[0].get("/S")) == "/Document":
        document = kids[0]
        if not isinstance(document.get("/K"), Array):
            document.K = Array(_kids(document.get("/K")))
        return document
    document = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=tree, K=Array(kids))
    )
    for kid in kids:
        if isinstance(kid, Dictionary):
            kid.P = document
    tree.K = document
    return document


def _parent_tree_nums(tree):
    """The (key, value) pairs of a parent tree, flattened from any number-tree kids."""
    from pikepdf import Array

    found = Array()

    def walk(node) -> None:
        if "/Nums" in node:
            found.extend(list(node.Nums))
        for kid in node.get("/Kids", []):
            walk(kid)

    if "/ParentTree" in tree:
        walk(tree.ParentTree)
    return found


def _name(value: str):
    from pypdf.generic import NameObject

    return NameObject(value)


def _text(value: str):
    from pypdf.generic import TextStringObject

    return TextStringObject(value)


MAX_APPENDIX = 50 * 1024 * 1024


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
    canvas = Canvas(out, invariant=1)
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


@dataclass
class AppendixPart:
    """What one appendix becomes in a pack, decided in one place for the paper's pack
    and the meeting's: the PDF boardpaper made (a scorecard, charts), a Word file to
    convert (cleaned of macros and outside links first), or a PDF as given; neither
    when the appendix names no content."""

    letter: str
    title: str  # "Appendix A – KPI scorecard"
    pdf: bytes = b""  # made by boardpaper, or given
    docx: bytes = b""  # to convert
    path: Path | None = None  # the file given
    removed: tuple[str, ...] = ()  # what cleaning the Word file took out
    untagged: bool = False  # a PDF given without tags

    @property
    def shortfall(self) -> str | None:
        """What the pack cannot do fully for this appendix, or None."""
        if self.untagged:
            return (
                f"Appendix {self.letter} is a PDF without tags: a screen reader cannot read "
                "its pages in the board pack (ask its author for a tagged PDF, or give the "
                "Word file)"
            )
        if not self.pdf and not self.docx:
            return (
                f"Appendix {self.letter} has no scorecard or file, so it is not in the board pack"
            )
        return None


def appendix_parts(paper: Paper, options: Options) -> list[AppendixPart]:
    """Each appendix of `paper`, read and checked: a file that is not a regular file, a
    Word file that is not a package, and an encrypted or unreadable PDF are errors at
    the file."""
    from ..fsutil import read_regular
    from ..oxml.sanitize import NotAPackage, clean
    from .appendices import appendix_name

    made = options.output(paper, "appendices").files
    parts = []
    for appendix in paper.appendices:
        part = AppendixPart(appendix.letter, f"Appendix {appendix.letter} – {appendix.title}")
        if appendix.scorecard is not None or appendix.charts:
            part.pdf = made[appendix_name(paper, appendix.letter, ".pdf")]
        elif appendix.file is not None:
            part.path = Path(appendix.file)
            data = read_regular(part.path, MAX_APPENDIX, OutputError, "an appendix")
            if part.path.suffix.lower() == ".docx":
                try:
                    part.docx, removed = clean(data, f"Appendix {appendix.letter}")
                except NotAPackage as exc:
                    raise OutputError(str(exc), Location(str(part.path))) from None
                part.removed = tuple(removed)
            else:
                part.pdf = readable_pdf(data, f"Appendix {appendix.letter}", part.path)
                part.untagged = not is_tagged(part.pdf)
        parts.append(part)
    return parts


def readable_pdf(data: bytes, what: str, path: Path) -> bytes:
    """`data`, once it is known to open: an encrypted or damaged PDF is an error at `path`."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            len(pdf.pages)
    except pikepdf.PasswordError:
        raise OutputError(
            f"the PDF of {what} is encrypted; give it without a password", Location(str(path))
        ) from None
    except (pikepdf.PdfError, ValueError) as exc:
        raise OutputError(
            f"the PDF of {what} cannot be read ({exc})", Location(str(path))
        ) from None
    return data


def write(paper: Paper, options: Options) -> Written:
    """The writer of the registry: `<paper>-pack.pdf`, the paper as PDF and its
    appendices in order; without LibreOffice, no file and a shortfall saying so."""
    soffice = soffice_path()
    if soffice is None:
        return Written(
            {},
            shortfalls=(
                "LibreOffice (soffice) is not installed, so the board pack was not built; "
                "the paper and its appendices were (apt-get install libreoffice-writer)",
            ),
        )
    docx = options.output(paper, "docx").files[f"{paper.name}.docx"]
    appendices = appendix_parts(paper, options)
    try:
        pdfs = to_pdfs(
            {paper.name: docx} | {f"appendix-{a.letter}": a.docx for a in appendices if a.docx},
            soffice,
        )
    except OutputError as exc:  # name the appendix's own file, not LibreOffice's copy
        failed = next(
            (a for a in appendices if f"appendix-{a.letter}" == getattr(exc, "document", "")),
            None,
        )
        if failed is None:
            raise
        raise OutputError(
            f"Appendix {failed.letter}: {exc.message}", Location(str(failed.path))
        ) from None
    parts = [(paper.meta.title, pdfs[paper.name])]
    notes, shortfalls = [], []
    for appendix in appendices:
        notes += appendix.removed
        if appendix.shortfall:
            where = f"{appendix.path}: " if appendix.path else ""
            shortfalls.append(where + appendix.shortfall)
        if appendix.docx:
            parts.append(
                (
                    appendix.title,
                    marked(pdfs[f"appendix-{appendix.letter}"], paper.meta.marking, appendix.title),
                )
            )
        elif appendix.path is not None:
            parts.append((appendix.title, marked(appendix.pdf, paper.meta.marking, appendix.title)))
        elif appendix.pdf:
            parts.append((appendix.title, appendix.pdf))
    return Written(
        {f"{paper.name}-pack.pdf": merge(parts, paper.meta)}, tuple(notes), tuple(shortfalls)
    )


def is_tagged(pdf: bytes) -> bool:
    """Whether a PDF has a structure tree and says it is marked (an unreadable PDF is
    not: the caller reports that on its own)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            return "/StructTreeRoot" in document.Root and bool(
                document.Root.get("/MarkInfo", {}).get("/Marked", False)
            )
    except (pikepdf.PdfError, ValueError):
        return False
