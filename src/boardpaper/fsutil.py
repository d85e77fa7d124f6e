"""Atomic file writes: a failed build never leaves a broken file in place of a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from .errors import Location, OutputError


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    The temporary file is flushed to disk and renamed over `path` in one step
    (`os.replace`), so readers see either the old file or the new one, never
    part of either. On any failure the temporary file is removed; one left by a
    killed build is removed by the next write.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(path)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise OutputError(
            f"cannot write here: {exc.strerror}", Location(str(path.parent))
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(f"cannot write the file: {exc.strerror}", Location(str(path))) from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def remove_stale(path: Path) -> None:
    """Remove temporary files of `path` left by a build that was killed (SIGKILL, power
    cut): their writer's process is gone. Those of a running build are kept."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            _remove_quietly(str(tmp))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


JOURNAL = ".boardpaper-commit"


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every file of one build, or none: one transaction per output folder.

    Each file is first written in full to a temporary file beside its target (a full
    disk, a closed folder or a kill here leaves the previous outputs as they were).
    Then a journal naming every pending rename is written, the renames are made with
    SIGINT and SIGTERM held off, and the journal is removed. A build killed in
    between (SIGKILL, power cut) leaves the journal, and the next write to that folder
    finishes the renames before anything else, so the folder never stays mixed. A lock
    on the folder keeps a second build out while one is writing."""
    by_folder: dict[Path, dict[Path, bytes]] = {}
    for path, data in outputs.items():
        by_folder.setdefault(Path(path).parent, {})[Path(path)] = data
    for folder, files in by_folder.items():
        with folder_lock(folder):
            _commit(folder, files)


LOCK_WAIT = 10.0  # seconds a build waits for another writing to the same folder


def lock_wait() -> float:
    """How long to wait for an output folder's lock: $BOARDPAPER_LOCK_WAIT, else LOCK_WAIT."""
    try:
        return max(0.0, float(os.environ.get("BOARDPAPER_LOCK_WAIT", LOCK_WAIT)))
    except ValueError:
        return LOCK_WAIT


@contextlib.contextmanager
def folder_lock(folder: Path):
    """An exclusive lock on an output folder (flock on the folder itself: no file is left
    in it). Builds writing to one folder take turns: the workers of `build -j` do."""
    import fcntl

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", Location(str(folder))) from None
    try:
        wait = lock_wait()
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                # another build (or a worker of this one, -j) is putting its files in
                # place: that takes moments, so wait for it, but not for ever
                if time.monotonic() >= deadline:
                    raise OutputError(
                        f"another boardpaper build has been writing to this folder for {wait:g} s",
                        Location(str(folder)),
                        "wait for it to finish, or build into another folder with -o",
                    ) from None
                time.sleep(0.02)
        recover(folder)
        yield
    finally:
        os.close(fd)


def recover(folder: Path) -> None:
    """Finish the renames of a build that was killed while putting its files in place."""
    journal = folder / JOURNAL
    if not journal.is_file():
        return
    for line in journal.read_text(encoding="utf-8").splitlines():
        tmp, _, target = line.partition("\t")
        if tmp and target and (folder / tmp).is_file():
            with contextlib.suppress(OSError):
                os.replace(folder / tmp, folder / target)
    _remove_quietly(str(journal))


def _commit(folder: Path, files: dict[Path, bytes]) -> None:
    import signal

    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            remove_stale(path)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder
            )
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
        lines = "".join(f"{Path(tmp).name}\t{path.name}\n" for tmp, path in staged)
        write_atomic(folder / JOURNAL, lines.encode("utf-8"))
    except OSError as exc:
        for tmp, _ in staged:
            _remove_quietly(tmp)
        raise OutputError(
            f"cannot write the outputs: {exc.strerror}; the previous ones are as they were",
            Location(str(folder)),
        ) from None
    except BaseException:
        for tmp, _ in staged:
            _remove_quietly(tmp)
        raise
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        for tmp, path in staged:
            os.replace(tmp, path)
        _remove_quietly(str(folder / JOURNAL))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def read_regular(path: Path, limit: int, error=OutputError, what: str = "a file") -> bytes:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes: a FIFO,
    a device or a folder is refused before it is opened (it could block or never end)."""
    import stat

    path = Path(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror}", Location(str(path))) from None
    if not stat.S_ISREG(info.st_mode):
        raise error(
            f"not a regular file: boardpaper reads {what} only from a regular file",
            Location(str(path)),
        )
    if info.st_size > limit:
        raise error(
            f"the file is {info.st_size:,} bytes; {what} may be at most {limit:,}",
            Location(str(path)),
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror}", Location(str(path))) from None
    if len(data) > limit:
        raise error(f"the file grew past {limit:,} bytes while it was read", Location(str(path)))
    return data
