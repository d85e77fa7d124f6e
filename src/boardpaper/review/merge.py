"""A reviewed file against its draft and the YAML today: what to change, what conflicts.

Three versions of every piece of text meet here (a three-way merge):

- base: the draft as built, described inside the .docx (oxml/draft.py);
- theirs: the reviewed file with every tracked change accepted (oxml/accepted.py);
- ours: the paper's YAML as it is now, printed unit by unit (review/units.py).

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

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..oxml.accepted import Para
from ..oxml.draft import DraftPara
from ..oxml.style_ids import BODY, BULLETS, HEADING, LETTERED, NUMBERED
from . import matching
from .align import align, ratio
from .texts import (
    after_context,
    flags,
    inside_figure,
    merge3,
    source_index,
    to_base,
)
from .texts import cut as _cut
from .units import Unit

#: a body paragraph's style → the kind of text it holds (and a new one becomes)
STYLE_KIND = {
    NUMBERED: "paragraph",
    BODY: "plain",
    LETTERED: "letter",
    BULLETS[0]: "bullet",
    BULLETS[1]: "bullet",
    HEADING[1]: "heading",
    HEADING[2]: "heading",
    HEADING[3]: "heading",
    HEADING[4]: "heading",
}
DELETABLE = ("paragraph", "plain", "bullet", "letter", "heading")
WHY_FIXED = {
    "cell": "is computed from the data; change the data, not the table",
    "framework": "is set out from the KPI framework file; change that file",
    "template": "is printed by the Word template; change the template",
}


@dataclass(eq=False)
class Edit:
    unit: Unit
    source: str  # the new YAML text


@dataclass
class Insert:
    anchor: Unit | None  # the unit it follows (None: the start of the body)
    kind: str  # paragraph, plain, bullet, letter, heading
    source: str  # its YAML text (escaped markup, or a moved paragraph's own text)
    level: int = 1


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    inserts: list[Insert] = field(default_factory=list)
    deletes: list[Unit] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)  # note keys whose citations went
    new_notes: list[tuple[str, str]] = field(default_factory=list)  # (key, YAML text) added
    # list items made paragraphs from the middle of their list: (the item, the new kind);
    # the list is cut in two round it
    lifts: list[tuple[Unit, str]] = field(default_factory=list)
    note_links: list[tuple[str, str]] = field(default_factory=list)  # (note key, new address)
    applied: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def actions(self) -> int:
        return (
            len(self.edits)
            + len(self.inserts)
            + len(self.deletes)
            + len(self.new_notes)
            + len(self.lifts)
            + len(self.note_links)
        )


# -- the plan -------------------------------------------------------------------


def plan(base: list[DraftPara], theirs: list[Para], ours: list[Unit]) -> Plan:
    """What to do to `ours` so that it prints what the reviewer left in `theirs`.

    Linear in the paragraphs, apart from comparing texts, which spends at most
    PLAN_WORK (review/matching.py): past that, what is left is compared coarsely."""
    with matching.budget(PLAN_WORK):
        return _Planner(base, theirs, ours).run()


PLAN_WORK = 60_000_000  # units of comparison (review/matching.py): about 15 s at most
JOIN_REACH = 2  # the unpaired paragraphs on each side of a pair that may have joined it
MAX_CITATIONS = 200  # footnote references (or links) changed in one paragraph that are applied


class _Planner:
    def __init__(self, base: list[DraftPara], theirs: list[Para], ours: list[Unit]):
        self.base, self.theirs, self.ours = base, theirs, ours
        self.out = Plan()
        self.ours_of = self._pair_ours()
        self.note_key = {p.note_id: p.key for p in base if p.part == "footnote" and p.note_id}
        self.their_note = {}  # a footnote id in theirs → the note key it is
        numbered = [p for p in base if p.kind == "paragraph"]
        self.numbers = {id(p): n for n, p in enumerate(numbered, 1)}
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

    def _where(self, b: DraftPara) -> str:
        if b.kind == "paragraph":
            return f"paragraph {self.numbers[id(b)]} ({b.key})"
        return _where(b)

    def run(self) -> Plan:
        groups = {}
        for part in ("body", "furniture", "footnote"):
            b = [i for i, p in enumerate(self.base) if _group(p.part) == part]
            t = [j for j, p in enumerate(self.theirs) if _group(p.part) == part]
            groups[part] = (b, t)
        pairs = {part: self._align(*groups[part]) for part in ("body", "furniture")}
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
        for note_id, text in self.new_footnotes.items():
            if note_id not in self.taken_footnotes:
                self.out.conflicts.append(
                    f"new paragraph “{_cut(text)}” in the footnote: add it to paper.yaml by "
                    "hand under notes:, cited with [^key]"
                )
        return self.out

    def _align(self, b: list[int], t: list[int]) -> list:
        pairs = align([self.base[i].text for i in b], [self.theirs[j].text for j in t], ratio, str)
        return [(None if x is None else b[x], None if y is None else t[y]) for x, y in pairs]

    def _footnotes(self, b: list[int], t: list[int], same_note: dict[str, str]) -> list:
        """Footnotes paired by the citations that point at them, the rest by content."""
        by_id = {self.base[i].note_id: i for i in b}
        known = [
            (by_id[same_note[self.theirs[j].note_id]], j)
            for j in t
            if same_note.get(self.theirs[j].note_id) in by_id
        ]
        taken_b, taken_t = {i for i, _ in known}, {j for _, j in known}
        rest = self._align([i for i in b if i not in taken_b], [j for j in t if j not in taken_t])
        return known + rest

    def _pair_ours(self) -> dict[int, Unit]:
        """base paragraph index → the unit of the YAML today that prints it."""
        found: dict[int, Unit] = {}
        described = [i for i, p in enumerate(self.base) if p.kind not in ("template",)]
        for kind_group in ("cover", "marking", "note"):
            by_key = {u.key: u for u in self.ours if u.kind == kind_group}
            for i in described:
                if self.base[i].kind == kind_group and self.base[i].key in by_key:
                    found[i] = by_key[self.base[i].key]
        flow = [i for i in described if self.base[i].kind not in ("cover", "marking", "note")]
        units = [u for u in self.ours if u.kind not in ("cover", "marking", "note")]

        def similar(x, y):
            return ratio(x[1], y[1]) if x[0] == y[0] else 0.0

        pairs = align(
            [(self.base[i].kind, self.base[i].unit_text) for i in flow],
            [(u.kind, u.text) for u in units],
            similar,
            lambda item: item[1],
        )
        for x, y in pairs:
            if x is not None and y is not None:
                found[flow[x]] = units[y]
        return found

    # -- one group of paragraphs ------------------------------------------------

    def _new_since(self) -> dict[int, set[tuple[str, str]]]:
        """id of a drafted unit (0: the start) → (kind, text) of the units after it that
        are new since the draft, up to the next drafted one."""
        drafted = {id(u) for u in self.ours_of.values()}
        out: dict[int, set[tuple[str, str]]] = {0: set()}
        run = out[0]
        for unit in self.ours:
            if id(unit) in drafted:
                run = out.setdefault(id(unit), set())
            else:
                run.add((unit.kind, unit.text))
        return out

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

    def _join(self, i: int, k: int, t: Para) -> None:
        """Base paragraphs i and k joined into `t`: one YAML text of both, the second
        removed; applied when both are as drafted and nothing else changed."""
        b, c = self.base[i], self.base[k]
        first, second = self.ours_of.get(i), self.ours_of.get(k)
        joined = f"{b.unit_text} {c.unit_text}"
        what = f"{self._where(b)}: joined with “{_cut(c.text, 30)}”"
        if t.text not in (joined, b.unit_text + c.unit_text):
            self.out.conflicts.append(
                f"{what} and edited; join and edit them in paper.yaml by hand"
            )
            return
        if joined in self.ours_texts:
            return  # joined already
        if not (
            first
            and second
            and first.editable
            and second.editable
            and first.kind == second.kind
            and first.text == b.unit_text
            and second.text == c.unit_text
        ):
            self.out.conflicts.append(
                f"{what}; the paragraphs are no longer as drafted or not "
                "of one kind: join them in paper.yaml by hand"
            )
            return
        self._edit(first, f"{str(first.slot).rstrip()} {str(second.slot).lstrip()}", what)
        self._delete(second)

    def _split(self, pairs, n: int, k: int) -> None:
        """Base paragraph k split into the new paragraph at n and its neighbour: the YAML
        text cut where the second half starts (so each half keeps its placeholders)."""
        b, t = self.base[k], self.theirs[pairs[n][1]]
        m = next(m for m in (n - 1, n + 1) if 0 <= m < len(pairs) and pairs[m][0] == k)
        other = self.theirs[pairs[m][1]].text
        head, tail = (other, t.text) if m < n else (t.text, other)
        what = f"{self._where(b)}: split in two at “{_cut(tail, 30)}”"
        unit = self.ours_of.get(k)
        if (head, tail) in self.ours_pairs:  # split already
            return
        if (
            b.unit_text not in (f"{head} {tail}", head + tail)
            or unit is None
            or not unit.editable
            or unit.text != b.unit_text
        ):
            self.out.conflicts.append(
                f"{what} and edited, or changed in paper.yaml since the "
                "draft; split it in paper.yaml by hand"
            )
            return
        cut = len(unit.text) - len(tail)
        chars = unit.chars
        if not 0 < cut < len(chars) or (chars[cut][3] and chars[cut][3] == chars[cut - 1][3]):
            self.out.conflicts.append(f"{what}, inside a computed figure; split it by hand")
            return
        source = str(unit.slot)
        at = chars[cut][1]
        self._edit(unit, source[:at].rstrip(), what)
        self.out.inserts.append(Insert(unit, unit.kind, source[at:].lstrip(), unit.level or 1))

    def _splits(self, pairs) -> dict[int, int]:
        """position n of a new paragraph → base i, where the reviewer split i in two
        (pressed Enter inside it): i is paired with one half and reads as both."""
        found = {}
        for n, (i, j) in enumerate(pairs):
            if i is not None or j is None:
                continue
            for m in (n - 1, n + 1):
                if 0 <= m < len(pairs) and None not in pairs[m]:
                    k, other = pairs[m]
                    halves = (self.theirs[other].text, self.theirs[j].text)
                    both = " ".join(halves if m < n else halves[::-1])
                    alike = ratio(self.base[k].text, both)
                    if alike >= 0.8 and alike > ratio(self.base[k].text, self.theirs[other].text):
                        found[n] = k
                        break
        return found

    def _joins(self, pairs, deleted: dict) -> dict[int, tuple[int, int]]:
        """paired base i → (first, second): the reviewer joined two base paragraphs (deleted
        the mark between them) into the paragraph i is paired with; the other of the two
        is left unpaired, before or after it, one of the JOIN_REACH nearest to it."""
        near = {k: [None, None] for k in deleted}  # k → the pair before it and after it
        for order, side in ((range(len(pairs)), 0), (range(len(pairs) - 1, -1, -1), 1)):
            pair, reach = None, 0
            for n in order:
                i, j = pairs[n]
                if i is not None and j is not None:
                    pair, reach = (i, j), 0
                elif j is None and pair is not None and reach < JOIN_REACH:
                    near[i][side] = pair
                    reach += 1
        found = {}
        for k in deleted:
            for pair, before in zip(near[k], (True, False)):
                if pair is None or pair[0] in found:
                    continue
                i, j = pair
                first, second = (i, k) if before else (k, i)
                both = self.base[first].text + " " + self.base[second].text
                theirs = self.theirs[j].text
                alike = ratio(both, theirs)
                if alike >= 0.8 and alike > ratio(self.base[i].text, theirs):
                    found[i] = (first, second)
                    break
        return found

    def _pair(self, b: DraftPara, t: Para, i: int) -> None:
        if (
            b.part == "body"
            and t.style in STYLE_KIND
            and b.style in STYLE_KIND
            and STYLE_KIND[t.style] != STYLE_KIND[b.style]
        ):
            self._restyle(b, t, i)
            return
        self._formatting(b, t)
        notes_b = [self.note_key.get(n, n) for n in b.notes]
        notes_t = [self.their_note.get(n, f"#{n}") for n in t.notes]
        # where each citation stands, in the draft's text (None where the draft kept none)
        at_b = list(b.note_at) if len(b.note_at) == len(b.notes) else None
        mapped = to_base(b.text, t.text)  # compared once for every place mapped
        at_t = [mapped(at) for at in t.note_at] if at_b is not None else None
        if b.spans != t.spans:
            self._emphasis(b, t, i)
        if b.links is not None:  # a draft that kept its links: compare them
            links_t = tuple((mapped(start), mapped(end), url) for start, end, url in t.links)
            if links_t != b.links:
                self._links(b, i, b.links, links_t)
        if b.text == t.text and notes_b == notes_t and at_b == at_t:
            return
        if b.text != t.text:
            self._text(b, t, i)
        if notes_b != notes_t or at_b != at_t:
            self._citations(b, i, (notes_b, at_b), (notes_t, at_t), t)

    def _formatting(self, b: DraftPara, t: Para) -> None:
        """Formatting the paper cannot carry (a font, a colour, spacing, a style boardpaper
        does not write) is named, not dropped: the house style sets it."""
        where = self._where(b)
        kinds = {kind for kind, _, _ in t.changed_by}
        # only a tracked change counts: LibreOffice renames some styles when it saves
        restyled = b.style != t.style and "paragraph formatting" in kinds
        if restyled and not (b.style in STYLE_KIND and t.style in STYLE_KIND):
            self.out.conflicts.append(
                f"{where}: given the style '{t.style or 'Normal'}', which boardpaper does not "
                "write; the paper's kinds are paragraphs, bullets, lettered items and headings"
            )
        elif "paragraph formatting" in kinds and b.style == t.style:
            self.out.conflicts.append(
                f"{where}: paragraph formatting changed (indents, spacing, alignment); the house "
                "style sets it, so it is not applied"
            )
        if "formatting" in kinds and b.spans == t.spans:
            self.out.conflicts.append(
                f"{where}: formatting changed (font, size, colour …); the house style sets it, "
                "so it is not applied (bold and italic are)"
            )

    def _links(self, b: DraftPara, i: int, was: tuple, now: tuple) -> None:
        """Hyperlinks the reviewer changed (Word tracks none of it): a new address goes into
        the YAML (a footnote's `link:`, a paragraph's `[…](address)`), words made a link
        are written `[words](address)`, a link removed leaves its words; anything else
        (a link moved, on part of a figure, in a footnote's words) is named."""
        where = self._where(b)
        unit = self.ours_of.get(i)
        old_at = {(start, end): url for start, end, url in was}
        new_at = {(start, end): url for start, end, url in now}
        added = sorted(span for span in new_at if span not in old_at)
        removed = sorted(span for span in old_at if span not in new_at)
        if added or removed:
            self._links_added_removed(b, unit, [(s, new_at[s]) for s in added], removed, old_at)
        moved = [span for span in sorted(set(old_at) & set(new_at)) if old_at[span] != new_at[span]]
        if len(moved) > MAX_CITATIONS:
            self.out.conflicts.append(
                f"{where}: more than {MAX_CITATIONS} links given new addresses; change them in "
                "paper.yaml by hand"
            )
            return
        for span in moved:
            old, new = old_at[span], new_at[span]
            what = f"{where}: the link of “{_cut(b.text[span[0] : span[1]], 40)}” now goes to {new}"
            if new == "?" or unit is None or not unit.editable:
                self.out.conflicts.append(f"{what}: change it in paper.yaml by hand")
                continue
            if unit.kind == "note":
                if unit.link == new or (unit.key, new) in self.out.note_links:
                    continue  # done already
                if unit.link != old:
                    self.out.conflicts.append(f"{what}, but paper.yaml changed it since the draft")
                    continue
                self.out.note_links.append((unit.key, new))
                self.out.applied.append(what)
                continue
            edit = self.edit_of.get(id(unit))
            source = edit.source if edit else str(unit.slot)
            if f"]({new})" in source and f"]({old})" not in source:
                continue  # done already
            if source.count(f"]({old})") != 1:
                self.out.conflicts.append(f"{what}: change it in paper.yaml by hand")
                continue
            self._edit(unit, source.replace(f"]({old})", f"]({new})"), what)

    def _links_added_removed(self, b: DraftPara, unit, added: list, removed: list, old_at):
        """Words made a link ([words](address) written round them) and links removed (their
        words kept), where the paragraph is as drafted; otherwise named."""
        where = self._where(b)
        why = ""
        if unit is None or not unit.editable or unit.kind == "note":
            why = "this text's links are set elsewhere"
        elif len(added) + len(removed) > MAX_CITATIONS:
            why = f"more than {MAX_CITATIONS} of them"
        elif unit.text != b.unit_text or id(unit) in self.edit_of:
            why = "its words changed too"
        elif any(
            url == "?" or not url.startswith(("http://", "https://", "mailto:")) for _, url in added
        ):
            why = "the address is not a web address"
        if why:
            self.out.conflicts.append(
                f"{where}: a link was added, removed or moved ({why}); write it as "
                "[words](address) in paper.yaml by hand"
            )
            return
        source, chars = str(unit.slot), unit.chars
        ops = []  # (start, end, replacement) in the source
        said = []
        for (start, end), url in added:
            lo, hi = start - b.start, end - b.start
            if (
                not (0 <= lo < hi <= len(chars))
                or inside_figure(chars, lo)
                or inside_figure(chars, hi)
            ):
                self.out.conflicts.append(
                    f"{where}: a link was added over part of a figure or the template's words; "
                    "write it as [words](address) in paper.yaml by hand"
                )
                return
            s_lo, s_hi = chars[lo][1], chars[hi - 1][2]
            if source[s_hi : s_hi + len(url) + 3] == f"]({url})" and source[s_lo - 1 : s_lo] == "[":
                continue  # a link already: the same file applied twice
            words = source[s_lo:s_hi]
            if any(c in words for c in "[]"):
                self.out.conflicts.append(
                    f"{where}: a link was added over words that hold a link or a footnote "
                    "mark; write it as [words](address) in paper.yaml by hand"
                )
                return
            ops.append((s_lo, s_hi, f"[{words}]({url})"))
            said.append(f"“{_cut(b.text[start:end], 30)}” made a link to {url}")
        for span in removed:
            url = old_at[span]
            found = list(re.finditer(r"\[((?:[^\]\\]|\\.)*)\]\(" + re.escape(url) + r"\)", source))
            if not found:
                continue  # removed already
            if len(found) > 1:
                self.out.conflicts.append(
                    f"{where}: a link to {url} was removed, and the paragraph has more than "
                    "one; remove it in paper.yaml by hand"
                )
                return
            ops.append((found[0].start(), found[0].end(), found[0].group(1)))
            said.append(f"the link of “{_cut(b.text[span[0] : span[1]], 30)}” removed")
        if not ops:
            return
        for start, end, put in sorted(ops, reverse=True):
            source = source[:start] + put + source[end:]
        self._edit(unit, source, f"{where}: " + "; ".join(said))

    def _restyle(self, b: DraftPara, t: Para, i: int) -> None:
        """A numbered paragraph made a bullet or a bullet made a paragraph (a tracked style
        change): its YAML text moves into a block of the new kind in the same place, so its
        placeholders and footnotes go with it."""
        old, new = STYLE_KIND[b.style], STYLE_KIND[t.style]
        what = f"{self._where(b)}: turned from a {old} into a {new}"
        level = 2 if t.style == BULLETS[1] else 1
        if (new, b.unit_text) in self.ours_kinds and (old, b.unit_text) not in self.ours_kinds:
            return  # done already
        unit = self.ours_of.get(i)
        at = self.ours_at.get(id(unit)) if unit is not None else None
        before = self.ours[at - 1] if at else None
        after = self.ours[at + 1] if at is not None and at + 1 < len(self.ours) else None
        inside = (
            old in ("bullet", "letter")
            and after is not None
            and after.kind == old
            and after.block == unit.block
        )
        liftable = (
            inside
            and new in ("paragraph", "plain")
            and len(unit.item) == 1  # an item of the list itself, not a sub-item
            and after.level <= unit.level  # with no sub-items of its own
        )
        if (
            b.text != t.text
            or unit is None
            or not unit.editable
            or unit.text != b.unit_text
            or new not in ("paragraph", "plain", "bullet", "letter")
            or (inside and not liftable)
        ):
            self.out.conflicts.append(
                f"{what}; change its kind in paper.yaml by hand (boardpaper moves a whole "
                "paragraph, or an item of a list without sub-items, when nothing else changed)"
            )
            return
        if inside:  # the list is cut in two round it
            self.out.lifts.append((unit, new))
            self.out.applied.append(f"{what} (the list cut in two round it)")
            return
        self._delete(unit)
        self.out.inserts.append(Insert(before, new, str(unit.slot), level))
        self.out.applied.append(what)

    def _emphasis(self, b: DraftPara, t: Para, i: int) -> None:
        """Bold or italic added to, or taken off, words of the paragraph: the markup's
        `**` and `*` written round them or removed, where the words are as drafted and the
        change is a whole run of them; anything else is a conflict."""
        where = self._where(b)
        was, now = flags(b.text, b.spans), flags(t.text, t.spans)
        changed = []  # (start, end, which, added) in base offsets
        matcher = matching.Comparison(b.text, t.text)
        for a, c, size in matcher.get_matching_blocks():
            for which in (0, 1):
                k = 0
                while k < size:
                    if was[a + k][which] == now[c + k][which]:
                        k += 1
                        continue
                    start = k
                    while (
                        k < size
                        and was[a + k][which] != now[c + k][which]
                        and was[a + k][which] == was[a + start][which]
                    ):
                        k += 1
                    changed.append((a + start, a + k, which, now[c + start][which]))
        unit = self.ours_of.get(i)
        if not changed:
            return
        if b.text != t.text or unit is None or not unit.editable or unit.text != b.unit_text:
            self.out.conflicts.append(
                f"{where}: bold or italic changed; mark it with ** or * in paper.yaml by hand"
            )
            return
        edit = self.edit_of.get(id(unit))
        source = str(unit.slot) if edit is None else None
        chars = unit.chars
        if source is None:
            self.out.conflicts.append(f"{where}: bold or italic changed; mark it by hand")
            return
        for start, end, which, added in sorted(changed, reverse=True):
            lo, hi = start - b.start, end - b.start
            while hi > lo and b.text[b.start + hi - 1] == " ":
                hi -= 1  # never emphasise a trailing blank
            mark = "**" if which == 0 else "*"
            if lo < 0 or hi > len(chars) or lo >= hi or any(ch[3] for ch in chars[lo:hi]):
                self.out.conflicts.append(
                    f"{where}: bold or italic changed on a figure or on "
                    "the template's words; mark it by hand"
                )
                return
            s_lo, s_hi = chars[lo][1], chars[hi - 1][2]
            marked = (
                source[s_lo - len(mark) : s_lo] == mark
                and source[s_hi : s_hi + len(mark)] == mark
                and (mark == "**" or source[s_lo - 2 : s_lo] != "**")
            )
            if added == marked:
                continue  # as the reviewer left it already
            if added and not any(was[x][which] for x in range(start, end)):
                source = source[:s_lo] + mark + source[s_lo:s_hi] + mark + source[s_hi:]
            elif not added:
                source = source[: s_lo - len(mark)] + source[s_lo:s_hi] + source[s_hi + len(mark) :]
            else:
                self.out.conflicts.append(
                    f"{where}: bold or italic changed across other emphasis; mark it by hand"
                )
                return
        if source != str(unit.slot):
            kind = "bold" if any(w == 0 for _, _, w, _ in changed) else "italic"
            self._edit(unit, source, f"{where}: {kind} changed")

    def _text(self, b: DraftPara, t: Para, i: int) -> None:
        where = self._where(b)
        if b.kind in WHY_FIXED or (b.part == "body" and b.kind == "cover" and b.key == "meeting"):
            why = WHY_FIXED.get(b.kind, "is set by the meeting date in paper.yaml")
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
        if unit is None or not unit.editable:
            self.out.conflicts.append(
                f"{where}: “{_cut(b.unit_text)}” → “{_cut(theirs)}”: the text is no longer in "
                "paper.yaml as it was in the draft; apply it by hand"
            )
            return
        source, conflicts = merge3(b.unit_text, theirs, unit)
        self.out.conflicts += [f"{where}: {c}" for c in conflicts]
        if source is not None:
            self._edit(unit, source, f"{where}: “{_cut(theirs)}”")

    def _edit(self, unit: Unit, source: str, description: str) -> None:
        edit = self.edit_of.get(id(unit))
        if edit is not None:
            edit.source = source
            return
        self.edit_of[id(unit)] = edit = Edit(unit, source)
        self.out.edits.append(edit)
        self.out.applied.append(description)

    def _citations(self, b: DraftPara, i: int, was: tuple, now: tuple, t: Para) -> None:
        """Footnote references deleted, added (of a note or of a footnote the reviewer
        wrote) or moved in the paragraph: `was` and `now` are (note keys, their places
        in the draft's text); a footnote new in the review has the key '#<its id>'."""
        (before, at_before), (after, at_after) = was, now
        where = self._where(b)
        unit = self.ours_of.get(i)
        cited, citing = set(before), set(after)  # looked up, never scanned
        removed = [k for k in before if k not in citing]
        placed = []  # (key, place) of each citation added or moved
        if at_before is not None and at_after is not None:
            old_place = dict(zip(before, at_before))
            placed = [
                (k, at) for k, at in zip(after, at_after) if k not in cited or old_place[k] != at
            ]
        elif citing - cited:
            placed = [(k, None) for k in after if k not in cited]
        if len(removed) + len(placed) > MAX_CITATIONS:
            self.out.conflicts.append(
                f"{where}: more than {MAX_CITATIONS} footnote references deleted, added or "
                "moved; change them in paper.yaml by hand"
            )
            return
        if not placed:
            self._uncite(b, i, removed)
            return
        if self._cited_already(unit, placed, cited):
            self._uncite(b, i, removed)
            return
        why = self._cannot_place(b, unit, before, after, placed)
        if why == EDITED_TOO and self._place_in_edited(where, unit, t, after, placed, cited):
            return
        if why:
            self.out.conflicts.append(
                f"{where}: footnote reference(s) added or moved; {why}: cite them with "
                "[^key] in paper.yaml by hand"
            )
            return
        self._place(b, unit, removed, placed, cited)

    def _cannot_place(self, b: DraftPara, unit: Unit | None, before, after, placed) -> str:
        """Why the added or moved citations cannot be written into the YAML ('' if they can)."""
        if any(at is None for _, at in placed):
            return "the draft does not say where its citations stood"
        if len(set(before)) != len(before) or len(set(after)) != len(after):
            return "a note is cited twice in the paragraph"
        if unit is None or not unit.editable or unit.text != b.unit_text:
            return "the paragraph is no longer in paper.yaml as drafted"
        if id(unit) in self.edit_of:
            return EDITED_TOO
        for key, at in placed:
            if key.startswith("#") and key[1:] not in self.new_footnotes:
                return "the footnote it points at cannot be found"
            if not b.start <= at <= b.end:
                return "one stands outside the paper's own words"
            if inside_figure(unit.chars, at - b.start):
                return "one stands inside a computed figure"
        return ""

    def _cited_already(self, unit: Unit | None, placed, before) -> bool:
        """Whether every citation the reviewer added is in the YAML text already (the same
        file applied twice, or the re-plan after writing)."""
        if unit is None or not unit.editable or any(key in before for key, _ in placed):
            return False
        source = str(unit.slot)
        for key, _ in placed:
            if key.startswith("#"):
                text = self.new_footnotes.get(key[1:])
                keys = self.note_keys.get(text, ())
                if text is None or not any(f"[^{k}]" in source for k in keys):
                    return False
                self.taken_footnotes.add(key[1:])
            elif f"[^{key}]" not in source:
                return False
        return True

    def _place_in_edited(self, where: str, unit: Unit, t: Para, after, placed, before) -> bool:
        """Citations added to a paragraph whose words the reviewer edited too: each goes
        after the words it follows in the reviewer's text, found once, as written, in the
        edited YAML text (never inside a placeholder or link). False, and nothing done,
        if one cannot be placed so."""
        if any(key in before for key, _ in placed) or len(t.note_at) != len(after):
            return False  # a citation moved as well: not by context
        edit = self.edit_of[id(unit)]
        first = {key: n for n, key in reversed(list(enumerate(after)))}  # where each is cited
        planned = []  # (index in the edited text, note key or None, new footnote id)
        for key, _ in placed:
            index = after_context(edit.source, t.text[: t.note_at[first[key]]])
            if index is None:
                return False
            if key.startswith("#"):
                if key[1:] not in self.new_footnotes:
                    return False
                planned.append((index, None, key[1:]))
            else:
                planned.append((index, key, ""))
        inserted = []
        for index, key, note_id in planned:
            inserted.append((index, key or self._new_note(note_id)))
        source = edit.source
        for index, key in sorted(inserted, reverse=True):
            source = source[:index] + f"[^{key}]" + source[index:]
        edit.source = source
        self.out.applied.append(
            f"{where}: footnote reference(s) "
            + ", ".join(f"[^{k}]" for _, k in inserted)
            + " placed after the words they follow"
        )
        return True

    def _place(self, b: DraftPara, unit: Unit, removed: list[str], placed: list, before) -> None:
        """Rewrite the unit's YAML text with its citations where the reviewer left them."""
        source = str(unit.slot)
        ops = []  # (index in source, characters taken out, text put in)

        def take_out(key: str) -> None:
            found = _citation(key).search(source)
            if found:
                ops.append((found.start(), found.end() - found.start(), ""))

        for key in removed:
            take_out(key)
        added = []
        for key, at in placed:
            index = source_index(unit.chars, at - b.start, source)
            there = re.match(r"\[\^([^\]\s]+)\]", source[index:])
            if key.startswith("#"):
                if there and self.note_texts.get(there.group(1)) == self.new_footnotes[key[1:]]:
                    self.taken_footnotes.add(key[1:])
                    continue  # cited there already: the same file applied twice
                key = self._new_note(key[1:])
            elif there and there.group(1) == key:
                continue  # there already
            elif key in before:
                take_out(key)  # moved: out of its old place
            ops.append((index, 0, f"[^{key}]"))
            added.append(key)
        if not ops:
            return
        # from the end, so earlier places stay right; at one place, what goes out first
        for index, taken, put in sorted(ops, key=lambda op: (op[0], op[1] > 0), reverse=True):
            source = source[:index] + put + source[index + taken :]
        self.out.uncited += removed
        said = []
        if added:
            said.append(f"footnote reference(s) {', '.join(f'[^{k}]' for k in added)} placed")
        if removed:
            said.append(f"the citation of note(s) {', '.join(removed)} deleted")
        self._edit(unit, source, f"{self._where(b)}: {'; '.join(said)}")

    def _new_note(self, note_id: str) -> str:
        """The footnote the reviewer wrote (`note_id` in theirs) as a new note of the YAML:
        its key, made of its first words and unique."""
        text = self.new_footnotes[note_id]
        self.taken_footnotes.add(note_id)
        key = self._note_key(text)
        self.note_texts[key] = text
        self.note_keys.setdefault(text, []).append(key)
        self.out.new_notes.append((key, _escape_note(text)))
        return key

    def _note_key(self, text: str) -> str:
        """A key for a footnote the reviewer wrote: its first words, made unique."""
        words = re.findall(r"[a-z][a-z0-9]*", text.lower())[:4]
        base = "-".join(words) or "note"
        key, n = base, self.suffixes.get(base, 1)  # from the last suffix given, not from 1
        while key in self.note_texts:
            n += 1
            key = f"{base}-{n}"
        self.suffixes[base] = n
        return key

    def _uncite(self, b: DraftPara, i: int, removed: list[str]) -> None:
        """Citations deleted by the reviewer taken out of the YAML (their notes go too when
        nothing else cites them)."""
        where = self._where(b)
        unit = self.ours_of.get(i)
        if not removed:
            return
        if unit is None or not unit.editable:
            self.out.conflicts.append(
                f"{where}: a footnote reference was deleted; apply it by hand"
            )
            return
        edit = self.edit_of.get(id(unit))
        source = edit.source if edit else str(unit.slot)
        removed = [k for k in removed if f"[^{k}]" in source]
        if not removed:
            return  # deleted already
        for key in removed:
            source = _citation(key).sub("", source, count=1)
            self.out.uncited.append(key)
        self._edit(unit, source, f"{where}: the citation of note(s) {', '.join(removed)} deleted")

    def _deleted(self, b: DraftPara, i: int) -> None:
        where = self._where(b)
        if b.part == "footnote":
            return  # a footnote goes with its citation (see _citations)
        unit = self.ours_of.get(i)
        if unit is None and b.kind in DELETABLE:
            return  # no longer in paper.yaml: deleted already
        if b.kind not in DELETABLE or unit is None or not unit.editable:
            self.out.conflicts.append(
                f"{where}: “{_cut(b.text)}” was deleted; "
                + WHY_FIXED.get(
                    b.kind, "it cannot be deleted from the review: delete it in paper.yaml by hand"
                )
            )
            return
        if unit.text != b.unit_text:
            self.out.conflicts.append(
                f"{where}: deleted by the reviewer but changed in paper.yaml since the draft; "
                "delete it by hand if it should go"
            )
            return
        if id(unit) not in self.deleted:
            self._delete(unit)
            self.out.applied.append(f"{where}: deleted")

    def _new(self, pairs, n: int, part: str, deleted: dict, moved_from: set) -> None:
        t = self.theirs[pairs[n][1]]
        what = f"new paragraph “{_cut(t.text)}”"
        if part == "footnote" and t.note_id:
            self.new_footnotes[t.note_id] = t.text  # placed with its citation, or named then
            return
        if part != "body":
            self.out.conflicts.append(
                f"{what} in the {t.part}: add it to paper.yaml by hand"
                + (" under notes:, cited with [^key]" if part == "footnote" else "")
            )
            return
        kind = STYLE_KIND.get(t.style)
        before = self.paired_before[n]
        anchor_index = pairs[before][0] if before is not None else None
        anchor = self.ours_of.get(anchor_index) if anchor_index is not None else None
        if anchor_index is not None and anchor is None:
            self.out.conflicts.append(
                f"{what}: the paragraph before it is no longer in "
                "paper.yaml as drafted; add it by hand"
            )
            return
        if n in self.split_at:
            self._split(pairs, n, self.split_at[n])
            return
        if kind is None:
            self.out.conflicts.append(
                f"{what}: its style ({t.style or 'none'}) is not one "
                "boardpaper writes; add it to paper.yaml by hand"
            )
            return
        source = None
        # the first deleted paragraph of this text not moved yet (those moved stay moved)
        same = self.deleted_by_text.get(t.text, [])
        while same and same[-1] in moved_from:
            same.pop()
        match = same[-1] if same else None
        if self._already_there(anchor, kind, t.text):
            if match is not None:
                moved_from.add(match)  # moved here already
            return
        moved = self.ours_of.get(match) if match is not None else None
        if moved is not None and moved.editable and moved.text == t.text:
            moved_from.add(match)
            self._delete(moved)
            source = str(moved.slot)  # its own text: placeholders and notes kept
            what = f"moved paragraph “{_cut(t.text)}”"
        if source is None:
            from ..narrative.markup import escape

            source = escape(t.text)
        level = 2 if t.style in (HEADING[2], BULLETS[1]) else 1
        self.out.inserts.append(Insert(anchor, kind, source, level))
        place = f"after “{_cut(anchor.text, 30)}”" if anchor else "at the start"
        self.out.applied.append(f"{what} {place}")

    def _delete(self, unit: Unit) -> None:
        self.deleted.add(id(unit))
        self.out.deletes.append(unit)

    def _already_there(self, anchor: Unit | None, kind: str, text: str) -> bool:
        """Whether the YAML already holds this new paragraph right after `anchor`, among
        the paragraphs that are new since the draft (the same file applied twice)."""
        return (kind, text) in self.new_since.get(id(anchor) if anchor is not None else 0, ())


EDITED_TOO = "its words were edited too"


def _citation(key: str) -> re.Pattern:
    """A citation `[^key]` in a YAML text, with the blank before it."""
    return re.compile(r"\s?\[\^" + re.escape(key) + r"\]")


def _escape_note(text: str) -> str:
    from ..narrative.markup import escape

    return escape(text)


def _group(part: str) -> str:
    return {"header": "furniture", "footer": "furniture"}.get(part, part)


def _where(b: DraftPara) -> str:
    if b.kind == "paragraph":
        return f"paragraph {b.key}"
    if b.part == "footnote":
        return f"footnote [^{b.key}]" if b.key else "a footnote"
    if b.kind in ("cover", "marking"):
        return f"the {b.key.replace('_', ' ')} ({b.part})"
    names = {"template": "text of the template", "cell": "a table cell"}
    return f"{names.get(b.kind, b.kind)} “{_cut(b.unit_text or b.text, 40)}”"
