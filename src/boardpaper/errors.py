"""Errors a user can cause, and the exit codes of the command line.

This module imports nothing from the package, so every stage can raise these.
A `BoardpaperError` is rendered as one line, the way compilers report:

    content/x/paper.yaml:12:5: error: unknown key 'titel' (did you mean 'title'?)

Anything that is not a `BoardpaperError` is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Exit codes, named once.
EXIT_OK = 0
EXIT_WARNINGS = 1
EXIT_ERROR = 2


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column (0 where not known)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


class BoardpaperError(Exception):
    """A user error: a message, where it happened, and a hint where one helps."""

    def __init__(self, message: str, where: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __reduce__(self):  # keep the location, hint and details across processes (build -j)
        return (type(self), (self.message, self.where, self.hint), self.__dict__)

    def render(self) -> str:
        """The one line printed for this error."""
        head = f"{self.where}: " if self.where else "boardpaper: "
        tail = f" (hint: {self.hint})" if self.hint else ""
        return one_line(f"{head}error: {bounded(self.message)}{bounded(tail)}")

    def __str__(self) -> str:
        return self.render()


def only_keys(mapping, allowed, what: str, kind: type[BoardpaperError]) -> None:
    """Refuse a key of `mapping` (a mapping read with the places of its keys, `key_loc`)
    that `allowed` does not hold: an error of `kind` at it, naming `what` it is in, with
    a did-you-mean, else the known keys. The one rule for every table of keys."""
    for key in mapping:
        if key not in allowed:
            raise kind(
                f"unknown key '{key}' in {what}",
                mapping.key_loc[key],
                did_you_mean(key, allowed, f"known keys: {', '.join(allowed)}"),
            )


def did_you_mean(name: str, choices, otherwise: str | None = None) -> str | None:
    """The hint for a misspelt `name`: "did you mean 'x'?" with the nearest of `choices`,
    else `otherwise`. The one rule for every did-you-mean of the program."""
    import difflib

    near = difflib.get_close_matches(str(name), sorted(map(str, choices)), n=1, cutoff=0.6)
    return f"did you mean '{near[0]}'?" if near else otherwise


LONGEST = 400  # characters of a message or hint ever printed: the line stays readable


def bounded(text: str, limit: int = LONGEST) -> str:
    """`text` cut to `limit` characters (a value quoted from a hostile file can be huge)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value, limit: int = 60) -> str:
    """A value quoted in a message: its repr, cut to `limit` characters. The repr itself
    is bounded (a few items of a list, a few levels, the start of a long string), so a
    value that stands for billions of others is never expanded to be printed."""
    return bounded(_REPR.repr(value), limit)


def _bounded_repr():
    import reprlib

    class Short(reprlib.Repr):
        """reprlib's bounds for subclasses too (the YAML's MarkedList is a list)."""

        def repr1(self, x, level):
            for kind, name in ((str, "str"), (list, "list"), (tuple, "tuple"), (dict, "dict")):
                if isinstance(x, kind):
                    return getattr(self, f"repr_{name}")(kind(x) if kind is str else x, level)
            return super().repr1(x, level)

    short = Short()
    short.maxlevel, short.maxstring, short.maxother = 3, LONGEST, LONGEST
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 6
    return short


_REPR = _bounded_repr()


def one_line(text: str) -> str:
    """`text` as one printable line whatever it quotes: a newline becomes a space, and
    every other character that ends a line for `str.splitlines` (\\r, \\v, \\f, \\x1c–\\x1e,
    \\x85, \\u2028, \\u2029) or is a control character is shown escaped (\\x1e)."""
    return text.replace("\n", " ").translate(_ESCAPED)


_ESCAPED = {c: repr(chr(c))[1:-1] for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029) if c != 0x0A}


class ContentError(BoardpaperError):
    """The paper's YAML is wrong: syntax, keys, types, ids, inline markup."""


class DataError(BoardpaperError):
    """Measure data or definitions are wrong or do not cover what a figure needs.

    `missing` holds the months (as "YYYY-MM") a window needs that the data lacks, where
    that is the fault, so a caller (`new`) can say what data is still to come."""

    missing: tuple[str, ...] = ()


class TemplateError(BoardpaperError):
    """A placeholder or the Word template cannot be rendered."""


class OutputError(BoardpaperError):
    """An output file cannot be written."""


class ReviewError(BoardpaperError):
    """A reviewed .docx cannot be read safely."""
