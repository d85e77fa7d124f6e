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

    old, new = prepare(Path(old_folder)).paper, prepare(Path(new_folder)).paper
    when = date or f"{new.meta.date}T00:00:00Z"
    marked = mark(old, new, Revision(author or "boardpaper", when))
    template_bytes, template_name = find_template(Path(new_folder), template)
    written = writer("docx")(marked, Options(template_bytes, template_name))
    write_atomic(Path(target), written.files[f"{marked.name}.docx"])
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

    prepared = prepare(Path(folder))
    found = read(Path(reviewed), prepared.paper)
    result = Reviewed(found.changes)
    if apply:
        from .review.apply import apply_review

        outcome = apply_review(found, prepared.source, Path(reviewed), renderer(prepared))
        result.applied, result.conflicts = outcome.applied, outcome.conflicts
        result.backup, result.comments_file = outcome.backup, outcome.comments_file
    return result


def renderer(prepared):
    """(text, paragraph) → (inlines, source map), as the narrative stage prints a paragraph."""
    from .narrative.build import paragraph_renderer

    return paragraph_renderer(prepared.source, prepared.resolver)
