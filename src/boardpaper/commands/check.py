"""`boardpaper check`: a paper validated, its prose and accessibility checked."""

from __future__ import annotations

import sys
from pathlib import Path

from ..arguments import switch, template
from ..errors import EXIT_OK, EXIT_WARNINGS
from . import Command


def _check(args) -> int:
    """validate a paper and check its prose and accessibility

    Do everything a build does without writing anything: validate the YAML, the data
    coverage of every window and every placeholder. Then warn where the prose
    contradicts a figure and where the files would fail the accessibility rules.
    Exit status: 0 clean, 1 warnings with --strict, 2 errors."""
    import json

    from .. import checking

    findings = []
    for folder in args.papers:
        findings += checking.check(folder, args.template)
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            print(finding.render())
        papers = len(args.papers)
        print(
            f"{len(findings)} warning{'s' if len(findings) != 1 else ''} in {papers} "
            f"paper{'s' if papers != 1 else ''}",
            file=sys.stderr,
        )
    return EXIT_WARNINGS if findings and args.strict else EXIT_OK


def _check_arguments(parser) -> None:
    parser.add_argument("papers", nargs="+", type=Path, metavar="PAPER")
    switch(parser, "--strict", help="warnings make the exit status 1")
    switch(parser, "--json", help="print the findings as JSON")
    template(parser)


CHECK = Command.of("check", _check, _check_arguments)

COMMANDS = (CHECK,)
