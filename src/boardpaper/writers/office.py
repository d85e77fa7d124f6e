"""Where LibreOffice is: the one place that looks for it (the pack and the meeting pack).

In order: $BOARDPAPER_SOFFICE (a program, or a name on PATH), set; then PATH (soffice,
libreoffice; on Windows soffice.com and soffice.exe too); then where installers put it
(Program Files on Windows, /Applications on macOS, /usr/lib and /opt elsewhere).
"""

from __future__ import annotations

import ntpath
import os
import re
import shutil
import sys

from ..errors import Location, OutputError

ENV = "BOARDPAPER_SOFFICE"


def _windows() -> bool:
    return sys.platform == "win32" or os.name == "nt"


def names() -> tuple[str, ...]:
    """The program names looked for on PATH."""
    windows = ("soffice.com", "soffice.exe") if _windows() else ()
    return ("soffice", "libreoffice", *windows)


def places() -> list[str]:
    """Where LibreOffice's installers put the program, on this system (globs allowed)."""
    if _windows():
        roots = [
            os.environ.get("PROGRAMFILES") or r"C:\Program Files",
            os.environ.get("PROGRAMFILES(X86)") or r"C:\Program Files (x86)",
        ]
        return [ntpath.join(root, "LibreOffice", "program", "soffice.exe") for root in roots]
    if sys.platform == "darwin":
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    return ["/usr/lib/libreoffice/program/soffice", "/opt/libreoffice*/program/soffice"]


def _program(path: str) -> bool:
    return os.path.isfile(path) and (_windows() or os.access(path, os.X_OK))


def soffice_path() -> str | None:
    """The LibreOffice program to run, or None where there is none. A $BOARDPAPER_SOFFICE
    that names no program is an error (a setting that is wrong is not passed over)."""
    given = os.environ.get(ENV, "").strip()
    if given:
        found = given if _program(given) else shutil.which(given)
        if found is None:
            raise OutputError(
                f"${ENV} is '{given}', which is not a program",
                Location(f"${ENV}"),
                "set it to LibreOffice's soffice program (its full path), or unset it",
            )
        return found
    for name in names():
        found = shutil.which(name)
        if found is not None:
            return found
    for place in places():
        for hit in _expand(place):
            if _program(hit):
                return hit
    return None


def _expand(place: str) -> list[str]:
    """`place`, or where it holds a `*` (one, in a folder's name) the places it names,
    the highest version first: /opt/libreoffice25.2 before /opt/libreoffice7.6."""
    if "*" not in place:
        return [place]
    head, _, tail = place.partition("*")
    folder, prefix = os.path.split(head)
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix)]
    except OSError:
        return []
    version = [tuple(int(d) for d in re.findall(r"\d+", n)) for n in names]
    ordered = sorted(zip(version, names, strict=True), reverse=True)
    return [os.path.join(folder, name + tail) for _, name in ordered]


def looked() -> str:
    """Where `soffice_path` looked, and how to point it at LibreOffice, for one line."""
    where = ", ".join(places())
    return (
        f"looked for {' and '.join(names())} on PATH and at {where}; install LibreOffice, "
        f"or set {ENV} to its soffice program"
    )
