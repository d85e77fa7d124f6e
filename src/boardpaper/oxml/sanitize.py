"""A Word file from outside (a template, an appendix) made safe to build from and publish.

Before docxtpl or LibreOffice sees it, a package loses what would run code or
reach outside it: macros (`vbaProject.bin` and their parts), the attached
template (`w:attachedTemplate`, a remote or local .dotm), and every external
relationship other than a hyperlink (a picture or an object *linked* to a file
on this machine, which LibreOffice would embed into the published pack). What
was removed is said, one line each. A file that is not a sound zip package, or
any of whose XML parts does not pass `parser.parse_untrusted` (a DOCTYPE, an
entity, XML that is not well formed), is refused.
"""

from __future__ import annotations

import io
import re
import zipfile

from .package import MAX_MEMBER, MAX_MEMBERS, MAX_RATIO, MAX_TOTAL, zip_members
from .parser import UnsafeXml, parse_untrusted

HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
ATTACHED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
_MACRO_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|_rels/vbaProject\.bin\.rels)$", re.I)
_MACRO_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_MACRO_TEMPLATE = b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
_WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*/>|<Relationship\b[^>]*>.*?</Relationship>", re.S)


class NotAPackage(Exception):
    """The bytes are not a Word package boardpaper will open."""


def clean(data: bytes, what: str) -> tuple[bytes, list[str]]:
    """(the package without macros, attached template and external links, what was
    removed); `what` names the file in the notes ("the template")."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise NotAPackage("not a Word file (it is not a zip package)") from None
    with package:
        infos = package.infolist()
        if len(infos) > MAX_MEMBERS:
            raise NotAPackage(f"the package has {len(infos)} parts; a .docx has a few dozen")
        if sum(i.file_size for i in infos) > MAX_TOTAL or any(
            i.file_size > MAX_MEMBER or i.file_size > MAX_RATIO * max(i.compress_size, 1024)
            for i in infos
        ):
            raise NotAPackage("the package would unpack to far more than its size (a zip bomb?)")
        if "word/document.xml" not in {i.filename for i in infos}:
            raise NotAPackage("not a Word document: it has no word/document.xml")
        try:
            members = [(i.filename, package.read(i.filename)) for i in infos if not i.is_dir()]
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
            raise NotAPackage(f"a part of the package cannot be read ({exc})") from None
    for name, body in members:  # the XML door: no DTD or entity reaches a later parser
        if _is_xml(name, body):
            try:
                parse_untrusted(body, name)
            except UnsafeXml as exc:
                raise NotAPackage(str(exc)) from None
    removed: list[str] = []
    out = []
    for name, body in members:
        if _MACRO_PARTS.search(name):
            removed.append(f"removed the macros ({name}) from {what}")
            continue
        if name.endswith(".rels"):
            body = _drop_external(body, name, what, removed)
        elif name == "[Content_Types].xml":
            body = body.replace(_MACRO_MAIN, _WORD_MAIN).replace(_MACRO_TEMPLATE, _WORD_MAIN)
            body = re.sub(rb'<Override PartName="[^"]*vbaProject\.bin"[^>]*/>', b"", body)
            body = re.sub(rb'<Override PartName="[^"]*vbaData\.xml"[^>]*/>', b"", body)
        elif name == "word/settings.xml" and b"attachedTemplate" in body:
            body = re.sub(rb"<w:attachedTemplate\b[^>]*/>", b"", body)
            removed.append(f"removed the attached template from {what}")
        out.append((name, body))
    return (zip_members(out) if removed else data), removed


def _is_xml(name: str, body: bytes) -> bool:
    """A part any reader may parse as XML: named so, or looking so whatever its name
    (a relationship can make `word/main.dat` the document), in UTF-8 or UTF-16."""
    if name.lower().endswith((".xml", ".rels", ".vml")):
        return True
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or body[:2] in (b"\xff\xfe", b"\xfe\xff")


def _drop_external(rels: bytes, name: str, what: str, removed: list[str]) -> bytes:
    def keep(match) -> bytes:
        element = match.group(0)
        external = b'TargetMode="External"' in element
        kind = re.search(rb'Type="([^"]*)"', element)
        kind = kind.group(1).decode() if kind else ""
        if kind == ATTACHED or kind.endswith("/vbaProject"):
            removed.append(f"removed a link to an attached template or macros from {what}")
            return b""
        if external and kind != HYPERLINK:
            target = re.search(rb'Target="([^"]*)"', element)
            shown = target.group(1).decode(errors="replace")[:80] if target else "?"
            removed.append(f"removed a link to the outside file {shown!r} from {what} ({name})")
            return b""
        return element

    return _RELATIONSHIP.sub(keep, rels)
