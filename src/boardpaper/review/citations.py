"""Footnote references the reviewer deleted, added or moved, and footnotes they wrote."""

from __future__ import annotations

import re

from ..narrative.units import Unit
from ..oxml.accepted import Para
from ..oxml.draft import DraftPara
from .plans import EDITED_TOO, MAX_CITATIONS
from .texts import after_context, inside_figure, source_index


class Citations:
    """The footnote part of the planner (review/merge.py)."""

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


def _citation(key: str) -> re.Pattern:
    """A citation `[^key]` in a YAML text, with the blank before it."""
    return re.compile(r"\s?\[\^" + re.escape(key) + r"\]")


def _escape_note(text: str) -> str:
    from ..narrative.markup import escape

    return escape(text)
