"""One paper through every stage: content → narrative → writers → files.

The only module besides `cli.py` that sees all stages.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .content.model import PaperSource
from .content.schema import load_paper
from .errors import ContentError, Location
from .fsutil import write_atomic
from .narrative.build import build as build_model
from .narrative.model import Paper
from .oxml.house import template_package

TEMPLATE_NAME = Path("templates") / "spcb-paper.docx"


@dataclass
class Built:
    """What one build wrote."""

    paper: Paper
    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one-line remarks for the user


def template_path(folder: Path, given: Path | None = None) -> Path | None:
    """The Word template file: `given`, else templates/spcb-paper.docx in the paper's
    folder or above it; None for the house template built in."""
    if given is not None:
        return Path(given)
    for parent in [folder.resolve(), *folder.resolve().parents]:
        candidate = parent / TEMPLATE_NAME
        if candidate.is_file():
            return candidate
    return None


def find_template(folder: Path, given: Path | None = None) -> tuple[bytes, str]:
    """The Word template's bytes and name (see `template_path`)."""
    path = template_path(folder, given)
    if path is None:
        return template_package(), "<built-in house template>"
    try:
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise ContentError(
            f"cannot read the template: {exc.strerror}", Location(str(path))
        ) from None


def load(folder: Path) -> PaperSource:
    """Content stage: read and validate the paper folder."""
    return load_paper(folder)


def figures(source: PaperSource, cache: dict | None = None):
    """Measures stage: the paper's figures, or None for a paper without data.

    With `cache` (a dict kept between builds, as `watch` does), the measure data is
    read again only when one of its files changed.
    """
    if source.data is None:
        return None
    from . import measures  # pandas is imported only for papers with data

    if cache is None:
        return measures.load(source.data)
    key = (source.data, tuple(_stamp(p) for p in (*source.data.measures, *source.data.files)))
    if cache.get("key") != key:
        cache["key"], cache["figures"] = key, measures.load(source.data)
    return cache["figures"]


def _stamp(path: Path) -> tuple:
    try:
        stat = Path(path).stat()
        return str(path), stat.st_mtime_ns, stat.st_size
    except OSError:
        return str(path), 0, -1


def model(source: PaperSource, found=None) -> Paper:
    """Narrative stage: the document model, its placeholders resolved and its
    scorecards scored."""
    scorecards = {}
    for appendix in source.appendices:
        if appendix.framework is not None:
            from .measures.kpi import score
            from .narrative.scorecard import ILLUSTRATIVE, scorecard

            period = found.period.label() if found is not None else ""
            note = ILLUSTRATIVE if source.data is not None and source.data.illustrative else ""
            scorecards[appendix.letter] = scorecard(
                appendix.framework, score(appendix.framework, found), period, note
            )
    if found is None:
        return build_model(source, None, scorecards)
    from .narrative.jinja import Resolver

    return build_model(source, Resolver(found), scorecards)


def build(
    folder: Path,
    out_dir: Path,
    template: Path | None = None,
    pack: bool = False,
    cache: dict | None = None,
) -> Built:
    """Build one paper's outputs into `out_dir`; nothing is written unless all succeed.

    With `pack`, also the board pack: the paper as PDF followed by its appendices.
    """
    from .writers.docx import write_docx  # heavy imports only when writing
    from .writers.figures_csv import write_figures_csv

    folder = Path(folder)
    source = load(folder)
    found = figures(source, cache)
    paper = model(source, found)
    template_bytes, template_name = find_template(folder, template)
    docx = write_docx(paper, template_bytes, template_name)
    hashes = {} if found is None else {k: v.sha256 for k, v in found.store.sources.items()}
    if found is not None and found.origin:  # the period and baseline are set in paper.yaml
        hashes[found.origin] = hashlib.sha256(Path(found.origin).read_bytes()).hexdigest()
    audit = write_figures_csv(paper, hashes)
    out_dir = Path(out_dir)
    outputs = {out_dir / f"{paper.name}.docx": docx, out_dir / f"{paper.name}.figures.csv": audit}
    outputs.update(appendix_outputs(paper, out_dir))
    notes: list[str] = []
    if pack:
        made = board_pack(paper, docx, outputs, out_dir, notes)
        if made is not None:
            outputs[out_dir / f"{paper.name}-pack.pdf"] = made
    if found is not None:
        _unchanged(found.store.sources)
    for target, data in outputs.items():  # every output is made before any is written
        write_atomic(target, data)
    return Built(paper, list(outputs), notes)


