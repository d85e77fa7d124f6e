"""The command line's arguments: the parser, and the one check of every value typed.

Every error here is one line `OPTION: error: MESSAGE` and exit status 2, like any other
user error: argparse's own (a missing argument, an unknown option) included. Every
number is read by `number` (finite, within bounds: `--interval inf` or `-j -1` would
hang or spin); every text value of every command (an author, a date, a revision) by
`check_text`, whichever option it came from (a control character would break the XML of
a Word file, or a line printed to the terminal).
"""

from __future__ import annotations

import argparse
import math
import re
import unicodedata
from pathlib import Path

from . import __version__
from .errors import BoardpaperError, Location, shown


class OneLineParser(argparse.ArgumentParser):
    """argparse, its errors raised as a `BoardpaperError` (one line, exit status 2)
    instead of the usage text and the message."""

    def error(self, message: str):
        where = self.prog
        found = re.match(r"argument (-[^:]+): (.*)", message, re.S)
        if found:  # "argument -j/--jobs: …": the error is at the option
            where, message = found.group(1).split("/")[-1], found.group(2)
        raise BoardpaperError(message, Location(where), f"see '{self.prog} --help'")


def number(kind: type, low: float, high: float, unit: str = ""):
    """An argparse type: a number of `kind` (int or float) from `low` to `high`. Infinity,
    NaN and values out of bounds are refused with the bounds named."""
    whole = "whole " if kind is int else ""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not (math.isfinite(value) and low <= value <= high):
            raise argparse.ArgumentTypeError(
                f"{shown(text)} is not a {whole}number {unit}{' ' if unit else ''}"
                f"from {low:g} to {high:g}"
            )
        return value

    parse.__name__ = kind.__name__
    return parse


def check_text(args: argparse.Namespace) -> None:
    """Refuse a text value of any option or argument that is not a path (`plain_text`)."""
    for dest, value in vars(args).items():
        if isinstance(value, str):
            plain_text(value, f"--{dest.replace('_', '-')}")


def plain_text(value: str, where: str) -> None:
    """Refuse a value typed on the command line that holds a control character, or a
    character that is not text (bytes of argv that are not UTF-8 arrive as lone
    surrogates): no value of boardpaper is meant to hold one, and in a Word file (an
    author's name) it is not even XML. The one rule for every typed value."""
    for char in value:
        kind = unicodedata.category(char)
        if kind in ("Cc", "Cs") or char in "\ufffe\uffff":
            what = (
                "is not text (the value is not UTF-8)"
                if kind == "Cs"
                else "is a control character, which no value of boardpaper may hold"
            )
            raise BoardpaperError(
                f"character U+{ord(char):04X} {what}",
                Location(where),
                "type the value again without it",
            )


