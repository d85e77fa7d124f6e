"""One paper through the stages: content → measures → narrative → writers → files.

`prepare` runs the first three stages once (the placeholder resolver is made
here, once a run, so each placeholder is evaluated once); `build` asks the writer
registry (writers/registry.py) for each output and writes them all or none. The
other workflows are modules of their own: `templates` (where the Word template
comes from), `reviewing` (redline and review), `checking` (check), `rolling`
(new). Only these modules and `cli.py` see every stage.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .content.model import PaperSource
from .content.schema import load_paper
from .errors import ContentError, DataError, Location
from .fsutil import write_all
from .narrative.build import build as build_model
from .narrative.model import Paper
from .templates import find_template


@dataclass
class Built:
    """What one build wrote."""

    paper: Paper
    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one-line remarks for the user
    template: str = ""  # the Word template used
    shortfalls: list[str] = field(default_factory=list)  # asked for, not done fully


@dataclass
class Prepared:
    """A paper through the content, measures and narrative stages."""

    source: PaperSource
    found: object | None  # measures.registry.Figures, or None for a paper without data
    resolver: object | None  # narrative.jinja.Resolver over `found`
    paper: Paper
    parsed: dict = field(default_factory=dict)  # each text's inlines, as the model has them


def load(folder: Path) -> PaperSource:
    """Content stage: read and validate the paper folder (and take its house style)."""
    source = load_paper(folder)
    if source.data is not None:  # only a paper with data prints figures (and needs pandas)
        from .measures import fmt

        fmt.house_style(source.comma_from)
    return source


def measure_figures(
    source: PaperSource, cache: dict | None = None, from_snapshot: Path | None = None
):
    """Measures stage: the paper's figures, or None for a paper without data.

    With `cache` (a dict kept between builds, as `watch` does), the measure data is
    read again only when one of its files changed. With `from_snapshot` (an output
    folder), its SQL sources are read from the snapshots there (measures/snapshots.py).
    """
    if source.data is None:
        return None
    from . import measures  # pandas is imported only for papers with data

    if cache is None or from_snapshot is not None:
        return measures.load(source.data, from_snapshot)
    read = (*source.data.measures, *source.data.files, *measures.inputs(source.data))
    key = (source.data, tuple(_stamp(p) for p in read))
    if cache.get("key") != key:
        cache["key"], cache["figures"] = key, measures.load(source.data)
    return cache["figures"]


def _stamp(path: Path) -> tuple:
    try:
        stat = Path(path).stat()
        return str(path), stat.st_mtime_ns, stat.st_size
    except OSError:
        return str(path), 0, -1


def resolver(found):
    """The placeholder resolver over `found` (None without data): one per run."""
    if found is None:
        return None
    from .narrative.jinja import Resolver

    return Resolver(found)


def model(source: PaperSource, found=None, resolve=None, parsed: dict | None = None) -> Paper:
    """Narrative stage: the document model, its placeholders resolved (by `resolve`, else
    a new resolver over `found`) and its scorecards scored; each text's inlines are kept in
    `parsed` if given (narrative/build.py)."""
    scorecards = {}
    for appendix in source.appendices:
        if appendix.framework is not None:
            from .measures.kpi import score
            from .narrative.scorecard import ILLUSTRATIVE, scorecard

            period = found.period.label() if found is not None else ""
            note = ILLUSTRATIVE if source.data is not None and source.data.illustrative else ""
            paper_baseline = found.baseline.year_ending() if found is not None else ""
            scorecards[appendix.letter] = scorecard(
                appendix.framework, score(appendix.framework, found), period, note, paper_baseline
            )
    return build_model(source, resolve or resolver(found), scorecards, parsed)


def prepare(folder: Path, cache: dict | None = None, from_snapshot: Path | None = None) -> Prepared:
    """The content, measures and narrative stages of the paper in `folder`."""
    source = load(Path(folder))
    found = measure_figures(source, cache, from_snapshot)
    resolve = resolver(found)
    parsed: dict = {}
    return Prepared(source, found, resolve, model(source, found, resolve, parsed), parsed)


def options(prepared: Prepared, folder: Path, template: Path | None = None):
    """The writers' options: the Word template and the hashes of every source file."""
    from .writers.registry import Options

    template_bytes, template_name, notes = find_template(Path(folder), template)
    hashes = {}
    found = prepared.found
    if found is not None:
        hashes = {k: v.sha256 for k, v in found.store.sources.items()}
        if found.origin:  # the period and baseline are set in paper.yaml
            hashes[found.origin] = hashlib.sha256(Path(found.origin).read_bytes()).hexdigest()
    return Options(template_bytes, template_name, hashes, draft_units(prepared), tuple(notes))


def draft_units(prepared: Prepared) -> tuple[tuple[str, str, str], ...]:
    """The paper's text units (kind, key, text), for the draft described in the .docx."""
    from .narrative.build import text_renderer
    from .narrative.units import units

    render = text_renderer(prepared.source, prepared.resolver, mapped=False, parsed=prepared.parsed)
    return tuple((u.kind, u.key, u.text) for u in units(prepared.source, prepared.paper, render))


