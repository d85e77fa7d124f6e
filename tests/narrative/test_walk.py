"""The one walk of the model: a block or inline kind that some consumer does not handle
cannot pass silently, and the shared descent finds every node in reading order."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import typing

import pytest

import boardpaper
from boardpaper.narrative import model as m
from boardpaper.narrative import walk
from boardpaper.narrative.walk import (
    BLOCK_METHODS,
    INLINE_METHODS,
    BlockVisitor,
    InlineVisitor,
    children,
    query,
    same_kinds,
)

BLOCK_KINDS = typing.get_args(m.Block)
INLINE_KINDS = typing.get_args(m.Inline)


def _visitor(base, methods, leave_out=()):
    """A visitor of `base` defining every one of `methods` (but `leave_out`), each
    returning its own name."""
    body = {
        name: (lambda self, node, *args, name=name: name)
        for name in methods
        if name not in leave_out
    }
    return type(f"Every{base.__name__}", (base,), body)


def _import_everything():
    for info in pkgutil.walk_packages(boardpaper.__path__, "boardpaper."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)


def _subclasses(cls) -> list:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return [c for c in found if c.__module__.startswith("boardpaper.")]


def test_the_walk_lists_every_kind_of_the_model():
    assert set(BLOCK_METHODS) == set(BLOCK_KINDS)
    assert set(INLINE_METHODS) == set(INLINE_KINDS)


@pytest.mark.parametrize("kind", BLOCK_KINDS, ids=lambda k: k.__name__)
def test_a_visitor_that_misses_a_block_kind_cannot_be_defined(kind):
    method = BLOCK_METHODS[kind]
    with pytest.raises(TypeError, match=f"handles no {method} block"):
        _visitor(BlockVisitor, BLOCK_METHODS.values(), leave_out={method})


@pytest.mark.parametrize("kind", INLINE_KINDS, ids=lambda k: k.__name__)
def test_a_visitor_that_misses_an_inline_kind_cannot_be_defined(kind):
    method = INLINE_METHODS[kind]
    with pytest.raises(TypeError, match=f"handles no {method} inline"):
        _visitor(InlineVisitor, INLINE_METHODS.values(), leave_out={method})


def test_a_new_kind_not_in_the_walk_is_refused_at_import():
    @dataclasses.dataclass(frozen=True)
    class Quote:
        inlines: tuple

    with pytest.raises(TypeError, match=r"unlisted \['Quote'\]"):
        same_kinds(BLOCK_METHODS, m.Block | Quote, "block kinds")
    with pytest.raises(TypeError, match=r"unlisted \['Quote'\]"):
        same_kinds(INLINE_METHODS, m.Inline | Quote, "inline kinds")


def test_visiting_something_not_of_the_model_is_an_error():
    blocks = _visitor(BlockVisitor, BLOCK_METHODS.values())()
    inlines = _visitor(InlineVisitor, INLINE_METHODS.values())()
    assert blocks.visit(m.Heading(1, ())) == "heading"
    assert inlines.visit(m.Text("a")) == "text"
    with pytest.raises(TypeError, match="not a block kind"):
        blocks.visit(m.Text("loose text"))
    with pytest.raises(TypeError, match="not an inline kind"):
        inlines.visit(m.Plain(()))


def test_every_visitor_in_the_package_handles_every_kind():
    """Importing every module defines every visitor; each must name all the kinds."""
    _import_everything()
    for base, methods, least in (
        (BlockVisitor, BLOCK_METHODS, 6),  # the Word writer, the audit trail, the redline's …
        (InlineVisitor, INLINE_METHODS, 5),  # Word, web page, redline, audit trail, plain text
    ):
        visitors = _subclasses(base)
        assert len(visitors) >= least, visitors
        for visitor in visitors:
            for method in methods.values():
                assert callable(getattr(visitor, method, None)), (visitor, method)


def test_every_inline_renderer_is_an_inline_visitor():
    from boardpaper.review import diff
    from boardpaper.writers import figures_csv, html
    from boardpaper.writers.docx import inlines

    renderers = {
        inlines.InlineWriter,
        html._Inlines,
        diff._Tokens,
        figures_csv._PlacedInlines,
        walk._PlainText,
    }
    assert all(issubclass(r, InlineVisitor) for r in renderers)


def test_a_query_finds_every_figure_in_reading_order():
    f = [m.Figure(str(n)) for n in range(7)]
    note = m.Note("n", (m.Text("see "), f[2]))
    paper = m.Paper(
        "p",
        m.Meta("t", "b", "m", "2022-05-10"),
        (
            m.Paragraph("a", 1, (f[0], m.Link("u", (m.Text("x"), f[1])), m.NoteRef(note))),
            m.BulletList((m.ListItem((m.Inserted((f[3],)),), (m.ListItem((f[4],)),)),)),
            m.Table("c", ("h",), ((m.Text("l"), f[5]),), (True,)),
            m.Chart("line", "c", ("a",), (), "", "alt", points=(f[6],)),
        ),
    )
    assert query(paper, m.Figure) == f
    para = paper.blocks[0]
    assert query(para, m.Figure, notes=False) == f[:2]
    assert children(para.inlines[1]) == (m.Text("x"), f[1])
    assert [t.text for t in query(para.inlines, m.Text)] == ["x", "see "]


def test_plain_text_leaves_out_deletions_and_footnote_marks():
    inlines = (
        m.Text("a "),
        m.Link("u", (m.Figure("1"),)),
        m.NoteRef(m.Note("n", (m.Text("note"),))),
        m.Inserted((m.Text(" b"),)),
        m.Deleted((m.Text(" c"),)),
    )
    assert m.plain_text(inlines) == "a 1 b"


# -- an inline kind added from outside: every visitor gets it, the descent sees inside --


@dataclasses.dataclass(frozen=True)
class Abbr:
    """An abbreviation with its expansion: a test's own inline kind."""

    children: tuple
    title: str


