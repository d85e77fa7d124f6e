"""Atomic file writes: a failed build never leaves a broken file in place of a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from . import portable
from .errors import Location, OutputError
from .interrupts import signals_held, stopping


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    The temporary file is flushed to disk and renamed over `path` in one step
    (`os.replace`), so readers see either the old file or the new one, never
    part of either. On any failure the temporary file is removed; one left by a
    killed build is removed by the next write.
    """
    path = Path(path)
    if stopping:
        raise KeyboardInterrupt
    make_folder(path.parent)
    try:
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
        os.chmod(tmp, 0o644)  # Windows: only "not read-only"
        portable.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(f"cannot write the file: {exc.strerror}", Location(str(path))) from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def make_folder(folder: Path, hint: str | None = None) -> None:
    """Make `folder` and its parents, or say in one line why not: a part of the path
    that is a file is named (mkdir would only say "File exists")."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return
    except OSError as exc:
        reason = exc.strerror or str(exc)
    for part in (*reversed(folder.parents), folder):
        if part.exists() and not part.is_dir():
            reason = f"{'it' if part == folder else part} is a file, not a folder"
            break
    raise OutputError(f"cannot make the folder: {reason}", Location(str(folder)), hint)


def remove_stale(path: Path) -> None:
    """Remove temporary files of `path` left by a build that was killed (SIGKILL, power
    cut): their writer's process is gone. Those of a running build are kept."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not portable.alive(int(pid)):
            _remove_quietly(str(tmp))


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


