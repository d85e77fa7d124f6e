"""`boardpaper check`: everything a build does, without writing, then the prose and
accessibility checks."""

from __future__ import annotations

from pathlib import Path

from .errors import Location
from .pipeline import options, prepare


def check(folder: Path, template: Path | None = None) -> list:
    """Everything `build` would do, without writing: then the prose and accessibility
    checks. Errors raise; findings are returned."""
    from .check.access import check_access
    from .check.prose import check_prose
    from .narrative.build import paragraph_renderer

    prepared = prepare(Path(folder))
    paper = prepared.paper
    opts = options(prepared, folder, template)
    docx = opts.output(paper, "docx").files[f"{paper.name}.docx"]
    scorecards = {
        str(Path("output") / name): data
        for name, data in opts.output(paper, "appendices").files.items()
        if name.endswith(".pdf")
    }  # every PDF appendix is checked
    findings = check_prose(
        prepared.source,
        paper,
        paragraph_renderer(prepared.source, prepared.resolver),
        _usual_values(prepared.resolver),
    )
    findings += check_access(prepared.source, paper, docx, scorecards)
    return findings


def _usual_values(resolver):
    """measure → {printed value: placeholder} for its current, baseline and previous year."""
    if resolver is None:
        return None
    from .errors import BoardpaperError

    cache = {}

    def values(measure: str) -> dict[str, str]:
        if measure not in cache:
            cache[measure] = {}
            for expression in (f"m.{measure}", f"m.{measure}.baseline", f"m.{measure}.previous"):
                try:
                    text = resolver.resolve(expression, Location("check"), None).text
                except BoardpaperError:
                    continue
                cache[measure].setdefault(text, expression)
        return cache[measure]

    return values
