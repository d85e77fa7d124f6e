"""Typed content records: what `paper.yaml` says, validated, with locations.

These records are the output of the content stage. Text is kept as
`MarkedStr` (inline markup and placeholders still unparsed), so the next stage
can report errors at the right line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Location
from .yamlmarks import MarkedStr


@dataclass(frozen=True)
class Cover:
    """The cover block of an SPCB paper."""

    board: MarkedStr
    meeting: str  # as printed, e.g. "May 2022"
    meeting_date: str  # ISO, e.g. "2022-05-01": the paper's date for properties
    title: MarkedStr
    priority: MarkedStr | None = None
    presented_by: MarkedStr | None = None
    marking: MarkedStr | None = None
    agenda_item: MarkedStr | None = None
    contents: bool = False  # a contents list after the cover (a long paper)


@dataclass(frozen=True)
class About:
    """Document properties beyond the cover (all optional)."""

    subject: str | None = None
    author: str | None = None
    keywords: tuple[str, ...] = ()
    language: str = "en-GB"


@dataclass(frozen=True)
class Note:
    """A footnote, defined once under `notes:` and cited as `[^key]`."""

    key: str
    text: MarkedStr
    link: str | None
    loc: Location


@dataclass(frozen=True)
class Appendix:
    """One appendix of the paper, lettered A, B, … in order: a KPI scorecard built
    from a framework, an existing PDF or Word file included as given, or a title only."""

    letter: str
    title: MarkedStr
    loc: Location
    framework: object | None = None  # content.framework.Framework
    file: Path | None = None
    charts: tuple = ()  # ChartSpec: an appendix of charts, drawn as PDF


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = heading, 2 = subheading
    text: MarkedStr
    loc: Location
    new_page: bool = False  # the heading opens a new page (a statement, an appendix)
    restart: bool = False  # the numbered paragraphs after it count again from 1 (a theme)


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph; `id` is the author's or derived from its place."""

    id: str
    text: MarkedStr
    loc: Location
    id_given: bool = False
    index: int = -1  # its place in the body list, for edits that write the YAML back


@dataclass(frozen=True)
class Item:
    """A bullet or lettered item, with second-level bullets under it."""

    text: MarkedStr
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class BulletList:
    items: tuple[Item, ...]
    loc: Location


@dataclass(frozen=True)
class LetteredList:
    """A lettered list (A. B. C.); `appendices=True` lists the paper's appendices."""

    items: tuple[Item, ...]
    loc: Location
    appendices: bool = False


@dataclass(frozen=True)
class Authors:
    """The author block: Author(s) and Job Title."""

    names: MarkedStr
    job_title: MarkedStr | None
    loc: Location
    label: str = "Author(s)"  # or "Author", "Authors", as the paper says it


@dataclass(frozen=True)
class Plain:
    """An unnumbered body paragraph (annual reports, case studies)."""

    text: MarkedStr
    loc: Location


@dataclass(frozen=True)
class CaseStudy:
    """A boxed, titled case study in reading order: a title and its paragraphs."""

    title: MarkedStr
    paras: tuple[MarkedStr, ...]
    loc: Location


@dataclass(frozen=True)
class FrameworkText:
    """A KPI framework set out in the paper itself (sections, objectives, KPIs)."""

    framework: object  # content.framework.Framework
    loc: Location