JOURNAL = ".boardpaper-commit"


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every file of one build, or none: one transaction per output folder.

    Each file is first written in full to a temporary file beside its target (a full
    disk, a closed folder or a kill here leaves the previous outputs as they were).
    Then a journal naming every pending rename is written, the renames are made with
    SIGINT and SIGTERM held off (the first output, the paper, last), and the journal is
    removed. A build killed in between (SIGKILL, power cut) leaves the journal, and the
    next write to that folder finishes the renames before anything else, so the folder
    never stays mixed. A lock on the folder keeps a second build out while one is
    writing."""
    by_folder: dict[Path, dict[Path, bytes]] = {}
    for path, data in outputs.items():
        by_folder.setdefault(Path(path).parent, {})[Path(path)] = data
    for folder, files in by_folder.items():
        with folder_lock(folder):
            _commit(folder, files)


LOCK_WAIT = 10.0  # seconds a build waits for another writing to the same folder

#: every file this process has put in place, in order (an interrupted run says so)
committed: list[Path] = []


def lock_wait() -> float:
    """How long to wait for an output folder's lock: $BOARDPAPER_LOCK_WAIT (seconds, 0 to
    an hour), else LOCK_WAIT."""
    try:
        wait = float(os.environ.get("BOARDPAPER_LOCK_WAIT", LOCK_WAIT))
    except ValueError:
        return LOCK_WAIT
    return wait if 0 <= wait <= 3600 else LOCK_WAIT  # NaN and infinity too


@contextlib.contextmanager
def folder_lock(folder: Path):
    """An exclusive lock on an output folder (flock on the folder itself: no file is left
    in it; on Windows msvcrt's lock of `.boardpaper-lock` in it: portable.py). Builds
    writing to one folder take turns: the workers of `build -j` do."""
    make_folder(folder)
    try:
        fd = portable.open_lock(folder)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", Location(str(folder))) from None
    try:
        wait = lock_wait()
        deadline = time.monotonic() + wait
        while True:
            try:
                portable.try_lock(fd)
                break
            except portable.Busy:
                # another build (or a worker of this one, -j) is putting its files in
                # place: that takes moments, so wait for it, but not for ever
                if time.monotonic() >= deadline:
                    raise OutputError(
                        f"another boardpaper build has been writing to this folder for {wait:g} s",
                        Location(str(folder)),
                        "wait for it to finish, or build into another folder with -o",
                    ) from None
                time.sleep(0.02)
        try:
            recover(folder)
            yield
        finally:
            portable.unlock(fd)
    finally:
        os.close(fd)


def recover(folder: Path) -> None:
    """Finish the renames of a build that was killed while putting its files in place."""
    journal = folder / JOURNAL
    if not journal.is_file():
        return
    done = True
    for line in journal.read_text(encoding="utf-8").splitlines():
        tmp, _, target = line.partition("\t")
        if tmp and target and (folder / tmp).is_file():
            try:
                portable.replace(folder / tmp, folder / target)
            except OSError:  # Windows: Word holds the target open; the next build tries
                done = False
    if done:
        _remove_quietly(str(journal))


def _commit(folder: Path, files: dict[Path, bytes]) -> None:
    for path in files:
        if path.is_dir() and not path.is_symlink():
            raise OutputError("a folder stands where this output goes", Location(str(path)))
        if portable.held_open(path):  # Windows: Word has it open, it cannot be replaced
            raise OutputError(
                "the file is open in another program, so it cannot be replaced",
                Location(str(path)),
                "close it (in Word) and build again; nothing was written",
            )
    staged: list[tuple[str, Path]] = []
    done = 0
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
        with signals_held():  # the first output (the paper) last: once it is new, all are
            for tmp, path in reversed(staged) if not stopping else ():
                portable.replace(tmp, path)
                committed.append(path)
                done += 1
        if stopping and not done:  # asked to stop, and a library swallowed the interrupt
            raise KeyboardInterrupt
        _remove_quietly(str(folder / JOURNAL))
    except BaseException as exc:
        if staged and done == len(staged):  # all in place: a stop that came since takes effect
            _remove_quietly(str(folder / JOURNAL))
            raise
        if done:  # a rename failed half-way: the journal lets the next write finish them
            raise OutputError(
                f"cannot put the outputs in place: {getattr(exc, 'strerror', exc)}; "
                "the next build into this folder finishes the job",
                Location(str(folder)),
            ) from None
        for tmp, _ in staged:  # none in place: the previous outputs are as they were
            _remove_quietly(tmp)
        _remove_quietly(str(folder / JOURNAL))
        if isinstance(exc, OSError):
            raise OutputError(
                f"cannot write the outputs: {exc.strerror}; the previous ones are as they were",
                Location(str(folder)),
            ) from None
        raise


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


_SPECIAL = {
    "S_ISFIFO": "a named pipe (FIFO)",
    "S_ISSOCK": "a socket",
    "S_ISCHR": "a device",
    "S_ISBLK": "a device",
}


def copy_tree(source: Path, target: Path, skip: tuple[str, ...] = ()) -> None:
    """Copy the folder `source` to `target` (which must not exist): its folders, files and
    the links between them, nothing else. Names matching a pattern of `skip` are left out.

    The whole tree is looked at before anything is copied: a named pipe, socket or device
    (reading one could block for ever or never end) and a link leading outside `source`
    (the copy would hold whatever it points at, from anywhere on the machine) are refused
    with one error line naming the path. A link within `source` is copied as a link to the
    same place in the copy (a link to a folder above it would otherwise copy for ever)."""
    source, target = Path(source), Path(target)
    try:
        plan = _plan_copy(source, skip)
        target.mkdir()
        for relative, kind, link in plan:
            if kind == "folder":
                (target / relative).mkdir()
            elif kind == "link":
                os.symlink(link, target / relative)
            else:
                _copy_file(source / relative, target / relative)
    except OSError as exc:
        where = exc.filename or source
        raise OutputError(f"cannot copy: {exc.strerror or exc}", Location(str(where))) from None


def _plan_copy(source: Path, skip: tuple[str, ...]) -> list[tuple[Path, str, str]]:
    """(path relative to `source`, "folder" | "file" | "link", the link's text) for every
    entry of the tree, parents first; an error at the first that cannot be copied."""
    import fnmatch
    import stat

    root = source.resolve()
    plan: list[tuple[Path, str, str]] = []
    pending = [Path()]
    while pending:
        folder = pending.pop()
        for entry in sorted(os.scandir(source / folder), key=lambda e: e.name):
            if any(fnmatch.fnmatch(entry.name, pattern) for pattern in skip):
                continue
            relative, mode = folder / entry.name, entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISLNK(mode):
                plan.append((relative, "link", _link_within(source / relative, root)))
            elif stat.S_ISDIR(mode):
                plan.append((relative, "folder", ""))
                pending.append(relative)
            elif stat.S_ISREG(mode):
                plan.append((relative, "file", ""))
            else:
                what = next((w for t, w in _SPECIAL.items() if getattr(stat, t)(mode)), "")
                raise OutputError(
                    f"{what or 'this'} cannot be copied: only files and folders are",
                    Location(str(source / relative)),
                    "move it out of the folder",
                )
    return plan


def _link_within(path: Path, root: Path) -> str:
    """The text of a link to `path`'s target, relative to the link's folder; an error if
    the link leads outside `root`."""
    try:
        aim = path.resolve()
    except RuntimeError:  # a loop of links (Python 3.11; later ones raise OSError)
        raise OutputError("the link leads round in a loop", Location(str(path))) from None
    if not aim.is_relative_to(root):
        raise OutputError(
            "the folder holds a link to a file outside it; only the folder is copied",
            Location(str(path)),
            "replace the link with the file itself",
        )
    return os.path.relpath(aim, path.parent.resolve())


def _copy_file(source: Path, target: Path) -> None:
    """Copy one regular file: opened without following a link or blocking, and checked
    again once open (it may have been swapped for a pipe since it was looked at)."""
    import shutil
    import stat

    fd = portable.open_no_follow(source)
    with os.fdopen(fd, "rb") as src:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(
                "not a regular file: it changed while it was copied", Location(str(source))
            )
        with open(target, "xb") as dst:
            shutil.copyfileobj(src, dst)
    shutil.copystat(source, target)
