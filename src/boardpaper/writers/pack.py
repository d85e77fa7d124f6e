"""The board pack: the paper as tagged PDF (LibreOffice) followed by its appendices.

`soffice_path()` finds LibreOffice; `to_pdf()` converts a .docx with it in a
private, throwaway profile; `merge()` joins the parts with pypdf and gives each
an outline entry (bookmark). The merged file's metadata comes from the paper,
not the clock, and its file identifier from its contents.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
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
    with tempfile.TemporaryDirectory(prefix="boardpaper-") as tmp:
        source = Path(tmp) / f"{name}.docx"
        source.write_bytes(docx)
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
                    str(source),
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"LibreOffice took longer than {TIMEOUT} s to convert it", Location(f"{name}.docx")
            ) from None
        produced = Path(tmp) / f"{name}.pdf"
        if result.returncode != 0 or not produced.is_file():
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise OutputError(
                "LibreOffice could not convert it to PDF" + (f": {detail[-1]}" if detail else ""),
                Location(f"{name}.docx"),
            )
        return produced.read_bytes()


def merge(parts: list[tuple[str, bytes]], meta: Meta, identity: bytes) -> bytes:
    """One PDF of `parts` ((outline title, PDF bytes)) in order, with an outline.

    The first part (the paper, tagged by LibreOffice) is the base, so its structure
    tree, language and marked-content stay; the appendices' pages follow.
    `identity` (the deterministic inputs) makes the file identifier.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError
    from pypdf.generic import ArrayObject, BooleanObject, ByteStringObject, DictionaryObject

    def read(title: str, data: bytes) -> PdfReader:
        try:
            reader = PdfReader(io.BytesIO(data))
            len(reader.pages)
            return reader
        except (PdfReadError, ValueError, KeyError, OSError) as exc:
            raise OutputError(f"cannot read this PDF: {exc}", Location(title)) from None

    (first_title, first_data), rest = parts[0], parts[1:]
    writer = PdfWriter(clone_from=read(first_title, first_data))
    root = writer._root_object
    for key in ("/Outlines", "/Metadata", "/PageLabels"):  # LibreOffice's; dated
        root.pop(_name(key), None)
    starts = [(first_title, 0)]
    for title, data in rest:
        starts.append((title, len(writer.pages)))
        for page in read(title, data).pages:
            writer.add_page(page)
    for title, page in starts:
        writer.add_outline_item(title=title, page_number=page)
    writer.metadata = {
        "/Title": f"{meta.title} – board pack",
        "/Author": meta.author or meta.board,
        "/Subject": f"{meta.board}, {meta.meeting}",
        "/Creator": "boardpaper",
        "/Producer": "boardpaper (LibreOffice, pypdf)",
    }
    root[_name("/Lang")] = _text(meta.language)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else DictionaryObject()
    prefs[_name("/DisplayDocTitle")] = BooleanObject(True)
    root[_name("/ViewerPreferences")] = prefs
    writer.page_mode = "/UseOutlines"
    digest = hashlib.md5(identity).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _name(value: str):
    from pypdf.generic import NameObject

    return NameObject(value)


def _text(value: str):
    from pypdf.generic import TextStringObject

    return TextStringObject(value)


MAX_APPENDIX = 50 * 1024 * 1024


def write(paper: Paper, options: Options) -> Written:
    """The writer of the registry: `<paper>-pack.pdf`, the paper as PDF and its
    appendices in order; without LibreOffice, no file and a note saying so."""
    from ..fsutil import read_regular
    from ..oxml.sanitize import NotAPackage, clean
    from .appendices import appendix_name

    soffice = soffice_path()
    if soffice is None:
        return Written(
            {},
            (
                "LibreOffice (soffice) is not installed, so the board pack was not built; "
                "the paper and its appendices were (apt-get install libreoffice-writer)",
            ),
        )
    docx = options.output(paper, "docx").files[f"{paper.name}.docx"]
    appendices = options.output(paper, "appendices").files
    parts = [(paper.meta.title, to_pdf(docx, paper.name, soffice))]
    identity = [docx]
    notes = []
    for appendix in paper.appendices:
        title = f"Appendix {appendix.letter} – {appendix.title}"
        if appendix.scorecard is not None or appendix.charts:
            parts.append((title, appendices[appendix_name(paper, appendix.letter, ".pdf")]))
            identity.append(parts[-1][1])
        elif appendix.file is not None:
            path = Path(appendix.file)
            data = read_regular(path, MAX_APPENDIX, OutputError, "an appendix")
            if path.suffix.lower() == ".docx":
                try:
                    data, removed = clean(data, f"Appendix {appendix.letter}")
                except NotAPackage as exc:
                    raise OutputError(str(exc), Location(str(path))) from None
                notes += removed
                identity.append(data)
                data = to_pdf(data, path.stem, soffice)
            else:
                identity.append(data)
            parts.append((title, data))
        else:
            notes.append(
                f"Appendix {appendix.letter} has no scorecard or file, so it is not in the "
                "board pack"
            )
    return Written(
        {f"{paper.name}-pack.pdf": merge(parts, paper.meta, b"".join(identity))}, tuple(notes)
    )
