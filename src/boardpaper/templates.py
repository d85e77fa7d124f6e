"""Where the Word template of a paper comes from, made safe to build from.

`--template FILE` when given; else `templates/spcb-paper.docx` (for a meeting's
agenda, `templates/spcb-agenda.docx`) in the paper's
folder or a folder above it inside the project (up to the repository's root,
the folder holding `.git`, and never above the folder boardpaper runs in); else
the house template built in (oxml/house.py). A template from a file is read only
if it is a regular file, and loses macros, its attached template and links to
outside files before docxtpl sees it (oxml/sanitize.py); the build says which
template it used and what it removed.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Location, TemplateError, shown
from .oxml.house import agenda_template_package, template_package

TEMPLATE_NAME = Path("templates") / "spcb-paper.docx"
AGENDA_NAME = Path("templates") / "spcb-agenda.docx"  # a meeting's agenda (meeting.py)
BUILT_IN = "<built-in house template>"
MAX_BYTES = 20 * 1024 * 1024


def template_path(
    folder: Path, given: Path | None = None, name: Path = TEMPLATE_NAME
) -> Path | None:
    """The Word template file: `given`, else `name` (templates/spcb-paper.docx) in the
    paper's folder or above it within the project; None for the one built in."""
    if given is not None:
        return Path(given)
    here = Path.cwd().resolve()
    for parent in [folder.resolve(), *folder.resolve().parents]:
        candidate = parent / name
        if candidate.is_file():
            return candidate
        if (parent / ".git").exists() or parent == here:
            break  # the project's root: a template above it is not this project's
    return None


def find_template(
    folder: Path, given: Path | None = None, agenda: bool = False
) -> tuple[bytes, str, list[str]]:
    """The Word template's bytes, its name, and notes for the user (which template, and
    anything removed from it). `agenda`: the template of a meeting's agenda."""
    from .fsutil import read_regular
    from .oxml.sanitize import NotAPackage, clean

    path = template_path(folder, given, AGENDA_NAME if agenda else TEMPLATE_NAME)
    if path is None:
        return (agenda_template_package() if agenda else template_package()), BUILT_IN, []
    data = read_regular(path, MAX_BYTES, TemplateError, "a Word template")
    try:
        data, removed = clean(data, "the template")
    except NotAPackage as exc:
        raise TemplateError(
            str(exc),
            Location(str(path)),
            "give a .docx saved by Word (templates/make_template.py makes one)",
        ) from None
    check_fields(data, str(path))
    return data, str(path), removed


def check_fields(template: bytes, name: str) -> None:
    """Every docxtpl field of the template opened and closed in one paragraph. jinja
    reads the whole part as one text, so a `{{` whose `}}` is missing, or lies in a
    later paragraph, swallows the paragraphs between without a word: refuse it."""
    import io
    import re
    import zipfile

    from .oxml.ns import qn
    from .oxml.parser import parse_untrusted

    pairs = {"{{": "}}", "{%": "%}", "{#": "#}"}
    token = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
    with zipfile.ZipFile(io.BytesIO(template)) as package:
        parts = [
            n
            for n in sorted(package.namelist())
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml", n)
        ]
        for part in parts:
            root = parse_untrusted(package.read(part), part)
            for paragraph in root.iter(qn("w:p")):
                text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
                if not _balanced(text, pairs, token):
                    raise TemplateError(
                        f"a field of the template is not closed in its paragraph: "
                        f"{shown(text, 80)}",
                        Location(name),
                        "each {{ … }} and {% … %} opens and closes within one paragraph",
                    )


def _balanced(text: str, pairs: dict, token) -> bool:
    opened = None
    for found in token.finditer(text):
        mark = found.group()
        if mark in pairs:
            if opened is not None:
                return False
            opened = mark
        elif opened is None or pairs[opened] != mark:
            return False
        else:
            opened = None
    return opened is None
