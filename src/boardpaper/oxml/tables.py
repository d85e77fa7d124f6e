"""Word tables: `w:tbl` with a repeating header row and right-aligned figures."""

from __future__ import annotations

from . import style_ids
from .ns import attr, nsdecls, text

TABLE_WIDTH = 9026  # twips: the text width of A4 with 2.54 cm margins


CHAR = 115  # twips: a character of the table's 9 pt Arial, bold headings included
PAD = 260  # twips: the cell's left and right margins and a little air


def column_widths(header, rows, total: int = TABLE_WIDTH) -> list[int]:
    """Widths in twips. Each column needs at least its longest unbreakable piece (a word
    of its heading or of a text cell; a figure whole, since figures never wrap) and
    would like its longest cell on one line. Columns get what they would like when it
    fits; otherwise every column keeps its least and the text columns share the rest
    by how much more they would like, so short columns ("Item", "Page") never break
    inside a word."""
    least, like = [], []
    for i, head in enumerate(header):
        cells = [str(r[i]) for r in rows]
        words = str(head).split() + [w for c in cells for w in c.split()]
        piece = max([len(w) for w in words] + [3])
        least.append(piece * CHAR + PAD)
        like.append(max(least[-1], max([len(c) for c in cells] + [0]) * CHAR + PAD))
    if len(header) <= 2:  # a label and one figure: the label takes what the figure leaves
        like[0] = max(like[0], sum(like[1:]) * 2)
    if sum(like) <= total or sum(least) >= total:
        base = like if sum(like) <= total else least
        widths = [total * w // sum(base) for w in base]
    else:
        spare, wanted = total - sum(least), sum(like) - sum(least)
        widths = [lo + (hi - lo) * spare // wanted for lo, hi in zip(least, like, strict=True)]
    widths[0] += total - sum(widths)
    return widths


def table(header, rows, numeric, style: str = style_ids.TABLE, widths=None):
    """A `w:tbl`: the first row marked to repeat on each page (`w:tblHeader`) and not to
    split; cells of numeric columns right-aligned; columns `widths` wide (twips), else
    as `column_widths` shares them."""
    from .parser import parse_xml

    widths = widths or column_widths(header, rows)
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
