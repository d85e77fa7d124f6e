"""A review plan → edits of `paper.yaml`; comments and conflicts → REVIEW.md.

The YAML is rewritten by ruamel.yaml's round trip (comments, key order and
layout kept), after a backup. Each string to change is found by where the
content stage read it (`roundtrip.paths`), so any text of the paper (a cover
field, a heading, a bullet, a footnote) is edited the same way. Entries are
inserted and deleted in the list that holds them: a new paragraph after a
heading or a list goes into the body after that block, a new bullet into its
list. A footnote whose last citation was deleted is removed from `notes:`; one the
reviewer wrote is added there, under a key made of its first words.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..content import kinds, roundtrip
from ..fsutil import write_atomic
from .merge import Insert, Plan
from .read import Review


@dataclass
class Outcome:
    applied: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    backup: str | None = None
    comments_file: str | None = None


def apply_plan(plan: Plan, path: Path, backup: bool = True) -> str | None:
    """Write `plan` into the YAML at `path`; the backup's path (None: nothing to do, or
    no backup asked for)."""
    if not (plan.actions or plan.uncited):
        return None
    yaml, doc = roundtrip.load(path)
    paths = roundtrip.paths(doc)

    def path_of(unit) -> tuple:
        return paths[roundtrip.where(unit.slot)]

    for edit in plan.edits:
        roundtrip.set_text(doc, path_of(edit.unit), edit.source)
    for unit, level in plan.relevels:  # heading: ↔ subheading:, in its place
        where = path_of(unit)
        holder, key = roundtrip.get(doc, where[:-1]), kinds.heading_keys()[level - 1]
        if where[-1] in kinds.heading_keys() and where[-1] != key and key not in holder:
            at = list(holder).index(where[-1])
            holder.insert(at, key, holder.pop(where[-1]))
    ops = []  # (list, index, order, action, value)
    for unit in plan.deletes:
        container, index = _entry(doc, path_of(unit))
        ops.append((id(container), container, index, len(plan.inserts) + 1, "delete", None))
    for n, insert in enumerate(plan.inserts):
        container, index, value = _insertion(doc, insert, path_of)
        ops.append((id(container), container, index, 1 + n, "insert", value))
    touched = {op[0] for op in ops}
    for unit, kind in plan.lifts:
        where = path_of(unit)
        items, item = _entry(doc, where)
        if id(items) in touched or len(where) != 4 or where[0] != "body":
            continue  # tangled with other changes of the list: left for the re-plan to name
        touched.add(id(items))
        body = doc["body"]
        # before anything inserted at the same place (the list must still be there)
        ops.append(
            (id(body), body, where[1], len(plan.inserts) + 2, "lift", (where[2], item, kind))
        )
    # from the end of each list, so earlier indexes stay right; at one index the deletion
    # first (an insertion there follows the entry before it), then inserts in order
    for _, container, index, _, action, value in sorted(
        ops, key=lambda op: (op[0], op[2], op[3]), reverse=True
    ):
        if action == "insert":
            container.insert(index, value)
        elif action == "lift":
            _lift(container, index, *value)
        else:
            del container[index]
    _drop_empty_lists(doc)
    _add_notes(doc, plan.new_notes)
    _relink_notes(doc, plan.note_links)
    _drop_uncited(doc, plan.uncited)
    text = roundtrip.dump(yaml, doc)
    copy = _backup(path) if backup else None
    if copy is not None:
        shutil.copyfile(path, copy)
    write_atomic(path, text.encode("utf-8"))
    return str(copy) if copy is not None else None


def _entry(doc, path: tuple):
    """The list holding the entry at `path`, and the entry's index in it."""
    k = max(n for n, key in enumerate(path) if isinstance(key, int))
    return roundtrip.get(doc, path[:k]), path[k]


def _insertion(doc, insert: Insert, path_of):
    """(list, index, value) that puts `insert` after its anchor."""
    from ruamel.yaml.comments import CommentedMap

    anchor = insert.anchor
    row = kinds.units().get(insert.kind)
    if row is None or row.new is None:
        raise ValueError(f"a new '{insert.kind}' cannot be written into paper.yaml")
    if row.listed and anchor is not None and anchor.kind == insert.kind:
        container, index = _entry(doc, path_of(anchor))
        if insert.level == anchor.level:
            return container, index + 1, insert.source
        if insert.level > anchor.level:  # the first sub-item of the anchor
            item = container[index]
            if isinstance(item, str):
                item = CommentedMap([("text", item), ("bullets", [])])
                container[index] = item
            item.setdefault("bullets", [])
            return item["bullets"], 0, insert.source
        outer, outer_index = _entry(doc, _parent_item(path_of(anchor)))
        return outer, outer_index + 1, insert.source
    body = doc["body"]
    index = 0
    if anchor is not None and anchor.slot is None:  # computed (a table's cell): after its block
        index = anchor.block + 1 if anchor.block >= 0 else 0
    elif anchor is not None:
        path = path_of(anchor)
        if path[0] == "body" and isinstance(path[1], int):
            index = path[1] + 1
    return body, index, row.new(insert.source, insert.level)


