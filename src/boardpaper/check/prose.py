"""Does the prose agree with the figures? Warnings where it may not.

- a direction word ("reduction", "fell", "up", …) within a few words of a
  computed figure whose change goes the other way;
- "stable" (or "unchanged", "steady") next to a change of 10% or more;
- a number typed in a paragraph that equals a figure computed in the same
  paragraph, or the current, baseline or previous value of a measure it names:
  it should be a placeholder, or it will be wrong next quarter. A number in
  another paragraph is never matched (a 12 there is not this paragraph's 12), nor
  is a length of time ("the last 12 months", "3 years"), which is a definition.

Each warning points at the word's line and column in paper.yaml.
"""

from __future__ import annotations

import re

from ..content import model as c
from ..narrative import model as m
from ..narrative.walk import query
from .findings import Finding

DOWN = {
    "reduction",
    "reductions",
    "reduce",
    "reduced",
    "reduces",
    "reducing",
    "decrease",
    "decreased",
    "decreases",
    "decreasing",
    "down",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "drop",
    "dropped",
    "dropping",
    "declined",
    "decline",
    "declining",
}
UP = {
    "increase",
    "increased",
    "increases",
    "increasing",
    "up",
    "rise",
    "rises",
    "rose",
    "risen",
    "rising",
    "growth",
    "grew",
    "grown",
    "jumped",
}
STABLE = {"stable", "unchanged", "steady", "flat"}
NEAR = 4  # words either side of a figure that count as "next to" it
LARGE = 10.0  # a change of this many per cent is not "stable"
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|£?\d[\d,]*(?:\.\d+)?%?(?:/\d+)?")
_TIME = {"day", "days", "week", "weeks", "month", "months", "year", "years", "quarter", "quarters"}
_YEAR = re.compile(r"^(19|20)\d\d(/\d\d)?$")


def check_prose(source: c.PaperSource, paper: m.Paper, render, values=None) -> list[Finding]:
    """Warnings for every numbered paragraph. `render(text, para)` → (inlines, chars);
    `values(measure)` → {printed value: placeholder} of a measure's usual figures."""
    found: list[Finding] = []
    values = values or (lambda measure: {})
    paras = {p.id: p for p in paper.paras()}
    for block in source.blocks:
        if not isinstance(block, c.Paragraph) or block.id not in paras:
            continue
        _, chars = render(str(block.text), block)
        found += _directions(block, chars, paras[block.id])
        found += _typed_numbers(block, chars, paras[block.id], values, source.typed)
    return found


def _figures(para: m.Paragraph) -> list[m.Figure]:
    """The paragraph's own figures in reading order (not its footnotes')."""
    return query(para.inlines, m.Figure, notes=False)


def _words(chars) -> list[tuple[str, int, int, str | None]]:
    """(word, first char index, last char index, placeholder) in printed order."""
    text = "".join(ch[0] for ch in chars)
    words = []
    for match in _WORD.finditer(text):
        start, end = match.start(), match.end() - 1
        words.append((match.group(), start, end, chars[start][3]))
    return words


def _directions(block: c.Paragraph, chars, para: m.Paragraph) -> list[Finding]:
    words = _words(chars)
    figures = _figures(para)
    # each placeholder's words, in order, matched to the model's figures in order
    spans: list[tuple[int, int, m.Figure]] = []
    order: list[str] = []
    for i, (_, start, _, expr) in enumerate(words):
        if expr is None:
            continue
        key = (expr, chars[start][1])
        if not order or order[-1] != key:
            order.append(key)
            spans.append((i, i, None))
        spans[-1] = (spans[-1][0], i, None)
    spans = [(a, b, f) for (a, b, _), f in zip(spans, figures)]
    found = []
    for first, last, figure in spans:
        direction = figure.attrs.get("direction", "")
        pct = figure.attrs.get("pct_change")
        if not direction:
            continue
        sentence = _sentence(words, first, last, chars)
        for j in sentence:
            word, start, _, expr = words[j]
            if expr is not None:
                continue
            lower = word.lower()
            opposite = (direction == "up" and lower in DOWN) or (
                direction == "down" and lower in UP
            )
            said = f"¶{para.number} says '{word}' next to {{{{ {figure.attrs['expression']} }}}}"
            if opposite:
                change = "an increase" if direction == "up" else "a decrease"
                found.append(_at(block, chars, start, f"{said} ({figure.text}), which is {change}"))
            elif lower in STABLE and pct is not None and abs(pct) >= LARGE:
                found.append(_at(block, chars, start, f"{said}, a change of {pct:+.0f}%"))
    return found


def _sentence(words, first: int, last: int, chars) -> list[int]:
    """Indexes of the words within NEAR of the figure, not crossing a sentence end."""
    text = "".join(ch[0] for ch in chars)
    lo = first
    while lo > 0 and first - lo < NEAR and not _ends_sentence(text, words[lo - 1]):
        lo -= 1
    hi = last
    while hi + 1 < len(words) and hi - last < NEAR and not _ends_sentence(text, words[hi]):
        hi += 1
    return [i for i in range(lo, hi + 1) if not first <= i <= last]


def _ends_sentence(text: str, word) -> bool:
    after = text[word[2] + 1 : word[2] + 3]
    return after[:1] in (".", "?", "!", ";") and (len(after) < 2 or after[1] == " ")


def _typed_numbers(block, chars, para, values, intended=()) -> list[Finding]:
    """Typed numbers equal to a figure of the paragraph, or to a value of a measure it
    uses; not years, one-digit counts or lengths of time."""
    computed: dict[str, str] = {}
    for figure in _figures(para):
        expression = figure.attrs.get("expression", "")
        computed.setdefault(figure.text, expression)
        if "share_of(" in expression:  # a share's inputs are not figures one would type
            continue
        for measure in figure.attrs.get("measure", "").split():
            for text, expression in values(measure).items():
                computed.setdefault(text, expression)
    found = []
    words = _words(chars)
    for i, (word, start, _, expr) in enumerate(words):
        if expr is not None or (not word[:1].isdigit() and not word.startswith("£")):
            continue
        if word in intended:
            continue  # typed on purpose: the author says so under typed:
        if _YEAR.match(word) or word not in computed or re.fullmatch(r"\d", word):
            continue  # years, and one-digit counts ("5 shotguns"), are too common to flag
        following = words[i + 1][0].lower() if i + 1 < len(words) else ""
        if following.rstrip("'") in _TIME:
            continue  # "the last 12 months": a length of time, not a figure
        found.append(
            _at(
                block,
                chars,
                start,
                f"¶{para.number} types {word}, which is computed as "
                f"{{{{ {computed[word]} }}}}: write the placeholder, or it will be wrong "
                "next quarter",
            )
        )
    return found


def _at(block: c.Paragraph, chars, index: int, message: str) -> Finding:
    return Finding(block.text.locate(chars[index][1]), "warning", message)