def _abbr_handlers():
    from boardpaper.review import diff
    from boardpaper.writers import figures_csv, html
    from boardpaper.writers.docx import inlines

    return {
        walk._PlainText: lambda self, inline: "".join(self.descend(inline)),
        html._Inlines: lambda self, inline: (
            f'<abbr title="{inline.title}">{"".join(self.descend(inline))}</abbr>'
        ),
        inlines.InlineWriter: lambda self, inline, change, style=None: self._flat(
            inline, change, style
        ),
        figures_csv._PlacedInlines: figures_csv._PlacedInlines.link,
        diff._Tokens: lambda self, inline, link: diff._tokens(inline.children, link),
    }


@pytest.fixture
def abbr():
    import gc

    gc.collect()  # visitors defined inside other tests' functions are gone
    handlers = _abbr_handlers()
    walk.register_inline(Abbr, "abbr", handlers, children=lambda inline: inline.children)
    try:
        yield
    finally:
        walk.unregister_inline(Abbr)


def test_an_inline_kind_added_from_outside_reaches_every_visitor_and_the_walk(abbr):
    from boardpaper.review import diff
    from boardpaper.writers import figures_csv, html

    figure = m.Figure("1,234")
    inline = Abbr((m.Text("PCC "), figure), "Police and Crime Commissioner")
    para = m.Paragraph("p1", 1, (m.Text("The "), inline))
    assert m.plain_text(para.inlines) == "The PCC 1,234"
    assert html._Inlines(lambda note: "").visit(inline) == (
        '<abbr title="Police and Crime Commissioner">PCC 1,234</abbr>'
    )
    assert list(query(para, m.Figure)) == [figure]
    assert figures_csv._inlines("body", para.inlines) == [("body", figure)]
    changed = diff.diff_inlines(para.inlines, (m.Text("The "), Abbr((m.Text("OPCC"),), "")))
    assert any(isinstance(x, m.Deleted) for x in changed)


def test_an_inline_kind_some_visitor_does_not_handle_is_refused_and_not_added():
    import gc

    gc.collect()
    handlers = _abbr_handlers()
    del handlers[walk._PlainText]
    with pytest.raises(TypeError, match="_PlainText handles no abbr inline"):
        walk.register_inline(Abbr, "abbr", handlers)
    assert Abbr not in INLINE_METHODS and Abbr not in walk.INLINE_CHILDREN
    assert not hasattr(walk._PlainText, "abbr")
