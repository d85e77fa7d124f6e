"""The board pack: the paper as tagged PDF (LibreOffice) followed by its appendices.

`soffice_path()` finds LibreOffice (writers/office.py); `to_pdf()` converts a .docx
with it in a private, throwaway profile (`to_pdfs_cached`: once for the same bytes); `merge()`
(writers/pdfmerge.py) joins the parts, each put right for PDF/UA, and gives each an
outline entry (bookmark); `marked()` (writers/stamp.py) prints the protective marking
on an appendix given as a file. The merged file's metadata comes from the paper, not
the clock, and its file identifier from its contents.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, OutputError
from ..narrative.model import Paper
from . import office
from .contents_pages import paged
from .pdfmerge import merge
from .registry import Options, Written
from .stamp import marked

TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
TIMEOUT = 300


def soffice_path() -> str | None:
    return office.soffice_path()


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


def to_pdfs_cached(
    documents: dict[str, bytes], soffice: str, converting=lambda names: None
) -> dict[str, bytes]:
    """`to_pdfs`, converting only the documents not converted before (`converting` is
    told their names before LibreOffice runs; the rest come from the cache). A PDF is kept under
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
        converting(sorted(missing))
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
                    f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
                    "--convert-to",
                    TAGGED_PDF,
                    "--outdir",
                    tmp,
                    *map(str, sources),
                ],
                capture_output=True,
                text=True,
                errors="replace",  # its messages in any code page (cp1252 on Windows)
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


MAX_APPENDIX = 50 * 1024 * 1024


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
                f"the paper and its appendices were ({office.looked()})",
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
    converted = pdfs[paper.name]  # a contents list's page numbers (contents_pages.py):
    converted = paged(docx, converted, lambda d: to_pdfs({paper.name: d}, soffice)[paper.name])
    parts = [(paper.meta.title, converted)]
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
