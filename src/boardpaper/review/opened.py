"""A reviewer's .docx opened once: unzipped safely, each part parsed at most once, and
held to review's bounds (bounds.py) before anything is compared.

The file is read as untrusted: size and zip checks first, then XML with no DTD or
entities (`oxml.package.read_members`, `oxml.parser.parse_untrusted`). What is
refused is one line, `file: error: why` (a ReviewError).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ..errors import Location, ReviewError
from ..oxml import draft
from ..oxml.package import UnsafePackage, read_members
from ..oxml.parser import UnsafeXml, parse_untrusted
from . import bounds

DOCUMENT, COMMENTS = "word/document.xml", "word/comments.xml"
EXTENDED, FOOTNOTES = "word/commentsExtended.xml", "word/footnotes.xml"
HINT = "review reads .docx files saved by Word or LibreOffice"


CORE = "docProps/core.xml"  # the document's title, as File > Info shows it


def _wanted(name: str) -> bool:
    return (
        name in (DOCUMENT, COMMENTS, EXTENDED, FOOTNOTES, CORE)
        or bool(draft.READ.match(name))
        or name.startswith("customXml/item")
    )


def _counted(name: str) -> bool:
    """The parts whose text review reads (and so counts against its bounds)."""
    return name == COMMENTS or bool(draft.PARTS.match(name))


class Opened:
    """The parts of a reviewed file review reads, by name (`members`: their bytes)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.where = Location(str(path))
        if not self.path.is_file():
            raise ReviewError("no such file", self.where)
        self._roots: dict[str, object] = {}
        self.tally = bounds.Tally()  # the text of the file
        self.drafted = bounds.Tally()  # the draft it carries, which repeats much of it
        with self.refusing():
            self.members = read_members(
                self.path, _wanted, required=("[Content_Types].xml", DOCUMENT)
            )
        # every part, the body first, parsed and counted before anything is compared
        for name in sorted(self.members, key=lambda n: (n != DOCUMENT, not _counted(n), n)):
            self.parse(self.members[name], name)

    @contextlib.contextmanager
    def refusing(self):
        """A file review will not read (unsafe, not XML, too large) as one line."""
        try:
            yield
        except (UnsafePackage, UnsafeXml) as exc:
            raise ReviewError(str(exc), self.where, HINT) from None
        except bounds.TooLarge as exc:
            raise ReviewError(str(exc), self.where) from None

    def parse(self, data: bytes, name: str):
        """The root of part `name` (`data`: its bytes), parsed once, counted as it is."""
        if name not in self._roots:
            with self.refusing():
                self.tally.markup(data)
                root = parse_untrusted(data, name)
                if _counted(name):
                    self.tally.text(root)
                elif root is not None and root.tag == f"{{{draft.NS}}}draft":
                    self.drafted.draft(root)
            self._roots[name] = root
        return self._roots[name]

    def root(self, name: str):
        """The root of part `name`, or None if the file has no such part."""
        return self.parse(self.members[name], name) if name in self.members else None


def opened(path) -> Opened:
    """`path` opened (or, already an Opened, as it is)."""
    return path if isinstance(path, Opened) else Opened(path)
