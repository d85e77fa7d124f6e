"""Where the Word template of a paper comes from.

`--template FILE` when given; else `templates/spcb-paper.docx` in the paper's
folder or a folder above it; else the house template built in (oxml/house.py).
"""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Location
from .oxml.house import template_package

TEMPLATE_NAME = Path("templates") / "spcb-paper.docx"
BUILT_IN = "<built-in house template>"


def template_path(folder: Path, given: Path | None = None) -> Path | None:
    """The Word template file: `given`, else templates/spcb-paper.docx in the paper's
    folder or above it; None for the house template built in."""
    if given is not None:
        return Path(given)
    for parent in [folder.resolve(), *folder.resolve().parents]:
        candidate = parent / TEMPLATE_NAME
        if candidate.is_file():
            return candidate
    return None


def find_template(folder: Path, given: Path | None = None) -> tuple[bytes, str]:
    """The Word template's bytes and name (see `template_path`)."""
    path = template_path(folder, given)
    if path is None:
        return template_package(), BUILT_IN
    try:
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise ContentError(
            f"cannot read the template: {exc.strerror}", Location(str(path))
        ) from None
