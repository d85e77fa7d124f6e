"""The door for XML: every XML text read from a file is parsed here.

Every part of every package read from a file passes `parse_untrusted`: a
template and a Word appendix (`oxml/sanitize.clean` parses each XML part
through it before docxtpl, python-docx or LibreOffice sees the file), a
reviewed .docx (`review/read.py`), a paper's own .docx read back; an .xlsx
sheet streams through `iterparse_untrusted` (`measures/readers.py`). No DTD
(refused however the file is encoded), no entities, no network, no tree deeper
than libxml2's 256 levels or text node over 10 MB (lxml without `huge_tree`), no
comments or processing instructions kept. python-docx's own parser
(`oxml/parser.parse_xml`) parses only XML this program made, or parts that passed
here first. tests/test_doors.py fails if XML is parsed anywhere else.

Like errors.py, this module imports nothing else of the package but errors, so
every stage may use it.
"""

from __future__ import annotations

from lxml import etree

from .errors import bounded

_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
_UNTRUSTED = etree.XMLParser(dtd_validation=False, **_OPTIONS)


class UnsafeXml(Exception):
    """XML boardpaper refuses to read."""


def _declares(name: str) -> UnsafeXml:
    return UnsafeXml(f"{name} declares a DOCTYPE or entities, which Word and Excel never write")


def parse_untrusted(data: bytes, name: str):
    """The root element of `data`; a DOCTYPE (entities, external DTDs) is refused."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _declares(name)
    try:
        root = etree.fromstring(data, _UNTRUSTED)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXml(f"{name} is not well-formed XML: {bounded(str(exc), 200)}") from None
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise UnsafeXml(f"{name} cannot be read as XML: {bounded(str(exc), 200)}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:  # a DOCTYPE in another encoding
        raise _declares(name)
    return root


def iterparse_untrusted(source, tag, name: str):
    """The elements `tag` of an XML stream (a file object), each as it ends: the same
    parser as `parse_untrusted`, streaming, for parts too large for one tree (an .xlsx
    sheet of a million rows). A DOCTYPE is refused; a syntax error is `UnsafeXml`."""
    parser = etree.iterparse(source, events=("end",), tag=tag, **_OPTIONS)
    checked = False
    try:
        for _, element in parser:
            if not checked:
                info = element.getroottree().docinfo
                if info.doctype or info.internalDTD is not None:
                    raise _declares(name)
                checked = True
            yield element
    except etree.XMLSyntaxError as exc:
        raise UnsafeXml(f"{name} is not well-formed XML: {bounded(str(exc), 200)}") from None
