"""Accepted tracked changes → edits of `paper.yaml`, comments → a review file.

A paragraph's change is applied word by word to its YAML text through the
source map of the markup (each printed character knows where it stands in the
YAML), so placeholders, emphasis, links and footnote marks around the change
are kept. A change that touches a computed figure is never applied: it is a
conflict naming the measure, because the figure must change in the data. The
YAML is rewritten by ruamel.yaml's round trip (comments, key order and layout
kept), after a backup; a paragraph whose result would not print the
reviewer's text is left alone and reported.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..content import model as c
from ..content import roundtrip
from ..errors import BoardpaperError
from ..fsutil import write_atomic
from ..narrative import model as m
from .read import Review

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class Outcome:
    applied: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    backup: str | None = None
    comments_file: str | None = None


def apply_review(review: Review, source: c.PaperSource, reviewed: Path, render) -> Outcome:
    """Apply `review` to the paper's YAML. `render(text, para)` gives the inlines and
    source map of a paragraph text, as the narrative stage prints it."""
    outcome = Outcome()
    yaml, doc = roundtrip.load(Path(source.path))
    body = doc["body"]
    by_id = {p.id: p for p in source.paragraphs()}
    edits: dict[int, str] = {}  # body index → new text
    inserts: list[tuple[int, str]] = []  # (after body index, text)
    deletes: list[int] = []
    for spot in review.placed:
        para = spot.para
        label = f"paragraph {spot.number} ({spot.para_id})" if spot.para_id else "a paragraph"
        if spot.where == "unplaced":
            if any(s.kind for s in para.segments):
                outcome.conflicts.append(
                    f"a changed paragraph could not be placed: "
                    f"“{_cut(para.text(False))}”; apply it by hand"
                )
            continue
        if spot.is_new:
            after = by_id[spot.para_id].index if spot.para_id in by_id else -1
            text = " ".join(para.text(accept=True).split())
            if text:
                inserts.append((after, text))
                outcome.applied.append(f"new paragraph after {label}: “{_cut(text)}”")
            continue
        if not any(s.kind for s in para.segments):
            continue
        target = by_id[spot.para_id]
        accepted = " ".join(para.text(accept=True).split())
        if not accepted:
            deletes.append(target.index)
            outcome.applied.append(f"deleted {label}")
            continue
        result = _edit(target, para, render)
        if isinstance(result, str):
            edits[target.index] = result
            outcome.applied.append(f"{label}: “{_cut(accepted)}”")
        else:
            outcome.conflicts.append(f"{label}: {result[0]}")
    if edits or inserts or deletes:
        _write_yaml(yaml, doc, body, edits, inserts, deletes, Path(source.path), outcome)
    _write_comments(review, Path(source.path).parent, reviewed, outcome)
    return outcome


def _edit(target: c.Paragraph, reviewed, render):
    """The paragraph's new YAML text, or (reason,) when it cannot be applied."""
    source = str(target.text)
    _, chars = render(source, target)
    printed = "".join(ch[0] for ch in chars)
    before = " ".join(reviewed.text(accept=False).split())
    after = " ".join(reviewed.text(accept=True).split())
    if " ".join(printed.split()) != before:
        return (
            "the paragraph has changed since the reviewed draft was built; "
            "apply the change by hand",
        )
    a, b = _TOKENS.findall(printed), _TOKENS.findall(after)
    starts = [0]
    for token in a:
        starts.append(starts[-1] + len(token))
    ops = [
        op
        for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    new = source
    for tag, i1, i2, j1, j2 in reversed(ops):
        lo, hi = starts[i1], starts[i2]
        touched = {ch[3] for ch in chars[lo:hi] if ch[3]}
        if (
            tag == "insert"
            and 0 < lo < len(chars)
            and chars[lo - 1][3]
            and chars[lo - 1][3] == chars[lo][3]
        ):
            touched.add(chars[lo][3])
        if touched:
            return (
                f"the change touches the computed figure(s) {', '.join(sorted(touched))}; "
                "change the data, not the prose",
            )
        text = _escape("".join(b[j1:j2]))
        if lo < hi:
            s_lo, s_hi = chars[lo][1], chars[hi - 1][2]
        elif lo < len(chars):
            s_lo = s_hi = chars[lo][1]
        else:
            s_lo = s_hi = chars[-1][2] if chars else len(source)
        new = new[:s_lo] + text + new[s_hi:]
    try:
        inlines, _ = render(new, target)
    except BoardpaperError as exc:  # the edit broke the markup (emphasis or a link cut in two)
        return (f"the change would break the paragraph's markup ({exc}); apply it by hand",)
    if " ".join(m.plain_text(inlines).split()) != after:
        return ("the change could not be placed in the YAML text exactly; apply it by hand",)
    return new


def _escape(text: str) -> str:
    from ..narrative.markup import escape

    return escape(text)


def _write_yaml(yaml, doc, body, edits, inserts, deletes, path: Path, outcome: Outcome) -> None:
    for index, text in edits.items():
        item = body[index]
        if isinstance(item, str):
            body[index] = roundtrip.folded(text)
        else:
            item["para"] = roundtrip.folded(text)
    # insertions and deletions from the end, so earlier indexes stay right
    for index in sorted(set(deletes) | {after for after, _ in inserts}, reverse=True):
        for _after, text in reversed([x for x in inserts if x[0] == index]):
            body.insert(index + 1, roundtrip.folded(text))
        if index in deletes:
            del body[index]
    text = roundtrip.dump(yaml, doc)
    backup = _backup(path)
    shutil.copyfile(path, backup)
    write_atomic(path, text.encode("utf-8"))
    outcome.backup = str(backup)


def _backup(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.bak{n}")
    return candidate


def _write_comments(review: Review, folder: Path, reviewed: Path, outcome: Outcome) -> None:
    """Append the review's comments to REVIEW.md, once per reviewed file."""
    notes = [ch for ch in review.changes if ch.kind == "comment"]
    if not notes:
        return
    target = folder / "REVIEW.md"
    digest = hashlib.sha256(reviewed.read_bytes()).hexdigest()[:12]
    existing = (
        target.read_text(encoding="utf-8")
        if target.exists()
        else "# Review comments\n\nComments from reviewed drafts, beside the paragraph they are on. "
        "Tick each off when dealt with.\n"
    )
    marker = f"<!-- review {digest} -->"
    if marker in existing:
        outcome.comments_file = str(target)
        return
    lines = [f"\n## {reviewed.name}\n", marker, ""]
    for note in notes:
        where = (
            f"¶{note.number} ({note.para_id})"
            if note.para_id
            else "outside the numbered paragraphs"
        )
        lines.append(f"- [ ] **{where}** {note.author}, {note.date[:10]}: {note.comment}")
        if note.before:
            lines.append(f"  > on “{' '.join(note.before.split())}”")
    write_atomic(target, (existing.rstrip("\n") + "\n" + "\n".join(lines) + "\n").encode("utf-8"))
    outcome.comments_file = str(target)


def _cut(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
