"""The checked vocabulary of placeholders: a value answers only to its `FIELDS`; a
misspelt field is `UnknownName` with the nearest right one; counting arguments are
whole numbers within bounds (`whole`)."""

from __future__ import annotations

import functools
import inspect
import math

from ..errors import did_you_mean, shown


class UnknownName(Exception):
    """A placeholder names a measure or field that does not exist."""

    def __init__(self, what: str, name: str, choices):
        self.hint = did_you_mean(name, choices, f"fields: {', '.join(sorted(choices))}")
        super().__init__(f"{what} has no '{name}'")


class UnknownArgument(UnknownName):
    """A placeholder's field is given an argument by a name it does not take."""

    def __init__(self, field: str, name: str, choices):
        super().__init__(field, name, choices)
        self.hint = did_you_mean(name, choices, f"it takes: {', '.join(choices)}")
        self.args = (f"{field}() takes no argument '{name}'",)


def named_arguments(method):
    """A field taking arguments by name (`approx_as(below='almost')`): a misspelt name is
    `UnknownArgument`, with the nearest right one."""
    names = [
        name
        for name, p in inspect.signature(method).parameters.items()
        if name != "self" and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]

    @functools.wraps(method)
    def checked(self, *args, **kwargs):
        for name in kwargs:
            if name not in names:
                raise UnknownArgument(method.__name__, name, names)
        return method(self, *args, **kwargs)

    return checked


class Checked:
    """Attribute access limited to the public vocabulary (`FIELDS`)."""

    FIELDS: tuple[str, ...] = ()
    WHAT = "this value"

    def __getattr__(self, name: str):
        if name.startswith("_") or name in _PROBES:  # Python's and jinja's own probes
            raise AttributeError(name)
        raise UnknownName(self.WHAT, name, self.FIELDS)


#: attributes jinja's sandbox looks for on anything called; never a field
_PROBES = frozenset(("unsafe_callable", "alters_data", "jinja_pass_arg"))


MOST_PLACES = 10  # decimal places a figure may be printed with


def whole(value, what: str, low: int, high: int) -> int:
    """A whole-number argument of a placeholder (`back(1)`, `dp(1)`), within its bounds:
    1.5 is refused, not cut to 1."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise ValueError(f"{what} takes a whole number, not {shown(value)}")
    if not low <= int(value) <= high:
        raise ValueError(f"{what} takes a number from {low} to {high:,}, not {int(value):,}")
    return int(value)


LONGEST_WORD = 40  # characters of a word an author gives a field (`approx_as('around')`)


def word(value, what: str) -> str:
    """A word or two given to a field (`approx_as('around')`): text of 1 to 40 characters,
    without control characters or braces."""
    if not isinstance(value, str):
        raise TypeError(f"{what} takes words in quotes, like 'around', not {shown(value)}")
    text = " ".join(value.split())
    if not text or len(text) > LONGEST_WORD:
        raise ValueError(f"{what} takes 1 to {LONGEST_WORD} characters, not {shown(value)}")
    if any(ch < " " or ch in "{}\x7f" for ch in text):
        raise ValueError(f"{what} takes plain words, not {shown(value)}")
    return text


def number_within(value, what: str, low: float, high: float) -> float:
    """A number argument (`stable_within(2.5)`): finite, from `low` to `high`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TypeError(f"{what} takes a number, not {shown(value)}")
    if not low <= value <= high:
        raise ValueError(f"{what} takes a number from {low:g} to {high:g}, not {value:g}")
    return float(value)


def choice(value, what: str, choices: tuple[str, ...]) -> str:
    """One of a few words (`format(pattern, 'first')`); another is `UnknownName`, with
    the nearest right one."""
    if isinstance(value, str) and value in choices:
        return value
    error = UnknownName(what, str(value), choices)
    error.args = (f"{what} takes {' or '.join(map(repr, choices))}, not {shown(value)}",)
    raise error
