"""Pairing two versions of a document's paragraphs by content (as Word's Compare does):
equal texts first, then the most similar in order. Used by `review` (draft against
the reviewed file, draft against the YAML) and `redline` (old draft against new)."""

from __future__ import annotations

import difflib

SIMILAR = 0.5  # paragraphs this similar are the same paragraph, edited


def align(a: list[str], b: list[str], similar) -> list[tuple[int | None, int | None]]:
    """Pairs (i, j) of `a` and `b` in order, equal items first, then by `similar(x, y)`
    (0 … 1, at least SIMILAR to pair) inside the stretches between them; an unpaired
    item is (i, None) or (None, j)."""
    out: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        else:
            out += _pair_gap(a, b, range(i1, i2), range(j1, j2), similar)
    return out


def _pair_gap(a, b, rows: range, cols: range, similar) -> list:
    """The best monotonic pairing of two stretches by similarity (dynamic programming)."""
    n, k = len(rows), len(cols)
    if n == 0 or k == 0:
        return [(i, None) for i in rows] + [(None, j) for j in cols]
    if n * k > 40000:  # too far apart to pair sensibly: all deleted and inserted
        return [(i, None) for i in rows] + [(None, j) for j in cols]
    score = [[0.0] * (k + 1) for _ in range(n + 1)]
    sims = {}
    for x in range(n - 1, -1, -1):
        for y in range(k - 1, -1, -1):
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


def ratio(x: str, y: str) -> float:
    if x == y:
        return 1.0
    matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= SIMILAR else 0.0
