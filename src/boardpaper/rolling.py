"""`boardpaper new`: a paper rolled forward to a new reporting period, listing the
paragraphs whose figures change."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BoardpaperError, ContentError, Location
from .fsutil import copy_tree, make_folder, write_atomic
from .narrative.build import build as build_model
from .pipeline import load, measure_figures, resolver


@dataclass
class Rolled:
    """What `new` did: the new folder, and each paragraph whose figures moved."""

    folder: Path
    period: str
    meeting: str
    changed: list[tuple[int, str, list[tuple[str, str, str]]]]  # (¶, id, [(expr, old, new)])
    # the old paper's figures as its last build printed them and as the data says now,
    # where the data for the same months was restated: (where: "¶5 id" or the place, as
    # "scorecard"; expr, window, was, now);
    # None when there is no audit trail of that build to compare with
    revised: list[tuple[str, str, str, str, str]] | None = None
    audit: Path | None = None  # that audit trail
    # placeholders naming a month or year as written ('2021-11', year(2021)), which do
    # not move with the period: (where, expression, the dates named)
    fixed: list[tuple[str, str, str]] = field(default_factory=list)
    kept: str = ""  # its copy in the new paper's folder (data: previous:), if any


#: a month, financial year or calendar year written into a placeholder's arguments
_FIXED = re.compile(
    r"""['"](\d{4}-\d{2}|\d{4}/\d{2})['"]|\b(?:year|fy)\(\s*['"]?(\d{4})['"]?\s*[,)]"""
)


def fixed_dates(expression: str) -> list[str]:
    """The months and years written as such in a placeholder: '2021-11', 2021, '2021/22'.
    `period.last.back(1)` and the like move with the period and are not listed."""
    return [a or b for a, b in _FIXED.findall(expression)]


def new_paper(
    old: Path, new: Path, period: str, meeting: str | None = None, output: Path = Path("output")
) -> Rolled:
    """Copy the paper in `old` to `new`, move its reporting period (and meeting) on, and
    list the paragraphs whose figures change. Figures whose months are not in the data
    yet are listed as needing data, not refused: the analysts may not have sent it.
    Apart from those, the old paper's figures that the data now restates (same months,
    another value than its last build in `output` printed) are listed as revisions."""
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
    if new.resolve().is_relative_to(old.resolve()):
        raise BoardpaperError(
            "the new paper's folder is inside the old one",
            Location(str(new)),
            "name a folder beside the old paper",
        )
    shift = target - month_number(source.data.period)
    meeting = meeting or _shifted(source.cover.meeting_date, shift, source)
    audit: Path | None = Path(output) / f"{old.name}.figures.csv"
    revised, audit, trail = _revised(old, audit) if audit.is_file() else (None, None, None)
    kept = f"{old.name}.figures.csv" if trail is not None else ""
    make_folder(new.parent, "the new paper's folder goes in a folder")
    # staged beside the new folder, so relative paths (../shared) resolve the same
    try:
        copy = Path(tempfile.mkdtemp(prefix=f".{new.name}.", dir=new.parent))
        copy.rmdir()
    except OSError as exc:
        raise BoardpaperError(
            f"cannot make the new paper here: {exc.strerror}", Location(str(new))
        ) from None
    try:
        copy_tree(old, copy, ("REVIEW.md", "*.bak", "*.bak[0-9]*", ".~lock*", "*.figures.csv"))
        yaml, doc = roundtrip.load(copy / "paper.yaml")
        doc["period"] = month_text(target)
        doc["cover"]["meeting"] = meeting
        _previous(doc, source, kept)
        if kept:
            write_atomic(copy / kept, trail)
        write_atomic(copy / "paper.yaml", roundtrip.dump(yaml, doc).encode("utf-8"))
        load(copy)  # the new paper must validate before it is put in place
        try:
            copy.rename(new)
        except OSError as exc:  # made meanwhile by someone else
            raise BoardpaperError(
                f"cannot make the new paper here: {exc.strerror}", Location(str(new))
            ) from None
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    before, after = _printed(old), _printed(new)
    return Rolled(
        new,
        month_text(target),
        meeting,
        _moved(before, after),
        revised,
        audit,
        _fixed(after),
        kept,
    )


