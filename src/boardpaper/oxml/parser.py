"""The one place XML fragments are parsed.

`parse_xml` and `OxmlElement` come from python-docx, whose parser already has
`resolve_entities=False` and maps tags to element classes (see `__init__`).
"""
from __future__ import annotations

from docx.oxml.parser import OxmlElement, parse_xml, register_element_cls

__all__ = ["OxmlElement", "parse_xml", "register_element_cls"]
