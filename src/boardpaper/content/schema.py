"""Validation of `paper.yaml`: marked YAML values → typed content records.

Every problem is a `ContentError` at the file, line and column of the value
at fault, with a "did you mean" for misspelt keys. The accepted keys are
documented in docs/authoring.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from ..dates import MONTHS
from ..errors import ContentError, Location, shown
from . import model as m
from . import paths
from .checks import _keys, _kind, _mapping, _text
from .yamlmarks import MarkedList, MarkedMap, MarkedStr, load

TOP_KEYS = ("cover", "about", "period", "data", "appendices", "notes", "body", "typed", "style")
DATA_KEYS = ("measures", "files", "baseline", "area", "illustrative")
COVER_KEYS = ("board", "meeting", "title", "priority", "presented_by", "marking", "agenda_item")
ABOUT_KEYS = ("subject", "author", "keywords", "language")
#: Block kinds and the extra keys each allows.
BLOCK_KINDS = {
    "para": ("id",),
    "heading": ("new_page",),
    "subheading": ("new_page",),
    "bullets": (),
    "letters": (),
    "authors": ("job_title", "label"),
    "text": (),
    "framework": (),
    "table": ("measures", "measure", "areas", "columns", "change", "source", "transpose", "blanks"),
    "chart": ("kind", "measure", "months", "columns", "baseline", "source"),
}
_PERIOD = re.compile(r"^(\d{4}/\d{2}|\d{4}|\d{4}-\d{2})$")
ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")


def load_paper(folder: Path | str) -> m.PaperSource:
    """Read and validate `<folder>/paper.yaml`."""
    folder = Path(folder)
    path = folder / "paper.yaml"
    if not path.is_file():
        raise ContentError(
            "no paper.yaml in this folder",
            Location(str(folder)),
            hint="a paper is a folder holding paper.yaml",
        )
    return validate(load(path), str(path), folder.resolve().name, folder)


def validate(doc: object, path: str, name: str, folder: Path | None = None) -> m.PaperSource:
    """Check a loaded paper.yaml and build its content records."""
    top = _mapping(doc, Location(path, 1, 1), "the paper")
    _keys(top, TOP_KEYS, required=("cover", "body"), what="the paper")
    appendices = _appendices(top.get("appendices"), top, folder or Path(path).parent)
    notes = _notes(top.get("notes"), top)
    blocks = _Body(appendices, folder or Path(path).parent).build(
        top["body"], top.value_loc["body"]
    )
    _check_notes_used(blocks, notes)
    return m.PaperSource(
        path=path,
        name=name,
        cover=_cover(top["cover"], top.value_loc["cover"]),
        about=_about(top.get("about"), top),
        blocks=tuple(blocks),
        notes=notes,
        appendices=appendices,
        data=_data(top, folder or Path(path).parent),
        typed=_typed(top),
        comma_from=_style(top),
    )


def _style(top: MarkedMap) -> int:
    """`style: {comma_from: 10000}`: the house style's thousands separator."""
    style = top.get("style")
    if style is None:
        return 1000
    if not isinstance(style, MarkedMap):
        raise ContentError(
            "style must be a mapping, like style: {comma_from: 10000}", top.value_loc["style"]
        )
    _keys(style, ("comma_from",), what="style")
    value = style.get("comma_from", 1000)
    if value not in (1000, 10000):
        raise ContentError(
            "comma_from is 1000 (28,675 and 2,836: ONS style) or 10000 (28,675 but 2836)",
            style.value_loc["comma_from"],
        )
    return int(value)


def _typed(top: MarkedMap) -> tuple[str, ...]:
    """`typed:` the numbers written in the text on purpose (an age limit set in law, a
    campaign's own rate), which `check` does not ask to be placeholders."""
    value = top.get("typed")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ContentError(
            "typed must be a list of numbers as the text writes them, like ['16', '25%']",
            top.value_loc["typed"],
        )
    return tuple(str(v) for v in value)


# -- sections ----------------------------------------------------------------

PROPERTY_LIMIT = 255  # Word's limit for a document property (title, subject, author)


def _short(mapping: MarkedMap, key: str, what: str) -> None:
    value = mapping.get(key)
    if isinstance(value, str) and len(value) > PROPERTY_LIMIT:
        raise ContentError(
            f"{what} is {len(value)} characters; Word keeps at most "
            f"{PROPERTY_LIMIT} in a document property",
            mapping.value_loc[key],
        )


