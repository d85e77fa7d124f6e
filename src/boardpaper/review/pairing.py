"""Which paragraph is which: the draft's paragraphs paired with the reviewed file's
(by content) and with the units of the YAML today; splits and joins recognised."""

from __future__ import annotations

from ..narrative.units import Unit
from ..oxml.accepted import Para
from ..oxml.draft import DraftPara
from .align import align, ratio
from .plans import JOIN_REACH


class Pairing:
    """The pairing part of the planner (review/merge.py)."""

    base: list[DraftPara]
    theirs: list[Para]
    ours: list[Unit]

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
