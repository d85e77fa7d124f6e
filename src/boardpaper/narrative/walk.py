"""The one walk of the document model: which kinds exist, how they nest, and the
traversal every consumer shares (as pandoc's `Walk`).

Blocks: every consumer of the model (the writers, the audit trail, the redline,
watch) is a `BlockVisitor` with one method per block kind. The kinds are listed
once, in `BLOCK_METHODS`; it is checked against `model.Block` when this module is
imported, and every concrete visitor is checked against it when its class is
defined. So a new block kind that some consumer does not handle is a `TypeError`
at import time, never a block silently skipped.

Inlines: every inline renderer is an `InlineVisitor` with one method per inline
kind (`INLINE_METHODS`, checked against `model.Inline` the same way); `descend`
visits an inline's children, so no renderer writes its own recursion or
`isinstance` chain.

Descent: `children(node)` gives the nodes directly inside any node of the model (a
paper, block, list item, table row, note, inline, or a sequence of them), in
reading order; `walk(node)` everything inside it; `query(node, kind)` everything of
one kind (`query(paper, m.Figure)`: every figure, in reading order).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator

from . import model as m

#: block kind → the visitor method that handles it
BLOCK_METHODS: dict[type, str] = {
    m.Heading: "heading",
    m.Paragraph: "para",
    m.Plain: "plain",
    m.CaseStudy: "case_study",
    m.BulletList: "bullet_list",
    m.LetteredList: "lettered_list",
    m.Fields: "fields",
    m.Table: "table",
    m.Chart: "chart",
}

#: inline kind → the inline visitor method that handles it
INLINE_METHODS: dict[type, str] = {
    m.Text: "text",
    m.Figure: "figure",
    m.Link: "link",
    m.NoteRef: "note_ref",
    m.Inserted: "inserted",
    m.Deleted: "deleted",
}

#: inline kind → its child inlines (none for a leaf)
INLINE_CHILDREN: dict[type, Callable[[typing.Any], tuple]] = {
    m.Text: lambda inline: (),
    m.Figure: lambda inline: (),
    m.Link: lambda inline: inline.children,
    m.NoteRef: lambda inline: inline.note.inlines,
    m.Inserted: lambda inline: inline.children,
    m.Deleted: lambda inline: inline.children,
}


def same_kinds(listed: dict, union, what: str) -> None:
    """Refuse (TypeError, at import) a table of kinds that differs from a model's union."""
    declared = set(typing.get_args(union))
    if set(listed) != declared:
        missing = sorted(t.__name__ for t in declared - set(listed))
        extra = sorted(t.__name__ for t in set(listed) - declared)
        raise TypeError(
            f"narrative/walk.py does not match the model's {what}: "
            f"unlisted {missing}, not in the model {extra}"
        )


same_kinds(BLOCK_METHODS, m.Block, "block kinds")
same_kinds(INLINE_METHODS, m.Inline, "inline kinds")
same_kinds(INLINE_CHILDREN, m.Inline, "inline kinds")


def _require(cls, base, methods, what: str) -> None:
    """Refuse (TypeError) a concrete visitor `cls` that leaves one of `methods` undefined."""
    missing = [name for name in methods if getattr(cls, name, None) is getattr(base, name, None)]
    if missing:
        raise TypeError(
            f"{cls.__qualname__} handles no {', '.join(missing)} {what}: a visitor of the "
            f"model must handle every {what} kind (see narrative/walk.py)"
        )


