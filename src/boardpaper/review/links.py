"""Hyperlinks the reviewer changed, added or removed (Word tracks none of it)."""

from __future__ import annotations

import re

from ..oxml.accepted import Para
from ..oxml.draft import DraftPara
from .plans import MAX_CITATIONS
from .texts import cut as _cut
from .texts import inside_figure


class Links:
    """The link part of the planner (review/merge.py)."""

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

    def _typed_links(self, b: DraftPara, t: Para, i: int, typed: list) -> None:
        """Links over words the reviewer wrote (an inserted hyperlink, or a HYPERLINK
        field): `[words](address)` written round those words in the edited YAML text,
        where they are found once, as written, outside any placeholder or link."""
        from ..narrative.markup import escape

        where = self._where(b)
        unit = self.ours_of.get(i)
        edit = self.edit_of.get(id(unit)) if unit is not None else None
        for start, end, url in typed:
            words = t.text[start:end].strip()
            written = escape(words)
            what = f"{where}: “{_cut(words, 40)}” made a link to {url}"
            source = edit.source if edit else str(unit.slot) if unit is not None else ""
            if f"[{written}]({url})" in source:
                continue  # written already
            index = source.find(written)
            head = source[:index]
            if (
                edit is None
                or unit.kind == "note"
                or not url.startswith(("http://", "https://", "mailto:"))
                or not words
                or source.count(written) != 1
                or head.count("{{") != head.count("}}")
                or head.count("[") != head.count("]")
            ):
                self.out.conflicts.append(
                    f"{what}; write it as [words](address) in paper.yaml by hand"
                )
                continue
            edit.source = f"{head}[{written}]({url}){source[index + len(written) :]}"
            self.out.applied.append(what)
