"""The block kinds of a paper's body: one row per kind, read by every stage.

A row says everything the pipeline knows of a kind that is not code of a stage:
the YAML keys that start a block of it and the other keys it allows, the content
record it becomes, the review units its text makes (and which of them are part of
the reviewed flow, the Word paragraph styles they are printed in, whether a
reviewer may delete one or add a new one, and how a new one is written back into
YAML), and whether it is numbered.

What each stage does with a kind is a hook of the row, called with the stage's own
object: `read` (content/body.py's `Body`: a YAML entry → the record; `read_<name>`), `model`
(narrative/build.py: the record → model blocks) and `units` (narrative/units.py: the
record → review units). The built-in kinds' hooks call the stage's method of the
kind's `name`; a kind added elsewhere (a test's, a plug-in's) brings functions of its
own through `register`, and is gone again after `unregister`.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass

from ..oxml.style_ids import (
    AUTHORS,
    BODY,
    BULLETS,
    CAPTION,
    CASE_TEXT,
    CASE_TITLE,
    HEADING,
    LETTERED,
    NUMBERED,
    TABLE_SOURCE,
    TABLE_TEXT,
)
from . import model as c


def _method(name: str) -> Callable:
    """A hook that calls the stage's own method `name`."""
    return lambda stage, *args: getattr(stage, name)(*args)


def _folded(text: str):
    from . import roundtrip

    return roundtrip.folded(text)


def _map(key: str, value):
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap([(key, value)])


@dataclass(frozen=True)
class Unit:
    """A kind of review unit a block prints: its Word styles, and what a reviewer may do."""

    name: str  # paragraph, plain, bullet, letter, heading, authors, caption, …
    styles: tuple[str, ...] = ()  # the Word paragraph styles it is printed in
    flow: bool = True  # paired with the draft in reading order (the body's text)
    deletable: bool = False  # a reviewer may delete one
    #: a reviewer's new paragraph of this kind, as a YAML body entry: (text, level) → value;
    #: None: a new one cannot be added
    new: Callable[[str, int], object] | None = None
    listed: str = ""  # the YAML key of the list it is an item of (bullets, letters)
    #: its Word style gives its level (a heading): a new style is a new level, not a new kind
    levelled: bool = False
    label: str = ""  # what a reviewer's message calls one ("the case study's title")


@dataclass(frozen=True)
class Kind:
    """One block kind."""

    name: str  # the name of each stage's method for it
    record: type  # its content record (content/model.py)
    keys: tuple[str, ...]  # the YAML keys that start one (heading, subheading)
    extra: tuple[str, ...] = ()  # the other keys it allows
    units: tuple[Unit, ...] = ()  # the review units its text makes
    numbered: bool = False  # its paragraphs are numbered (and have ids)
    read: Callable | None = None  # (Body, item, key, loc) → record
    model: Callable | None = None  # (model builder, record) → [model blocks]
    review: Callable | None = None  # (units maker, record, index, model blocks) → None

    def __post_init__(self):
        for hook, method in (("read", "read_"), ("model", ""), ("review", "")):
            if getattr(self, hook) is None:
                object.__setattr__(self, hook, _method(method + self.name))


PARAGRAPH = Unit("paragraph", (NUMBERED,), deletable=True, new=lambda text, level: _folded(text))
PLAIN = Unit(
    "plain",
    (BODY,),
    deletable=True,
    new=lambda t, level: _map("text", _folded(t)),
    label="the paragraph",
)
HEADINGS = Unit(
    "heading",
    tuple(HEADING.values()),
    deletable=True,
    new=lambda text, level: _map(heading_keys()[level - 1], text),
    levelled=True,
    label="the heading",
)
BULLET = Unit(
    "bullet",
    BULLETS,
    deletable=True,
    new=lambda t, lv: _map("bullets", [t]),
    listed="bullets",
    label="the bullet",
)
LETTER = Unit(
    "letter",
    (LETTERED,),
    deletable=True,
    new=lambda t, lv: _map("letters", [t]),
    listed="letters",
    label="the lettered item",
)
CAPTIONS = Unit("caption", (CAPTION,), label="the caption")
SOURCES = Unit("source", (TABLE_SOURCE,), label="the source line")

