"""Atomic file writes: a failed build never leaves a broken file in place of a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
