"""The command line: parse arguments, call the pipeline, report.

A `BoardpaperError` becomes one line `file:line:col: error: message` on
stderr and exit status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import EXIT_ERROR, EXIT_OK, EXIT_WARNINGS, BoardpaperError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    build.add_argument(
        "--json", action="store_true", help="print what was written as JSON (for scripts)"
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="build N papers at once (default 1; 0: one per core)",
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
        type=float,
        default=0.4,
        metavar="SECONDS",
        help="how often to look for saved files (default: 0.4)",
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
    return parser


def _build_one(folder, output, template, pack, html=False) -> dict:
    """One paper (in this process or a worker): what it wrote, as plain data."""
    from . import pipeline

    built = pipeline.build(folder, output, template, pack=pack, html=html)
    return {
        "paper": str(folder),
        "outputs": [str(p) for p in built.outputs],
        "notes": built.notes,
        "shortfalls": built.shortfalls,
        "template": built.template,
    }


def _build(args) -> int:
    import json

    _no_collisions(args.papers, args.output)
    done = []

    def report(result: dict) -> None:
        done.append(result)
        for note in result["notes"]:
            print(f"boardpaper: note: {note}", file=sys.stderr)
        for shortfall in result["shortfalls"]:
            print(f"boardpaper: warning: {shortfall}", file=sys.stderr)
        if not (args.quiet or args.json):
            print(f"template: {result['template']}")
            for path in result["outputs"]:
                print(f"wrote {path}")

    def one(folder):
        report(_build_one(folder, args.output, args.template, args.pack, args.html))

    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    if jobs > 1 and len(args.papers) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs, len(args.papers))) as pool:
            futures = [
                pool.submit(_build_one, f, args.output, args.template, args.pack, args.html)
                for f in args.papers
            ]
            for future in futures:  # in the order given; the first error stops the run
                report(future.result())
    elif len(args.papers) > 1 and sys.stderr.isatty() and not (args.quiet or args.json):
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task("building", total=len(args.papers))
            for folder in args.papers:
                progress.update(task, description=f"building {folder.name}")
                one(folder)
                progress.advance(task)
    else:
        for folder in args.papers:
            one(folder)
    if args.json:
        print(json.dumps(done, indent=1))
    return EXIT_WARNINGS if any(r["shortfalls"] for r in done) else EXIT_OK


def _no_collisions(papers, output) -> None:
    """Refuse papers whose outputs would have the same names in one folder (two folders
    both called 2022-05-report): the second would overwrite the first."""
    seen: dict[str, Path] = {}
    for folder in papers:
        name = Path(folder).resolve().name
        if name in seen and seen[name] != Path(folder).resolve():
            raise BoardpaperError(
                f"two papers are named '{name}' ({seen[name]} and {folder}); their outputs "
                f"would overwrite each other in {output}",
                hint="build them into different folders with -o",
            )
        seen[name] = Path(folder).resolve()


def _redline(args) -> int:
    import tempfile

    from . import reviewing
    from .errors import BoardpaperError as Err

    if args.since:
        if len(args.papers) != 1:
            raise Err("with --since, name one paper: boardpaper redline PAPER --since REV -o X")
        from .review.gitrev import checkout

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


def _review(args) -> int:
    import json

    from . import reviewing

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
        from .review.changes import table

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


def _new(args) -> int:
    from . import rolling

    rolled = rolling.new_paper(args.old, args.new, args.period, args.meeting, args.output)
    print(f"wrote {rolled.folder} (period {rolled.period}, meeting {rolled.meeting})")
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


def _watch(args) -> int:
    import threading

    from .watch import watch

    stop = threading.Event()
    print(f"watching {args.paper} (Ctrl-C to stop)", flush=True)
    try:
        watch(
            args.paper,
            args.output,
            lambda line: print(line, flush=True),
            stop,
            args.template,
            args.interval,
        )
    except KeyboardInterrupt:
        print()
    return EXIT_OK


def _check(args) -> int:
    import json

    from . import checking

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


def _meeting(args) -> int:
    from .meeting import build_meeting

    written, warnings = build_meeting(args.file, args.output)
    for path in written:
        print(f"wrote {path}")
    for warning in warnings:
        print(warning, file=sys.stderr)
    return EXIT_WARNINGS if warnings else EXIT_OK


def _placeholders(args) -> int:
    from . import pipeline

    print(pipeline.placeholder_reference(args.paper), end="")
    return EXIT_OK


def _measures(args) -> int:
    from . import pipeline

    print(pipeline.measures_table(args.paper, as_csv=args.csv), end="")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    import signal
    import warnings

    args = _parser().parse_args(argv)
    # libraries' warnings (numpy's overflow, openpyxl's styles) are not the user's business:
    # what matters reaches them as one error line
    warnings.simplefilter("ignore")
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        commands = {
            "build": _build,
            "measures": _measures,
            "placeholders": _placeholders,
            "meeting": _meeting,
            "redline": _redline,
            "review": _review,
            "check": _check,
            "new": _new,
            "watch": _watch,
        }
        return commands[args.command](args)
    except BoardpaperError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `boardpaper measures PAPER | head`: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: outputs are put in place all at once
        print("boardpaper: stopped; the outputs are as they were before this run", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def _terminated(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
