"""Pairing two versions of a document's paragraphs by content (as Word's Compare does):
equal texts first, then the most similar in order. Used by `review` (draft against
the reviewed file, draft against the YAML) and `redline` (old draft against new).

The work is bounded (a reviewed file comes from outside): equal paragraphs are found
by review/matching.py; a stretch between them is paired by similarity only when it
is small (`CELLS` comparisons of `GAP_CHARS` characters in all) and the budget pays
for it, and each pair is first judged by what its texts have in common, order aside,
which is cheap."""

from __future__ import annotations

from collections import Counter

from . import matching

SIMILAR = 0.5  # paragraphs this similar are the same paragraph, edited
CELLS = 40000  # the most comparisons made to pair one stretch of unequal paragraphs
GAP_CHARS = 10_000_000  # … and the most characters they may compare in all
CELL_COST = 100  # the units (review/matching.py) one comparison of a stretch costs at least
ALIGN_WORK = 10_000_000  # units finding the equal paragraphs of two versions may spend


def align(a: list, b: list, similar, text=None) -> list[tuple[int | None, int | None]]:
    """Pairs (i, j) of `a` and `b` in order, equal items first, then by `similar(x, y)`
    (0 … 1, at least SIMILAR to pair) inside the stretches between them; an unpaired
    item is (i, None) or (None, j). `text(item)`, if given, is the text `similar`
    compares (it never exceeds `ratio` of the two texts)."""
    out: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matching.Comparison(a, b, ALIGN_WORK).get_opcodes():
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        else:
            out += _pair_gap(a, b, range(i1, i2), range(j1, j2), similar, text)
    return out


def _pair_gap(a, b, rows: range, cols: range, similar, text=None) -> list:
    """The best monotonic pairing of two stretches by similarity (dynamic programming)."""
    n, k = len(rows), len(cols)
    unpaired = [(i, None) for i in rows] + [(None, j) for j in cols]
    if n == 0 or k == 0 or n * k > CELLS:
        return unpaired  # nothing to pair, or too far apart to pair sensibly
    if text is not None:  # what each pair could have in common at best
        row_profiles = [_profile(text(a[i])) for i in rows]
        col_profiles = [_profile(text(b[j])) for j in cols]
        compared = k * sum(p[0] for p in row_profiles) + n * sum(p[0] for p in col_profiles)
        if compared > GAP_CHARS:
            return unpaired
    if not matching.afford(n * k * CELL_COST):
        return unpaired
    score = [[0.0] * (k + 1) for _ in range(n + 1)]
    sims = {}
    for x in range(n - 1, -1, -1):
        for y in range(k - 1, -1, -1):
            if text is not None and _bound(row_profiles[x], col_profiles[y]) < SIMILAR:
                s = 0.0
            else:
                s = similar(a[rows[x]], b[cols[y]])
            sims[x, y] = s
            best = max(score[x + 1][y], score[x][y + 1])
            if s >= SIMILAR:
                best = max(best, s + score[x + 1][y + 1])
            score[x][y] = best
    out, x, y = [], 0, 0
    while x < n and y < k:
        s = sims[x, y]
        if s >= SIMILAR and abs(score[x][y] - (s + score[x + 1][y + 1])) < 1e-12:
            out.append((rows[x], cols[y]))
            x, y = x + 1, y + 1
        elif score[x][y] == score[x + 1][y]:
            out.append((rows[x], None))
            x += 1
        else:
            out.append((None, cols[y]))
            y += 1
    out += [(rows[i], None) for i in range(x, n)] + [(None, cols[j]) for j in range(y, k)]
    return out


def _profile(text: str) -> tuple[int, Counter]:
    return len(text), Counter(text)


def _bound(p: tuple[int, Counter], q: tuple[int, Counter]) -> float:
    """The most `ratio` of two texts can be, from their profiles (difflib's quick
    ratios: their lengths, then their characters counted)."""
    total = p[0] + q[0]
    if not total:
        return 1.0
    if 2.0 * min(p[0], q[0]) / total < SIMILAR:
        return 0.0
    return 2.0 * sum((p[1] & q[1]).values()) / total


def ratio(x: str, y: str) -> float:
    """How alike two texts are (difflib's ratio), 0 below SIMILAR."""
    if x == y:
        return 1.0
    total = len(x) + len(y)
    if 2.0 * min(len(x), len(y)) / total < SIMILAR or not matching.afford(total):
        return 0.0
    if 2.0 * matching.common(x, y) / total < SIMILAR:
        return 0.0
    return matching.Comparison(x, y).ratio()
