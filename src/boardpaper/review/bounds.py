"""The most a reviewed file may hold; past any of these, review refuses it in one line.

Review's work is linear in the file (or n log n; the comparisons are bounded, see
matching.py), so these are guards, set far above any real paper: the longest, the
annual report, has about 500 paragraphs and 32,000 words (some 200,000 characters),
and saved from Word with tracked changes some tens of thousands of runs in a few
hundred thousand XML elements. They are counted over the parts review reads (the
body, headers, footers, footnotes and comments, and the draft the file carries)
right after each is unzipped, before anything is compared: XML elements before the
part is parsed, the rest straight after.
"""

from __future__ import annotations

MAX_PARAGRAPHS = 20_000  # paragraphs (w:p); the draft's described paragraphs too
MAX_RUNS = 500_000  # runs (w:r); the draft's spans, links and citations too
MAX_CHARACTERS = 5_000_000  # characters of text (about 800,000 words)
MAX_ELEMENTS = 4_000_000  # XML elements of the parts read

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_DRAFT_P = "{urn:boardpaper:draft:1}p"
_LISTS = ("spans", "links", "notes")  # the draft's lists, entries apart by blanks


class TooLarge(Exception):
    """The file holds more than review reads."""


class Tally:
    """What the parts of one reviewed file hold, added up part by part."""

    def __init__(self):
        self.elements = self.paragraphs = self.runs = self.characters = 0

    def markup(self, data: bytes) -> None:
        """Count a part's elements before it is parsed: every element opens with the
        one '<' that does not close one (text holds '<' only as '&lt;')."""
        self.elements += data.count(b"<") - data.count(b"</")
        _over(self.elements, MAX_ELEMENTS, "XML elements", 300_000)

    def text(self, root) -> None:
        """Count a parsed part's paragraphs, runs and characters (all in C: no Python
        loop over the part)."""
        self.paragraphs += int(root.xpath("count(//w:p)", namespaces=_NS))
        self.runs += int(root.xpath("count(//w:r)", namespaces=_NS))
        self.characters += int(root.xpath("string-length(.)"))
        self.check()

    def draft(self, root) -> None:
        """Count the draft a file carries: its paragraphs, their text and the entries
        of their lists (spans, links, citations)."""
        described = root.findall(_DRAFT_P)
        self.paragraphs += len(described)
        self.check()  # before looking at each of them
        for p in described:
            self.characters += len(p.text or "")
            self.runs += sum(p.get(name, "").count(" ") + 1 for name in _LISTS if p.get(name))
        self.check()

    def check(self) -> None:
        _over(self.paragraphs, MAX_PARAGRAPHS, "paragraphs", 500)
        _over(self.runs, MAX_RUNS, "runs of text", 20_000)
        _over(self.characters, MAX_CHARACTERS, "characters of text", 200_000)


def _over(count: int, limit: int, what: str, real: int) -> None:
    if count > limit:
        raise TooLarge(
            f"the file holds at least {count:,} {what}; review reads at most {limit:,} "
            f"(a long paper has about {real:,})"
        )