def build(
    folder: Path,
    out_dir: Path,
    template: Path | None = None,
    pack: bool = False,
    cache: dict | None = None,
    html: bool = False,
    from_snapshot: bool = False,
) -> Built:
    """Build one paper's outputs into `out_dir`; nothing is written unless all succeed.

    With `pack`, also the board pack: the paper as PDF followed by its appendices. The
    rows read from each SQL source are written too, as `<paper>.sql-N.csv` and
    `.json` (measures/snapshots.py); with `from_snapshot`, they are read from there
    instead of from the databases.
    """
    from .writers.registry import DEFAULT

    prepared = prepare(folder, cache, Path(out_dir) if from_snapshot else None)
    paper = prepared.paper
    opts = options(prepared, folder, template)
    opts.previous = _previous(Path(out_dir), f"{paper.name}.figures.csv", opts.hashes)
    outputs: dict[Path, bytes] = {}
    notes: list[str] = list(opts.notes)
    earlier = prepared.source.data.previous if prepared.source.data else None
    if earlier is not None and prepared.found is not None:
        from .restatements import restated

        opts.restated, said = restated(earlier, prepared.found)
        notes += said
    shortfalls: list[str] = []
    wanted = (*DEFAULT, *(("pack",) if pack else ()), *(("html",) if html else ()))
    for name in wanted:
        written = opts.output(paper, name)
        outputs.update({Path(out_dir) / file: data for file, data in written.files.items()})
        notes += written.notes
        shortfalls += written.shortfalls
    sources = prepared.found.store.sources if prepared.found is not None else {}
    if any(getattr(s, "snapshot", None) is not None for s in sources.values()):
        from .measures import snapshots  # a paper that read a database: what it read

        taken = snapshots.files(sources)
        outputs.update({Path(out_dir) / file: data for file, data in taken.items()})
    _unchanged(sources)
    write_all(outputs)  # every output is made before any is written; all or none
    return Built(paper, list(outputs), notes, opts.template_name, shortfalls)


def _figures_of(folder: Path, why: str):
    """The figures of the paper in `folder`; an error naming `why` if it has no data."""
    source = load(Path(folder))
    found = measure_figures(source)
    if found is None:
        raise ContentError(
            f"this paper has no measure data{why}",
            Location(source.path),
            "add 'period: YYYY-MM' and measures.yaml with data/",
        )
    return found


def measures_table(folder: Path, as_csv: bool = False) -> str:
    """The computed measures of a paper as a text table (or CSV)."""
    from .measures.report import render_table

    return render_table(_figures_of(folder, ""), as_csv)


def _previous(out_dir: Path, name: str, sources) -> dict[str, bytes]:
    """The audit trail of the last build of this paper into `out_dir` (that the writers
    compare with to tell revisions), as far as it is this paper's: see `own_rows`."""
    from .fsutil import read_regular

    path = out_dir / name
    if not path.is_file():
        return {}
    try:
        found = read_regular(path, 64 * 1024 * 1024, ContentError, "an audit trail")
    except ContentError:
        return {}  # unreadable: this build simply cannot tell revisions
    own = own_rows(found, sources)
    return {name: own} if own is not None else {}


def own_rows(audit: bytes, sources) -> bytes | None:
    """The rows of an audit trail (figures.csv) computed from the files in `sources` (this
    build's data files and paper.yaml): a trail left in the output folder by another paper
    of the same folder name, or by another copy of this one, printed other figures from
    other files, which are not revisions of this paper's. None if no row is left."""
    import csv
    import io
    import os

    real: dict[str, str] = {}  # each file resolved once, not once a row (a stat a level)

    def resolved(path: str) -> str:
        if path not in real:
            real[path] = os.path.realpath(path)
        return real[path]

    mine = {resolved(p) for p in sources}
    try:
        rows = list(csv.reader(io.StringIO(audit.decode("utf-8-sig"))))
        column = rows[0].index("source")
    except (UnicodeDecodeError, csv.Error, IndexError, ValueError):
        return None  # an older or damaged file: no revisions can be told
    kept = [
        row
        for row in rows[1:]
        if len(row) > column
        and (files := _source_files(row[column]))
        and {resolved(f) for f in files} <= mine
    ]
    if not kept:
        return None
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([rows[0], *kept])
    return out.getvalue().encode("utf-8")


def _source_files(cell: str) -> list[str]:
    """The files of a figures.csv `source` cell: "path sha256:…; path sha256:…" (with the
    apostrophe `csvcells` puts before a risky first character taken off)."""
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        cell = cell[1:]
    return [part.rpartition(" sha256:")[0] for part in cell.split("; ") if " sha256:" in part]


def placeholder_reference(folder: Path) -> str:
    """The reference of placeholders (Markdown), its examples from the paper's data."""
    from .narrative.reference import reference

    return reference(_figures_of(folder, " to compute examples from"), Path(folder).name)


def _unchanged(sources: dict) -> None:
    """Refuse to write a build whose data files changed while it ran: its figures and its
    audit trail would not match what is on disk now."""
    import hashlib

    for path, source in sources.items():
        if getattr(source, "query", None):  # read from a database: its rows are hashed
            continue
        try:
            now = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            now = ""
        if now != source.sha256:
            raise DataError(
                "the data file changed while the paper was being built; nothing was written",
                Location(path),
                "build again once it is saved",
            )
