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
    build = sub.add_parser(
        "build",
        help="build papers into Word files",
        description="Build each PAPER folder (holding paper.yaml) into OUT/<paper>.docx.",
    )
    build.add_argument("papers", nargs="+", type=Path, metavar="PAPER")
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("output"),
        metavar="DIR",
        help="folder for the outputs (default: output)",
    )
    build.add_argument(
        "--template",
        type=Path,
        metavar="DOCX",
        help="Word template (default: templates/spcb-paper.docx)",
    )
    build.add_argument(
        "--pack",
        action="store_true",
        help="also build OUT/<paper>-pack.pdf: the paper as PDF (LibreOffice) "
        "followed by its appendices",
    )
    build.add_argument(
        "--html",
        action="store_true",
        help="also build OUT/<paper>.html: the paper as one accessible, self-contained page",
    )
    build.add_argument(
        "--from-snapshot",
        action="store_true",
        help="read each SQL source (data: sources:) from the snapshot a build left in the "
        "output folder (OUT/<paper>.sql-N.csv and .json), not from its database",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    build.add_argument(
        "--json", action="store_true", help="print what was written as JSON (for scripts)"
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=number(int, 0, 64),
        default=1,
        metavar="N",
        help="build N papers at once (default 1; 0: one per core; at most 64)",
    )
    red = sub.add_parser(
        "redline",
        help="show a new draft as tracked changes against an old one",
        description="Write NEW in the SPCB layout with every change since OLD as a tracked "
        "change (Word revisions): words inserted and deleted, paragraphs added "
        "and removed, figures that changed. OLD and NEW are paper folders; with "
        "--since, OLD is NEW's folder at a git revision.",
    )
    red.add_argument(
        "papers", nargs="+", type=Path, metavar="PAPER", help="OLD NEW, or NEW with --since"
    )
    red.add_argument("--since", metavar="REV", help="compare with NEW as it was at git REV")
    red.add_argument("-o", "--output", type=Path, required=True, metavar="DOCX")
    red.add_argument("--author", default=None, help="author of the changes (default: boardpaper)")
    red.add_argument(
        "--date", default=None, help="date of the changes, ISO 8601 (default: the meeting date)"
    )
    red.add_argument("--template", type=Path, metavar="DOCX", help="Word template")
    rev = sub.add_parser(
        "review",
        help="read a reviewer's tracked changes and comments back",
        description="List every tracked insertion, deletion and comment in REVIEWED (a .docx "
        "saved by Word or LibreOffice), placed on the paragraphs of the paper in "
        "--content. With --apply, write the accepted text changes into "
        "paper.yaml (after a backup) and the comments into a review file.",
    )
    rev.add_argument("reviewed", type=Path, metavar="REVIEWED")
    rev.add_argument(
        "--content",
        type=Path,
        required=True,
        metavar="PAPER",
        help="the paper folder the reviewed file was built from",
    )
    rev.add_argument("--json", action="store_true", help="print JSON instead of a table")
    rev.add_argument(
        "--apply",
        action="store_true",
        help="write accepted changes into the YAML (figures are never changed)",
    )
    roll = sub.add_parser(
        "new",
        help="start next quarter's paper from this quarter's",
        description="Copy the paper in OLD to NEW with its narrative and placeholders, move "
        "its reporting period to --period (and the meeting on by as many months, "
        "or to --meeting), and list every paragraph whose figures change, old → "
        "new, so the author knows what to reread.",
    )
    roll.add_argument("old", type=Path, metavar="OLD")
    roll.add_argument("new", type=Path, metavar="NEW")
    roll.add_argument(
        "--period",
        required=True,
        metavar="YYYY-MM",
        help="the last month of the new reporting year",
    )
    roll.add_argument("--meeting", metavar="YYYY-MM[-DD]", help="the new meeting date")
    roll.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("output"),
        metavar="DIR",
        help="where the old paper was built: its figures.csv shows what the data has "
        "revised since (default: output)",
    )
    wat = sub.add_parser(
        "watch",
        help="rebuild a paper on every save",
        description="Build PAPER, then rebuild it whenever paper.yaml, its measures, data, "
        "framework or template is saved, and say which paragraphs and figures "
        "changed. Stop with Ctrl-C.",
    )
    wat.add_argument("paper", type=Path, metavar="PAPER")
    wat.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR")
    wat.add_argument("--template", type=Path, metavar="DOCX", help="Word template")
    wat.add_argument(
        "--interval",
        type=number(float, 0.05, 3600, "of seconds"),
        default=0.4,
        metavar="SECONDS",
        help="how often to look for saved files (default: 0.4; 0.05 to 3600)",
    )
    chk = sub.add_parser(
        "check",
        help="validate a paper and check its prose and accessibility",
        description="Do everything a build does without writing anything: validate the YAML, "
        "the data coverage of every window and every placeholder. Then warn where "
        "the prose contradicts a figure and where the files would fail the "
        "accessibility rules. Exit status: 0 clean, 1 warnings with --strict, "
        "2 errors.",
    )
    chk.add_argument("papers", nargs="+", type=Path, metavar="PAPER")
    chk.add_argument("--strict", action="store_true", help="warnings make the exit status 1")
    chk.add_argument("--json", action="store_true", help="print the findings as JSON")
    chk.add_argument("--template", type=Path, metavar="DOCX", help="Word template")
    meet = sub.add_parser(
        "meeting",
        help="build a board meeting: the agenda and one pack of every item's paper",
        description="boardpaper meeting build MEETING.yaml [-o DIR]: write "
        "DIR/<date>-agenda.docx and DIR/<date>-pack.pdf: a cover, the agenda (with the page "
        "where each paper starts), then each item's paper and appendices, one accessible PDF. "
        "Exit status 1 when a paper given as PDF has no tags (written, with a warning).",
    )
    meet.add_argument("action", choices=["build"])
    meet.add_argument("file", type=Path, metavar="MEETING.yaml")
    meet.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR")
    meet.add_argument(
        "--html",
        action="store_true",
        help="also write DIR/<date>.html: the agenda on the web, linking each paper's page",
    )
    ref = sub.add_parser(
        "placeholders",
        help="list every placeholder field and filter, with examples from a paper's data",
        description="Print the reference of placeholders as Markdown: every field of every "
        "kind of value and every filter, what it gives, and an example computed from the data "
        "of PAPER. docs/placeholders.md is this output for the May 2022 example.",
    )
    ref.add_argument("paper", type=Path, metavar="PAPER")
    measures = sub.add_parser(
        "measures",
        help="print a paper's computed measures",
        description="Print every measure of PAPER over its reporting year, the national "
        "baseline and the year before, with the change against the baseline.",
    )
    measures.add_argument("paper", type=Path, metavar="PAPER")
    measures.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of paper.yaml or measures.yaml, for an editor",
        description="Print the JSON Schema (draft-07) an editor's YAML support uses for "
        "completion, hover help and errors as you type; schemas/*.schema.json are this output.",
    )
    schema.add_argument("which", choices=("paper", "measures"))
    return parser
