"""Which paper a reviewed file was built from: review refuses a file of another paper,
or one with no draft to compare with, before anything is written anywhere.

The draft (oxml/draft.py) records the paper's name (version 4, where the writer passes
it) and its cover title. Names decide. Without a name, equal titles decide; unequal
titles (the author may have retitled the paper since) are taken as this paper only if
at least half of the draft's printed texts are still in it. A draft with no title
either is compared through the document's title in its properties (File > Info), and
if that cannot tell either, a note says so. A file with no draft at all is read against
the paper as it builds today only if its title is this paper's: an older boardpaper's
file of this very paper.
"""

from __future__ import annotations

from ..errors import ReviewError
from ..oxml import draft
from .opened import CORE, Opened

_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_FOREIGN = "review it against its own folder"


def check(package: Opened, name: str, units) -> str | None:
    """Refuse (ReviewError) a file of another paper than `name`, whose units (kind, key,
    text) are `units`; the note to give, if the file's paper cannot be told."""
    with package.refusing():
        found = draft.identity(package.members, package.parse)
        core = package.root(CORE)
    title_now = next((u[2] for u in units if u[0] == "cover" and u[1] == "title"), "")
    shown = _title(core)
    if found is None:
        if shown and shown == title_now:
            return None  # an older boardpaper's file of this paper: read_package notes it
        raise ReviewError(
            "this file carries no boardpaper draft (typed by hand, or saved from another "
            f"tool){f', and its title {_q(shown)} is not this paper’s' if shown else ''}, "
            f"so review cannot tell it was built from '{name}'",
            package.where,
            f"build the paper, have that file reviewed, and review it; {_FOREIGN}",
        )
    paper, title = found
    if paper:
        if paper != name:
            raise _other(package, f"the paper '{paper}' (title {_q(title)})", name, title_now)
        return None
    if title:
        if title == title_now or _mostly_here(package, units):
            return None
        raise _other(package, f"the paper titled {_q(title)}", name, title_now)
    if shown and title_now and shown != title_now and not _mostly_here(package, units):
        raise _other(package, f"the paper titled {_q(shown)}", name, title_now)
    if shown != title_now:
        return (
            "the reviewed file's draft names no paper and no title, so review cannot tell "
            f"it was built from '{name}'"
        )
    return None


def _other(package: Opened, was: str, name: str, title_now: str) -> ReviewError:
    return ReviewError(
        f"this file was built from {was}, not '{name}' (title {_q(title_now)}); {_FOREIGN}",
        package.where,
    )


def _mostly_here(package: Opened, units) -> bool:
    """At least half of the draft's printed texts are printed by the paper now."""
    base = draft.find(package.members, package.parse) or []
    texts = {p.unit_text for p in base if p.kind != "template" and p.unit_text}
    now = {u[2] for u in units if u[2]}
    return bool(texts) and 2 * len(texts & now) >= len(texts)


def _title(core) -> str:
    found = core.find(_DC_TITLE) if core is not None else None
    return " ".join((found.text or "").split()) if found is not None else ""


def _q(text: str, limit: int = 60) -> str:
    return f"‘{text if len(text) <= limit else text[: limit - 1] + '…'}’"