def board_pack(
    paper: Paper, docx: bytes, outputs: dict[Path, bytes], out_dir: Path, notes: list[str]
) -> bytes | None:
    """The paper as PDF and its appendices in order, or None (with a note) without
    LibreOffice."""
    from .writers import pack

    soffice = pack.soffice_path()
    if soffice is None:
        notes.append(
            "LibreOffice (soffice) is not installed, so the board pack was not built; "
            "the paper and its appendices were (apt-get install "
            "libreoffice-writer-nogui)"
        )
        return None
    parts = [(paper.meta.title, pack.to_pdf(docx, paper.name, soffice))]
    identity = [docx]
    for appendix in paper.appendices:
        title = f"Appendix {appendix.letter} – {appendix.title}"
        if appendix.scorecard is not None or appendix.charts:
            parts.append((title, outputs[out_dir / appendix_name(paper, appendix.letter, ".pdf")]))
            identity.append(parts[-1][1])
        elif appendix.file is not None:
            path = Path(appendix.file)
            data = path.read_bytes()
            identity.append(data)
            if path.suffix.lower() == ".docx":
                data = pack.to_pdf(data, path.stem, soffice)
            parts.append((title, data))
        else:
            notes.append(
                f"Appendix {appendix.letter} has no scorecard or file, so it is not "
                "in the board pack"
            )
    return pack.merge(parts, paper.meta, b"".join(identity))


def appendix_name(paper: Paper, letter: str, suffix: str) -> str:
    return f"{paper.name}-appendix-{letter.lower()}{suffix}"


def appendix_outputs(paper: Paper, out_dir: Path) -> dict[Path, bytes]:
    """The scorecard appendices as PDF, with their CSV alternative, and chart appendices."""
    found: dict[Path, bytes] = {}
    for appendix in paper.appendices:
        if appendix.charts:
            from .writers.pdf.charts import write_charts

            found[out_dir / appendix_name(paper, appendix.letter, ".pdf")] = write_charts(
                paper, appendix
            )
        if appendix.scorecard is None:
            continue
        from .writers.pdf.scorecard import write_scorecard
        from .writers.scorecard_csv import write_scorecard_csv

        found[out_dir / appendix_name(paper, appendix.letter, ".pdf")] = write_scorecard(
            paper, appendix
        )
        found[out_dir / appendix_name(paper, appendix.letter, ".csv")] = write_scorecard_csv(
            appendix.scorecard
        )
    return found


def measures_table(folder: Path, as_csv: bool = False) -> str:
    """The computed measures of a paper as a text table (or CSV)."""
    source = load(Path(folder))
    found = figures(source)
    if found is None:
        raise ContentError(
            "this paper has no measure data",
            Location(source.path),
            "add 'period: YYYY-MM' and measures.yaml with data/",
        )
    from .measures.report import render_table

    return render_table(found, as_csv)


def redline(
    old_folder: Path,
    new_folder: Path,
    target: Path,
    author: str | None = None,
    date: str | None = None,
    template: Path | None = None,
) -> tuple[Paper, int]:
    """Write `target`: the new paper with every change since the old one tracked.

    Author and date default to "boardpaper" and the new paper's meeting date, so
    the same two versions always give the same file.
    """
    from .narrative.model import Revision
    from .review.diff import changes
    from .review.diff import redline as mark
    from .writers.docx import write_docx

    old_source, new_source = load(Path(old_folder)), load(Path(new_folder))
    old, new = model(old_source, figures(old_source)), model(new_source, figures(new_source))
    when = date or f"{new.meta.date}T00:00:00Z"
    marked = mark(old, new, Revision(author or "boardpaper", when))
    template_bytes, template_name = find_template(Path(new_folder), template)
    write_atomic(Path(target), write_docx(marked, template_bytes, template_name))
    return marked, changes(marked)


@dataclass
class Reviewed:
    """What `review` found and, with apply, did."""

    changes: list
    applied: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    backup: str | None = None
    comments_file: str | None = None


def review(reviewed: Path, folder: Path, apply: bool = False) -> Reviewed:
    """Read a reviewer's .docx against the paper in `folder`; optionally apply it."""
    from .review.read import read

    source = load(Path(folder))
    found_figures = figures(source)
    paper = model(source, found_figures)
    found = read(Path(reviewed), paper)
    result = Reviewed(found.changes)
    if apply:
        from .review.apply import apply_review

        outcome = apply_review(found, source, Path(reviewed), _renderer(source, found_figures))
        result.applied, result.conflicts = outcome.applied, outcome.conflicts
        result.backup, result.comments_file = outcome.backup, outcome.comments_file
    return result


def _renderer(source: PaperSource, found):
    """(text, paragraph) → (inlines, source map), as the narrative stage prints a paragraph."""
    from .narrative.build import paragraph_renderer

    resolver = None
    if found is not None:
        from .narrative.jinja import Resolver

        resolver = Resolver(found)
    return paragraph_renderer(source, resolver)


def check(folder: Path, template: Path | None = None) -> list:
    """Everything `build` would do, without writing: then the prose and accessibility
    checks. Errors raise; findings are returned."""
    from .check.access import check_access
    from .check.prose import check_prose
    from .writers.docx import write_docx

    folder = Path(folder)
    source = load(folder)
    found = figures(source)
    paper = model(source, found)
    template_bytes, template_name = find_template(folder, template)
    docx = write_docx(paper, template_bytes, template_name)
    scorecards = {
        str(path): data
        for path, data in appendix_outputs(paper, Path("output")).items()
        if path.suffix == ".pdf"
    }  # every PDF appendix is checked
    findings = check_prose(source, paper, _renderer(source, found), _usual_values(found))
    findings += check_access(source, paper, docx, scorecards)
    return findings


