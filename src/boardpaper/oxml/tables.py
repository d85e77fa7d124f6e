"""Word tables: `w:tbl` with a repeating header row and right-aligned figures."""

from __future__ import annotations

from . import style_ids
from .ns import attr, nsdecls, text

TABLE_WIDTH = 9026  # twips: the text width of A4 with 2.54 cm margins


def column_widths(header, rows, total: int = TABLE_WIDTH) -> list[int]:
    """Widths in twips shared out by what each column holds: its longest cell, or its
    heading's longest word (headings wrap between words, figures never)."""
    need = []
    for i, head in enumerate(header):
        longest = max([len(w) for w in str(head).split()] + [len(str(r[i])) for r in rows] + [5])
        need.append(longest + 3)  # cell margins, and bold headings are wider
    if len(header) <= 2:  # a label and one figure: the label takes what the figure leaves
        need[0] = max(need[0], sum(need[1:]) * 2)
    widths = [total * n // sum(need) for n in need]
    widths[0] += total - sum(widths)
    return widths


def table(header, rows, numeric, style: str = style_ids.TABLE):
    """A `w:tbl`: the first row marked to repeat on each page (`w:tblHeader`) and not to
    split; cells of numeric columns right-aligned."""
    from .parser import parse_xml

    widths = column_widths(header, rows)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

    def cell(value: str, width: int, right: bool, head: bool) -> str:
        jc = '<w:jc w:val="right"/>' if right else ""
        style_id = style_ids.TABLE_HEADING if head else style_ids.TABLE_TEXT
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr>'
            f'<w:r><w:t xml:space="preserve">{text(value)}</w:t></w:r></w:p></w:tc>'
        )

    head = (
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        + "".join(cell(v, w, n, True) for v, w, n in zip(header, widths, numeric))
        + "</w:tr>"
    )
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(cell(v, w, n, False) for v, w, n in zip(row, widths, numeric))
        + "</w:tr>"
        for row in rows
    )
    return parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val={attr(style)}/>"
        f'<w:tblW w:w="{TABLE_WIDTH}" w:type="dxa"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{head}{body}</w:tbl>"
    )