#: each command's one line in `boardpaper --help`, and the description of its own --help
COMMANDS: dict[str, tuple[str, str]] = {
    "build": (
        "build papers into Word files",
        "Build each PAPER folder (holding paper.yaml) into OUT/<paper>.docx.",
    ),
    "redline": (
        "show a new draft as tracked changes against an old one",
        "Write NEW in the SPCB layout with every change since OLD as a tracked "
        "change (Word revisions): words inserted and deleted, paragraphs added "
        "and removed, figures that changed. OLD and NEW are paper folders; with "
        "--since, OLD is NEW's folder at a git revision.",
    ),
    "review": (
        "read a reviewer's tracked changes and comments back",
        "List every tracked insertion, deletion and comment in REVIEWED (a .docx "
        "saved by Word or LibreOffice), placed on the paragraphs of the paper in "
        "--content. With --apply, write the accepted text changes into "
        "paper.yaml (after a backup) and the comments into a review file.",
    ),
    "new": (
        "start next quarter's paper from this quarter's",
        "Copy the paper in OLD to NEW with its narrative and placeholders, move "
        "its reporting period to --period (and the meeting on by as many months, "
        "or to --meeting), and list every paragraph whose figures change, old → "
        "new, so the author knows what to reread.",
    ),
    "watch": (
        "rebuild a paper on every save",
        "Build PAPER, then rebuild it whenever paper.yaml, its measures, data, "
        "framework or template is saved, and say which paragraphs and figures "
        "changed. Stop with Ctrl-C.",
    ),
    "check": (
        "validate a paper and check its prose and accessibility",
        "Do everything a build does without writing anything: validate the YAML, "
        "the data coverage of every window and every placeholder. Then warn where "
        "the prose contradicts a figure and where the files would fail the "
        "accessibility rules. Exit status: 0 clean, 1 warnings with --strict, "
        "2 errors.",
    ),
    "meeting": (
        "build a board meeting: the agenda and one pack of every item's paper",
        "boardpaper meeting build MEETING.yaml [-o DIR]: write "
        "DIR/<date>-agenda.docx and DIR/<date>-pack.pdf: a cover, the agenda (with the page "
        "where each paper starts), then each item's paper and appendices, one accessible PDF. "
        "Exit status 1 when a paper given as PDF has no tags (written, with a warning).",
    ),
    "placeholders": (
        "list every placeholder field and filter, with examples from a paper's data",
        "Print the reference of placeholders as Markdown: every field of every "
        "kind of value and every filter, what it gives, and an example computed from the data "
        "of PAPER. docs/placeholders.md is this output for the May 2022 example.",
    ),
    "measures": (
        "print a paper's computed measures",
        "Print every measure of PAPER over its reporting year, the national "
        "baseline and the year before, with the change against the baseline.",
    ),
    "schema": (
        "print the JSON Schema of paper.yaml or measures.yaml, for an editor",
        "Print the JSON Schema (draft-07) an editor's YAML support uses for "
        "completion, hover help and errors as you type; schemas/*.schema.json are this output.",
    ),
}


