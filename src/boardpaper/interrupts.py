"""Ctrl-C and SIGTERM: a run stops where it is safe to, never half-way through putting
its files in place, and says so in one line (cli.py).

The handler notes the signal (`stopping`) and raises KeyboardInterrupt, but not inside an
import: there a KeyboardInterrupt can be swallowed (Cython's module set-up clears errors),
break importlib's module locks (a KeyError later) or abort the process (nanobind, which
pikepdf is built with: "Critical nanobind error"). Inside an import it is raised shortly
after, once the import is over (SIGALRM, every 20 ms). Whatever a library did with it,
no file is put in place once a stop is noted (fsutil checks `stopping`).

Windows has no SIGALRM, timers of signals or signal masks, and `os.kill` there ends a
process rather than signalling it. There the stops are SIGINT (Ctrl-C), SIGBREAK
(Ctrl-Break) and SIGTERM (which only the process itself can raise); a stop inside an
import is raised 20 ms later from a timer thread (`_thread.interrupt_main`); holding
signals off replaces the handlers by a note (no mask), and a noted one is raised again
with `signal.raise_signal`.
"""

from __future__ import annotations

import _thread
import contextlib
import signal
import threading

#: the signals (SIGINT, SIGTERM) that asked this process to stop
stopping: list[int] = []

#: POSIX: SIGALRM and its timer, the deferred stop; Windows has neither
ALARM = getattr(signal, "SIGALRM", None) if hasattr(signal, "setitimer") else None
KINDS = (signal.SIGINT, signal.SIGTERM) + (
    (signal.SIGBREAK,) if hasattr(signal, "SIGBREAK") else ()
)
_again: list[bool] = []  # Windows: the next SIGINT is the deferred stop, not a new one


def interrupted(signum, frame) -> None:
    """The handler of Ctrl-C and SIGTERM for the command line: note it, and stop."""
    if _again:
        _again.clear()
    else:
        stopping.append(signum)
    _stop_when_safe(frame)


def _stop_when_safe(frame) -> None:
    here = frame
    while here is not None:
        if here.f_code.co_filename.startswith("<frozen importlib"):
            if ALARM is not None:
                signal.signal(ALARM, lambda signum, later: _stop_when_safe(later))
                signal.setitimer(signal.ITIMER_REAL, 0.02)
            else:  # Windows: SIGINT again from a timer thread, through `interrupted`
                _again.append(True)
                threading.Timer(0.02, _thread.interrupt_main).start()
            return
        here = here.f_back
    raise KeyboardInterrupt


def install() -> dict:
    """`interrupted` for SIGINT and SIGTERM; the handlers it replaced (for `restore`)."""
    stopping.clear()
    _again.clear()
    previous = {ALARM: signal.getsignal(ALARM)} if ALARM is not None else {}
    previous.update({kind: signal.signal(kind, interrupted) for kind in KINDS})
    return previous


def restore(previous: dict, ending: bool) -> None:
    """The handlers `install` replaced; when the process is `ending` (the command line's
    run is over), Ctrl-C or SIGTERM coming now is ignored, not a traceback."""
    if ALARM is not None:
        signal.setitimer(signal.ITIMER_REAL, 0)
    for kind, handler in previous.items():
        signal.signal(kind, signal.SIG_IGN if ending and kind in KINDS else handler)


@contextlib.contextmanager
def signals_held():
    """SIGINT, SIGTERM (and the SIGALRM of a deferred stop) held off: blocked, and the
    handlers of one already on its way replaced by a note; one that came meanwhile is
    sent again once the block is over, to take effect as it would have (a
    KeyboardInterrupt, or the end of a `build -j` worker)."""
    kinds = (*KINDS, ALARM) if ALARM is not None else KINDS
    masks = hasattr(signal, "pthread_sigmask")  # not on Windows: the handlers only
    came: list[int] = []
    saved = {}
    if threading.current_thread() is threading.main_thread():
        saved = {k: signal.signal(k, lambda signum, frame: came.append(signum)) for k in kinds}
    held = signal.pthread_sigmask(signal.SIG_BLOCK, set(kinds)) if masks else None
    try:
        yield
    finally:
        for kind, handler in saved.items():
            signal.signal(kind, handler)
        if masks:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # pending ones arrive here
        for signum in dict.fromkeys(came):
            # raised in this thread, so it takes effect here and now: sent to the process
            # (os.kill), another thread could take it and the interrupt come later, out
            # of the block that held it (and on Windows os.kill ends the process)
            signal.raise_signal(signum)
