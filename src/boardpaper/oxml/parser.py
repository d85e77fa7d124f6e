"""The parsers of Word's XML.

`parse_xml` and `OxmlElement` come from python-docx, whose parser already has
`resolve_entities=False` and maps tags to element classes (see `__init__`); it
parses only XML this program made, or parts that passed `parse_untrusted` first.
`parse_untrusted` is the door for XML read from a file (`boardpaper/xmlsafe.py`,
re-exported here for the oxml layer).
"""

from __future__ import annotations

from docx.oxml.parser import OxmlElement, parse_xml, register_element_cls

from ..xmlsafe import UnsafeXml, parse_untrusted

__all__ = ["OxmlElement", "UnsafeXml", "parse_untrusted", "parse_xml", "register_element_cls"]
