"""Where the Word template of a paper comes from, made safe to build from.

`--template FILE` when given; else `templates/spcb-paper.docx` in the paper's
folder or a folder above it inside the project (up to the repository's root,
the folder holding `.git`, and never above the folder boardpaper runs in); else
the house template built in (oxml/house.py). A template from a file is read only
if it is a regular file, and loses macros, its attached template and links to
outside files before docxtpl sees it (oxml/sanitize.py); the build says which
template it used and what it removed.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Location, TemplateError
from .oxml.house import template_package

TEMPLATE_NAME = Path("templates") / "spcb-paper.docx"
BUILT_IN = "<built-in house template>"
MAX_BYTES = 20 * 1024 * 1024


def template_path(folder: Path, given: Path | None = None) -> Path | None:
    """The Word template file: `given`, else templates/spcb-paper.docx in the paper's
    folder or above it within the project; None for the house template built in."""
    if given is not None:
        return Path(given)
    here = Path.cwd().resolve()
    for parent in [folder.resolve(), *folder.resolve().parents]:
        candidate = parent / TEMPLATE_NAME
        if candidate.is_file():
            return candidate
        if (parent / ".git").exists() or parent == here:
            break  # the project's root: a template above it is not this project's
    return None


def find_template(folder: Path, given: Path | None = None) -> tuple[bytes, str, list[str]]:
    """The Word template's bytes, its name, and notes for the user (which template, and
    anything removed from it)."""
    from .fsutil import read_regular
    from .oxml.sanitize import NotAPackage, clean

    path = template_path(folder, given)
    if path is None:
        return template_package(), BUILT_IN, []
    data = read_regular(path, MAX_BYTES, TemplateError, "a Word template")
    try:
        data, removed = clean(data, "the template")
    except NotAPackage as exc:
        raise TemplateError(
            str(exc),
            Location(str(path)),
            "give a .docx saved by Word (templates/make_template.py makes one)",
        ) from None
    return data, str(path), removed
