"""Checks shared by the content readers: a mapping, its keys, a text value.

Each raises `ContentError` at the location of the value at fault, with a
"did you mean" for a misspelt key.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import ContentError, Location, only_keys
from .yamlmarks import MarkedList, MarkedMap, MarkedStr

#: a paragraph's or note's id: a letter, then letters, digits, '-' and '_'
ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


def _mapping(value, where: Location, what: str) -> MarkedMap:
    if not isinstance(value, MarkedMap):
        raise ContentError(f"{what} must be a set of 'key: value' lines, not {_kind(value)}", where)
    return value


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, MarkedMap):
        return "a set of keys"
    if isinstance(value, MarkedList):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return type(value).__name__


def _keys(mapping: MarkedMap, allowed, required=(), what="this block") -> None:
    only_keys(mapping, allowed, what, ContentError)
    for key in required:
        if key not in mapping:
            raise ContentError(f"{what} needs the key '{key}'", mapping.loc)


def _text(mapping: MarkedMap, key: str, required: bool = False) -> MarkedStr | None:
    if key not in mapping or mapping[key] is None:
        if required:
            raise ContentError(f"'{key}' needs a value", mapping.key_loc.get(key, mapping.loc))
        return None
    return _as_text(mapping[key], mapping.value_loc[key], f"'{key}'")


def _as_text(value, where: Location, name: str) -> MarkedStr:
    """A text value `name` (a key, or an item of a list) at `where`: text, or a number read
    as its text; anything else, or blank text, is an error at it."""
    if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
        raise ContentError(
            f"{name} must be text, not the number {value}",
            where,
            "quote it if it is meant as text",
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = _as_marked(str(value), where)
    if not isinstance(value, MarkedStr):
        raise ContentError(f"{name} must be text, not {_kind(value)}", where)
    if not value.strip():
        raise ContentError(f"{name} is empty", where)
    return value


def _flag(mapping: MarkedMap, key: str) -> bool:
    """A yes/no key of `mapping` (no by default); anything else is an error at its value."""
    value = mapping.get(key, False)
    if not isinstance(value, bool):
        raise ContentError(f"{key} must be yes or no", mapping.value_loc[key])
    return value


def _as_marked(text: str, where: Location) -> MarkedStr:
    """A MarkedStr for a value YAML read as a number (e.g. agenda_item: 6)."""
    from .yamlmarks import loads  # a one-off scalar: its own tiny source

    marked = loads(f'"{text}"', where.path)
    marked.loc = where
    return marked
