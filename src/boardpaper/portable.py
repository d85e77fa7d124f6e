"""What differs between Windows and the rest, chosen here once (fsutil.py uses it).

- **Locking an output folder**: `fcntl.flock` on the folder itself elsewhere (no file is
  left in it); on Windows a folder cannot be opened, so `msvcrt.locking` on one byte of
  the file `.boardpaper-lock` in it (left there: removing it would let two builds each
  lock a file of their own). Either way the lock is the process's and ends with it.
- **Whether a process is alive** (a temporary file of a killed build may be removed):
  `os.kill(pid, 0)` elsewhere; on Windows that would send Ctrl-C to the process, so the
  process is opened and its exit code read (kernel32).
- **Opening a file to copy it**: `O_NOFOLLOW | O_NONBLOCK` elsewhere; neither exists on
  Windows, where the file is opened in binary mode and checked to be the one looked at.
- **Replacing a file that another program has open**: POSIX allows it. Windows refuses
  while Word holds a paper open (and for a moment while a virus scanner or the search
  indexer reads a new file): `held_open` finds the first before anything is put in
  place, and `replace` waits out the second (up to REPLACE_RETRY seconds).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt
else:
    msvcrt = None

WINDOWS = fcntl is None
LOCK_FILE = ".boardpaper-lock"  # Windows only: the file whose first byte is locked
REPLACE_RETRY = 2.0  # seconds a rename waits for a scanner or indexer to let go (Windows)


class Busy(Exception):
    """The lock is held by another process."""


def open_lock(folder) -> int:
    """A descriptor to lock `folder` through (OSError if it cannot be had)."""
    if not WINDOWS:
        return os.open(folder, os.O_RDONLY)
    path = os.path.join(folder, LOCK_FILE)
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)


def try_lock(fd: int) -> None:
    """Take the exclusive lock of `fd` without waiting, or raise `Busy`."""
    if not WINDOWS:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy from None
        return
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:  # EACCES or EDEADLOCK: another process holds the byte
        raise Busy from None


def unlock(fd: int) -> None:
    """Give the lock of `fd` back (closing `fd` would too; Windows asks for it first)."""
    if WINDOWS:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):  # not locked: nothing to give back
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def alive(pid: int) -> bool:
    """Whether process `pid` is running (a process that cannot be asked counts as alive)."""
    if WINDOWS:
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _alive_windows(pid: int) -> bool:  # pragma: no cover - needs Windows
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def open_no_follow(path) -> int:
    """`path` opened for reading without following a link or blocking on a pipe. On
    Windows (no such flags) it is opened in binary mode and refused with ELOOP if it is a
    link or was swapped for another file since `path` was looked at."""
    if not WINDOWS:
        return os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    before = os.lstat(path)
    if os.path.islink(path):
        raise OSError(errno.ELOOP, "a link: only files are copied", str(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    if not os.path.samestat(before, os.fstat(fd)):
        os.close(fd)
        raise OSError(errno.ELOOP, "the file changed while it was copied", str(path))
    return fd


def held_open(path) -> bool:
    """Windows: whether another program (Word) holds `path` open so that it cannot be
    replaced. Elsewhere a file open elsewhere can always be replaced: False."""
    if not WINDOWS or not os.path.isfile(path):
        return False
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except PermissionError:
        return True
    except OSError:
        return False
    os.close(fd)
    return False


def replace(source, target) -> None:
    """`os.replace`; on Windows a refusal is tried again for up to REPLACE_RETRY seconds
    (a scanner reading the new file lets go in moments; Word holding it does not)."""
    if not WINDOWS:
        os.replace(source, target)
        return
    deadline = time.monotonic() + REPLACE_RETRY
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def console_safe(*streams) -> None:
    """Make `streams` (stdout, stderr) print any character: one their console's code page
    lacks (cp1252 on Windows) becomes '?', never an error."""
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
                reconfigure(errors="replace")
