"""The checked vocabulary of placeholders: a value answers only to its `FIELDS`; a
misspelt field is `UnknownName` with the nearest right one; counting arguments are
whole numbers within bounds (`whole`)."""

from __future__ import annotations

from ..errors import did_you_mean, shown


class UnknownName(Exception):
    """A placeholder names a measure or field that does not exist."""

    def __init__(self, what: str, name: str, choices):
        self.hint = did_you_mean(name, choices, f"fields: {', '.join(sorted(choices))}")
        super().__init__(f"{what} has no '{name}'")


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
