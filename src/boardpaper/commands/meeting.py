"""`boardpaper meeting build`: the agenda and one pack of every item's paper."""

from __future__ import annotations

import sys
from pathlib import Path

from ..arguments import output, switch
from ..errors import EXIT_OK, EXIT_WARNINGS
from . import Command


def _meeting(args) -> int:
    """build a board meeting: the agenda and one pack of every item's paper

    boardpaper meeting build MEETING.yaml [-o DIR]: write DIR/<date>-agenda.docx and
    DIR/<date>-pack.pdf: a cover, the agenda (with the page where each paper
    starts), then each item's paper and appendices, one accessible PDF. Exit status
    1 when a paper given as PDF has no tags (written, with a warning)."""
    from ..meeting import build_meeting

    written, warnings = build_meeting(
        args.file, args.output, html=args.html, progress=lambda line: print(line, flush=True)
    )
    for path in written:
        print(f"wrote {path}")
    for warning in warnings:
        print(warning, file=sys.stderr)
    return EXIT_WARNINGS if warnings else EXIT_OK


def _meeting_arguments(parser) -> None:
    parser.add_argument("action", choices=["build"])
    parser.add_argument("file", type=Path, metavar="MEETING.yaml")
    output(parser)
    switch(
        parser,
        "--html",
        help="also write DIR/<date>.html: the agenda on the web, linking each paper's page",
    )


MEETING = Command.of("meeting", _meeting, _meeting_arguments)

COMMANDS = (MEETING,)