def _previous(doc, source, kept: str) -> None:
    """`data: previous:` of the new paper: the old paper's audit trail (kept in the new
    folder) and period, so its builds tell restatements wherever they are built; without
    a trail, no `previous:` (an old one would name the paper before the old one)."""
    from ruamel.yaml.comments import CommentedMap

    data = doc.get("data")
    if not kept:
        if isinstance(data, dict):
            data.pop("previous", None)
        return
    if not isinstance(data, dict):
        data = doc["data"] = CommentedMap()
    entry = CommentedMap([("figures", kept), ("period", source.data.period)])
    if source.data.baseline != "2019-06" or "baseline" in data:
        entry["baseline"] = source.data.baseline
    data["previous"] = entry


def _fixed(printed: list) -> list[tuple[str, str, str]]:
    """Each placeholder of the new paper that names a month or year as written."""
    out = {}
    for number, para_id, place, expression, _ in printed:
        dates = fixed_dates(expression)
        if dates:
            where = f"¶{number} {para_id}" if para_id else place
            out[where, expression] = ", ".join(dict.fromkeys(dates))
    return [(where, expression, dates) for (where, expression), dates in out.items()]


def _revised(old: Path, audit: Path) -> tuple[list | None, Path | None, bytes | None]:
    """The old paper's figures whose data was restated since `audit` (its last build's
    figures.csv) was written: the figures.csv rule (`revised_from`), over the old paper
    as the data computes it now; `audit`; and its rows that are the old paper's (kept in
    the new paper). (None, audit, None) if the old paper no longer builds whole;
    (None, None, None) if `audit` is not the old paper's (another paper of the same
    folder name left it: its figures come from other files)."""
    import csv
    import io

    from . import pipeline
    from .fsutil import read_regular
    from .writers.figures_csv import write_figures_csv

    try:
        previous = read_regular(audit, 64 * 1024 * 1024, ContentError, "an audit trail")
        prepared = pipeline.prepare(old)
        hashes = pipeline.options(prepared, old).hashes
        previous = pipeline.own_rows(previous, hashes)
        if previous is None:
            return None, None, None
        now = write_figures_csv(prepared.paper, hashes, previous)
    except BoardpaperError:
        return None, audit, None
    rows = csv.DictReader(io.StringIO(now.decode("utf-8-sig")))
    return (
        [
            (
                f"¶{r['number']} {r['paragraph_id']}" if r["number"] else r["place"],
                r["expression"],
                r["window"],
                r["revised_from"],
                r["text"],
            )
            for r in rows
            if r["revised_from"]
        ],
        audit,
        previous,
    )


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


def _moved(old: list, new: list) -> list:
    """(¶, id, [(placeholder, old text, new text)]) for paragraphs whose figures differ."""
    before, after = _by_paragraph(old), _by_paragraph(new)
    out = []
    for para_id, (number, printed) in after.items():
        previous = before.get(para_id, (None, []))[1]
        moved = [(expr, was, now) for (expr, now), (_, was) in zip(printed, previous) if was != now]
        if moved:
            out.append((number, para_id, moved))
    return out


def _by_paragraph(printed: list) -> dict:
    """para id → (number, [(placeholder, printed text)])."""
    out: dict = {}
    for number, para_id, _, expression, text in printed:
        if para_id:
            out.setdefault(para_id, (number, []))[1].append((expression, text))
    return out


def _printed(folder: Path) -> list[tuple]:
    """(¶ number, para id, place, placeholder, printed text or 'needs data …') for every
    figure of the paper in `folder`, in reading order."""
    from .errors import BoardpaperError, DataError
    from .narrative.model import Figure, plain_text

    source = load(folder)
    found = measure_figures(source)
    if found is None:
        return []
    strict = resolver(found)

    class Tolerant:
        figures = found

        def resolve(self, expression, where, para_id):
            try:
                return strict.resolve(expression, where, para_id)
            except BoardpaperError as exc:
                if isinstance(exc, DataError) and exc.missing:
                    shown = ", ".join(exc.missing[:6]) + (" …" if len(exc.missing) > 6 else "")
                    text = f"needs data for {shown}"
                else:
                    text = f"cannot be computed ({exc.message.split(': ', 1)[-1]})"
                return Figure(text, attrs={"expression": expression})

    paper = build_model(source, Tolerant())
    from .writers.figures_csv import audited

    return [
        (number, para_id, place, figure.attrs.get("expression", ""), plain_text((figure,)))
        for number, para_id, place, figure in audited(paper)
    ]
