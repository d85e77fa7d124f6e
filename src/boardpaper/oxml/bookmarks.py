"""Bookmarks (`w:bookmarkStart` / `w:bookmarkEnd`) around a paragraph's content.

Word limits a bookmark name to 40 characters, starting with a letter, of
letters, digits and underscores. `bookmark_name` makes one from a paragraph id
deterministically; a long id keeps a short hash so two ids never share a name.
"""

from __future__ import annotations

import hashlib
import re

from .ns import attr, nsdecls
from .parser import parse_xml

PREFIX = "bp_"
LIMIT = 40


def bookmark_name(para_id: str) -> str:
    """The bookmark name for a paragraph id: `bp_` + the id with `-` as `_`."""
    name = PREFIX + re.sub(r"[^A-Za-z0-9_]", "_", para_id)
    if len(name) > LIMIT:
        digest = hashlib.sha1(para_id.encode("utf-8")).hexdigest()[:8]
        name = name[: LIMIT - 9] + "_" + digest
    return name


def wrap_paragraph(p, bookmark_id: int, name: str) -> None:
    """Put `w:bookmarkStart` after the `w:pPr` of `p` and `w:bookmarkEnd` at its end."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name={attr(name)}/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>')
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def find(root, name: str):
    """The `w:bookmarkStart` named `name` under `root`, or None."""
    hits = root.xpath(f"//w:bookmarkStart[@w:name={attr(name)}]")
    return hits[0] if hits else None


def max_id(root) -> int:
    """The highest bookmark id used under `root` (-1 if none)."""
    ids = [int(v) for v in root.xpath("//w:bookmarkStart/@w:id") if v.lstrip("-").isdigit()]
    return max(ids, default=-1)