class BlockVisitor:
    """Base of every consumer of blocks: one method per kind in `BLOCK_METHODS`.

    A subclass that leaves any of them undefined cannot be created (unless it says
    `abstract=True`, for a base of other visitors).
    """

    def __init_subclass__(cls, abstract: bool = False, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._abstract = abstract
        if not abstract:
            _require(cls, BlockVisitor, BLOCK_METHODS.values(), "block")

    def visit(self, block):
        """The result of this visitor's method for `block`'s kind."""
        method = BLOCK_METHODS.get(type(block))
        if method is None:
            raise TypeError(f"{type(block).__name__} is not a block kind of the model")
        return getattr(self, method)(block)

    def visit_all(self, blocks) -> list:
        return [self.visit(block) for block in blocks]


class InlineVisitor:
    """Base of every inline renderer: one method per kind in `INLINE_METHODS`, each
    called as `method(inline, *args)` with the arguments given to `visit`.

    A subclass that leaves any of them undefined cannot be created (unless it says
    `abstract=True`). A method that renders an inline by its children calls
    `descend`, which visits them with this visitor.
    """

    def __init_subclass__(cls, abstract: bool = False, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._abstract = abstract
        if not abstract:
            _require(cls, InlineVisitor, INLINE_METHODS.values(), "inline")

    def visit(self, inline, *args):
        """The result of this visitor's method for `inline`'s kind."""
        method = INLINE_METHODS.get(type(inline))
        if method is None:
            raise TypeError(f"{type(inline).__name__} is not an inline kind of the model")
        return getattr(self, method)(inline, *args)

    def visit_all(self, inlines, *args) -> list:
        """Each inline's result, in order."""
        return [self.visit(inline, *args) for inline in inlines]

    def descend(self, inline, *args) -> list:
        """Each of `inline`'s children's results (a note's text for a reference)."""
        return self.visit_all(inline_children(inline), *args)


def visitors(base: type | None = None) -> list[type]:
    """Every concrete visitor of `base` (BlockVisitor, or InlineVisitor) defined so far
    (the imported modules')."""
    found, todo = [], [base or BlockVisitor]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if not sub.__dict__.get("_abstract", False):
                found.append(sub)
    return found


def _register(table: dict, base: type, kind: type, method: str, handlers: dict) -> None:
    what = "block" if base is BlockVisitor else "inline"
    if kind in table or method in table.values():
        raise ValueError(f"kind {kind.__name__} or its method '{method}' exists already")
    handled = {cls for cls in visitors(base) if any(issubclass(cls, h) for h in handlers)}
    missing = sorted(cls.__qualname__ for cls in set(visitors(base)) - handled)
    if missing:
        raise TypeError(f"{', '.join(missing)} handles no {method} {what}")
    for cls, handler in handlers.items():
        setattr(cls, method, handler)
    table[kind] = method


def _unregister(table: dict, base: type, kind: type) -> None:
    method = table.pop(kind)
    for cls in visitors(base):
        if method in cls.__dict__:
            delattr(cls, method)


def register_block(kind: type, method: str, handlers: dict[type, Callable]) -> None:
    """Add a block kind to the model (a test's or a plug-in's): `handlers` gives each
    visitor its method. A TypeError, and nothing added, if a visitor is left without one;
    so the modules of every visitor must be imported first. `unregister_block` undoes it.
    """
    _register(BLOCK_METHODS, BlockVisitor, kind, method, handlers)


def unregister_block(kind: type) -> None:
    """Remove a kind added by `register_block`, and its visitors' methods."""
    _unregister(BLOCK_METHODS, BlockVisitor, kind)


def register_inline(
    kind: type, method: str, handlers: dict[type, Callable], children: Callable = lambda i: ()
) -> None:
    """Add an inline kind (a test's or a plug-in's), as `register_block` does a block's:
    `children(inline)` gives the inlines inside one (none: a leaf), which `children`,
    `walk`, `query` and every visitor's `descend` then see."""
    _register(INLINE_METHODS, InlineVisitor, kind, method, handlers)
    INLINE_CHILDREN[kind] = children


def unregister_inline(kind: type) -> None:
    """Remove a kind added by `register_inline`, and its visitors' methods."""
    _unregister(INLINE_METHODS, InlineVisitor, kind)
    INLINE_CHILDREN.pop(kind, None)


# -- descent -------------------------------------------------------------------


def inline_children(inline) -> tuple:
    """The inlines inside `inline` (a footnote's text for a reference)."""
    children = INLINE_CHILDREN.get(type(inline))
    if children is None:
        raise TypeError(f"{type(inline).__name__} is not an inline kind of the model")
    return children(inline)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _nodes(value) -> Iterator:
    """The model nodes in a field's value: itself, or those in a tuple (of tuples)."""
    if dataclasses.is_dataclass(value):
        yield value
    elif isinstance(value, (tuple, list)):
        for element in value:
            yield from _nodes(element)


def children(node) -> tuple:
    """The nodes directly inside `node`, in reading order: an inline's child inlines
    (a reference's note text), or the model nodes held in any other node's fields (a
    paper's blocks and appendices, a list's items, a table's cells, a chart's points,
    a score row's figures), or the nodes of a sequence."""
    if type(node) in INLINE_CHILDREN:
        return INLINE_CHILDREN[type(node)](node)
    if not dataclasses.is_dataclass(node):
        return tuple(_nodes(node))
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = tuple(f.name for f in dataclasses.fields(node))
    return tuple(n for name in names for n in _nodes(getattr(node, name)))


def walk(node, *, notes: bool = True) -> Iterator:
    """Every node inside `node` (a node or a sequence of them), each before its own
    children, in reading order. With `notes=False` a footnote reference is not
    entered (its note's text is not the paragraph's)."""
    for child in children(node):
        yield child
        if notes or not isinstance(child, m.NoteRef):
            yield from walk(child, notes=notes)


def query(node, kind: type | tuple[type, ...], *, notes: bool = True) -> list:
    """Every node of `kind` inside `node`, in reading order (`query(paper, m.Figure)`)."""
    return [found for found in walk(node, notes=notes) if isinstance(found, kind)]


def walk_inlines(inlines) -> Iterator:
    """Every inline of `inlines` and everything inside it, in reading order."""
    return walk(tuple(inlines))


def list_items(items) -> Iterator[m.ListItem]:
    """The items of a list and their sub-items, in reading order."""
    for item in items:
        yield item
        yield from list_items(item.children)


class InlineRuns(BlockVisitor):
    """Each block → the sequences of inlines it prints (a paragraph's, each list item's,
    each field's); tables and charts print none (their cells and values are figures of
    their own)."""

    def heading(self, block):
        return [block.inlines]

    para = plain = heading

    def bullet_list(self, block):
        return [item.inlines for item in list_items(block.items)]

    lettered_list = bullet_list

    def case_study(self, block):
        return [block.title, *block.paras]

    def fields(self, block):
        return [inlines for _, inlines in block.rows]

    def table(self, block):
        return []

    chart = table


class _PlainText(InlineVisitor):
    """The text a reader sees: deletions and footnote marks left out."""

    def text(self, inline):
        return inline.text.replace("\u00a0", " ")  # a date's no-break space reads as a space

    figure = text

    def link(self, inline):
        return "".join(self.descend(inline))

    inserted = link

    def note_ref(self, inline):
        return ""

    deleted = note_ref


_PLAIN = _PlainText()


def plain_text(inlines) -> str:
    """The text a reader sees, footnote marks left out (`model.plain_text`)."""
    return "".join(_PLAIN.visit_all(inlines))