def _usual_values(found):
    """measure → {printed value: placeholder} for its current, baseline and previous year."""
    if found is None:
        return None
    from .errors import BoardpaperError
    from .narrative.jinja import Resolver

    resolver, cache = Resolver(found), {}

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


@dataclass
class Rolled:
    """What `new` did: the new folder, and each paragraph whose figures moved."""

    folder: Path
    period: str
    meeting: str
    changed: list[tuple[int, str, list[tuple[str, str, str]]]]  # (¶, id, [(expr, old, new)])


def new_paper(old: Path, new: Path, period: str, meeting: str | None = None) -> Rolled:
    """Copy the paper in `old` to `new`, move its reporting period (and meeting) on, and
    list the paragraphs whose figures change. Figures whose months are not in the data
    yet are listed as needing data, not refused: the analysts may not have sent it."""
    import shutil
    import tempfile

    from .content import roundtrip
    from .errors import BoardpaperError
    from .measures.windows import month_number, month_text

    old, new = Path(old), Path(new)
    source = load(old)
    if new.exists():
        raise BoardpaperError(
            "the new paper's folder exists already",
            Location(str(new)),
            "name a folder that does not exist yet",
        )
    try:
        target = month_number(period)
    except ValueError as exc:
        raise BoardpaperError(
            str(exc), Location("--period"), "write the month as YYYY-MM"
        ) from None
    if source.data is None:
        raise ContentError(
            "the paper has no reporting period to move",
            Location(source.path),
            "add 'period: YYYY-MM'",
        )
    shift = target - month_number(source.data.period)
    meeting = meeting or _shifted(source.cover.meeting_date, shift, source)
    new.parent.mkdir(parents=True, exist_ok=True)
    # staged beside the new folder, so relative paths (../shared) resolve the same
    copy = Path(tempfile.mkdtemp(prefix=f".{new.name}.", dir=new.parent))
    copy.rmdir()
    try:
        shutil.copytree(
            old, copy, ignore=shutil.ignore_patterns("REVIEW.md", "*.bak", "*.bak[0-9]*", ".~lock*")
        )
        yaml, doc = roundtrip.load(copy / "paper.yaml")
        doc["period"] = month_text(target)
        doc["cover"]["meeting"] = meeting
        write_atomic(copy / "paper.yaml", roundtrip.dump(yaml, doc).encode("utf-8"))
        load(copy)  # the new paper must validate before it is put in place
        copy.rename(new)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return Rolled(new, month_text(target), meeting, _moved(old, new))


def _shifted(meeting_date: str, months: int, source) -> str:
    """The old meeting moved on by `months`: "2022-05" (or a date, same day if it exists)."""
    import calendar
    import datetime as dt

    from .measures.windows import month_text

    day = dt.date.fromisoformat(meeting_date)
    number = day.year * 12 + day.month - 1 + months
    if str(source.cover.meeting).count(" ") == 1:  # printed "May 2022": a month
        return month_text(number)
    year, month = number // 12, number % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1])).isoformat()


def _moved(old: Path, new: Path) -> list:
    """(¶, id, [(placeholder, old text, new text)]) for paragraphs whose figures differ."""
    before, after = _figures_by_paragraph(old), _figures_by_paragraph(new)
    out = []
    for para_id, (number, figures) in after.items():
        previous = before.get(para_id, (None, []))[1]
        moved = [(expr, was, now) for (expr, now), (_, was) in zip(figures, previous) if was != now]
        if moved:
            out.append((number, para_id, moved))
    return out


def _figures_by_paragraph(folder: Path) -> dict:
    """para id → (number, [(placeholder, printed text or 'needs data …')])."""
    from .errors import BoardpaperError
    from .narrative.jinja import Resolver
    from .narrative.model import Figure

    source = load(folder)
    found = figures(source)
    if found is None:
        return {}
    resolver = Resolver(found)

    class Tolerant:
        def resolve(self, expression, where, para_id):
            try:
                return resolver.resolve(expression, where, para_id)
            except BoardpaperError as exc:
                months = re.search(r"no data for (.*?), which", exc.message)
                text = (
                    f"needs data for {months.group(1)}"
                    if months
                    else f"cannot be computed ({exc.message.split(': ', 1)[-1]})"
                )
                return Figure(text, attrs={"expression": expression})

    paper = build_model(source, Tolerant())
    from .writers.figures_csv import figures as listed

    out: dict = {}
    for number, para_id, _, figure in listed(paper):
        if para_id:
            out.setdefault(para_id, (number, []))[1].append(
                (figure.attrs.get("expression", ""), figure.text)
            )
    return out


def _unchanged(sources: dict) -> None:
    """Refuse to write a build whose data files changed while it ran: its figures and its
    audit trail would not match what is on disk now."""
    import hashlib

    from .errors import DataError

    for path, source in sources.items():
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
