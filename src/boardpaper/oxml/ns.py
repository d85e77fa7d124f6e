"""Namespaces of WordprocessingML, and the helpers to name elements in them."""

from __future__ import annotations

import re

from docx.oxml.ns import nsdecls, nsmap, qn

from ..xmltext import escape, quoteattr

__all__ = ["R", "W", "attr", "date_of", "nsdecls", "nsmap", "qn", "text"]

W = nsmap["w"]
R = nsmap["r"]


def text(value: str) -> str:
    """`value` escaped for element content in an XML fragment."""
    return escape(value)


def attr(value: str) -> str:
    """`value` quoted and escaped as an XML attribute value (quotes included)."""
    return quoteattr(value)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?")


def date_of(element) -> str:
    """The `w:date` of a tracked change or comment if it is a date (ISO 8601), else "":
    LibreOffice writes `0-00-00T00:00:00Z` for a comment whose date was never set."""
    value = element.get(qn("w:date"), "")
    return value if _ISO_DATE.fullmatch(value) else ""
