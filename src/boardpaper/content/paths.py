"""The path policy: every file a paper or meeting names is found here.

A name from YAML is relative (to the paper's folder, or to the meeting file),
plain text without NUL or a home folder (`~`), of a bounded length; a glob
(`data/*.csv`, `*.csv`) matches at most `MOST_FILES` files; a file reached
through a link that leads out of the folder its name starts from is refused
(what it points at could be any file of the machine, read as if it were the
paper's, and `new` would not copy it). Reading a file found here is
`fsutil.read_regular`'s (regular files only, bounded size).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Location, shown

MOST_FILES = 1000  # files one pattern may match: a paper reads a handful
LONGEST_NAME = 1024  # characters of a file name as written
_GLOB = "*?["


def plain(name: str, where: Location, what: str = "a file") -> str:
    """`name` as a plain string, refused if it is absolute, starts from a home folder,
    holds a NUL or is empty or too long."""
    name = str(name)
    if not name.strip():
        raise ContentError(f"{what} needs a name", where)
    if len(name) > LONGEST_NAME:
        raise ContentError(f"the name of {what} is {len(name):,} characters long", where)
    if "\x00" in name:
        raise ContentError(f"the name {shown(name)} holds a NUL character", where)
    if Path(name).is_absolute() or name.startswith("~") or name[1:3] in (":\\", ":/"):
        raise ContentError(
            f"'{name}' is an absolute path; name files relative to the paper's folder",
            where,
            "copy the file into the paper's data/ folder, or write a path like ../shared/x",
        )
    return name


def matching(folder: Path, pattern: str, where: Location) -> list[Path]:
    """The files `pattern` names in `folder` (a glob or one name), each checked to
    lie where its name says (`inside`)."""
    pattern = plain(pattern, where)
    if any(c in pattern for c in _GLOB):
        hits = []
        for hit in folder.glob(pattern):
            if not hit.is_dir():  # a FIFO or device is refused by the reader, not skipped
                hits.append(hit)
            if len(hits) > MOST_FILES:
                raise ContentError(
                    f"'{pattern}' matches more than {MOST_FILES:,} files",
                    where,
                    "name the data files more narrowly, like data/*.csv",
                )
        hits.sort()
    else:
        path = folder / pattern
        hits = [path] if path.exists() or path.is_symlink() else []
    for hit in hits:
        inside(hit, folder, pattern, where)
    return hits


def existing(folder: Path, name: str, where: Location, suffixes=None, key="the file") -> Path:
    """The one file `name` (relative to `folder`), which must exist, with one of
    `suffixes` when given."""
    name = plain(name, where)
    path = folder / name
    if suffixes and path.suffix.lower() not in suffixes:
        raise ContentError(f"{key} must be a {' or '.join(suffixes)} file, not '{name}'", where)
    if not path.is_file():
        raise ContentError(f"no file '{name}' (looked for {path})", where)
    inside(path, folder, name, where)
    return path


def inside(hit: Path, folder: Path, pattern: str, where: Location) -> None:
    """Refuse a file reached through a link that leads out of the paper's folder (or out
    of the folder its pattern names, for ../shared/x)."""
    static = Path(
        *[part for part in Path(pattern).parent.parts if not any(c in part for c in _GLOB)]
    )
    target = hit.resolve()
    if any(target.is_relative_to(base.resolve()) for base in (folder, folder / static)):
        return
    raise ContentError(
        f"'{hit.relative_to(folder)}' is a link to {target}, outside the paper's folder",
        where,
        "copy the file into the paper's data/ folder instead of linking to it",
    )
