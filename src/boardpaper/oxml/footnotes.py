"""The footnotes part: `w:footnotes` holding `w:footnote` elements.

Word keeps two special footnotes, the separator (id -1) and the continuation
separator (id 0); `settings.xml` names them in `w:footnotePr`. Real notes are
numbered from 1, and their text starts with a `w:footnoteRef` run, which shows
the note's number in the footnote area.
"""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement, ZeroOrMore

from .ns import nsdecls, qn
from .parser import parse_xml
from .runs import rpr_xml

SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
)


def footnotes_part_xml() -> bytes:
    """A footnotes part with only the two separators, for a new template."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:footnotes {nsdecls('w', 'r')}>{SEPARATORS}</w:footnotes>"
    ).encode()


class CT_Footnote(BaseOxmlElement):
    """`w:footnote`: one note (or a separator, which has a `w:type`)."""


class CT_Footnotes(BaseOxmlElement):
    """`w:footnotes`, the root of the footnotes part."""

    footnote = ZeroOrMore("w:footnote")

    def next_id(self) -> int:
        ids = [int(f.get(qn("w:id"))) for f in self.footnote_lst]
        return max([0, *ids]) + 1

    def add_footnote(
        self, content, style: str = "FootnoteText", ref_style: str = "FootnoteReference"
    ) -> int:
        """Append a footnote whose paragraph holds `content` (runs); return its id."""
        footnote_id = self.next_id()
        footnote = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{footnote_id}"><w:p>'
            f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f"<w:r>{rpr_xml(ref_style)}<w:footnoteRef/></w:r>"
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
        )
        paragraph = footnote[0]
        for element in content:
            paragraph.append(element)
        self.append(footnote)
        return footnote_id
