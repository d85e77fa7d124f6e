"""Validation of `paper.yaml`: marked YAML values → typed content records.

Every problem is a `ContentError` at the file, line and column of the value
at fault, with a "did you mean" for misspelt keys. The accepted keys are
documented in docs/authoring.md.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Location
from . import model as m
from .body import Body
from .checks import _keys, _mapping
from .cover import about, cover
from .sections import appendices, check_notes_used, data, notes
from .yamlmarks import MarkedMap, load

TOP_KEYS = ("cover", "about", "period", "data", "appendices", "notes", "body", "typed", "style")


def load_paper(folder: Path | str) -> m.PaperSource:
    """Read and validate `<folder>/paper.yaml`."""
    folder = Path(folder)
    path = folder / "paper.yaml"
    if not path.is_file():
        raise ContentError(
            "no paper.yaml in this folder",
            Location(str(folder)),
            hint="a paper is a folder holding paper.yaml",
        )
    return validate(load(path), str(path), folder.resolve().name, folder)


def validate(doc: object, path: str, name: str, folder: Path | None = None) -> m.PaperSource:
    """Check a loaded paper.yaml and build its content records."""
    top = _mapping(doc, Location(path, 1, 1), "the paper")
    _keys(top, TOP_KEYS, required=("cover", "body"), what="the paper")
    lettered = appendices(top.get("appendices"), top, folder or Path(path).parent)
    footnotes = notes(top.get("notes"), top)
    blocks = Body(lettered, folder or Path(path).parent).build(top["body"], top.value_loc["body"])
    check_notes_used(blocks, footnotes)
    return m.PaperSource(
        path=path,
        name=name,
        cover=cover(top["cover"], top.value_loc["cover"]),
        about=about(top.get("about"), top),
        blocks=tuple(blocks),
        notes=footnotes,
        appendices=lettered,
        data=data(top, folder or Path(path).parent),
        typed=_typed(top),
        comma_from=_style(top),
    )


def _style(top: MarkedMap) -> int:
    """`style: {comma_from: 10000}`: the house style's thousands separator."""
    style = top.get("style")
    if style is None:
        return 1000
    if not isinstance(style, MarkedMap):
        raise ContentError(
            "style must be a mapping, like style: {comma_from: 10000}", top.value_loc["style"]
        )
    _keys(style, ("comma_from",), what="style")
    value = style.get("comma_from", 1000)
    if value not in (1000, 10000):
        raise ContentError(
            "comma_from is 1000 (28,675 and 2,836: ONS style) or 10000 (28,675 but 2836)",
            style.value_loc["comma_from"],
        )
    return int(value)


def _typed(top: MarkedMap) -> tuple[str, ...]:
    """`typed:` the numbers written in the text on purpose (an age limit set in law, a
    campaign's own rate), which `check` does not ask to be placeholders."""
    value = top.get("typed")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ContentError(
            "typed must be a list of numbers as the text writes them, like ['16', '25%']",
            top.value_loc["typed"],
        )
    return tuple(str(v) for v in value)


# -- sections ----------------------------------------------------------------
