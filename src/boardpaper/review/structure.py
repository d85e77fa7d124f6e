"""Paragraphs added, deleted, moved, split, joined or given another kind by the reviewer."""

from __future__ import annotations

import functools

from ..content.kinds import deletable, levelled, listed, plain_paragraph, restylable, style_units
from ..narrative.units import Unit
from ..oxml.accepted import Para
from ..oxml.draft import DraftPara
from ..oxml.style_ids import BULLETS, HEADING, TABLE_HEADING, TABLE_TEXT
from .plans import PICTURE_ADDED, Insert
from .texts import cut as _cut


class Structure:
    """The structure part of the planner (review/merge.py)."""

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

    def _new_cell(self, t: Para, before: int | None) -> None:
        """A row (or a cell) the reviewer added to a table: named once for its row."""
        if t.row and t.row in self.rows_named:
            return
        self.rows_named.add(t.row)
        caption = next(
            (
                self.base[k]
                for k in range(before if before is not None else -1, -1, -1)
                if self.base[k].kind == "caption" or self.base[k].kind not in ("cell", "template")
            ),
            None,
        )
        table = (
            f"the table “{_cut(caption.text, 50)}”"
            if caption is not None and caption.kind == "caption"
            else "a table"
        )
        self.out.conflicts.append(
            f"a row or cell added to {table} (“{_cut(t.text, 30)}”): the table's cells come "
            "from the data; change the data (or the table's settings in paper.yaml)"
        )

    def _deleted(self, b: DraftPara, i: int) -> None:
        where = self._where(b)
        if b.part == "footnote":
            return  # a footnote goes with its citation (see _citations)
        unit = self.ours_of.get(i)
        if unit is None and b.kind in deletable():
            return  # no longer in paper.yaml: deleted already
        if b.kind not in deletable() or unit is None or not unit.editable:
            self.out.conflicts.append(
                f"{where}: “{_cut(b.text)}” was deleted; "
                + self._why_fixed(
                    b, i, "it cannot be deleted from the review: delete it in paper.yaml by hand"
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
        if t.pictures:
            before = self.paired_before[n]
            place = (
                f"after {self._where(self.base[pairs[before][0]])}"
                if before is not None
                else "at the start"
            )
            count = "a picture" if len(t.pictures) == 1 else f"{len(t.pictures)} pictures"
            part_name = "" if t.part == "body" else f" in the {t.part}"
            self.out.conflicts.append(f"{count} added {place}{part_name}: {PICTURE_ADDED}")
        if not t.text:
            return  # a paragraph of no text (an empty line, a picture) prints no words
        if part == "footnote" and t.note_id:
            self.new_footnotes[t.note_id] = t.text  # placed with its citation, or named then
            return
        if part != "body":
            self.out.conflicts.append(
                f"{what} in the {t.part}: add it to paper.yaml by hand"
                + (" under notes:, cited with [^key]" if part == "footnote" else "")
            )
            return
        kind = style_units().get(t.style)
        before = self.paired_before[n]
        anchor_index = pairs[before][0] if before is not None else None
        if t.row or (kind is None and t.style in (TABLE_TEXT, TABLE_HEADING)):
            self._new_cell(t, anchor_index)
            return
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
        foreign = ""
        if kind is None and t.style in _house_styles():  # the cover's, a caption's …
            self.out.conflicts.append(
                f"{what} {where_after(anchor)}: in the style {t.style}, which boardpaper "
                "writes only for the cover, captions and sources; change those in paper.yaml"
            )
            return
        if kind is None:  # pasted from another document: the house style of its place
            kind = self._kind_of_place(pairs, n, anchor)
            foreign = f" (its style {t.style or 'none'} taken as a {kind}, as round it)"
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
        typed = source is None  # not moved: the reviewer's words, escaped
        if source is None:
            from ..narrative.markup import escape

            source = escape(t.text)
        level = 2 if t.style in (HEADING[2], BULLETS[1]) else 1
        place = f"after “{_cut(anchor.text, 30)}”" if anchor else "at the start"
        said = f"{what} {place}{foreign}"
        self.out.inserts.append(Insert(anchor, kind, source, level, said if typed else ""))
        self.out.applied.append(said)

    def _delete(self, unit: Unit) -> None:
        self.deleted.add(id(unit))
        self.out.deletes.append(unit)

    def _kind_of_place(self, pairs, n: int, anchor: Unit | None) -> str:
        """The block kind a paragraph of a style boardpaper does not write takes where it
        stands: an item of the list it is inside (the paragraphs before and after it both
        of that list's kind), else a numbered paragraph."""
        after = next(
            (self.ours_of.get(i) for i, j in pairs[n + 1 :] if i is not None and j is not None),
            None,
        )
        if anchor is not None and anchor.kind in listed() and after and after.kind == anchor.kind:
            return anchor.kind
        return plain_paragraph()

    def _already_there(self, anchor: Unit | None, kind: str, text: str) -> bool:
        """Whether the YAML already holds this new paragraph right after `anchor`, among
        the paragraphs that are new since the draft (the same file applied twice)."""
        return (kind, text) in self.new_since.get(id(anchor) if anchor is not None else 0, ())

    def _restyle(self, b: DraftPara, t: Para, i: int) -> None:
        """A numbered paragraph made a bullet or a bullet made a paragraph (a tracked style
        change): its YAML text moves into a block of the new kind in the same place, so its
        placeholders and footnotes go with it."""
        kinds = style_units()
        old, new = kinds[b.style], kinds[t.style]
        what = f"{self._where(b)}: turned from a {old} into a {new}"
        level = 2 if t.style == BULLETS[1] else 1
        if (new, b.unit_text) in self.ours_kinds and (old, b.unit_text) not in self.ours_kinds:
            return  # done already
        unit = self.ours_of.get(i)
        at = self.ours_at.get(id(unit)) if unit is not None else None
        before = self.ours[at - 1] if at else None
        after = self.ours[at + 1] if at is not None and at + 1 < len(self.ours) else None
        inside = (
            old in listed()
            and after is not None
            and after.kind == old
            and after.block == unit.block
        )
        liftable = (
            inside
            and new not in listed()
            and len(unit.item) == 1  # an item of the list itself, not a sub-item
            and after.level <= unit.level  # with no sub-items of its own
        )
        if (
            b.text != t.text
            or unit is None
            or not unit.editable
            or unit.text != b.unit_text
            or new not in restylable()
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

    def _relevel(self, b: DraftPara, t: Para, i: int) -> None:
        """A heading given another level (a style change, tracked or not): `heading:` and
        `subheading:` swapped in the YAML; other levels are not the paper's own."""
        old, new = (next(n for n, s in HEADING.items() if s == x) for x in (b.style, t.style))
        names = {1: "a heading", 2: "a subheading"}
        what = f"{self._where(b)}: made {names.get(new, f'a level {new} heading')}"
        unit = self.ours_of.get(i)
        if unit is not None and unit.kind in levelled() and unit.level == new:
            return  # done already
        if (
            unit is None
            or unit.kind not in levelled()
            or not unit.editable
            or unit.level != old
            or new not in names
        ):
            self.out.conflicts.append(
                f"{what}; the paper's headings are heading: and subheading: (change it in "
                "paper.yaml by hand)"
            )
            return
        self.out.relevels.append((unit, new))
        self.out.applied.append(what)


def where_after(anchor: Unit | None) -> str:
    return f"after “{_cut(anchor.text, 30)}”" if anchor else "at the start"


@functools.cache
def _house_styles() -> frozenset[str]:
    from ..oxml.styles import paragraph_style_ids

    return paragraph_style_ids() - {"Normal"}  # Normal: what a paste from elsewhere has
