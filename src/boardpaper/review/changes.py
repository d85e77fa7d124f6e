"""What a reviewer did, as records: insertions, deletions, new paragraphs, comments."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Change:
    """One tracked change or comment, placed on a paragraph of the paper."""

    number: int | None  # the paragraph's number; None outside numbered paragraphs
    para_id: str  # "" where it could not be placed
    author: str
    date: str
    kind: str  # insertion, deletion, replacement, new paragraph, deleted paragraph, comment
    before: str = ""
    after: str = ""
    comment: str = ""
    where: str = ""  # how it was placed: bookmark, text, after <id>, or unplaced
    comment_id: str = ""
    reply_to: str = ""  # for a reply: the id of the comment it answers
    resolved: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def table(changes: list[Change]) -> str:
    """A readable table, one change a row."""
    rows = [("¶", "id", "reviewer", "date", "kind", "before → after / comment")]
    for c in changes:
        if c.kind == "comment":
            detail = f"on “{_cut(c.before)}”: {c.comment}"
        elif c.kind in ("insertion", "new paragraph"):
            detail = f"→ {_cut(c.after)}"
        elif c.kind in ("deletion", "deleted paragraph"):
            detail = f"{_cut(c.before)} →"
        else:
            detail = f"{_cut(c.before)} → {_cut(c.after)}"
        rows.append((str(c.number or ""), c.para_id or "?", c.author, c.date[:10], c.kind, detail))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(5)) + "  " + r[5] for r in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _cut(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
