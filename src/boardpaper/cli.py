"""The command line: parse arguments (`arguments`: the parser and the checks of every
value typed), call the pipeline, report.

A `BoardpaperError` becomes one line `file:line:col: error: message` on
stderr and exit status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import fsutil, interrupts
from .errors import EXIT_ERROR, EXIT_OK, EXIT_WARNINGS, BoardpaperError

#: the outputs that workers of `build -j` wrote whole in this run (an interrupted run says so)
_written_by_workers: list[str] = []


def _build_one(folder, output, template, pack, html=False, from_snapshot=False) -> dict:
    """One paper (in this process or a worker): what it wrote, as plain data."""
    from . import pipeline

    built = pipeline.build(
        folder, output, template, pack=pack, html=html, from_snapshot=from_snapshot
    )
    return {
        "paper": str(folder),
        "outputs": [str(p) for p in built.outputs],
        "notes": built.notes,
        "shortfalls": built.shortfalls,
        "template": built.template,
    }


def _build(args) -> int:
    import json

    from .fsutil import make_folder

    # the output folder is made (or refused: a file, a place not writable) before any work
    make_folder(args.output, "name a folder with -o")
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
        report(
            _build_one(folder, args.output, args.template, args.pack, args.html, args.from_snapshot)
        )

    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    if jobs > 1 and len(args.papers) > 1:
        _build_in_workers(args, min(jobs, len(args.papers)), report)
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


def _build_in_workers(args, workers: int, report) -> None:
    """`build -j`: the papers in worker processes, reported in the order given. The first
    error (or Ctrl-C) stops the run: no paper is begun after it, and those being built
    finish (each is written all or none), so no worker is stopped halfway."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_signals)
    futures = []
    try:
        for folder in args.papers:
            futures.append(
                pool.submit(
                    _build_one,
                    *(folder, args.output, args.template, args.pack, args.html),
                    args.from_snapshot,
                )
            )
        for future in futures:
            report(future.result())
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        for future in futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                _written_by_workers.extend(future.result()["outputs"])
        raise
    pool.shutdown()


def _worker_signals() -> None:
    """In a worker of `build -j`: Ctrl-C (sent by the terminal to every process of the
    job) is the parent's to handle, and SIGTERM ends the worker as usual (held off while
    it puts files in place)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _no_collisions(papers, output) -> None:
    """Refuse papers whose outputs would have the same names in one folder (two folders
    both called 2022-05-report): the second would overwrite the first. Every output's name
    begins with the paper's folder name; names that differ only in case are the same
    file on the file systems of Windows and macOS."""
    seen: dict[str, Path] = {}
    for folder in papers:
        path = Path(folder).resolve()
        name = path.name.casefold()
        if name in seen and seen[name] != path:
            raise BoardpaperError(
                f"two papers are named '{path.name}' ({seen[name]} and {folder}); their "
                f"outputs would overwrite each other in {output}",
                hint="build them into different folders with -o",
            )
        seen[name] = path


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

    written, warnings = build_meeting(
        args.file, args.output, html=args.html, progress=lambda line: print(line, flush=True)
    )
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


def _schema(args) -> int:
    from .jsonschemas import render

    print(render(args.which), end="")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    import warnings

    # libraries' warnings (numpy's overflow, openpyxl's styles) are not the user's business:
    # what matters reaches them as one error line
    warnings.simplefilter("ignore")
    fsutil.committed.clear()
    _written_by_workers.clear()
    previous = interrupts.install()
    unraisable = sys.unraisablehook  # an interrupt in a callback is not reported: noted
    sys.unraisablehook = lambda u: isinstance(u.exc_value, KeyboardInterrupt) or unraisable(u)
    try:
        from .arguments import check_text, parser

        args = parser().parse_args(argv)
        check_text(args)
        commands = {
            "build": _build,
            "measures": _measures,
            "schema": _schema,
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
        print(_stopped() if interrupts.stopping else exc.render(), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `boardpaper measures PAPER | head`: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: outputs are put in place all at once
        print(_stopped(), file=sys.stderr)
        return EXIT_ERROR
    except Exception:
        if not interrupts.stopping:
            raise  # a bug: its traceback is kept
        # the interrupt came where a library turned it into another error (importlib's
        # module locks): the run was stopped all the same
        print(_stopped(), file=sys.stderr)
        return EXIT_ERROR
    finally:
        sys.unraisablehook = unraisable
        interrupts.restore(previous, ending=argv is None)  # run as the command: it ends


def _stopped() -> str:
    """The line of a run stopped by Ctrl-C or SIGTERM: what it had written whole, if any
    (a signal that came while files were put in place takes effect once they are)."""
    written = list(dict.fromkeys([*map(str, fsutil.committed), *_written_by_workers]))
    if not written:
        return "boardpaper: error: stopped; the outputs are as they were before this run"
    count = f"{len(written)} output{'s' if len(written) != 1 else ''}"
    return (
        f"boardpaper: error: stopped; {count} had been written whole (the last {written[-1]}), "
        "the others are as they were before this run"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
