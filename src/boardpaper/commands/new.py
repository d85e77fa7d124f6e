"""`boardpaper new`: next period's paper from this one's (rolling.py)."""

from __future__ import annotations

from pathlib import Path

from ..arguments import output
from ..errors import EXIT_OK
from . import Command


def _new(args) -> int:
    """start next quarter's paper from this quarter's

    Copy the paper in OLD to NEW with its narrative and placeholders, move its
    reporting period to --period (and the meeting on by as many months, or to
    --meeting), and list every paragraph whose figures change, old → new, so the
    author knows what to reread."""
    from .. import rolling

    rolled = rolling.new_paper(args.old, args.new, args.period, args.meeting, args.output)
    print(f"wrote {rolled.folder} (period {rolled.period}, meeting {rolled.meeting})")
    if rolled.kept:
        print(
            f"kept {rolled.audit} as {rolled.folder / rolled.kept} (data: previous:): its "
            "builds, in any folder, name the figures the data restates since"
        )
    if not rolled.changed:
        print("no figure changes")
    for number, para_id, moved in rolled.changed:
        print(f"¶{number} {para_id}:")
        for expression, old, new in moved:
            print(f"    {{{{ {expression} }}}}: {old} → {new}")
    if rolled.fixed:
        print("fixed dates, kept as written (they do not move with the period: reread them):")
        for where, expression, dates in rolled.fixed:
            print(f"    {where} {{{{ {expression} }}}}: {dates}")
    if rolled.audit is None:
        print(
            f"revisions: not known (no audit trail of the old paper in {args.output}; "
            "build it there first, or name its folder with -o)"
        )
    elif rolled.revised is None:
        print(
            f"revisions: not known (the old paper does not build whole with the data now, "
            f"so it cannot be compared with {rolled.audit})"
        )
    elif rolled.revised:
        print(f"revised since {rolled.audit} was written (the same months, data restated):")
        for where, expression, window, was, now in rolled.revised:
            print(f"    {where} {{{{ {expression} }}}} ({window}): {was} → {now}")
    else:
        print(f"revisions: none since {rolled.audit} was written")
    return EXIT_OK


def _new_arguments(parser) -> None:
    parser.add_argument("old", type=Path, metavar="OLD")
    parser.add_argument("new", type=Path, metavar="NEW")
    parser.add_argument(
        "--period",
        required=True,
        metavar="YYYY-MM",
        help="the last month of the new reporting year",
    )
    parser.add_argument("--meeting", metavar="YYYY-MM[-DD]", help="the new meeting date")
    output(
        parser,
        "where the old paper was built: its figures.csv shows what the data has "
        "revised since (default: output)",
    )


NEW = Command.of("new", _new, _new_arguments)

COMMANDS = (NEW,)
