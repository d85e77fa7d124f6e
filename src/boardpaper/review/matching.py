"""Comparing two sequences (two texts, two lists of paragraphs) with bounded work.

`difflib.SequenceMatcher` is what review's comparisons are built on, and it is
quadratic at worst: a long run of one repeated character, thousands of equal
paragraphs, or many short matches found one at a time. A reviewed file comes
from outside, so here difflib's own search runs step by step, each step charged
with the most it can cost (the items it scans and the matches it visits):

- the common head and tail are matched first: cheap, and most of a typical edit;
- one comparison spends at most `PER_COMPARISON` units; inside `budget(units)`, all
  comparisons together spend at most `units` (review sets one, see merge.py and
  read.py);
- two texts whose letters are too alike to compare within that (long paragraphs,
  a run of one letter) are compared word by word instead;
- when the allowance is spent a comparison stops refining: in what is left of its
  middle, only the items found once in each side are paired, in order (as patience
  diff does, in n log n), and the rest counts as changed. The result is still a
  true matching (its equal blocks are equal), only coarser; within the allowance it
  is difflib's.

A unit is about one step of difflib's inner loop, a third of a microsecond.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from bisect import bisect_left
from collections import Counter
from contextvars import ContextVar
from itertools import accumulate

PER_COMPARISON = 2_000_000  # units one comparison may spend (about 0.2 s)
SETUP = 3  # units per item of indexing two sequences for difflib (a Python loop)
DEPTH = 8  # letters are compared one by one only if eight first searches fit
_WORDS = re.compile(r"\s+|\S+\s*")  # a word with the blanks after it (or blanks first)


class Budget:
    """What the comparisons inside one `budget(...)` may still spend."""

    def __init__(self, units: int):
        self.left = units
        self.used = 0

    def take(self, units: int) -> bool:
        """Spend `units` if there are that many left."""
        if units > self.left:
            return False
        self.left -= units
        self.used += units
        return True


_current: ContextVar[Budget | None] = ContextVar("matching_budget", default=None)


@contextlib.contextmanager
def budget(units: int):
    """Comparisons made inside spend at most `units` in all (and no more than an
    enclosing budget has left); yields the `Budget`, whose `used` says what they spent."""
    outer = _current.get()
    inner = Budget(min(units, outer.left) if outer is not None else units)
    token = _current.set(inner)
    try:
        yield inner
    finally:
        _current.reset(token)
        if outer is not None:
            outer.take(inner.used)


def afford(units: int) -> bool:
    """Spend `units` of the current budget on work done outside a comparison (False, and
    nothing spent, if that is more than is left). Without a budget: always True."""
    current = _current.get()
    return current is None or current.take(units)


class Comparison:
    """The matching of `a` and `b`, as `difflib.SequenceMatcher(None, a, b,
    autojunk=False)` gives it, within the allowance (see the module's docstring)."""

    def __init__(self, a, b, allowance: int = PER_COMPARISON):
        self.a, self.b = a, b
        self.blocks = _blocks(a, b, _Work(allowance))

    def get_matching_blocks(self) -> list[difflib.Match]:
        return self.blocks

    def get_opcodes(self) -> list[tuple[str, int, int, int, int]]:
        i = j = 0
        out = []
        for ai, bj, size in self.blocks:
            tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert"
            if i < ai or j < bj:
                out.append((tag, i, ai, j, bj))
            i, j = ai + size, bj + size
            if size:
                out.append(("equal", ai, i, bj, j))
        return out

    def ratio(self) -> float:
        total = len(self.a) + len(self.b)
        return 2.0 * sum(size for _, _, size in self.blocks) / total if total else 1.0


def common(x, y) -> int:
    """How many items `x` and `y` have in common, order aside (difflib's quick_ratio)."""
    return sum((Counter(x) & Counter(y)).values())


def _blocks(a, b, work: _Work) -> list[difflib.Match]:
    n, m = len(a), len(b)
    head = _head(a, b)
    tail = _tail(a, b, min(n, m) - head)
    found = [(0, 0, head)] if head else []
    middle_a, middle_b = a[head : n - tail], b[head : m - tail]
    middle = _middle(middle_a, middle_b, work)
    if middle is None:  # too costly to search at all
        middle = _rest(middle_a, middle_b, 0, len(middle_a), 0, len(middle_b), work)
    work.close()
    found += [(i + head, j + head, k) for i, j, k in middle]
    if tail:
        found.append((n - tail, m - tail, tail))
    out: list[difflib.Match] = []
    for i, j, k in found:  # adjacent blocks made one, as difflib does
        if out and out[-1].a + out[-1].size == i and out[-1].b + out[-1].size == j:
            out[-1] = difflib.Match(out[-1].a, out[-1].b, out[-1].size + k)
        else:
            out.append(difflib.Match(i, j, k))
    out.append(difflib.Match(n, m, 0))
    return out


class _Work:
    """What one comparison may spend: its allowance, or what the budget has left."""

    def __init__(self, allowance: int):
        self.budget = _current.get()
        self.left = allowance if self.budget is None else min(allowance, self.budget.left)
        self.spent = 0

    def can(self, units: int) -> bool:
        return self.spent + units <= self.left

    def take(self, units: int) -> bool:
        if not self.can(units):
            return False
        self.spent += units
        return True

    def close(self) -> None:
        if self.budget is not None:
            self.budget.take(self.spent)
        self.spent, self.left = 0, self.left - self.spent


def _head(a, b, limit: int | None = None) -> int:
    """The length of the common head, at most `limit`: galloping, then halving (slices
    compare in C)."""
    limit = min(len(a), len(b)) if limit is None else limit
    lo, step = 0, 1
    while lo < limit:
        hi = min(lo + step, limit)
        if a[lo:hi] != b[lo:hi]:
            while hi - lo > 1:  # a[:lo] == b[:lo], a[:hi] != b[:hi]
                mid = (lo + hi) // 2
                if a[lo:mid] == b[lo:mid]:
                    lo = mid
                else:
                    hi = mid
            return lo
        lo, step = hi, step * 2
    return lo


def _tail(a, b, limit: int) -> int:
    """The length of the common tail, at most `limit`: the head of both reversed."""
    return _head(a[::-1], b[::-1], limit)


def _rest(a, b, alo: int, ahi: int, blo: int, bhi: int, work: _Work) -> list:
    """Blocks of a stretch too costly to search: two texts word by word, two lists by
    their unique items."""
    if not isinstance(a, str):
        return _unique(a, b, alo, ahi, blo, bhi, work)
    if not work.take(ahi - alo + bhi - blo):  # cutting the words (in C)
        return []
    words_a, words_b = _WORDS.findall(a, alo, ahi), _WORDS.findall(b, blo, bhi)
    blocks = _middle(words_a, words_b, work)
    if blocks is None:
        blocks = _unique(words_a, words_b, 0, len(words_a), 0, len(words_b), work)
    at_a = list(accumulate(map(len, words_a), initial=alo))
    at_b = list(accumulate(map(len, words_b), initial=blo))
    return [(at_a[i], at_b[j], at_a[i + k] - at_a[i]) for i, j, k in blocks]


def _middle(a, b, work: _Work) -> list[tuple[int, int, int]] | None:
    """difflib's matching blocks of `a` and `b` (no common head or tail), as many as the
    allowance pays for; every call of its search is paid for before it is made, and a
    stretch it cannot pay for is paired by its unique items. None, and nothing spent
    but counting the items, if even the first search cannot be paid for."""
    if not a or not b:
        return []
    if not work.take(len(a) + len(b)):  # counting the items (in C)
        return None
    # the first search visits each match of each item of a in b: counted item by item
    in_b = Counter(b)
    first = sum(n * in_b[x] for x, n in Counter(a).items() if x in in_b)
    # kept back for what the search cannot afford (_rest)
    reserve = SETUP * (len(a) + len(b))
    # difflib searches again each side of what it finds: letters are searched only if
    # the first search is a small part of the allowance (else words are cheaper)
    depth = DEPTH if isinstance(a, str) else 1
    if not work.can(SETUP * (len(a) + len(b)) + depth * (2 * len(a) + first) + reserve):
        return None
    work.take(SETUP * (len(a) + len(b)))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    where = matcher.b2j
    # hits[i]: the matches of a[:i] in b, the most the search's inner loop visits
    hits = [0, *accumulate(len(where.get(x, ())) for x in a)]
    found, skipped = [], []
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = stretch = queue.pop()
        if not work.can(2 * (ahi - alo) + hits[ahi] - hits[alo] + reserve):
            skipped.append(stretch)  # too costly to search: see _rest
            continue
        work.take(2 * (ahi - alo) + hits[ahi] - hits[alo])
        i, j, k = match = matcher.find_longest_match(alo, ahi, blo, bhi)
        if k:
            found.append(match)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    for stretch in skipped:
        found += _rest(a, b, *stretch, work)
    found.sort()
    return found


def _unique(a, b, alo: int, ahi: int, blo: int, bhi: int, work: _Work) -> list:
    """Blocks of one item: the items found once in a[alo:ahi] and once in b[blo:bhi],
    the longest run of them in the same order in both (patience diff: n log n)."""
    if not work.take(SETUP * (ahi - alo + bhi - blo)):
        return []
    in_a, in_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    where = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1 and in_a[b[j]] == 1}
    pairs = [(i, where[a[i]]) for i in range(alo, ahi) if a[i] in where]
    ends: list[int] = []  # ends[k]: the least j a run of k + 1 pairs can end at
    last: list[int] = []  # … and the pair it ends with
    before = [-1] * len(pairs)  # each pair's predecessor in its run
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(ends, j)
        before[n] = last[k - 1] if k else -1
        if k == len(ends):
            ends.append(j)
            last.append(n)
        else:
            ends[k], last[k] = j, n
    run, n = [], last[-1] if last else -1
    while n >= 0:
        run.append((*pairs[n], 1))
        n = before[n]
    return run[::-1]
