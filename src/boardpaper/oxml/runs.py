"""Runs, hyperlinks and footnote references: the inline XML of a paragraph, written;
and, for the readers (accepted.py, reviewed.py), what Word writes round runs that is
not text: fields (`w:fldSimple`, `w:fldChar` … `w:instrText`), of which only a link's
result is read, and `mc:AlternateContent`, of which one branch is read."""

from __future__ import annotations

import re

from lxml import etree

from .ns import attr, nsdecls, qn, text
from .parser import parse_xml

_P = qn("w:p")
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE, _CHOICE, _FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
#: namespaces whose Choice branches are read (Word 2010 and later: the words are w:)
UNDERSTOOD = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
        "http://schemas.microsoft.com/office/drawing/2010/main",
    }
)


def rpr_xml(style: str | None = None, bold: bool = False, italic: bool = False) -> str:
    """`w:rPr` with children in schema order (rStyle, b, i); empty string if none."""
    parts = []
    if style:
        parts.append(f"<w:rStyle w:val={attr(style)}/>")
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(value: str, bold: bool = False, italic: bool = False, style: str | None = None):
    """A `w:r` holding `value` (leading and trailing blanks kept)."""
    return parse_xml(
        f"<w:r {nsdecls('w')}>{rpr_xml(style, bold, italic)}"
        f'<w:t xml:space="preserve">{text(value)}</w:t></w:r>'
    )


def hyperlink(rid: str, runs) -> object:
    """A `w:hyperlink` to relationship `rid` around `runs` (already styled)."""
    element = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id={attr(rid)} w:history="1"/>')
    for r in runs:
        element.append(r)
    return element


def footnote_reference(footnote_id: int, style: str = "FootnoteReference"):
    """The run that cites footnote `footnote_id` in the text."""
    return parse_xml(
        f'<w:r {nsdecls("w")}>{rpr_xml(style)}<w:footnoteReference w:id="{footnote_id}"/></w:r>'
    )


BRANCHES = {_CHOICE, _FALLBACK}


def chosen(branch) -> bool:
    """Whether `branch` (an mc:Choice or mc:Fallback) is the one of its
    mc:AlternateContent that is read: the first Choice whose requirements are all
    understood (UNDERSTOOD), else the Fallback."""
    holder = branch.getparent()
    if holder is None or holder.tag != _ALTERNATE:
        return True
    for candidate in holder:
        if candidate.tag == _CHOICE and _understood(candidate):
            return candidate is branch
    return branch.tag == _FALLBACK and branch is next(
        (c for c in holder if c.tag == _FALLBACK), None
    )


def _understood(choice) -> bool:
    prefixes = (choice.get("Requires") or "").split()
    return bool(prefixes) and all(choice.nsmap.get(x) in UNDERSTOOD for x in prefixes)


def paragraphs_of(root):
    """Every w:p under `root` in document order, none from an mc:AlternateContent branch
    that is not read (see `chosen`)."""
    walk = etree.iterwalk(root, events=("start",))
    for _, element in walk:
        if element.tag == _P:
            yield element
        elif element.tag in BRANCHES and not chosen(element):
            walk.skip_subtree()


_ADDRESS = re.compile(r"^\s*HYPERLINK\b(.*)$", re.S | re.I)
_ARGUMENT = re.compile(r'(\\[a-zA-Z])|"([^"]*)"|(\S+)')


def field_link(instruction: str | None) -> str:
    """The address of a HYPERLINK field's instruction ("" for any other field):
    `HYPERLINK "address" \\l "bookmark" \\o "tip"`."""
    found = _ADDRESS.match(instruction or "")
    if not found:
        return ""
    address, anchor, switch = "", "", None
    for flag, quoted, bare in _ARGUMENT.findall(found.group(1)):
        if flag:
            switch = flag.lower()
            continue
        value = quoted or bare
        if switch == "\\l":
            anchor = value
        elif switch is None and not address:
            address = value
        switch = None
    if anchor:
        return f"{address}#{anchor}" if address else f"#{anchor}"
    return address.replace(" ", "%20") or "?"


class Fields:
    """The complex fields open in a paragraph (w:fldChar begin … separate … end): their
    instructions are not text, and their results are read only for a link."""

    __slots__ = ("hidden", "link", "open")

    def __init__(self):
        self.open: list[list] = []  # [instruction so far, in the result, its link]
        self.hidden, self.link = False, ""

    def step(self, kind: str | None) -> None:
        if kind == "begin":
            self.open.append(["", False, ""])
        elif kind == "separate" and self.open:
            self.open[-1][1] = True
            self.open[-1][2] = field_link(self.open[-1][0])
        elif kind == "end" and self.open:
            self.open.pop()
        self.hidden = any(not result or not link for _, result, link in self.open)
        self.link = next((link for _, _, link in reversed(self.open) if link), "")

    def instruction(self, text: str) -> None:
        if self.open and not self.open[-1][1]:
            self.open[-1][0] += text
