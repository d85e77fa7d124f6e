"""The one walk of the model: a block kind that some consumer does not handle cannot
pass silently."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pytest

import boardpaper
from boardpaper.narrative import model as m
from boardpaper.narrative.walk import BLOCK_METHODS, BlockVisitor, same_kinds


def test_a_visitor_that_misses_a_block_kind_cannot_be_defined():
    with pytest.raises(TypeError, match="handles no chart block"):

        class Partial(BlockVisitor):
            def heading(self, block): ...

            para = plain = bullet_list = lettered_list = fields = table = heading


def test_a_new_block_kind_not_in_the_walk_is_refused_at_import():
    @dataclasses.dataclass(frozen=True)
    class Quote:
        inlines: tuple

    with pytest.raises(TypeError, match=r"unlisted \['Quote'\]"):
        same_kinds(BLOCK_METHODS, m.Block | Quote, "block kinds")


def test_visiting_something_that_is_not_a_block_is_an_error():
    class Names(BlockVisitor):
        def heading(self, block):
            return "heading"

        para = plain = bullet_list = lettered_list = fields = table = chart = heading

    assert Names().visit(m.Heading(1, ())) == "heading"
    with pytest.raises(TypeError, match="not a block kind"):
        Names().visit(m.Text("loose text"))


def test_every_visitor_in_the_package_handles_every_block_kind():
    """Importing every module defines every visitor; each must name all the kinds."""
    for info in pkgutil.walk_packages(boardpaper.__path__, "boardpaper."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    visitors = _subclasses(BlockVisitor)
    assert len(visitors) >= 6  # the Word writer, the audit trail, the redline's three, …
    for visitor in visitors:
        for method in BLOCK_METHODS.values():
            assert callable(getattr(visitor, method, None)), (visitor, method)


def _subclasses(cls) -> list:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return [c for c in found if c.__module__.startswith("boardpaper.")]
