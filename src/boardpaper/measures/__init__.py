"""Measures stage: data → pandas → values. Knows nothing of Word.

`load(spec)` reads a paper's measure definitions and data files and returns the
`Figures` its placeholders can name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..content.model import DataSpec
from ..errors import DataError
from .compute import Store
from .data import read_tables
from .definitions import load_definitions
from .registry import Figures

# Text columns are Python strings whatever else is installed: with pyarrow present,
# pandas would store them as Arrow strings, which refuse the lone surrogates and other
# odd characters a data file may hold (they must reach the checks and their one-line
# errors, not a UnicodeEncodeError) and match regular expressions by other rules.
pd.set_option("mode.string_storage", "python")


def inputs(spec: DataSpec) -> list[Path]:
    """The files (and folders) the measures of `spec` are read from besides its data
    files: those `from:` declares in measures.yaml; none if it does not load."""
    from ..errors import BoardpaperError
    from .shapes import inputs as declared

    try:
        definitions = load_definitions(list(spec.measures))
    except BoardpaperError:
        return []
    return [p for d in definitions.values() if d.shape is not None for p in declared(d.shape)]


def load(spec: DataSpec, from_snapshot: Path | None = None) -> Figures:
    """The figures of one paper; with `from_snapshot` (an output folder), its queries
    are read from the snapshots a build left there, not from their databases."""
    if not spec.measures:
        raise DataError(
            "no measure definitions (measures.yaml) for this paper",
            spec.loc,
            "add measures.yaml beside paper.yaml, or name it under data: measures:",
        )
    measures = load_definitions(list(spec.measures))
    paper = Path(spec.loc.path).resolve().parent.name  # as content/schema.py names it
    frame, sources = read_tables(
        list(spec.files), measures, spec.area, spec.sources, paper, from_snapshot
    )
    return Figures(
        Store(frame, measures, sources, spec.area), spec.period, spec.baseline, spec.loc.path
    )
