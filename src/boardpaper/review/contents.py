"""A contents list in a reviewed file (oxml/contents.py): computed from the headings,
so it is set aside before the draft and the reviewed file are compared (Word's Update
Field, or LibreOffice saving the file, rewrites it: never a conflict by itself).

What a reviewer did to it by hand is named, never lost in silence: the list deleted,
an entry whose words are no heading's (edited in the list rather than in the heading),
an entry taken out while its heading stays. Each is a conflict that says where the
change belongs; paper.yaml is not changed for it."""

from __future__ import annotations

from ..oxml.contents import is_heading
from ..oxml.style_ids import HEADING
from .texts import cut

_HEADINGS = frozenset(HEADING.values())
HOW = "it is made from the paper's headings (cover: contents: yes in paper.yaml)"


def set_aside(base: list, theirs: list) -> tuple[list, list, list[str]]:
    """(base, theirs) without their contents lists, and the conflicts naming what the
    reviewer changed in the list by hand."""
    ours = [p.text for p in base if p.kind == "contents" and _entry(p)]
    had = any(p.kind == "contents" for p in base)
    listed = [p.text for p in theirs if getattr(p, "contents", False) and _entry(p)]
    base = [p for p in base if p.kind != "contents"]
    theirs = [p for p in theirs if not getattr(p, "contents", False)]
    conflicts: list[str] = []
    if had and ours and not listed:
        conflicts.append(
            f"the contents list was deleted; {HOW}: it comes back on the next build. To "
            "leave it out, set contents: no on the cover"
        )
        return base, theirs, conflicts
    headings = {p.text for p in theirs if p.part == "body" and p.style in _HEADINGS}
    known = headings | set(ours)
    for text in dict.fromkeys(listed):
        if text not in known:
            conflicts.append(
                f"the contents list's entry “{cut(text, 40)}” was edited there; {HOW}, so "
                "the edit is not applied: edit the heading itself"
            )
    for text in dict.fromkeys(ours):
        if text not in listed and text in headings:
            conflicts.append(
                f"the entry “{cut(text, 40)}” was taken out of the contents list; {HOW}, "
                "so it comes back: delete or restyle the heading to take it out"
            )
    return base, theirs, conflicts


def _entry(p) -> bool:
    """An entry of the list (its heading, "Contents", is not)."""
    return bool(p.text) and not is_heading(p.style, p.text)
