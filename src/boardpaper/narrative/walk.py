"""The one walk of the document model: which block kinds exist and how they nest.

Every consumer of the model (the writers, the audit trail, the redline, watch)
is a `BlockVisitor` with one method per block kind. The kinds are listed once,
in `BLOCK_METHODS`; it is checked against `model.Block` when this module is
imported, and every concrete visitor is checked against it when its class is
defined. So a new block kind that some consumer does not handle is a
`TypeError` at import time, never a block silently skipped.

Inlines are walked by `inline_children`, checked the same way against
`model.Inline`.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator

from . import model as m

#: block kind → the visitor method that handles it
BLOCK_METHODS: dict[type, str] = {
    m.Heading: "heading",
    m.Paragraph: "para",
    m.Plain: "plain",
    m.BulletList: "bullet_list",
    m.LetteredList: "lettered_list",
    m.Fields: "fields",
    m.Table: "table",
    m.Chart: "chart",
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
same_kinds(INLINE_CHILDREN, m.Inline, "inline kinds")


class BlockVisitor:
    """Base of every consumer of blocks: one method per kind in `BLOCK_METHODS`.

    A subclass that leaves any of them undefined cannot be created (unless it says
    `abstract=True`, for a base of other visitors).
    """

    def __init_subclass__(cls, abstract: bool = False, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._abstract = abstract
        if abstract:
            return
        missing = [
            name
            for name in BLOCK_METHODS.values()
            if getattr(cls, name, None) is getattr(BlockVisitor, name, None)
        ]
        if missing:
            raise TypeError(
                f"{cls.__qualname__} handles no {', '.join(missing)} block: a visitor of the "
                "model must handle every block kind (see narrative/walk.py)"
            )

    def visit(self, block):
        """The result of this visitor's method for `block`'s kind."""
        method = BLOCK_METHODS.get(type(block))
        if method is None:
            raise TypeError(f"{type(block).__name__} is not a block kind of the model")
        return getattr(self, method)(block)

    def visit_all(self, blocks) -> list:
        return [self.visit(block) for block in blocks]


def visitors() -> list[type]:
    """Every concrete visitor defined so far (the imported modules')."""
    found, todo = [], [BlockVisitor]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if not sub.__dict__.get("_abstract", False):
                found.append(sub)
    return found


def register_block(kind: type, method: str, handlers: dict[type, Callable]) -> None:
    """Add a block kind to the model (a test's or a plug-in's): `handlers` gives each
    visitor its method. A TypeError, and nothing added, if a visitor is left without one;
    so the modules of every visitor must be imported first. `unregister_block` undoes it.
    """
    if kind in BLOCK_METHODS or method in BLOCK_METHODS.values():
        raise ValueError(f"block kind {kind.__name__} or its method '{method}' exists already")
    handled = {cls for cls in visitors() if any(issubclass(cls, h) for h in handlers)}
    missing = sorted(cls.__qualname__ for cls in set(visitors()) - handled)
    if missing:
        raise TypeError(f"{', '.join(missing)} handles no {method} block")
    for cls, handler in handlers.items():
        setattr(cls, method, handler)
    BLOCK_METHODS[kind] = method


def unregister_block(kind: type) -> None:
    """Remove a kind added by `register_block`, and its visitors' methods."""
    method = BLOCK_METHODS.pop(kind)
    for cls in visitors():
        if method in cls.__dict__:
            delattr(cls, method)


def inline_children(inline) -> tuple:
    """The inlines inside `inline` (a footnote's text for a reference)."""
    children = INLINE_CHILDREN.get(type(inline))
    if children is None:
        raise TypeError(f"{type(inline).__name__} is not an inline kind of the model")
    return children(inline)


def walk_inlines(inlines) -> Iterator:
    """Every inline of `inlines` and everything inside it, in reading order."""
    for inline in inlines:
        yield inline
        yield from walk_inlines(inline_children(inline))


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

    def fields(self, block):
        return [inlines for _, inlines in block.rows]

    def table(self, block):
        return []

    chart = table
