"""Word tables: `w:tbl` with a repeating header row and right-aligned figures."""
from __future__ import annotations

from .ns import attr, nsdecls, text

TABLE_WIDTH = 9026  # twips: the text width of A4 with 2.54 cm margins


def table(header, rows, numeric, style: str = "BoardTable"):
    """A `w:tbl`: the first row marked to repeat on each page (`w:tblHeader`) and not to
    split; cells of numeric columns right-aligned."""
    from .parser import parse_xml

    cols = len(header)
    first = TABLE_WIDTH * 2 // 5 if cols > 2 else TABLE_WIDTH // 2
    rest = (TABLE_WIDTH - first) // max(1, cols - 1)
    widths = [first] + [rest] * (cols - 1)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

    def cell(value: str, width: int, right: bool, head: bool) -> str:
        jc = '<w:jc w:val="right"/>' if right else ""
        style_id = "TableHeading" if head else "TableText"
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr>'
                f'<w:r><w:t xml:space="preserve">{text(value)}</w:t></w:r></w:p></w:tc>')

    head = ('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
            + "".join(cell(v, w, n, True) for v, w, n in zip(header, widths, numeric))
            + "</w:tr>")
    body = "".join("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                   + "".join(cell(v, w, n, False) for v, w, n in zip(row, widths, numeric))
                   + "</w:tr>" for row in rows)
    return parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val={attr(style)}/>'
        f'<w:tblW w:w="{TABLE_WIDTH}" w:type="dxa"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f'<w:tblGrid>{grid}</w:tblGrid>{head}{body}</w:tbl>'
    )
