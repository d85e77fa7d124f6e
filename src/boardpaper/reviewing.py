"""The review workflow: a new draft as tracked changes for reviewers (`redline`), and
their tracked changes and comments back into the YAML (`review`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fsutil import write_atomic
from .narrative.model import Paper
from .pipeline import prepare
from .templates import find_template


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
    from .writers.registry import Options, writer

    _check_revision(author, date)
    old, new = prepare(Path(old_folder)).paper, prepare(Path(new_folder)).paper
    when = date or f"{new.meta.date}T00:00:00Z"
    marked = mark(old, new, Revision(author or "boardpaper", when))
    template_bytes, template_name, _ = find_template(Path(new_folder), template)
    written = writer("docx")(marked, Options(template_bytes, template_name))
    write_atomic(Path(target), written.files[f"{marked.name}.docx"])
    return marked, changes(marked)


def _check_revision(author: str | None, date: str | None) -> None:
    """Refuse an author or date Word would reject or misread in every revision."""
    import datetime as dt

    from .arguments import plain_text
    from .errors import BoardpaperError, Location

    for value, where in ((author, "--author"), (date, "--date")):
        if value is not None:
            plain_text(value, where)
    if date is not None:
        try:
            dt.datetime.fromisoformat(date.replace("Z", "+00:00"))
        except ValueError:
            raise BoardpaperError(
                f"not a date and time: {date[:40]!r}",
                Location("--date"),
                "write it as ISO 8601, like 2022-05-10T09:00:00Z",
            ) from None
    if author is not None and not (0 < len(author.strip()) <= 255):
        raise BoardpaperError(
            "the author must be a name of 1 to 255 characters", Location("--author")
        )


@dataclass
class Reviewed:
    """What `review` found and, with apply, did."""

    changes: list  # the tracked changes and comments, as marked up in the file
    applied: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # differences to apply (without --apply)
    backup: str | None = None
    comments_file: str | None = None
    notes: list[str] = field(default_factory=list)


def review(reviewed: Path, folder: Path, apply: bool = False) -> Reviewed:
    """Read a reviewer's .docx against the draft it carries and the paper in `folder`;
    with `apply`, write every difference into paper.yaml or name it as a conflict.

    After applying, the plan is made again from the new YAML: anything it would still
    change was not applied, and is a conflict. Edits that would leave a paper that does
    not build are undone, each named with the build's error, and the rest kept
    (review/rollback.py).

    A file built from another paper, or with no draft, is refused before anything is
    written (review/identity.py).

    The file is opened, and held to review's bounds (review/bounds.py), before the
    paper is built; every step after is linear in it, its comparisons bounded
    (review/matching.py)."""
    from .errors import BoardpaperError
    from .review.apply import Outcome, apply_plan, write_review_file
    from .review.identity import check
    from .review.merge import plan
    from .review.opened import Opened
    from .review.read import read, read_package
    from .review.rollback import keep_what_builds

    folder, reviewed = Path(folder), Path(reviewed)
    package = Opened(reviewed)
    prepared = prepare(folder)
    ours = _units(prepared)
    unknown = check(package, prepared.source.name, [(u.kind, u.key, u.text) for u in ours])
    found = read(package, prepared.paper)
    base, theirs, note = read_package(package, lambda: _draft_now(prepared, folder))
    del package  # its parsed parts are no longer needed
    result = Reviewed(found.changes, notes=[n for n in (unknown, note) if n])
    frameworks = _frameworks(prepared, folder)
    first = plan(base, theirs, ours, frameworks)
    if not apply:
        result.pending, result.conflicts = first.applied, first.conflicts
        return result
    outcome = Outcome(list(first.applied), list(first.conflicts))
    outcome.backup = apply_plan(first, Path(prepared.source.path))
    if outcome.backup is not None:
        try:
            again = plan(base, theirs, _units(prepare(folder)), frameworks)
        except BoardpaperError as exc:
            path = Path(prepared.source.path)
            built = keep_what_builds(
                first, path, outcome.backup, lambda: _units(prepare(folder)), outcome, exc.render()
            )
            again = plan(base, theirs, _units(prepare(folder)), frameworks) if built else None
        if again is not None:
            named = set(outcome.conflicts)
            left = [f"not applied: {line}" for line in again.applied]
            left = [line for line in left if not any(c.startswith(line[13:]) for c in named)]
            if again.applied:
                done = set(again.applied)
                outcome.applied = [a for a in outcome.applied if a not in done]
            outcome.conflicts += left + [c for c in again.conflicts if c not in named]
    write_review_file(found, folder, reviewed, outcome)
    result.applied, result.conflicts = outcome.applied, outcome.conflicts
    result.backup, result.comments_file = outcome.backup, outcome.comments_file
    return result


def _units(prepared):
    from .narrative.units import units

    return units(prepared.source, prepared.paper, renderer(prepared))


def _frameworks(prepared, folder: Path) -> dict[int, str]:
    """The file of each KPI framework set out in the body, by block, as paper.yaml's
    folder sees it (review's conflicts name it)."""
    import os

    from .content.model import FrameworkText

    return {
        n: os.path.relpath(block.framework.path, folder)
        for n, block in enumerate(prepared.source.blocks)
        if isinstance(block, FrameworkText)
    }


def _draft_now(prepared, folder: Path) -> bytes:
    """The Word file of the paper as it is now (for a reviewed file that carries no draft)."""
    from .pipeline import options

    opts = options(prepared, folder)
    return opts.output(prepared.paper, "docx").files[f"{prepared.paper.name}.docx"]


def renderer(prepared):
    """(text, location, paragraph id, notes) → (inlines, source map): any text of the
    paper printed as the narrative stage prints it."""
    from .narrative.build import text_renderer

    return text_renderer(prepared.source, prepared.resolver)
