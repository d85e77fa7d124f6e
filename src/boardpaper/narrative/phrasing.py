"""Phrasing around figures: the article before a computed figure agrees with it, and
a date's words stay on one line.

An author writes "a {{ m.x.vs_baseline }}"; when the figure reads "8% increase"
or "11%", the article becomes "an", and the other way round.

A month's name and the day or year beside it ("23 March", "March 2023", "Mar 22",
"3rd October") are joined by a no-break space (U+00A0), typed or computed alike, so
that no writer breaks a date across two lines.
"""

from __future__ import annotations

import dataclasses
import re

from ..dates import MONTHS
from ..measures.fmt import needs_an
from . import model as m

NO_BREAK = "\u00a0"
_MONTH = "(?:{})".format(
    "|".join(sorted({*MONTHS, *(n[:3] for n in MONTHS), "Sept"}, key=len, reverse=True))
)
_DAY = "[0-9]{1,2}(?:st|nd|rd|th)?"
#: the space after a day before a month ("23 March"), or after a month before its year
#: or day ("March 2023", "Mar 22", "March 23rd"): each match ends with the space
_DATE_SPACE = re.compile(
    rf"(?<![0-9A-Za-z]){_DAY} (?={_MONTH}\b)"
    rf"|\b{_MONTH} (?=(?:[0-9]{{4}}|{_DAY})(?![0-9A-Za-z]))"
)


def bind_dates(inlines: tuple) -> tuple:
    """The inlines with each date's space made a no-break space, across the runs of
    text and figures that print one after another (a link's text on its own)."""
    out = list(inlines)
    run: list[int] = []
    for i, inline in enumerate([*out, None]):
        if isinstance(inline, (m.Text, m.Figure)):
            run.append(i)
            continue
        _bind_run(out, run)
        run = []
        if isinstance(inline, m.Link):
            out[i] = dataclasses.replace(inline, children=bind_dates(inline.children))
    return tuple(out)


def _bind_run(out: list, run: list[int]) -> None:
    texts = [out[i].text for i in run]
    joined = "".join(texts)
    spaces = {found.end() - 1 for found in _DATE_SPACE.finditer(joined)}
    if not spaces:
        return
    start = 0
    for i, text in zip(run, texts):
        mine = [at - start for at in spaces if start <= at < start + len(text)]
        if mine:
            chars = list(text)
            for at in mine:
                chars[at] = NO_BREAK
            out[i] = dataclasses.replace(out[i], text="".join(chars))
        start += len(text)


_ARTICLE = re.compile(r"(^|[\s(])([Aa])(n?) $")


def agree_articles(inlines: tuple) -> tuple:
    """Fix "a"/"an" in each text run that ends just before a figure."""
    out = list(inlines)
    for i in range(1, len(out)):
        figure, before = out[i], out[i - 1]
        if not isinstance(figure, m.Figure) or not isinstance(before, m.Text):
            continue
        match = _ARTICLE.search(before.text)
        if not match:
            continue
        article = match.group(2) + ("n" if needs_an(figure.text) else "")
        text = before.text[: match.start(2)] + article + " "
        out[i - 1] = m.Text(text, before.bold, before.italic)
    return tuple(out)
