"""The entries of a paper's contents list (`contents: yes` on the cover), for every
writer alike: each heading of the first two levels in reading order, and each case
study whose title is a heading of those levels (Word lists a paragraph by its outline
level, so the list a writer fills in is the list Word's Update Field makes)."""

from __future__ import annotations

from dataclasses import dataclass

from . import model as m

LEVELS = 2  # headings and subheadings (oxml/contents.py's field: TOC \o "1-2")
_GONE = ("deleted", "moved-from")  # in a redline: no longer in the paper


@dataclass(frozen=True)
class Entry:
    level: int
    text: str  # as printed, footnote marks left out
    block: object  # the heading or case study it names


def entries(paper: m.Paper) -> list[Entry]:
    """The contents list of `paper`, empty when it asks for none."""
    if not paper.meta.contents:
        return []
    out = []
    for block in paper.blocks:
        if isinstance(block, m.Heading):
            inlines = block.inlines
        elif isinstance(block, m.CaseStudy):
            inlines = block.title
        else:
            continue
        if block.level <= LEVELS and block.change not in _GONE:
            out.append(Entry(block.level, m.plain_text(inlines).strip(), block))
    return [e for e in out if e.text]
