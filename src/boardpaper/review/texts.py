"""One paragraph's text against another: a reviewer's edit carried into the YAML text
that prints it (a three-way merge of words), places mapped from the reviewer's text
to the draft's, and where bold and italic stand.

Each function here is linear in its texts, apart from the comparisons, which
review/matching.py bounds: a reviewed file comes from outside.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from ..narrative.units import Unit
from .matching import Comparison

TOKENS = re.compile(r"\s+|[^\s]+")


def to_base(base: str, theirs: str):
    """A function: a place in the reviewer's text → the same place in the draft's,
    through the words both have; a place inside words the reviewer wrote goes to where
    they stand. The texts are compared once, however many places are mapped."""
    if base == theirs:
        return lambda at: at
    ops = Comparison(base, theirs).get_opcodes()
    ends = [op[4] for op in ops]  # where each stretch ends in theirs: never decreasing

    def place(at: int) -> int:
        # the first stretch (in order) that holds `at`; none before `ends` reaches it
        for k in range(bisect_left(ends, at), len(ops)):
            tag, i1, i2, j1, j2 = ops[k]
            if j1 > at:
                break
            if j1 <= at <= j2 and tag == "equal":
                return i1 + (at - j1)
            if j1 <= at < j2 or (at == j2 and tag != "equal"):
                return i2 if at > j1 else i1
        return len(base)

    return place


def after_context(source: str, before: str) -> int | None:
    """Where in `source` the printed text `before` ends: the longest end of it, from 40
    down to 12 characters, found exactly once in the YAML text and outside any
    placeholder or link markup; None if there is no such place."""
    before = before.rstrip()
    for size in range(min(40, len(before)), 11, -1):
        context = before[-size:]
        if source.count(context) != 1:
            continue
        index = source.index(context) + len(context)
        head = source[:index]
        if head.count("{{") != head.count("}}") or head.count("[") != head.count("]"):
            return None
        return index
    return None


def inside_figure(chars, at: int) -> bool:
    """Whether place `at` of a unit's text falls inside one computed figure."""
    return 0 < at < len(chars) and chars[at][3] is not None and chars[at][3] == chars[at - 1][3]


def source_index(chars, at: int, source: str) -> int:
    """The place in the YAML text where printed place `at` is: just after the character
    before it (a citation follows the word it is on)."""
    if not chars:
        return len(source)
    if at <= 0:
        return chars[0][1]
    return chars[min(at, len(chars)) - 1][2]


def merge3(base: str, theirs: str, unit: Unit) -> tuple[str | None, list[str]]:
    """The unit's new YAML text carrying the reviewer's changes from `base` to `theirs`
    (None if none applies), and a reason for each change that does not."""
    chars = unit.chars
    printed = "".join(ch[0] for ch in chars)
    if " ".join(printed.split()) != printed:
        return None, [f"“{cut(theirs)}”: the YAML text prints irregular blanks; apply it by hand"]
    ours = printed
    if ours == theirs:
        return None, []  # applied already
    b, t, o = TOKENS.findall(base), TOKENS.findall(theirs), TOKENS.findall(ours)
    to_ours = _TokenMap(b, o)
    starts = [0, *accumulate(len(token) for token in o)]
    hunks, conflicts = [], []
    for tag, i1, i2, j1, j2 in Comparison(b, t).get_opcodes():
        if tag == "equal":
            continue
        if to_ours.done(i1, i2, "".join(t[j1:j2])):
            continue  # the YAML prints this change already (the author made it too)
        shown = f"“{cut(''.join(b[i1:i2]), 40)}” → “{cut(''.join(t[j1:j2]), 40)}”"
        span = to_ours.span(i1, i2)
        if span is None:
            conflicts.append(
                f"{shown}: that text changed in paper.yaml since the draft; apply it by hand"
            )
            continue
        o1, o2 = span
        lo, hi = starts[o1], starts[o2]
        touched = {ch[3] for ch in chars[lo:hi] if ch[3]}
        if (
            lo == hi
            and 0 < lo < len(chars)
            and chars[lo - 1][3]
            and chars[lo - 1][3] == chars[lo][3]
        ):
            touched.add(chars[lo][3])
        if touched:
            conflicts.append(
                f"{shown}: touches the computed figure(s) "
                f"{', '.join('{{ ' + x + ' }}' for x in sorted(touched))}; "
                "change the data, not the prose"
            )
            continue
        hunks.append((lo, hi, "".join(t[j1:j2]), o1, o2, j1, j2))
    if not hunks:
        return None, conflicts
    from ..narrative.markup import escape

    source = str(unit.slot)
    for lo, hi, text, *_ in reversed(hunks):
        if lo < hi:
            s_lo, s_hi = chars[lo][1], chars[hi - 1][2]
        elif lo < len(chars):
            s_lo = s_hi = chars[lo][1]
        else:
            s_lo = s_hi = chars[-1][2] if chars else len(source)
        source = source[:s_lo] + escape(text) + source[s_hi:]
    return (None if source == str(unit.slot) else source), conflicts


class _TokenMap:
    """Where base's tokens and the places between them are in ours, through the stretches
    the two have equal. A token is mapped only inside an equal stretch; a place between
    tokens is mapped as the end of the equal stretch before it (`left`) and as the start
    of the one after it (`right`), which differ where ours inserted words there."""

    def __init__(self, base: list[str], ours: list[str]):
        self.ours = ours
        self.tokens: dict[int, int] = {}
        self.left = {0: 0}
        self.right = {len(base): len(ours)}
        for tag, i1, i2, j1, _ in Comparison(base, ours).get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    self.tokens[i1 + k] = j1 + k
                    self.right[i1 + k] = j1 + k
                    self.left[i1 + k + 1] = j1 + k + 1

    def span(self, i1: int, i2: int) -> tuple[int, int] | None:
        """The span of ours that base tokens i1..i2 are, if all of it is unchanged there
        (for an insertion, i1 == i2, the place it goes)."""
        if i1 == i2:
            at = self.right.get(i1, self.left.get(i1))
            return None if at is None else (at, at)
        if any(k not in self.tokens for k in range(i1, i2)):
            return None
        o1, o2 = self.tokens[i1], self.tokens[i2 - 1] + 1
        return (o1, o2) if o2 - o1 == i2 - i1 else None

    def done(self, i1: int, i2: int, text: str) -> bool:
        """Whether ours already has `text` where base has tokens i1..i2, between the same
        unchanged words (the same change made on both sides)."""
        lo, hi = self.left.get(i1), self.right.get(i2)
        return lo is not None and hi is not None and lo <= hi and "".join(self.ours[lo:hi]) == text


def flags(text: str, spans) -> list[list[bool]]:
    """[bold, italic] of each character of `text` (spans may overlap: each span is
    marked at its ends and the marks summed, so many long spans cost no more)."""
    bold, italic = [0] * (len(text) + 1), [0] * (len(text) + 1)
    for start, end, is_bold, is_italic in spans:
        end = min(end, len(text))
        if start >= end:
            continue
        for marks, on in ((bold, is_bold), (italic, is_italic)):
            if on:
                marks[start] += 1
                marks[end] -= 1
    return [
        [b > 0, i > 0]
        for b, i in zip(accumulate(bold[: len(text)]), accumulate(italic[: len(text)]))
    ]


def cut(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