@dataclass(frozen=True)
class TableSpec:
    """A table computed from data: rows are measures, or areas of one measure;
    columns are periods (financial years, calendar years, 12 months ending)."""

    caption: MarkedStr
    columns: tuple[str, ...]
    loc: Location
    measures: tuple[str, ...] = ()  # rows are these measures …
    measure: str | None = None  # … or one measure over `areas`
    areas: tuple[str, ...] = ()
    change: bool = False  # a last column: the change from the first period to the last
    source: str = ""
    transpose: bool = False  # rows are the periods, columns the measures or areas
    blanks: bool = False  # a period with no data at all shows "–" instead of an error
    commas: bool | int = True  # yes: the house style; no: none ("2836"); 10000: 28,675 but 2836
    total: bool = False  # a "Total": each measure (or area) summed over the periods
    percent_sign: bool = True  # no: a percentage prints "66", its heading saying %
    years: str = "2020/21"  # how a financial year is written: 2020/21, 2020-21, 20/21 …
    corner: str = ""  # the first column's heading ("" : Year, Measure or Area)
    headings: tuple[str, ...] = ()  # the periods' own headings, one per column (() : labels)
    where: tuple[tuple[str, Location], ...] = ()  # (key, place of its value): errors at a key

    def at(self, key: str) -> Location:
        """Where `key`'s value is written (the table's own place if it is not)."""
        return dict(self.where).get(key, self.loc)


@dataclass(frozen=True)
class ChartSpec:
    """A chart computed from data: a line over months or bars over periods."""

    caption: MarkedStr
    kind: str  # line or bar
    measure: str
    loc: Location
    months: str = ""  # line: YYYY-MM..YYYY-MM
    columns: tuple[str, ...] = ()  # bar: periods
    baseline: bool = False  # line: the baseline year's monthly average, dashed
    source: str = ""


Block = (
    Heading
    | Paragraph
    | Plain
    | CaseStudy
    | BulletList
    | LetteredList
    | Authors
    | TableSpec
    | ChartSpec
    | FrameworkText
)


@dataclass(frozen=True)
class SqlSource:
    """A query against a database (`data: sources: - sql: URL, query: …`), read like a
    data file. `url` holds no password (refused in paper.yaml); a relative SQLite file
    is `path`, in the paper's folder."""

    url: str  # as written, a SQLAlchemy URL
    query: str  # one read-only SELECT or WITH statement
    loc: Location  # the source's entry in paper.yaml
    query_loc: Location
    path: Path | None = None  # the SQLite file, resolved in the paper's folder
    columns: tuple[tuple[str, str], ...] = ()  # (measure|period|value|area, result column)

    @property
    def label(self) -> str:
        """How errors and the audit trail name the source: its URL and paper.yaml line."""
        return f"{self.url} ({Path(self.loc.path).name}:{self.loc.line})"


@dataclass(frozen=True)
class PreviousPaper:
    """The paper this one was rolled forward from (`data: previous:`, written by `new`):
    its audit trail, kept in this paper's folder, and the windows it was reckoned over."""

    figures: Path  # its figures.csv
    period: str  # YYYY-MM: its reporting year's last month
    baseline: str  # YYYY-MM: its national baseline year's last month
    loc: Location

    @property
    def name(self) -> str:
        return self.figures.name.removesuffix(".figures.csv")


@dataclass(frozen=True)
class DataSpec:
    """Where a paper's figures come from, and the windows they are reckoned over."""

    period: str  # YYYY-MM: the last month of the reporting year
    baseline: str  # YYYY-MM: the last month of the national baseline year
    area: str  # the force: rows with no area are its
    measures: tuple[Path, ...]
    files: tuple[Path, ...]
    loc: Location
    illustrative: bool = False  # the data is made up for an example, and says so
    sources: tuple[SqlSource, ...] = ()  # queries read beside the files
    previous: PreviousPaper | None = None  # the paper rolled forward from, to tell restatements


@dataclass(frozen=True)
class PaperSource:
    """A whole paper as the author wrote it."""

    path: str
    name: str  # the paper folder's name, e.g. 2022-05-performance-report
    cover: Cover
    about: About
    blocks: tuple[Block, ...]
    notes: dict[str, Note] = field(default_factory=dict)
    appendices: tuple[Appendix, ...] = ()
    data: DataSpec | None = None
    typed: tuple[str, ...] = ()  # numbers typed in the text on purpose
    comma_from: int = 1000  # house style: the smallest number printed with a comma

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
