"""Figures the previous paper printed that the data now gives otherwise: restatements
across papers, whatever folder each was built in.

`new` keeps the old paper's audit trail in the new paper's folder and names it, with
the old paper's period, under `data: previous:` (rolling.py). A build then computes
each figure of that trail again, from its placeholder, over the *old* paper's period
and the data as it is now: where the same measure, area and window print otherwise,
the data for those months was restated (an analyst revised a past month, the Home
Office a baseline). Every figure of the new paper over one of those windows says so in
figures.csv (`revised_from`: what the previous paper printed, and which paper).

Only figures of one measure over one window made by placeholders are compared (a
comparison or share that changed does not say which side was restated; a table's cells and a
scorecard's figures have no expression); the note of the build says how many rows of
the old trail were compared.
"""

from __future__ import annotations

import csv
import io

from .content.model import PreviousPaper
from .errors import BoardpaperError, ContentError, Location
from .fsutil import read_regular
from .measures.registry import Figures
from .narrative.jinja import Resolver
from .writers.figures_csv import window_keys

LARGEST_TRAIL = 64 * 1024 * 1024  # bytes of the previous paper's figures.csv


def restated(previous: PreviousPaper, found: Figures) -> tuple[dict, list[str]]:
    """({(measure, window, area): "what the previous paper printed"} for every window
    whose figures the data now restates, notes for the build)."""
    data = read_regular(previous.figures, LARGEST_TRAIL, ContentError, "an audit trail")
    try:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        # a figure of one measure over one window: a comparison or a share that changed
        # does not say which of its sides the data restated
        rows = [
            r
            for r in rows
            if r["expression"]
            and r["window"]
            and r["measure"]
            and " vs " not in r["window"]
            and " " not in r["measure"].strip()
        ]
    except (UnicodeDecodeError, csv.Error, KeyError, TypeError):
        raise ContentError(
            "the previous paper's figures are not a figures.csv boardpaper wrote",
            previous.loc,
            "run boardpaper new again, or remove data: previous:",
        ) from None
    then = Figures(found.store, previous.period, previous.baseline, str(previous.figures))
    resolver = Resolver(then)
    out: dict[tuple[str, str, str], str] = {}
    compared = 0
    for row in rows:
        try:
            figure = resolver.resolve(row["expression"], Location(str(previous.figures)), None)
        except BoardpaperError:
            continue  # a table's cell or a KPI's figure, or months no longer in the data
        a = figure.attrs
        if (a.get("measure"), a.get("window"), a.get("area")) != (
            row["measure"],
            row["window"],
            row["area"],
        ):
            continue  # not the same figure (the old paper's period was given otherwise)
        compared += 1
        if figure.text != row["text"]:
            for key in window_keys(row):
                out.setdefault(key, f"{row['text']} in {previous.name}")
    notes = []
    if out:
        notes.append(
            f"the data restates {len(out)} measure(s) and window(s) that {previous.name} "
            f"printed (figures.csv, revised_from; {compared} of its figures compared)"
        )
    elif not compared:
        notes.append(
            f"no figure of {previous.name} could be computed again to tell restatements "
            f"({previous.figures.name} holds {len(rows)} with windows)"
        )
    return out, notes
