"""`boardpaper redline`: a new draft as tracked changes against an old one."""

from __future__ import annotations

from pathlib import Path

from ..arguments import template
from ..errors import EXIT_OK
from . import Command


def _redline(args) -> int:
    """show a new draft as tracked changes against an old one

    Write NEW in the SPCB layout with every change since OLD as a tracked change
    (Word revisions): words inserted and deleted, paragraphs added and removed,
    figures that changed. OLD and NEW are paper folders; with --since, OLD is NEW's
    folder at a git revision."""
    import tempfile

    from .. import reviewing
    from ..errors import BoardpaperError as Err

    if args.since:
        if len(args.papers) != 1:
            raise Err("with --since, name one paper: boardpaper redline PAPER --since REV -o X")
        from ..review.gitrev import checkout

        with tempfile.TemporaryDirectory(prefix="boardpaper-") as tmp:
            old = checkout(args.papers[0], args.since, Path(tmp))
            _, count = reviewing.redline(
                old, args.papers[0], args.output, args.author, args.date, args.template
            )
    else:
        if len(args.papers) != 2:
            raise Err("name two papers: boardpaper redline OLD NEW -o X (or NEW --since REV)")
        _, count = reviewing.redline(
            args.papers[0], args.papers[1], args.output, args.author, args.date, args.template
        )
    print(f"wrote {args.output} ({count} tracked change{'s' if count != 1 else ''})")
    return EXIT_OK


def _redline_arguments(parser) -> None:
    parser.add_argument(
        "papers", nargs="+", type=Path, metavar="PAPER", help="OLD NEW, or NEW with --since"
    )
    parser.add_argument("--since", metavar="REV", help="compare with NEW as it was at git REV")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DOCX")
    parser.add_argument(
        "--author", default=None, help="author of the changes (default: boardpaper)"
    )
    parser.add_argument(
        "--date", default=None, help="date of the changes, ISO 8601 (default: the meeting date)"
    )
    template(parser)


REDLINE = Command.of("redline", _redline, _redline_arguments)

COMMANDS = (REDLINE,)
