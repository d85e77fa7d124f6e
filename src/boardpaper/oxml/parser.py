"""The one place XML is parsed.

`parse_xml` and `OxmlElement` come from python-docx, whose parser already has
`resolve_entities=False` and maps tags to element classes (see `__init__`).
`parse_untrusted` reads XML from a file that came from outside (a reviewer's
.docx): no DTD, no entities, no network, no huge trees.
"""

from __future__ import annotations

from docx.oxml.parser import OxmlElement, parse_xml, register_element_cls
from lxml import etree

__all__ = ["OxmlElement", "UnsafeXml", "parse_untrusted", "parse_xml", "register_element_cls"]

_UNTRUSTED = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


class UnsafeXml(Exception):
    """XML boardpaper refuses to read."""


def parse_untrusted(data: bytes, name: str):
    """The root element of `data`; a DOCTYPE (entities, external DTDs) is refused."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnsafeXml(f"{name} declares a DOCTYPE or entities, which Word never writes")
    try:
        return etree.fromstring(data, _UNTRUSTED)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXml(f"{name} is not well-formed XML: {exc}") from None
