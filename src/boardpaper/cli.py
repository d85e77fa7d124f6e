"""The command line: parse arguments (`arguments`: the parser and the checks of every
value typed), run the command (`commands/`: one module each), report.

A `BoardpaperError` becomes one line `file:line:col: error: message` on
stderr and exit status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys

from . import fsutil, interrupts, portable
from .commands.build import written_by_workers
from .errors import EXIT_ERROR, EXIT_OK, BoardpaperError

#: the cyclic garbage collector's youngest generation, run as the command. A build's heap
#: grows by some 200,000 objects (the May 2022 example; 270,000 the annual report) that
#: live to its end: modules, the models. Python's default (700) has the collector go
#: through them some 300 times, a tenth of a second of a cold build (docs/performance.md);
#: at this size a build of a paper collects rarely or never, and a long run (`watch`)
#: still collects each time its heap has grown by this many objects. Objects freed as
#: they are left (nearly all) never wait for it.
YOUNG_GENERATION = 500_000


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv` and give its exit status. Run as the command (`argv`
    None: tests pass their arguments), the process ends here once it is done (`_end`)."""
    if argv is None:
        import gc

        gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])
    status = _run(argv)
    if argv is None:
        _end(status)
    return status


def _end(status: int) -> None:
    """End the process with `status`: the outputs are written and closed, the exit handlers
    are run and the console flushed, and Python's tearing down of every module and object
    is skipped (a quarter of a second after a build, as long as the libraries take to
    import; mypy ends the same way). Not while another thread runs: Python's exit waits
    for it, so this returns and Python ends as usual."""
    import atexit
    import contextlib
    import os
    import threading

    if threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a pipe its reader closed
            stream.flush()
    os._exit(status)


def _run(argv: list[str] | None) -> int:
    import warnings

    # libraries' warnings (numpy's overflow, openpyxl's styles) are not the user's business:
    # what matters reaches them as one error line
    warnings.simplefilter("ignore")
    portable.console_safe(sys.stdout, sys.stderr)  # cp1252: '?' for '→', never a crash
    fsutil.committed.clear()
    written_by_workers.clear()
    previous = interrupts.install()
    unraisable = sys.unraisablehook  # an interrupt in a callback is not reported: noted
    sys.unraisablehook = lambda u: isinstance(u.exc_value, KeyboardInterrupt) or unraisable(u)
    try:
        from .arguments import check_text, parser

        args = parser().parse_args(argv)
        check_text(args)
        from .commands import commands

        return commands()[args.command].run(args)
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
    written = list(dict.fromkeys([*map(str, fsutil.committed), *written_by_workers]))
    if not written:
        return "boardpaper: error: stopped; the outputs are as they were before this run"
    count = f"{len(written)} output{'s' if len(written) != 1 else ''}"
    return (
        f"boardpaper: error: stopped; {count} had been written whole (the last {written[-1]}), "
        "the others are as they were before this run"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
