"""`boardpaper placeholders`, `measures` and `schema`: what a paper can name, what its
measures come to, and the JSON Schemas an editor uses."""

from __future__ import annotations

from pathlib import Path

from ..arguments import switch
from ..errors import EXIT_OK
from . import Command


def _placeholders(args) -> int:
    """list every placeholder field and filter, with examples from a paper's data

    Print the reference of placeholders as Markdown: every field of every kind of
    value and every filter, what it gives, and an example computed from the data of
    PAPER. docs/placeholders.md is this output for the May 2022 example."""
    from .. import pipeline

    print(pipeline.placeholder_reference(args.paper), end="")
    return EXIT_OK


def _measures(args) -> int:
    """print a paper's computed measures

    Print every measure of PAPER over its reporting year, the national baseline and
    the year before, with the change against the baseline."""
    from .. import pipeline

    print(pipeline.measures_table(args.paper, as_csv=args.csv), end="")
    return EXIT_OK


def _schema(args) -> int:
    """print the JSON Schema of paper.yaml, measures.yaml or a meeting file, for an editor

    Print the JSON Schema (draft-07) an editor's YAML support uses for completion,
    hover help and errors as you type; schemas/*.schema.json are this output."""
    from ..errors import BoardpaperError, Location
    from ..jsonschemas import render

    if args.paper is not None and args.which != "paper":
        raise BoardpaperError(
            f"PAPER is for the schema of paper.yaml, not of {args.which}", Location("schema")
        )
    print(render(args.which, args.paper), end="")
    return EXIT_OK


def _placeholders_arguments(parser) -> None:
    parser.add_argument("paper", type=Path, metavar="PAPER")


PLACEHOLDERS = Command.of("placeholders", _placeholders, _placeholders_arguments)


def _measures_arguments(parser) -> None:
    parser.add_argument("paper", type=Path, metavar="PAPER")
    switch(parser, "--csv", help="print CSV instead of a table")


MEASURES = Command.of("measures", _measures, _measures_arguments)


def _schema_arguments(parser) -> None:
    parser.add_argument("which", choices=("paper", "measures", "meeting"))
    parser.add_argument(
        "paper",
        nargs="?",
        type=Path,
        metavar="PAPER",
        help="a paper folder: paper.yaml's schema names its measures and their fields",
    )


SCHEMA = Command.of("schema", _schema, _schema_arguments)

COMMANDS = (
    PLACEHOLDERS,
    MEASURES,
    SCHEMA,
)