def _cover(value, where: Location) -> m.Cover:
    cover = _mapping(value, where, "cover")
    _keys(cover, COVER_KEYS, required=("board", "meeting", "title"), what="cover")
    for key in ("title", "board", "presented_by"):
        _short(cover, key, f"the {key.replace('_', ' ')}")
    meeting, iso = _meeting(cover["meeting"], cover.value_loc["meeting"])
    return m.Cover(
        board=_text(cover, "board", True),
        meeting=meeting,
        meeting_date=iso,
        title=_text(cover, "title", True),
        priority=_text(cover, "priority"),
        presented_by=_text(cover, "presented_by"),
        marking=_text(cover, "marking"),
        agenda_item=_text(cover, "agenda_item"),
    )


def _meeting(value, where: Location) -> tuple[str, str]:
    """`2022-05` → ("May 2022", "2022-05-01"); a full date → ("24 May 2022", ISO)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        with contextlib.suppress(ValueError):  # a date in quotes, as `new` may write it
            value = dt.date.fromisoformat(value.strip())
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}", value.isoformat()
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(value).strip()) if isinstance(value, str) else None
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ContentError(
            f"meeting must be a month like 2022-05 or a date like 2022-05-24, not {shown(value)}",
            where,
        )
    year, month = int(match.group(1)), int(match.group(2))
    return f"{MONTHS[month - 1]} {year}", f"{year:04d}-{month:02d}-01"


def _about(value, top: MarkedMap) -> m.About:
    if value is None:
        return m.About()
    about = _mapping(value, top.value_loc["about"], "about")
    _keys(about, ABOUT_KEYS, what="about")
    for key in ("subject", "author"):
        _short(about, key, f"the {key}")
    keywords = about.get("keywords") or ()
    if isinstance(keywords, str):
        keywords = [k for k in (s.strip() for s in keywords.split(",")) if k]
    elif not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ContentError(
            "keywords must be a list of words or one line split by commas",
            about.value_loc["keywords"],
        )
    if len("; ".join(str(k) for k in keywords)) > PROPERTY_LIMIT:
        raise ContentError(
            f"the keywords are longer than the {PROPERTY_LIMIT} characters Word keeps",
            about.value_loc["keywords"],
        )
    language = _text(about, "language") or "en-GB"
    if not LANG_RE.match(language):
        raise ContentError(
            f"language must be a tag like en-GB, not {shown(language)}", about.value_loc["language"]
        )
    return m.About(
        subject=_text(about, "subject"),
        author=_text(about, "author"),
        keywords=tuple(str(k) for k in keywords),
        language=str(language),
    )


def _month(value, where: Location, what: str) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise ContentError(
            f"{what} must be a month written YYYY-MM, like 2022-03, not {shown(value)}", where
        )
    if not 1900 <= int(text[:4]) <= 2199:
        raise ContentError(f"{what} must be a month between 1900 and 2199, not {text}", where)
    return text


def _data(top: MarkedMap, folder: Path) -> m.DataSpec | None:
    """`period:` and `data:`; the defaults find measures.yaml and data/*.csv|xlsx."""
    if "period" not in top:
        if "data" in top:
            raise ContentError(
                "data needs a reporting period",
                top.key_loc["data"],
                "add 'period: YYYY-MM' (the last month of the reporting year)",
            )
        return None
    period = _month(top["period"], top.value_loc["period"], "period")
    if top.get("data") is None:
        spec = MarkedMap()
        spec.loc = top.key_loc["period"]
    else:
        spec = _mapping(top["data"], top.value_loc["data"], "data")
    _keys(spec, DATA_KEYS, what="data")
    baseline = _month(
        spec.get("baseline", "2019-06"), spec.value_loc.get("baseline", spec.loc), "baseline"
    )
    area = _text(spec, "area") or "West Midlands"
    measures = _paths(spec, "measures", folder, ["measures.yaml"])
    files = _paths(spec, "files", folder, ["data/*.csv", "data/*.xlsx"])
    illustrative = spec.get("illustrative", False)
    if not isinstance(illustrative, bool):
        raise ContentError("illustrative must be yes or no", spec.value_loc["illustrative"])
    return m.DataSpec(
        period, baseline, str(area), measures, files, top.key_loc["period"], illustrative
    )


def _paths(spec: MarkedMap, key: str, folder: Path, default: list[str]) -> tuple[Path, ...]:
    """Files named under `key` (globs allowed), relative to the paper's folder."""
    given = key in spec
    value = spec.get(key, default)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(
            f"{key} must be a file name or a list of them", spec.value_loc.get(key, spec.loc)
        )
    found: list[Path] = []
    for i, pattern in enumerate(value):
        where = (
            value.item_loc[i] if hasattr(value, "item_loc") else spec.value_loc.get(key, spec.loc)
        )
        hits = paths.matching(folder, pattern, where)
        if not hits and given:
            raise ContentError(f"no file matches '{pattern}' in {folder}", where)
        found.extend(h for h in hits if h not in found)
    return tuple(found)


def _appendices(value, top: MarkedMap, folder: Path) -> tuple[m.Appendix, ...]:
    from .framework import load_framework

    if value is None:
        return ()
    where = top.value_loc["appendices"]
    if not isinstance(value, MarkedList):
        raise ContentError("appendices must be a list", where)
    found = []
    for i, (item, loc) in enumerate(zip(value, value.item_loc)):
        framework = file = None
        charts = ()
        if isinstance(item, MarkedMap):
            _keys(
                item,
                ("title", "scorecard", "file", "charts"),
                required=("title",),
                what="an appendix",
            )
            title = _text(item, "title", True)
            if sum(k in item for k in ("scorecard", "file", "charts")) > 1:
                raise ContentError("an appendix is a scorecard, a file or charts: one of them", loc)
            if "scorecard" in item:
                framework = load_framework(_existing(item, "scorecard", folder, (".yaml", ".yml")))
            if "file" in item:
                file = _existing(item, "file", folder, (".pdf", ".docx"))
            if "charts" in item:
                charts = _appendix_charts(item, folder)
        elif isinstance(item, MarkedStr) and item.strip():
            title = item
        else:
            raise ContentError(f"an appendix must be its title, not {_kind(item)}", loc)
        found.append(
            m.Appendix(
                letter=chr(ord("A") + i),
                title=title,
                loc=loc,
                framework=framework,
                file=file,
                charts=charts,
            )
        )
    if len(found) > 26:
        raise ContentError("more than 26 appendices", where)
    return tuple(found)


def _appendix_charts(item: MarkedMap, folder: Path) -> tuple:
    """`charts:` of an appendix: a list of chart blocks, as in the body."""
    value = item["charts"]
    if not isinstance(value, MarkedList) or not value:
        raise ContentError(
            "charts must be a list of '- chart: …' entries", item.value_loc["charts"]
        )
    body = _Body((), folder)
    found = []
    for entry, where in zip(value, value.item_loc):
        if not isinstance(entry, MarkedMap) or "chart" not in entry:
            raise ContentError("each entry of charts is '- chart: caption' with its keys", where)
        _keys(entry, ("chart",) + BLOCK_KINDS["chart"], what="a chart")
        found.append(body.chart(entry, where))
    return tuple(found)


def _existing(item: MarkedMap, key: str, folder: Path, suffixes) -> Path:
    """A file named under `key`, relative to the paper's folder, that exists."""
    return paths.existing(folder, _text(item, key, True), item.value_loc[key], suffixes, key)


def _notes(value, top: MarkedMap) -> dict[str, m.Note]:
    if value is None:
        return {}
    notes = _mapping(value, top.value_loc["notes"], "notes")
    found = {}
    for key, note in notes.items():
        loc = notes.key_loc[key]
        if not ID_RE.match(key):
            raise ContentError(
                f"note name {shown(key)} must start with a letter and hold only "
                "letters, digits, '-' and '_'",
                loc,
            )
        if isinstance(note, MarkedStr):
            found[key] = m.Note(key, note, None, loc)
            continue
        note = _mapping(note, notes.value_loc[key], f"note '{key}'")
        _keys(note, ("text", "link"), required=("text",), what=f"note '{key}'")
        link = _text(note, "link")
        if link is not None and not re.match(r"^(https?://|mailto:)\S+$", link):
            raise ContentError(
                f"link must be a web address starting https://, not {shown(link)}",
                note.value_loc["link"],
            )
        found[key] = m.Note(key, _text(note, "text", True), link and str(link), loc)
    return found


def _check_notes_used(blocks, notes: dict[str, m.Note]) -> None:
    used = set()
    for text in _all_text(blocks):
        used.update(re.findall(r"\[\^([^\]\s]+)\]", text))
    for key, note in notes.items():
        if key not in used:
            raise ContentError(
                f"note '{key}' is never cited",
                note.loc,
                f"cite it in a paragraph as [^{key}], or delete it",
            )


def _all_text(blocks):
    for block in blocks:
        if isinstance(block, (m.Paragraph, m.Heading, m.Plain)):
            yield block.text
        elif isinstance(block, (m.BulletList, m.LetteredList)):
            stack = list(block.items)
            while stack:
                item = stack.pop()
                yield item.text
                stack.extend(item.children)
        elif isinstance(block, m.Authors):  # the narrative stage prints notes cited here
            yield block.names
            if block.job_title:
                yield block.job_title


class _Body:
    """Validates `body:` in order, deriving ids from the nearest heading."""

    def __init__(self, appendices, folder: Path):
        self.appendices = appendices
        self.folder = folder
        self.section = "paper"
        self.count = 0
        self.sections_seen: dict[str, int] = {}
        self.ids: dict[str, Location] = {}

    def build(self, value, where: Location) -> list:
        if not isinstance(value, MarkedList) or not value:
            raise ContentError("body must be a list of paragraphs, headings and lists", where)
        raw = []
        for index, (item, loc) in enumerate(zip(value, value.item_loc)):
            block = self.block(item, loc)
            raw.append(
                block + (index,)
                if isinstance(block, tuple)
                else replace(block, index=index)
                if isinstance(block, m.Paragraph)
                else block
            )
        # Derived ids are made after all given ids are known, so they never clash.
        return [self.derive(b) if isinstance(b, tuple) else b for b in raw]

    def block(self, item, loc: Location):
        if isinstance(item, MarkedStr):
            return self.paragraph(item, None, loc)
        if not isinstance(item, MarkedMap):
            raise ContentError(f"a body entry must be text or a block, not {_kind(item)}", loc)
        kinds = [k for k in item if k in BLOCK_KINDS]
        if len(kinds) != 1:
            _keys(item, tuple(BLOCK_KINDS) + ("id", "job_title"), what="a body entry")
            raise ContentError("a body entry needs exactly one of: " + ", ".join(BLOCK_KINDS), loc)
        kind = kinds[0]
        _keys(item, (kind,) + BLOCK_KINDS[kind], what=f"a '{kind}' block")
        if kind == "para":
            return self.paragraph(_text(item, "para", True), item, loc)
        if kind in ("heading", "subheading"):
            text = _text(item, kind, True)
            self.new_section(str(text))
            new_page = item.get("new_page", False)
            if not isinstance(new_page, bool):
                raise ContentError("new_page must be yes or no", item.value_loc["new_page"])
            return m.Heading(1 if kind == "heading" else 2, text, loc, new_page)
        if kind == "bullets":
            return m.BulletList(self.items(item["bullets"], item.value_loc["bullets"], 2), loc)
        if kind == "letters":
            return self.letters(item, loc)
        if kind == "table":
            return self.table(item, loc)
        if kind == "text":
            return m.Plain(_text(item, "text", True), loc)
        if kind == "framework":
            from .framework import load_framework

            return m.FrameworkText(
                load_framework(_existing(item, "framework", self.folder, (".yaml", ".yml"))), loc
            )
        if kind == "chart":
            return self.chart(item, loc)
        label = _text(item, "label")
        return m.Authors(
            _text(item, "authors", True),
            _text(item, "job_title"),
            loc,
            str(label) if label else "Author(s)",
        )

    def table(self, item: MarkedMap, loc: Location) -> m.TableSpec:
        caption = _text(item, "table", True)
        if ("measures" in item) == ("measure" in item):
            raise ContentError(
                "a table names its rows: 'measures: [a, b]', or 'measure: x' with 'areas: [...]'",
                loc,
            )
        if "measure" in item and "areas" not in item:
            raise ContentError("a table of one measure needs 'areas: [...]'", loc)
        flags = {}
        for key in ("change", "transpose", "blanks"):
            flags[key] = item.get(key, False)
            if not isinstance(flags[key], bool):
                raise ContentError(f"{key} must be yes or no", item.value_loc[key])
        return m.TableSpec(
            caption,
            self.periods(item, "columns", required=True),
            loc,
            measures=self.names(item, "measures"),
            measure=str(_text(item, "measure")) if "measure" in item else None,
            areas=self.names(item, "areas", words=True),
            source=str(_text(item, "source") or ""),
            **flags,
        )

    def chart(self, item: MarkedMap, loc: Location) -> m.ChartSpec:
        caption = _text(item, "chart", True)
        kind = str(_text(item, "kind") or "line")
        if kind not in ("line", "bar"):
            raise ContentError(f"kind must be line or bar, not '{kind}'", item.value_loc["kind"])
        if "measure" not in item:
            raise ContentError("a chart needs 'measure: …'", loc)
        months = str(_text(item, "months") or "")
        if kind == "line" and not re.fullmatch(r"\d{4}-\d{2}\.\.\d{4}-\d{2}", months):
            raise ContentError(
                "a line chart needs 'months: YYYY-MM..YYYY-MM'", item.value_loc.get("months", loc)
            )
        if kind == "bar" and "columns" not in item:
            raise ContentError("a bar chart needs 'columns: [2019/20, 2020/21, …]'", loc)
        baseline = item.get("baseline", False)
        if not isinstance(baseline, bool):
            raise ContentError("baseline must be yes or no", item.value_loc["baseline"])
        return m.ChartSpec(
            caption,
            kind,
            str(_text(item, "measure")),
            loc,
            months,
            self.periods(item, "columns", required=kind == "bar"),
            baseline,
            str(_text(item, "source") or ""),
        )

    @staticmethod
    def names(item: MarkedMap, key: str, words: bool = False) -> tuple[str, ...]:
        value = item.get(key)
        if value is None:
            return ()
        if (
            not isinstance(value, MarkedList)
            or not value
            or not all(
                isinstance(v, str) and (words or re.fullmatch(r"[a-z][a-z0-9_]*", v)) for v in value
            )
        ):
            what = "area names" if words else "measure ids"
            raise ContentError(f"{key} must be a list of {what}", item.value_loc[key])
        return tuple(str(v) for v in value)

    @staticmethod
    def periods(item: MarkedMap, key: str, required: bool) -> tuple[str, ...]:
        value = item.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, MarkedList) or not value:
            raise ContentError(
                f"{key} must be a list of periods: 2020/21 (a financial year), "
                "2021 (a calendar year) or 2022-03 (12 months ending)",
                item.value_loc.get(key, item.loc),
            )
        out = []
        for v, where in zip(value, value.item_loc):
            text = str(v).strip()
            if not _PERIOD.match(text):
                raise ContentError(
                    f"'{text}' is not a period: write 2020/21, 2021 or 2022-03", where
                )
            out.append(text)
        return tuple(out)

    def new_section(self, heading: str) -> None:
        slug = "-".join(re.findall(r"[a-z0-9]+", heading.lower())) or "section"
        while len(slug) > 32 and "-" in slug:
            slug = slug.rsplit("-", 1)[0]
        seen = self.sections_seen.get(slug, 0) + 1
        self.sections_seen[slug] = seen
        self.section = slug if seen == 1 else f"{slug}-{seen}"
        self.count = 0

    def paragraph(self, text, item, loc: Location):
        if not isinstance(text, MarkedStr) or not text.strip():
            raise ContentError("a paragraph needs text", loc)
        self.count += 1
        if item is not None and "id" in item:
            given = item["id"]
            id_loc = item.value_loc["id"]
            if not isinstance(given, str) or not ID_RE.match(given):
                raise ContentError(
                    f"id {shown(given)} must start with a letter and hold only letters, digits, "
                    "'-' and '_' (at most 64)",
                    id_loc,
                )
            if given in self.ids:
                raise ContentError(
                    f"duplicate id '{given}' (first at line {self.ids[given].line})", id_loc
                )
            self.ids[given] = id_loc
            return m.Paragraph(str(given), text, loc, id_given=True)
        return (f"{self.section}-{self.count}", text, loc)

    def derive(self, pending) -> m.Paragraph:
        base, text, loc, index = pending
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{chr(ord('a') + n - 2)}" if n <= 27 else f"{base}-{n}"
        self.ids[candidate] = loc
        return m.Paragraph(candidate, text, loc, index=index)

    def items(self, value, where: Location, depth: int) -> tuple[m.Item, ...]:
        if not isinstance(value, MarkedList) or not value:
            raise ContentError(
                "a list needs at least one item, each on a line starting '- '", where
            )
        found = []
        for item, loc in zip(value, value.item_loc):
            if isinstance(item, MarkedStr) and item.strip():
                found.append(m.Item(item))
            elif isinstance(item, MarkedMap):
                _keys(item, ("text", "bullets"), required=("text",), what="a list item")
                children = ()
                if "bullets" in item:
                    if depth <= 1:
                        raise ContentError("lists nest two levels at most", item.key_loc["bullets"])
                    children = self.items(item["bullets"], item.value_loc["bullets"], depth - 1)
                found.append(m.Item(_text(item, "text", True), children))
            else:
                raise ContentError(f"a list item must be text, not {_kind(item)}", loc)
        return tuple(found)

    def letters(self, item: MarkedMap, loc: Location) -> m.LetteredList:
        value = item["letters"]
        if isinstance(value, MarkedStr) and value.strip() == "appendices":
            if not self.appendices:
                raise ContentError(
                    "'letters: appendices' but the paper lists no appendices",
                    item.value_loc["letters"],
                    "add an 'appendices:' list at the top level",
                )
            return m.LetteredList(tuple(m.Item(a.title) for a in self.appendices), loc, True)
        return m.LetteredList(self.items(value, item.value_loc["letters"], 1), loc)
