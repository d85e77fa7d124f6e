"""The audit trail: every computed figure of a paper, one CSV row each.

Columns: number (the paragraph's number, empty outside numbered paragraphs),
paragraph_id, expression, text (as printed), measure, window (first..last
month), area, source (each data file with its sha256).
"""

from __future__ import annotations

import csv
import io

from ..narrative import model as m

COLUMNS = ("number", "paragraph_id", "expression", "text", "measure", "window", "area", "source")


def figures(paper: m.Paper):
    """(number, paragraph id, Figure) for every figure, in reading order.

    Figures in lists belong to the numbered paragraph the list follows.
    """
    number, para_id = "", ""
    for block in paper.blocks:
        if isinstance(block, m.Para):
            number, para_id = block.number, block.id
            for figure in _walk(block.inlines):
                yield number, para_id, figure
        else:
            if isinstance(block, m.Heading):
                number, para_id = "", ""
            for inlines in _block_inlines(block):
                for figure in _walk(inlines):
                    yield number, para_id, figure


def _block_inlines(block):
    if isinstance(block, (m.Heading, m.Plain)):
        yield block.inlines
    elif isinstance(block, (m.BulletList, m.LetteredList)):
        stack = list(block.items)
        while stack:
            item = stack.pop(0)
            yield item.inlines
            stack[0:0] = list(item.children)
    elif isinstance(block, m.Fields):
        for _, inlines in block.rows:
            yield inlines


def _walk(inlines):
    for inline in inlines:
        if isinstance(inline, m.Figure):
            yield inline
        elif isinstance(inline, m.Link):
            yield from _walk(inline.children)
        elif isinstance(inline, m.NoteRef):
            yield from _walk(inline.note.inlines)


def write_figures_csv(paper: m.Paper, hashes: dict[str, str]) -> bytes:
    """The CSV bytes; `hashes` maps each data file to its sha256."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for number, para_id, figure in figures(paper):
        a = figure.attrs
        source = "; ".join(f"{f} sha256:{hashes.get(f, '')}" for f in a.get("files", ()))
        writer.writerow(
            [
                number,
                para_id,
                a.get("expression", ""),
                figure.text,
                a.get("measure", ""),
                a.get("window", ""),
                a.get("area", ""),
                source,
            ]
        )
    return out.getvalue().encode("utf-8")