def parser() -> argparse.ArgumentParser:
    """The parser of every command; its errors are one line (`OneLineParser`)."""
    parser = OneLineParser(
        prog="boardpaper",
        description="Build Strategic Policing and Crime Board papers from YAML and data.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""examples:
  boardpaper build content/2022-05-performance-report        the paper, audit trail, appendices
  boardpaper build --pack content/2022-05-performance-report … and the board pack (LibreOffice)
  boardpaper check --strict content/2022-05-performance-report
  boardpaper new content/2022-05-performance-report content/2022-08-performance-report \\
      --period 2022-06
  boardpaper redline OLD NEW -o redline.docx
  boardpaper review reviewed.docx --content content/2022-05-performance-report --apply

exit status: 0 done; 1 warnings (check --strict), review conflicts, or an output not
made fully (build --pack, meeting build: said in a warning); 2 errors, each
reported as one line FILE:LINE:COL: error: MESSAGE.  'boardpaper COMMAND --help' for more.""",
    )
    parser.add_argument("--version", action="version", version=f"boardpaper {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = _command(sub, "build")
    build.add_argument("papers", nargs="+", type=Path, metavar="PAPER")
    _output(build, "folder for the outputs (default: output)")
    _template(build, "Word template (default: templates/spcb-paper.docx)")
    _switch(
        build,
        "--pack",
        help="also build OUT/<paper>-pack.pdf: the paper as PDF (LibreOffice) "
        "followed by its appendices",
    )
    _switch(
        build,
        "--html",
        help="also build OUT/<paper>.html: the paper as one accessible, self-contained page",
    )
    _switch(
        build,
        "--from-snapshot",
        help="read each SQL source (data: sources:) from the snapshot a build left in the "
        "output folder (OUT/<paper>.sql-N.csv and .json), not from its database",
    )
    _switch(build, "-q", "--quiet", help="print errors only")
    _switch(build, "--json", help="print what was written as JSON (for scripts)")
    build.add_argument(
        "-j",
        "--jobs",
        type=number(int, 0, 64),
        default=1,
        metavar="N",
        help="build N papers at once (default 1; 0: one per core; at most 64)",
    )
    red = _command(sub, "redline")
    red.add_argument(
        "papers", nargs="+", type=Path, metavar="PAPER", help="OLD NEW, or NEW with --since"
    )
    red.add_argument("--since", metavar="REV", help="compare with NEW as it was at git REV")
    red.add_argument("-o", "--output", type=Path, required=True, metavar="DOCX")
    red.add_argument("--author", default=None, help="author of the changes (default: boardpaper)")
    red.add_argument(
        "--date", default=None, help="date of the changes, ISO 8601 (default: the meeting date)"
    )
    _template(red)
    rev = _command(sub, "review")
    rev.add_argument("reviewed", type=Path, metavar="REVIEWED")
    rev.add_argument(
        "--content",
        type=Path,
        required=True,
        metavar="PAPER",
        help="the paper folder the reviewed file was built from",
    )
    _switch(rev, "--json", help="print JSON instead of a table")
    _switch(rev, "--apply", help="write accepted changes into the YAML (figures are never changed)")
    roll = _command(sub, "new")
    roll.add_argument("old", type=Path, metavar="OLD")
    roll.add_argument("new", type=Path, metavar="NEW")
    roll.add_argument(
        "--period",
        required=True,
        metavar="YYYY-MM",
        help="the last month of the new reporting year",
    )
    roll.add_argument("--meeting", metavar="YYYY-MM[-DD]", help="the new meeting date")
    _output(
        roll,
        "where the old paper was built: its figures.csv shows what the data has "
        "revised since (default: output)",
    )
    wat = _command(sub, "watch")
    wat.add_argument("paper", type=Path, metavar="PAPER")
    _output(wat)
    _template(wat)
    wat.add_argument(
        "--interval",
        type=number(float, 0.05, 3600, "of seconds"),
        default=0.4,
        metavar="SECONDS",
        help="how often to look for saved files (default: 0.4; 0.05 to 3600)",
    )
    chk = _command(sub, "check")
    chk.add_argument("papers", nargs="+", type=Path, metavar="PAPER")
    _switch(chk, "--strict", help="warnings make the exit status 1")
    _switch(chk, "--json", help="print the findings as JSON")
    _template(chk)
    meet = _command(sub, "meeting")
    meet.add_argument("action", choices=["build"])
    meet.add_argument("file", type=Path, metavar="MEETING.yaml")
    _output(meet)
    _switch(
        meet,
        "--html",
        help="also write DIR/<date>.html: the agenda on the web, linking each paper's page",
    )
    ref = _command(sub, "placeholders")
    ref.add_argument("paper", type=Path, metavar="PAPER")
    measures = _command(sub, "measures")
    measures.add_argument("paper", type=Path, metavar="PAPER")
    _switch(measures, "--csv", help="print CSV instead of a table")
    schema = _command(sub, "schema")
    schema.add_argument("which", choices=("paper", "measures"))
    return parser


def _output(command: argparse.ArgumentParser, help: str | None = None) -> None:
    """-o/--output DIR, the folder of a command's outputs (default: output)."""
    command.add_argument(
        "-o", "--output", type=Path, default=Path("output"), metavar="DIR", help=help
    )


def _template(command: argparse.ArgumentParser, help: str = "Word template") -> None:
    """--template DOCX, the Word template a command builds with."""
    command.add_argument("--template", type=Path, metavar="DOCX", help=help)


def _switch(command: argparse.ArgumentParser, *flags: str, help: str) -> None:
    """An option that is on or off (--json, --html, --strict …)."""
    command.add_argument(*flags, action="store_true", help=help)


def _command(sub, name: str) -> argparse.ArgumentParser:
    """The parser of command `name`, with its help and description from `COMMANDS`."""
    help, description = COMMANDS[name]
    return sub.add_parser(name, help=help, description=description)
