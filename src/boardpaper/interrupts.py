"""Ctrl-C and SIGTERM: a run stops where it is safe to, never half-way through putting
its files in place, and says so in one line (cli.py).

The handler notes the signal (`stopping`) and raises KeyboardInterrupt, but not inside an
import: there a KeyboardInterrupt can be swallowed (Cython's module set-up clears errors),
break importlib's module locks (a KeyError later) or abort the process (nanobind, which
pikepdf is built with: "Critical nanobind error"). Inside an import it is raised shortly
after, once the import is over (SIGALRM, every 20 ms). Whatever a library did with it,
no file is put in place once a stop is noted (fsutil checks `stopping`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading

#: the signals (SIGINT, SIGTERM) that asked this process to stop
stopping: list[int] = []

KINDS = (signal.SIGINT, signal.SIGTERM)


def interrupted(signum, frame) -> None:
    """The handler of Ctrl-C and SIGTERM for the command line: note it, and stop."""
    stopping.append(signum)
    _stop_when_safe(frame)


def _stop_when_safe(frame) -> None:
    here = frame
    while here is not None:
        if here.f_code.co_filename.startswith("<frozen importlib"):
            signal.signal(signal.SIGALRM, lambda signum, later: _stop_when_safe(later))
            signal.setitimer(signal.ITIMER_REAL, 0.02)
            return
        here = here.f_back
    raise KeyboardInterrupt


def install() -> dict:
    """`interrupted` for SIGINT and SIGTERM; the handlers it replaced (for `restore`)."""
    stopping.clear()
    previous = {signal.SIGALRM: signal.getsignal(signal.SIGALRM)}
    previous.update({kind: signal.signal(kind, interrupted) for kind in KINDS})
    return previous


def restore(previous: dict, ending: bool) -> None:
    """The handlers `install` replaced; when the process is `ending` (the command line's
    run is over), Ctrl-C or SIGTERM coming now is ignored, not a traceback."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    for kind, handler in previous.items():
        signal.signal(kind, signal.SIG_IGN if ending and kind in KINDS else handler)


@contextlib.contextmanager
def signals_held():
    """SIGINT, SIGTERM (and the SIGALRM of a deferred stop) held off: blocked, and the
    handlers of one already on its way replaced by a note; one that came meanwhile is
    sent again once the block is over, to take effect as it would have (a
    KeyboardInterrupt, or the end of a `build -j` worker)."""
    kinds = (*KINDS, signal.SIGALRM)
    came: list[int] = []
    saved = {}
    if threading.current_thread() is threading.main_thread():
        saved = {k: signal.signal(k, lambda signum, frame: came.append(signum)) for k in kinds}
    held = signal.pthread_sigmask(signal.SIG_BLOCK, set(kinds))
    try:
        yield
    finally:
        for kind, handler in saved.items():
            signal.signal(kind, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # pending ones arrive here
        for signum in dict.fromkeys(came):
            os.kill(os.getpid(), signum)
