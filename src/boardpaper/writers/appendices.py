"""The appendices built here: each scorecard as PDF with its CSV alternative, and each
appendix of charts as PDF."""

from __future__ import annotations

from ..narrative import model as m
from .registry import Options, Written


def appendix_name(paper: m.Paper, letter: str, suffix: str) -> str:
    """`<paper>-appendix-a.pdf`: the file of appendix `letter`."""
    return f"{paper.name}-appendix-{letter.lower()}{suffix}"


def write(paper: m.Paper, options: Options) -> Written:
    files: dict[str, bytes] = {}
    for appendix in paper.appendices:
        if appendix.charts:
            from .pdf.charts import write_charts

            files[appendix_name(paper, appendix.letter, ".pdf")] = write_charts(paper, appendix)
        if appendix.scorecard is None:
            continue
        from .pdf.scorecard import write_scorecard
        from .scorecard_csv import write_scorecard_csv

        files[appendix_name(paper, appendix.letter, ".pdf")] = write_scorecard(paper, appendix)
        files[appendix_name(paper, appendix.letter, ".csv")] = write_scorecard_csv(
            appendix.scorecard
        )
    return Written(files)
