"""A paper folder as it was at a git revision, for `redline --since REV`."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from ..errors import BoardpaperError, Location


def checkout(folder: Path, rev: str, into: Path) -> Path:
    """Extract the repository at `rev` into `into`; return where `folder` is in it."""
    folder = Path(folder).resolve()
    where = Location(str(folder))

    def git(*args: str, cwd: Path = folder) -> bytes:
        try:
            result = subprocess.run(
                ["git", "-C", str(cwd), *args], capture_output=True, timeout=120
            )
        except FileNotFoundError:
            raise BoardpaperError("git is not installed", where) from None
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise BoardpaperError(
                f"git: {message[-1] if message else 'failed'}",
                where,
                "name a revision git knows, e.g. HEAD~1 or a tag",
            )
        return result.stdout

    top = Path(git("rev-parse", "--show-toplevel").decode().strip())
    relative = folder.relative_to(top)
    archive = git("archive", "--format=tar", rev, cwd=top)  # the whole tree: shared files too
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    old = into / relative
    if not (old / "paper.yaml").is_file():
        raise BoardpaperError(f"{relative}/paper.yaml did not exist at {rev}", where)
    return old
