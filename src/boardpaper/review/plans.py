"""What a review plan holds (edits, insertions, deletions, what was applied and what
conflicts), and the words review uses for the paper's pieces."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.kinds import numbered, units
from ..narrative.units import Unit
from ..oxml.draft import DraftPara
from ..oxml.style_ids import HEADING
from .texts import cut as _cut

PROPERTIES = "document properties"  # the part of a title read from docProps/core.xml
HEADINGS = frozenset(HEADING.values())
WHY_FIXED = {
    "cell": "is computed from the data; change the data, not the table",
    "framework": "is set out from the KPI framework file; change that file",
    # (merge.py names the file: "… from the KPI framework file ../shared/x.yaml; …")
    "template": "is printed by the Word template; change the template",
}


@dataclass(eq=False)
class Edit:
    unit: Unit
    source: str  # the new YAML text
    what: str = ""  # how review --apply names it


@dataclass
class Insert:
    anchor: Unit | None  # the unit it follows (None: the start of the body)
    kind: str  # paragraph, plain, bullet, letter, heading
    source: str  # its YAML text (escaped markup, or a moved paragraph's own text)
    level: int = 1
    what: str = ""  # how review --apply names it (a new paragraph the reviewer typed)


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    inserts: list[Insert] = field(default_factory=list)
    deletes: list[Unit] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)  # note keys whose citations went
    new_notes: list[tuple[str, str]] = field(default_factory=list)  # (key, YAML text) added
    # list items made paragraphs from the middle of their list: (the item, the new kind);
    # the list is cut in two round it
    lifts: list[tuple[Unit, str]] = field(default_factory=list)
    note_links: list[tuple[str, str]] = field(default_factory=list)  # (note key, new address)
    relevels: list[tuple[Unit, int]] = field(default_factory=list)  # (a heading, its new level)
    applied: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def actions(self) -> int:
        return (
            len(self.edits)
            + len(self.inserts)
            + len(self.deletes)
            + len(self.new_notes)
            + len(self.lifts)
            + len(self.note_links)
            + len(self.relevels)
        )


PICTURE_ADDED = (
    "boardpaper does not take pictures from a reviewed file (a chart comes from chart: in "
    "paper.yaml); add it by hand"
)
JOIN_REACH = 2  # the unpaired paragraphs on each side of a pair that may have joined it
MAX_CITATIONS = 200  # footnote references (or links) changed in one paragraph that are applied
EDITED_TOO = "its words were edited too"


def part_group(part: str) -> str:
    """Which paragraphs are paired together: the body, the header and footer, footnotes."""
    return {"header": "furniture", "footer": "furniture"}.get(part, part)


def where(b: DraftPara) -> str:
    if b.kind in numbered():
        return f"paragraph {b.key}"
    if b.part == "footnote":
        return f"footnote [^{b.key}]" if b.key else "a footnote"
    if b.kind in ("cover", "marking"):
        return f"the {b.key.replace('_', ' ')} ({b.part})"
    row = units().get(b.kind)
    name = row.label if row is not None and row.label else "text of the template"
    return f"{name} “{_cut(b.unit_text or b.text, 40)}”"
