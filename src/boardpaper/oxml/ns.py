"""Namespaces of WordprocessingML, and the helpers to name elements in them."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from docx.oxml.ns import nsdecls, nsmap, qn

__all__ = ["R", "W", "attr", "nsdecls", "nsmap", "qn", "text"]

W = nsmap["w"]
R = nsmap["r"]


def text(value: str) -> str:
    """`value` escaped for element content in an XML fragment."""
    return escape(value)


def attr(value: str) -> str:
    """`value` quoted and escaped as an XML attribute value (quotes included)."""
    return quoteattr(value)