def _lift(body, index: int, key: str, item: int, kind: str) -> None:
    """Item `item` of the list at body[index] made a block of `kind` between the items
    before it and those after it, each kept in a list of their own."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    block = body[index]
    items = block[key]
    text = str(items[item])
    after = CommentedSeq(items[item + 1 :])
    del items[item:]
    lifted = kinds.units()[kind].new(text, 1)
    entries = [lifted] + ([CommentedMap([(key, after)])] if after else [])
    if not items:
        del body[index]
        at = index
    else:
        at = index + 1
    for offset, entry in enumerate(entries):
        body.insert(at + offset, entry)


def _parent_item(path: tuple) -> tuple:
    ints = [n for n, key in enumerate(path) if isinstance(key, int)]
    return path[: ints[-2] + 1]


def _drop_empty_lists(doc) -> None:
    """A list whose last entry was deleted goes too (a block of no items is not valid)."""
    body = doc.get("body", [])
    for index in range(len(body) - 1, -1, -1):
        item = body[index]
        if isinstance(item, dict):
            for key in sorted(set(kinds.listed().values())):
                if key in item and isinstance(item[key], list):
                    _drop_empty_children(item[key])
                    if not item[key]:
                        del body[index]
                        break


def _drop_empty_children(items) -> None:
    for item in items:
        if isinstance(item, dict) and "bullets" in item and not item["bullets"]:
            del item["bullets"]


def _add_notes(doc, notes: list[tuple[str, str]]) -> None:
    """Footnotes the reviewer wrote, under `notes:` (made before `body:` if the paper had
    none), each as its text."""
    from ruamel.yaml.comments import CommentedMap

    if not notes:
        return
    if doc.get("notes") is None:
        at = list(doc).index("body") if "body" in doc else len(doc)
        if "notes" in doc:
            del doc["notes"]
        doc.insert(at, "notes", CommentedMap())
    for key, text in notes:
        doc["notes"][key] = text


def _relink_notes(doc, links: list[tuple[str, str]]) -> None:
    """A footnote's link pointed at the address the reviewer gave it (a note that was its
    text alone becomes text and link)."""
    from ruamel.yaml.comments import CommentedMap

    for key, url in links:
        note = doc["notes"][key]
        if isinstance(note, str):
            doc["notes"][key] = CommentedMap([("text", note), ("link", url)])
        else:
            note["link"] = url


def _drop_uncited(doc, keys: list[str]) -> None:
    notes = doc.get("notes")
    if not notes:
        return
    texts = list(_strings(doc.get("body", []))) + list(_strings(doc.get("cover", {})))
    for key in dict.fromkeys(keys):
        if key in notes and not any(f"[^{key}]" in text for text in texts):
            del notes[key]
    if not notes:
        del doc["notes"]


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _backup(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.bak{n}")
    return candidate


def write_review_file(review: Review, folder: Path, reviewed: Path, outcome: Outcome) -> None:
    """Append the review's comments, and what could not be applied, to REVIEW.md, once
    per reviewed file."""
    notes = [ch for ch in review.changes if ch.kind == "comment"]
    if not notes and not outcome.conflicts:
        return
    target = folder / "REVIEW.md"
    digest = hashlib.sha256(reviewed.read_bytes()).hexdigest()[:12]
    existing = (
        target.read_text(encoding="utf-8")
        if target.exists()
        else "# Review comments\n\nComments from reviewed drafts, beside the paragraph they are on, "
        "and the reviewers' changes boardpaper could not apply. Tick each off when dealt with.\n"
    )
    marker = f"<!-- review {digest} -->"
    if marker in existing:
        outcome.comments_file = str(target)
        return
    lines = [f"\n## {reviewed.name}\n", marker, ""]
    replies: dict[str, list] = {}
    for note in notes:
        if note.reply_to:
            replies.setdefault(note.reply_to, []).append(note)
    ids = {n.comment_id for n in notes}
    for note in notes:
        if note.reply_to and note.reply_to in ids:
            continue  # written under the comment it answers
        where = (
            f"¶{note.number} ({note.para_id})"
            if note.para_id
            else (
                "in a footnote" if note.where == "a footnote" else "outside the numbered paragraphs"
            )
        )
        tick, state = ("x", " (resolved)") if note.resolved else (" ", "")
        lines.append(
            f"- [{tick}] **{where}** {note.author}, {note.date[:10]}{state}: {note.comment}"
        )
        if note.before:
            lines.append(f"  > on “{' '.join(note.before.split())}”")
        for reply in replies.get(note.comment_id, []):
            lines.append(f"  - {reply.author}, {reply.date[:10]}: {reply.comment}")
    if outcome.conflicts:
        lines += [
            "",
            "Not applied (make these changes by hand, or settle them with the reviewer):",
            "",
        ]
        lines += [f"- [ ] {conflict}" for conflict in outcome.conflicts]
    write_atomic(target, (existing.rstrip("\n") + "\n" + "\n".join(lines) + "\n").encode("utf-8"))
    outcome.comments_file = str(target)


def _cut(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
