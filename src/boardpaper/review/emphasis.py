"""Formatting: bold and italic applied as markup, the rest named (the house style sets it)."""

from __future__ import annotations

from ..content.kinds import style_units
from ..oxml.accepted import Para
from ..oxml.draft import DraftPara
from . import matching
from .texts import flags


class Emphasis:
    """The formatting part of the planner (review/merge.py)."""

    def _formatting(self, b: DraftPara, t: Para) -> None:
        """Formatting the paper cannot carry (a font, a colour, spacing, a style boardpaper
        does not write) is named, not dropped: the house style sets it."""
        where = self._where(b)
        kinds = {kind for kind, _, _ in t.changed_by}
        # only a tracked change counts: LibreOffice renames some styles when it saves
        restyled = b.style != t.style and "paragraph formatting" in kinds
        if restyled and not (b.style in style_units() and t.style in style_units()):
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
