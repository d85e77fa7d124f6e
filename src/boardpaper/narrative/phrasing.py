"""Phrasing around figures: the article before a computed figure agrees with it.

An author writes "a {{ m.x.vs_baseline }}"; when the figure reads "8% increase"
or "11%", the article becomes "an", and the other way round.
"""

from __future__ import annotations

import re

from ..measures.fmt import needs_an
from . import model as m

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
