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


def host(text: str) -> str:
    """An argparse type: a host name or IP address to serve on (letters, digits, '.', '-',
    ':'; at most 253 characters)."""
    if not re.fullmatch(r"[A-Za-z0-9.:-]{1,253}", text) or text.startswith(("-", ".")):
        raise argparse.ArgumentTypeError(
            f"{shown(text)} is not a host name or IP address (such as 127.0.0.1)"
        )
    return text


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
    from .commands import commands

    for command in commands().values():
        command.arguments(
            sub.add_parser(command.name, help=command.help, description=command.description)
        )
    return parser


def output(command: argparse.ArgumentParser, help: str | None = None) -> None:
    """-o/--output DIR, the folder of a command's outputs (default: output)."""
    command.add_argument(
        "-o", "--output", type=Path, default=Path("output"), metavar="DIR", help=help
    )


def template(command: argparse.ArgumentParser, help: str = "Word template") -> None:
    """--template DOCX, the Word template a command builds with."""
    command.add_argument("--template", type=Path, metavar="DOCX", help=help)


def switch(command: argparse.ArgumentParser, *flags: str, help: str) -> None:
    """An option that is on or off (--json, --html, --strict …)."""
    command.add_argument(*flags, action="store_true", help=help)
