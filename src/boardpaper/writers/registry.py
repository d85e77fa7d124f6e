"""The writer interface, and the registry the pipeline asks for each output format.

A writer is a function `write(paper, options) -> Written`: it reads the document
model (never YAML) and the build's `Options`, and returns its files, named
relative to the output folder, with any notes for the user. A writer that needs
another's output (the pack needs the Word file and the appendices) asks
`options.output(paper, name)`, which makes each output once a build.

A new output format is one module with such a function plus one line in
`WRITERS`. Modules are imported only when their output is asked for, so a build
without a pack never loads pypdf or LibreOffice's helpers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..narrative.model import Paper


@dataclass(frozen=True)
class Written:
    """What one writer made: file name (relative to the output folder) → bytes."""

    files: dict[str, bytes]
    notes: tuple[str, ...] = ()  # remarks (what a template lost): the build still succeeded
    shortfalls: tuple[str, ...] = ()  # what was asked for and not done fully: exit status 1


@dataclass
class Options:
    """What every writer may use besides the model."""

    template: bytes = b""  # the Word template (docxtpl) the paper is laid out in
    template_name: str = "<built-in house template>"
    hashes: dict[str, str] = field(default_factory=dict)  # source file → sha256, for the audit
    #: the paper's text units (kind, key, text) in reading order, described inside the
    #: Word file as the draft a reviewer starts from (oxml/draft.py); none: not described
    draft_units: tuple[tuple[str, str, str], ...] = ()
    notes: tuple[str, ...] = ()  # what finding the inputs had to say (the template used …)
    previous: dict[str, bytes] = field(default_factory=dict)  # outputs of the last build
    #: (measure, window, area) → what the previous paper printed over months the data
    #: now restates (restatements.py), for figures.csv's revised_from
    restated: dict[tuple[str, str, str], str] = field(default_factory=dict)
    _made: dict[str, Written] = field(default_factory=dict, repr=False)

    def output(self, paper: Paper, name: str) -> Written:
        """The output of writer `name` for `paper`, made once and kept for this build."""
        if name not in self._made:
            self._made[name] = writer(name)(paper, self)
        return self._made[name]


#: output name → "module:function" of its writer, in the order a build writes them
WRITERS: dict[str, str] = {
    "docx": "boardpaper.writers.docx:write",  # the paper in the SPCB layout
    "audit": "boardpaper.writers.figures_csv:write",  # <paper>.figures.csv
    "appendices": "boardpaper.writers.appendices:write",  # scorecards, charts (PDF, CSV)
    "data": "boardpaper.writers.data_downloads:write",  # each table and chart: CSV, and one ODS
    "pack": "boardpaper.writers.pack:write",  # the board pack (PDF), with --pack
    "html": "boardpaper.writers.html:write",  # the paper as one accessible web page, --html
}
#: what `boardpaper build` writes without options
DEFAULT = ("docx", "audit", "appendices", "data")


def writer(name: str) -> Callable[[Paper, Options], Written]:
    """The writer function registered as `name`."""
    module, _, function = WRITERS[name].partition(":")
    return getattr(importlib.import_module(module), function)
