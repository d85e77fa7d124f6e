"""The one document model every writer reads (as pandoc's AST).

A `Paper` is metadata and a tuple of blocks; blocks hold inlines. Everything
is frozen. Writers take a `Paper` and return bytes; none reads YAML.
Whatever the model does not name rides in `attrs`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# -- inlines -----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A run of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Figure:
    """A computed figure as printed, with where it came from in `attrs`."""

    text: str
    bold: bool = False
    italic: bool = False
    attrs: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Link:
    """A hyperlink to `url` around `children`."""

    url: str
    children: tuple[Text | Figure, ...]


@dataclass(frozen=True)
class Note:
    """A footnote: its text, cited where the `NoteRef` stands."""

    key: str
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class NoteRef:
    note: Note


@dataclass(frozen=True)
class Inserted:
    """Inlines added since the draft a reviewer saw (a tracked insertion); with `move`,
    the destination of the named move."""

    children: tuple
    move: str = ""


@dataclass(frozen=True)
class Deleted:
    """Inlines removed since the draft a reviewer saw (a tracked deletion); with `move`,
    the source of the named move."""

    children: tuple
    move: str = ""


Inline = Text | Figure | Link | NoteRef | Inserted | Deleted


# -- blocks ------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    inlines: tuple[Inline, ...]
    change: str = ""  # "inserted" or "deleted" in a redline
    new_page: bool = False  # starts on a new page
    restart: bool = False  # the numbered paragraphs after it count again from 1


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph; `number` is the number a reader sees."""

    id: str
    number: int
    inlines: tuple[Inline, ...]
    attrs: dict = field(default_factory=dict, compare=False, hash=False)
    change: str = ""  # "inserted" or "deleted" in a redline


@dataclass(frozen=True)
class Plain:
    """An unnumbered body paragraph."""

    inlines: tuple[Inline, ...]
    change: str = ""


@dataclass(frozen=True)
class CaseStudy:
    """A boxed case study in reading order: its title is a heading of `level` (one
    below the heading it stands under), then its paragraphs."""

    level: int
    title: tuple[Inline, ...]
    paras: tuple[tuple[Inline, ...], ...]
    change: str = ""


@dataclass(frozen=True)
class ListItem:
    inlines: tuple[Inline, ...]
    children: tuple[ListItem, ...] = ()
    change: str = ""  # "inserted" or "deleted" in a redline


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class LetteredList:
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Fields:
    """Label–value lines set as a block, e.g. Author(s): … / Job Title: …"""

    rows: tuple[tuple[str, tuple[Inline, ...]], ...]


@dataclass(frozen=True)
class Table:
    """A table: a header row (repeated on every page), body rows, a caption and a source.

    A body cell is a `Text` (a label, or "–" for no data) or a `Figure` computed from
    the data, which keeps its provenance for the audit trail."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Text | Figure, ...], ...]
    numeric: tuple[bool, ...]  # per column: figures are right-aligned
    source: str = ""

    def text_rows(self) -> tuple[tuple[str, ...], ...]:
        """The body rows as printed."""
        return tuple(tuple(cell.text for cell in row) for row in self.rows)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    dashed: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart: labels along the x axis, one or more series, and alt text from the data."""

    kind: str  # line or bar
    caption: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str
    alt: str
    source: str = ""
    points: tuple[Figure, ...] = ()  # every value drawn, as printed, with its provenance


Block = Heading | Paragraph | Plain | CaseStudy | BulletList | LetteredList | Fields | Table | Chart


#: what a paper whose data are made up (`data: illustrative: yes`) says on every output a
#: reader sees: under the title of the Word paper and the web page, beside the marking on
#: every page (so in the pack), and in each row of the audit trail (Meta.illustrative)
ILLUSTRATIVE_LABEL = "Illustrative data"
ILLUSTRATIVE_NOTICE = (
    "the data behind this paper were made up for an example, so its figures are not "
    "official statistics and must not be quoted as such."
)


@dataclass(frozen=True)
class Meta:
    """The cover and the document properties."""

    title: str
    board: str
    meeting: str
    date: str  # ISO date of the meeting, used for document dates
    priority: str | None = None
    presented_by: str | None = None
    marking: str | None = None
    agenda_item: str | None = None
    subject: str | None = None
    author: str | None = None
    keywords: tuple[str, ...] = ()
    language: str = "en-GB"
    contents: bool = False  # a contents list after the cover (narrative/contents.py)
    illustrative: str = ""  # ILLUSTRATIVE_NOTICE where the data are made up, else ""

    @property
    def page_marking(self) -> str | None:
        """What the head and foot of every page print: the protective marking, and on a
        paper of made-up data "ILLUSTRATIVE DATA" beside it, so that every page, printed
        or passed on alone, says so."""
        if not self.illustrative:
            return self.marking
        flag = ILLUSTRATIVE_LABEL.upper()
        return f"{self.marking} – {flag}" if self.marking else flag


@dataclass(frozen=True)
class ScoreRow:
    """A row of the KPI scorecard: a heading row (section, objective, group) or a KPI."""

    kind: str  # section, objective, group, kpi, item
    text: str
    kpi_id: str = ""
    measure: str = ""
    baseline: str = ""
    latest: str = ""
    change: str = ""
    target: str = ""
    status: str = ""  # met, not-met, improving, worsening, no-change, monitor, no-data
    status_word: str = ""
    symbol: str = ""  # tick, cross, up, down, level, dot, dash
    trend: tuple[float, ...] = ()
    reference: float | None = None  # the baseline on the trend's scale (a month's worth)
    figures: tuple[Figure, ...] = ()  # baseline, latest and change with their provenance


@dataclass(frozen=True)
class Scorecard:
    """Appendix A: the KPI framework with each KPI's status."""

    title: str
    period: str  # "April 2021 to March 2022"
    baseline: str  # "2019/20"
    rows: tuple[ScoreRow, ...]
    note: str = ""
    paper_baseline: str = ""  # the paper's own baseline, where it differs ("the year ending …")


@dataclass(frozen=True)
class Appendix:
    """An appendix: a scorecard built here, or a file included as given."""

    letter: str
    title: str
    scorecard: Scorecard | None = None
    file: str | None = None
    charts: tuple = ()  # Chart: an appendix of charts


@dataclass(frozen=True)
class Revision:
    """Who made the changes a redline shows, and when (ISO 8601, UTC)."""

    author: str
    date: str


@dataclass(frozen=True)
class Paper:
    name: str
    meta: Meta
    blocks: tuple[Block, ...]
    appendices: tuple[Appendix, ...] = ()
    revision: Revision | None = None  # set on a redline: the changes are tracked

    def paras(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]


def merge_texts(inlines) -> list:
    """Neighbouring Text runs of one style joined into one run."""
    merged: list = []
    for inline in inlines:
        prev = merged[-1] if merged else None
        if (
            isinstance(inline, Text)
            and isinstance(prev, Text)
            and (prev.bold, prev.italic) == (inline.bold, inline.italic)
        ):
            merged[-1] = Text(prev.text + inline.text, prev.bold, prev.italic)
        else:
            merged.append(inline)
    return merged


def plain_text(inlines) -> str:
    """The text a reader sees, footnote marks left out (rendered by `walk.plain_text`,
    an inline visitor: this module is imported before the walk can be)."""
    from .walk import plain_text as rendered

    return rendered(inlines)
