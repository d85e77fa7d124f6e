"""`boardpaper review`: a reviewer's tracked changes and comments, listed or applied."""

from __future__ import annotations

from pathlib import Path

from ..arguments import switch
from ..errors import EXIT_OK, EXIT_WARNINGS
from . import Command


def _review(args) -> int:
    """read a reviewer's tracked changes and comments back

    List every tracked insertion, deletion and comment in REVIEWED (a .docx saved by
    Word or LibreOffice), placed on the paragraphs of the paper in --content. With
    --apply, write the accepted text changes into paper.yaml (after a backup) and
    the comments into a review file."""
    import json

    from .. import reviewing

    result = reviewing.review(args.reviewed, args.content, apply=args.apply)
    if args.json:
        print(
            json.dumps(
                {
                    "changes": [c.as_dict() for c in result.changes],
                    "applied": result.applied,
                    "to_apply": result.pending,
                    "conflicts": result.conflicts,
                    "backup": result.backup,
                    "comments_file": result.comments_file,
                    "notes": result.notes,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        from ..review.changes import table

        print(table(result.changes), end="")
        for line in result.notes:
            print(f"note: {line}")
        for line in result.pending:
            print(f"to apply: {line}")
        for line in result.applied:
            print(f"applied: {line}")
        for line in result.conflicts:
            print(f"conflict: {line}")
        if result.backup:
            print(f"backup: {result.backup}")
        if result.comments_file:
            print(f"comments: {result.comments_file}")
    # listing is always whole; applying is whole only when nothing was left out
    return EXIT_WARNINGS if args.apply and result.conflicts else EXIT_OK


def _review_arguments(parser) -> None:
    parser.add_argument("reviewed", type=Path, metavar="REVIEWED")
    parser.add_argument(
        "--content",
        type=Path,
        required=True,
        metavar="PAPER",
        help="the paper folder the reviewed file was built from",
    )
    switch(parser, "--json", help="print JSON instead of a table")
    switch(
        parser, "--apply", help="write accepted changes into the YAML (figures are never changed)"
    )


REVIEW = Command.of("review", _review, _review_arguments)

COMMANDS = (REVIEW,)
