"""Fixtures shared by the review tests."""

from .test_whole_document import paper  # noqa: F401
