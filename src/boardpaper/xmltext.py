"""Text put into XML we write: `escape` for element content, `quoteattr` for an attribute
value with its quotes, as the standard library's xml.sax.saxutils gives them (the same
characters, the same output), without importing it: saxutils imports urllib.request,
and with it http, email and ssl, which no build needs."""

from __future__ import annotations


def escape(data: str, entities: dict[str, str] | None = None) -> str:
    """`data` with &, < and > escaped, and each key of `entities` replaced by its value."""
    data = data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for char, entity in (entities or {}).items():
        data = data.replace(char, entity)
    return data


def quoteattr(data: str) -> str:
    """`data` escaped as an attribute value, in quotes (double, or single when it holds
    a double quote and no single one); line breaks and tabs as character references."""
    data = escape(data, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    if '"' in data:
        if "'" in data:
            return '"{}"'.format(data.replace('"', "&quot;"))
        return f"'{data}'"
    return f'"{data}"'
