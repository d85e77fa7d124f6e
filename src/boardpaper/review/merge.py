"""A reviewed file against its draft and the YAML today: what to change, what conflicts.

Three versions of every piece of text meet here (a three-way merge):

- base: the draft as built, described inside the .docx (oxml/draft.py);
- theirs: the reviewed file with every tracked change accepted (oxml/accepted.py);
- ours: the paper's YAML as it is now, printed unit by unit (narrative/units.py).

Paragraphs are paired by content, not by position or derived ids: equal texts
first, then the most similar in order (as Word's Compare does), so an inserted,
deleted, moved, split or joined paragraph is recognised as such. Each
difference between base and theirs becomes an edit of a YAML string (through
its source map, so placeholders, emphasis, links and footnote marks are kept),
an insertion or deletion of a list entry, or a conflict that says why it cannot
be applied. An edit over a computed figure, text the template prints, or text
that changed in the YAML since the draft is a conflict; other edits of the same
paragraph still apply. Nothing is dropped: every difference is in `applied` or
in `conflicts`.
"""

from __future__ import annotations

from itertools import pairwise

from ..content.kinds import numbered, style_units
from ..narrative.units import Unit
from ..oxml.accepted import Para
from ..oxml.draft import DraftPara
from . import matching
from .citations import Citations
from .emphasis import Emphasis
from .links import Links
from .pairing import Pairing
from .plans import (
    HEADINGS,
    PICTURE_ADDED,
    PROPERTIES,
    WHY_FIXED,
    Edit,
    Insert,
    Plan,
    part_group,
    where,
)
from .structure import Structure
from .texts import cut as _cut
from .texts import merge3, to_base

COVER_TITLE = ("cover", "title")
__all__ = ["Edit", "Insert", "Plan", "plan"]


def plan(
    base: list[DraftPara], theirs: list[Para], ours: list[Unit], frameworks: dict | None = None
) -> Plan:
    """What to do to `ours` so that it prints what the reviewer left in `theirs`.

    `frameworks`: the file of each KPI framework set out in the body, by its block's
    index, as conflicts name it.

    Linear in the paragraphs, apart from comparing texts, which spends at most
    PLAN_WORK (review/matching.py): past that, what is left is compared coarsely.
    A contents list is set aside first (review/contents.py): it is computed."""
    from .contents import set_aside

    base, theirs, listed = set_aside(base, theirs)
    with matching.budget(PLAN_WORK):
        out = _Planner(base, theirs, ours, frameworks or {}).run()
    out.conflicts += listed
    return out


PLAN_WORK = 60_000_000  # units of comparison (review/matching.py): about 15 s at most


