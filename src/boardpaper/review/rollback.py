"""Edits that would stop the paper building are undone one by one, the rest kept.

review --apply writes the whole plan first. If the paper then does not build, the
edits the reviewer typed (changed texts and new paragraphs: `Edit.what`,
`Insert.what`) are tried again one at a time on paper.yaml as it was, each kept if the
paper still builds with it and the ones kept before, else named with the build's
error. The other actions (deletions, moves, footnotes, links, heading levels) are
kept with every try. At most MAX_TRIES rebuilds: a plan with more typed edits than
that is rolled back whole, as is one that does not build even without them.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from .apply import Outcome, apply_plan
from .plans import Plan

MAX_TRIES = 20  # rebuilds spent finding the edits that break the build


def keep_what_builds(
    plan: Plan, path: Path, backup: str, check, outcome: Outcome, error: str
) -> bool:
    """`plan` was written into `path` (its backup at `backup`) and `check()` raised a
    BoardpaperError (`error`, rendered). Keep what builds; name what does not in
    `outcome`. Returns whether anything of the plan is left in paper.yaml."""
    from ..errors import BoardpaperError

    suspects = [e for e in plan.edits if e.what] + [i for i in plan.inserts if i.what]
    undone: list[tuple[object, str]] = []
    kept: list = []
    if 0 < len(suspects) <= MAX_TRIES:
        for suspect in suspects:
            try:
                _write(plan, [*kept, suspect], path, backup)
                check()
            except BoardpaperError as exc:
                undone.append((suspect, exc.render()))
            else:
                kept.append(suspect)
        try:
            _write(plan, kept, path, backup)
            check()
        except BoardpaperError:
            undone = []  # the rest does not build either
    if not undone:
        shutil.copyfile(backup, path)
        outcome.conflicts = [
            f"the changes would leave a paper that does not build ({error}); "
            "paper.yaml is as it was",
            *outcome.conflicts,
        ]
        outcome.applied = []
        return False
    gone = {suspect.what for suspect, _ in undone}
    outcome.applied = [a for a in outcome.applied if a not in gone]
    outcome.conflicts = [
        f"{suspect.what}: not applied, as the paper would not build with it ({error})"
        for suspect, error in undone
    ] + outcome.conflicts
    return True


def _write(plan: Plan, chosen: list, path: Path, backup: str) -> None:
    """paper.yaml as it was, with `plan` less the typed edits not `chosen`."""
    ids = {id(c) for c in chosen}
    shutil.copyfile(backup, path)
    part = replace(
        plan,
        edits=[e for e in plan.edits if not e.what or id(e) in ids],
        inserts=[i for i in plan.inserts if not i.what or id(i) in ids],
    )
    apply_plan(part, path, backup=False)