#: every block kind, in the order a body entry's error lists their keys
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("paragraph", c.Paragraph, ("para",), ("id",), (PARAGRAPH,), numbered=True),
        Kind("heading", c.Heading, ("heading", "subheading"), ("new_page", "restart"), (HEADINGS,)),
        Kind("bullet_list", c.BulletList, ("bullets",), (), (BULLET,)),
        Kind(
            "lettered_list",
            c.LetteredList,
            ("letters",),
            (),
            (LETTER, Unit("appendix", label="the appendix")),
        ),
        Kind(
            "authors",
            c.Authors,
            ("authors",),
            ("job_title", "label"),
            (Unit("authors", (AUTHORS,), label="the author block"),),
        ),
        Kind("plain", c.Plain, ("text",), (), (PLAIN,)),
        Kind(
            "case_study",
            c.CaseStudy,
            ("case_study",),
            ("text",),
            (
                Unit("case_title", (CASE_TITLE,), label="the case study's title"),
                Unit("case_text", (CASE_TEXT,), label="the case study's paragraph"),
            ),
        ),
        Kind(
            "framework_text",
            c.FrameworkText,
            ("framework",),
            (),
            (Unit("framework", label="the KPI framework's line"),),
        ),
        Kind(
            "table_spec",
            c.TableSpec,
            ("table",),
            (
                "measures",
                "measure",
                "areas",
                "columns",
                "change",
                "source",
                "transpose",
                "blanks",
                "commas",
                "total",
                "percent_sign",
                "years",
                "corner",
                "headings",
            ),
            (CAPTIONS, SOURCES, Unit("cell", (TABLE_TEXT,), label="a table cell")),
        ),
        Kind(
            "chart_spec",
            c.ChartSpec,
            ("chart",),
            ("kind", "measure", "months", "columns", "baseline", "source"),
            (CAPTIONS, SOURCES),
        ),
    )
}

BUILT_IN = frozenset(KINDS)  # the kinds whose hooks are the stages' own methods
if {k.record for k in KINDS.values()} != set(typing.get_args(c.Block)):
    raise TypeError("content/kinds.py does not list every content block kind of content/model.py")


def register(kind: Kind) -> Kind:
    """Add a block kind (a test's or a plug-in's); its YAML keys must be new."""
    taken = {key for k in KINDS.values() for key in k.keys}
    if kind.name in KINDS or taken & set(kind.keys):
        raise ValueError(f"block kind '{kind.name}' or one of its keys exists already")
    KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind added by `register` (the built-in kinds stay)."""
    if name in BUILT_IN:
        raise ValueError(f"'{name}' is a built-in block kind")
    KINDS.pop(name, None)


def by_key() -> dict[str, Kind]:
    """YAML key → its kind, in the table's order."""
    return {key: k for k in KINDS.values() for key in k.keys}


def of(record) -> Kind:
    """The kind of a content record; a TypeError for a record of no kind."""
    for k in KINDS.values():
        if type(record) is k.record:
            return k
    raise TypeError(f"{type(record).__name__} is not a block kind (content/kinds.py)")


def units() -> dict[str, Unit]:
    """Every kind of review unit a block prints, by name."""
    return {u.name: u for k in KINDS.values() for u in k.units}


def flow() -> frozenset[str]:
    """The units paired with the draft in reading order."""
    return frozenset(u.name for u in units().values() if u.flow)


def style_units() -> dict[str, str]:
    """A body paragraph's style → the kind of unit a reviewer's paragraph in it is (only
    kinds a reviewer may add, or restyle one into)."""
    return {s: u.name for u in units().values() if u.new is not None for s in u.styles}


def numbered() -> frozenset[str]:
    """The units that are numbered paragraphs (a reviewer's place is named by number)."""
    return frozenset(u.name for k in KINDS.values() if k.numbered for u in k.units)


def plain_paragraph() -> str:
    """The unit a reviewer's paragraph in a style boardpaper does not write becomes
    (pasted from elsewhere): a paragraph of the paper's numbered sequence."""
    return next(u.name for k in KINDS.values() if k.numbered for u in k.units if u.new)


def restylable() -> frozenset[str]:
    """The units a paragraph may be restyled into (a tracked style change) and moved as
    a whole: those a reviewer may add, but not headings, whose style is their level."""
    return frozenset(u.name for u in units().values() if u.new is not None and not u.levelled)


def levelled() -> frozenset[str]:
    return frozenset(u.name for u in units().values() if u.levelled)


def heading_keys() -> tuple[str, ...]:
    """The YAML keys of the heading levels: level n is the n-th."""
    return next(k.keys for k in KINDS.values() if any(u.levelled for u in k.units))


def deletable() -> frozenset[str]:
    return frozenset(u.name for u in units().values() if u.deletable)


def listed() -> dict[str, str]:
    """Unit kind → the YAML key of the list its units are items of."""
    return {u.name: u.listed for u in units().values() if u.listed}