class _Planner(Pairing, Structure, Citations, Links, Emphasis):
    def __init__(
        self, base: list[DraftPara], theirs: list[Para], ours: list[Unit], frameworks=None
    ):
        self.base, self.theirs, self.ours = base, theirs, ours
        self.frameworks: dict[int, str] = frameworks or {}
        self.out = Plan()
        self.ours_of = self._pair_ours()
        self.note_key = {p.note_id: p.key for p in base if p.part == "footnote" and p.note_id}
        self.their_note = {}  # a footnote id in theirs → the note key it is
        in_sequence = [p for p in base if p.kind in numbered()]
        self.numbers = {id(p): n for n, p in enumerate(in_sequence, 1)}
        self.new_footnotes: dict[str, str] = {}  # a footnote new in theirs: id → its text
        self.taken_footnotes: set[str] = set()  # … cited where the reviewer put it
        self.note_texts = {u.key: u.text for u in ours if u.kind == "note"}
        self.note_keys: dict[str, list[str]] = {}  # a note's text → its keys
        for key, text in self.note_texts.items():
            self.note_keys.setdefault(text, []).append(key)
        self.suffixes: dict[str, int] = {}  # the last suffix given to a new note's key
        # what is looked up in the YAML today, indexed once
        self.ours_at = {id(u): n for n, u in enumerate(ours)}
        self.ours_texts = {u.text for u in ours}
        self.ours_kinds = {(u.kind, u.text) for u in ours}
        self.ours_pairs = {(u.text, v.text) for u, v in pairwise(ours)}
        self.new_since = self._new_since()
        self.edit_of: dict[int, Edit] = {}  # id of a unit → its edit
        self.deleted: set[int] = set()  # ids of the units deleted
        self.rows_named: set[str] = set()  # table rows added by the reviewer, named already

    def _where(self, b: DraftPara) -> str:
        if b.kind in numbered():
            return f"paragraph {self.numbers[id(b)]} ({b.key})"
        return where(b)

    def _why_fixed(self, b: DraftPara, i: int, default: str) -> str:
        """Why base paragraph i, which paper.yaml does not hold, cannot be changed."""
        if b.kind == "framework":
            unit = self.ours_of.get(i)
            files = set(self.frameworks.values())
            name = self.frameworks.get(unit.block) if unit is not None else None
            name = name or (files.pop() if len(files) == 1 else None)
            if name:
                return f"is set out from the KPI framework file {name}; change that file"
        return WHY_FIXED.get(b.kind, default)

    def run(self) -> Plan:
        groups = {}
        for part in ("body", "furniture", "footnote"):
            b = [i for i, p in enumerate(self.base) if part_group(p.part) == part]
            t = [j for j, p in enumerate(self.theirs) if part_group(p.part) == part]
            groups[part] = (b, t)
        pairs = {part: self._align(*groups[part]) for part in ("body", "furniture")}
        self.furniture = {i: j for i, j in pairs["furniture"] if i is not None}
        # which footnote is which: the n-th citation of a paragraph in both versions
        same_note: dict[str, str] = {}  # footnote id in theirs → in base
        for i, j in pairs["body"]:
            if (
                i is not None
                and j is not None
                and len(self.base[i].notes) == len(self.theirs[j].notes)
            ):
                same_note.update(zip(self.theirs[j].notes, self.base[i].notes))
        pairs["footnote"] = self._footnotes(*groups["footnote"], same_note)
        for i, j in pairs["footnote"]:
            if i is not None and j is not None:
                self.their_note[self.theirs[j].note_id] = self.base[i].key
        for part in ("footnote", "furniture", "body"):
            self._group(pairs[part], part)
        self._properties()
        for note_id, text in self.new_footnotes.items():
            if note_id not in self.taken_footnotes:
                self.out.conflicts.append(
                    f"new paragraph “{_cut(text)}” in the footnote: add it to paper.yaml by "
                    "hand under notes:, cited with [^key]"
                )
        return self.out

    def _group(self, pairs, part: str) -> None:
        deleted = {i: n for n, (i, j) in enumerate(pairs) if j is None and i is not None}
        moved_from: set[int] = set()
        # the nearest position before each that is a pair
        self.paired_before, last = [], None
        for n, (i, j) in enumerate(pairs):
            self.paired_before.append(last)
            if i is not None and j is not None:
                last = n
        # deleted paragraphs by their text, last first (a new one may be one of them, moved)
        self.deleted_by_text: dict[str, list[int]] = {}
        for i in reversed(deleted):
            self.deleted_by_text.setdefault(self.base[i].text, []).append(i)
        joined = self._joins(pairs, deleted)
        for first, second in joined.values():
            moved_from.update((first, second))
        self.split_at = self._splits(pairs)
        split = set(self.split_at.values())
        for n, (i, j) in enumerate(pairs):
            if i in split and j is not None:
                continue  # done once, with its new half
            if i is not None and j is not None and i in joined:
                self._join(*joined[i], self.theirs[j])
            elif i is not None and j is not None:
                self._pair(self.base[i], self.theirs[j], i)
            elif j is not None:
                self._new(pairs, n, part, deleted, moved_from)
        for i in deleted:
            if i not in moved_from:
                self._deleted(self.base[i], i)

    def _properties(self) -> None:
        """The title in the document's properties (review/read.py), changed by the
        reviewer: applied to the cover's title, unless the title on the page was changed
        as well (then that one is applied, and this named)."""
        title = next((i for i, p in enumerate(self.base) if (p.kind, p.key) == COVER_TITLE), None)
        unit = self.ours_of.get(title) if title is not None else None
        for t in self.theirs:
            if t.part != PROPERTIES or title is None:
                continue
            if unit is not None and id(unit) in self.edit_of:
                self.out.conflicts.append(
                    f"the title in the document's properties (File > Info) “{_cut(t.text)}”: "
                    "the title on the cover was changed too, and that one is applied"
                )
                continue
            b = self.base[title]
            self._text(
                DraftPara(PROPERTIES, b.style, b.unit_text, "cover", "title", 0, len(b.unit_text)),
                Para(PROPERTIES, b.style, t.text),
                title,
            )

    def _pair(self, b: DraftPara, t: Para, i: int) -> None:
        if b.part == "body" and b.style != t.style and {b.style, t.style} <= HEADINGS:
            self._relevel(b, t, i)
        if (
            b.part == "body"
            and t.style in (kinds := style_units())
            and b.style in kinds
            and kinds[t.style] != kinds[b.style]
        ):
            self._restyle(b, t, i)
            return
        if b.pictures is not None and b.pictures != t.pictures:
            self._pictures(b, t, i)
        self._formatting(b, t)
        notes_b = [self.note_key.get(n, n) for n in b.notes]
        notes_t = [self.their_note.get(n, f"#{n}") for n in t.notes]
        # where each citation stands, in the draft's text (None where the draft kept none)
        at_b = list(b.note_at) if len(b.note_at) == len(b.notes) else None
        mapped = to_base(b.text, t.text)  # compared once for every place mapped
        at_t = [mapped(at) for at in t.note_at] if at_b is not None else None
        if b.spans != t.spans:
            self._emphasis(b, t, i)
        typed = []  # links over words the reviewer wrote: (start, end, address) in theirs
        if b.links is not None:  # a draft that kept its links: compare them
            links_t = []
            for start, end, url in t.links:
                lo, hi = mapped(start), mapped(end)
                if lo == hi and b.text != t.text:
                    typed.append((start, end, url))
                else:
                    links_t.append((lo, hi, url))
            if tuple(links_t) != b.links:
                self._links(b, i, b.links, tuple(links_t))
        if b.text == t.text and notes_b == notes_t and at_b == at_t:
            return
        if b.text != t.text:
            self._text(b, t, i)
            if typed:
                self._typed_links(b, t, i, typed)
        if notes_b != notes_t or at_b != at_t:
            self._citations(b, i, (notes_b, at_b), (notes_t, at_t), t)

    def _pictures(self, b: DraftPara, t: Para, i: int) -> None:
        """Pictures and charts added, deleted or given other alt text in a paragraph: the
        paper's charts are drawn from the data and their alt text computed, so each is
        named (a draft from before pictures were kept is not compared)."""
        place = self._where(b) if b.text else self._near(i)
        for n in range(max(len(b.pictures), len(t.pictures))):
            old = b.pictures[n] if n < len(b.pictures) else None
            new = t.pictures[n] if n < len(t.pictures) else None
            if old == new or (old and new and old[1] == new[1] and not new[0]):
                continue  # (a title dropped: LibreOffice keeps no picture's title when it
                # saves; the title is the chart's caption, printed beside it all the same)
            chart = f"the chart “{_cut(old[0], 50)}”" if old and old[0] else "a picture"
            if old is None:
                self.out.conflicts.append(f"a picture added in {place}: {PICTURE_ADDED}")
            elif new is None:
                self.out.conflicts.append(
                    f"{chart} ({place}) deleted: remove it from paper.yaml by hand"
                )
            elif old[1] != new[1]:
                self.out.conflicts.append(
                    f"{chart} ({place}): its alt text “{_cut(old[1], 40)}” → "
                    f"“{_cut(new[1], 40)}”: a chart's alt text is computed from its data; "
                    "change the data or the chart's settings in paper.yaml"
                )
            else:
                self.out.conflicts.append(
                    f"{chart} ({place}): its title “{_cut(new[0], 40)}”: a chart's title is "
                    "its caption; change caption: in paper.yaml"
                )

    def _near(self, i: int) -> str:
        """Where base paragraph i stands, for one without text (a chart): after the
        nearest paragraph before it that has some."""
        before = next((k for k in range(i - 1, -1, -1) if self.base[k].text), None)
        return (
            "the first paragraph" if before is None else f"after {self._where(self.base[before])}"
        )

    def _text(self, b: DraftPara, t: Para, i: int) -> None:
        where = self._where(b)
        if b.kind in WHY_FIXED or (b.part == "body" and b.kind == "cover" and b.key == "meeting"):
            why = self._why_fixed(b, i, "is set by the meeting date in paper.yaml")
            self.out.conflicts.append(f"{where}: “{_cut(b.text)}” → “{_cut(t.text)}”: {why}")
            return
        if not (t.text.startswith(b.prefix) and t.text.endswith(b.suffix)) or len(t.text) < len(
            b.prefix
        ) + len(b.suffix):
            self.out.conflicts.append(
                f"{where}: the template's words “{_cut(b.prefix or b.suffix)}” changed; "
                "change the Word template"
            )
            return
        theirs = t.text[len(b.prefix) : len(t.text) - len(b.suffix)]
        unit = self.ours_of.get(i)
        if unit is not None and not unit.editable:
            self.out.conflicts.append(
                f"{where}: “{_cut(b.unit_text)}” → “{_cut(theirs)}”: this text is not written in "
                "paper.yaml (it comes from the data or the paper's settings); change it there"
            )
            return
        if unit is None:
            self.out.conflicts.append(
                f"{where}: “{_cut(b.unit_text)}” → “{_cut(theirs)}”: the text is no longer in "
                "paper.yaml as it was in the draft; apply it by hand"
            )
            return
        if b.kind == "marking" and not self._marking_agrees(b, theirs):
            self.out.conflicts.append(
                f"{where}: “{_cut(b.unit_text)}” → “{_cut(theirs)}”: the marking is printed in "
                "the header and footer; change cover.marking in paper.yaml to change both "
                "(or make the same change in each)"
            )
            return
        source, conflicts = merge3(b.unit_text, theirs, unit)
        self.out.conflicts += [f"{where}: {c}" for c in conflicts]
        if source is not None:
            self._edit(unit, source, f"{where}: “{_cut(theirs)}”")

    def _marking_agrees(self, b: DraftPara, theirs: str) -> bool:
        """Whether every header and footer that printed the marking `b` prints it as
        `theirs` now (one YAML value prints them all)."""
        for k, other in enumerate(self.base):
            if other is b or other.kind != "marking" or other.key != b.key:
                continue
            j = self.furniture.get(k)
            text = self.theirs[j].text if j is not None else None
            if text is None or not (text.startswith(other.prefix) and text.endswith(other.suffix)):
                return False
            if text[len(other.prefix) : len(text) - len(other.suffix)] != theirs:
                return False
        return True

    def _edit(self, unit: Unit, source: str, description: str) -> None:
        edit = self.edit_of.get(id(unit))
        if edit is not None:
            edit.source = source
            return
        self.edit_of[id(unit)] = edit = Edit(unit, source, description)
        self.out.edits.append(edit)
        self.out.applied.append(description)
