"""`boardpaper build`: papers into their outputs, one after another or in worker
processes (`-j`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..arguments import number, output, switch, template
from ..errors import EXIT_OK, EXIT_WARNINGS, BoardpaperError
from . import Command

#: the outputs that workers of `build -j` wrote whole in this run (an interrupted run says so)
written_by_workers: list[str] = []


def _build_one(folder, output, template, pack, html=False, from_snapshot=False) -> dict:
    """One paper (in this process or a worker): what it wrote, as plain data."""
    from .. import pipeline

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
    """build papers into Word files

    Build each PAPER folder (holding paper.yaml) into OUT/<paper>.docx."""
    import json

    from ..fsutil import make_folder

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
                written_by_workers.extend(future.result()["outputs"])
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


def _build_arguments(parser) -> None:
    parser.add_argument("papers", nargs="+", type=Path, metavar="PAPER")
    output(parser, "folder for the outputs (default: output)")
    template(parser, "Word template (default: templates/spcb-paper.docx)")
    switch(
        parser,
        "--pack",
        help="also build OUT/<paper>-pack.pdf: the paper as PDF (LibreOffice) "
        "followed by its appendices",
    )
    switch(
        parser,
        "--html",
        help="also build OUT/<paper>.html: the paper as one accessible, self-contained page",
    )
    switch(
        parser,
        "--from-snapshot",
        help="read each SQL source (data: sources:) from the snapshot a build left in the "
        "output folder (OUT/<paper>.sql-N.csv and .json), not from its database",
    )
    switch(parser, "-q", "--quiet", help="print errors only")
    switch(parser, "--json", help="print what was written as JSON (for scripts)")
    parser.add_argument(
        "-j",
        "--jobs",
        type=number(int, 0, 64),
        default=1,
        metavar="N",
        help="build N papers at once (default 1; 0: one per core; at most 64)",
    )


BUILD = Command.of("build", _build, _build_arguments)

COMMANDS = (BUILD,)
