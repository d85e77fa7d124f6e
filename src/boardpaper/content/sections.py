"""paper.yaml's `data:`, `appendices:` and `notes:`: the measures and data files
(found through the path policy, `paths.py`), the appendices, and the footnotes,
each cited somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ContentError, Location, shown
from . import model as m
from . import paths
from .checks import ID_RE, _flag, _keys, _kind, _mapping, _text
from .yamlmarks import MarkedList, MarkedMap, MarkedStr

DATA_KEYS = ("measures", "files", "sources", "baseline", "area", "illustrative", "previous")
PREVIOUS_KEYS = ("figures", "period", "baseline")
SOURCE_KEYS = ("sql", "query", "columns")
SQL_SCHEMES = ("sqlite", "postgresql")
COLUMNS = ("measure", "period", "value", "area")
# a query is one read-only statement: it starts SELECT or WITH, and names none of these
# (the read-only transaction and SQLite's mode=ro refuse what slips past)
_WRITES = (
    "insert|update|delete|merge|create|drop|alter|truncate|grant|revoke|copy|attach|"
    "detach|pragma|vacuum|reindex|into|lock|call"
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


def data(top: MarkedMap, folder: Path) -> m.DataSpec | None:
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
    illustrative = _flag(spec, "illustrative")
    return m.DataSpec(
        period,
        baseline,
        str(area),
        measures,
        files,
        top.key_loc["period"],
        illustrative,
        _sources(spec, folder),
        _previous(spec, folder, baseline),
    )


def _previous(spec: MarkedMap, folder: Path, baseline: str) -> m.PreviousPaper | None:
    """`previous:`: the audit trail of the paper this one was rolled forward from (a
    file in this paper's folder, kept there by `new`) and that paper's period."""
    if spec.get("previous") is None:
        return None
    item = _mapping(spec["previous"], spec.value_loc["previous"], "previous")
    _keys(item, PREVIOUS_KEYS, required=("figures", "period"), what="previous")
    where = item.value_loc["figures"]
    name = str(_text(item, "figures", True))
    path = paths.existing(folder, name, where, (".csv",), "the previous paper's figures")
    period = _month(item["period"], item.value_loc["period"], "the previous paper's period")
    base = _month(
        item.get("baseline", baseline),
        item.value_loc.get("baseline", item.loc),
        "the previous paper's baseline",
    )
    return m.PreviousPaper(path, period, base, where)


def _sources(spec: MarkedMap, folder: Path) -> tuple[m.SqlSource, ...]:
    """`sources:`: queries against databases, each `sql: URL` and `query: SELECT …`."""
    if spec.get("sources") is None:
        return ()
    value = spec["sources"]
    if not isinstance(value, MarkedList):
        raise ContentError(
            "sources must be a list of '- sql: URL' entries with a query",
            spec.value_loc["sources"],
        )
    found = []
    for item, loc in zip(value, value.item_loc):
        item = _mapping(item, loc, "a data source")
        _keys(item, SOURCE_KEYS, required=("sql", "query"), what="a data source")
        url, path = _url(_text(item, "sql", True), item.value_loc["sql"], folder)
        query = _query(_text(item, "query", True), item.value_loc["query"])
        found.append(m.SqlSource(url, query, loc, item.value_loc["query"], path, _columns(item)))
    return tuple(found)


def _url(url: str, where: Location, folder: Path) -> tuple[str, Path | None]:
    """The URL, checked: a known scheme, no password; a SQLite file in the paper's folder."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = str(url).strip()
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise ContentError(
            f"{shown(url)} is not a database URL",
            where,
            "write it like sqlite:///data/measures.sqlite or postgresql://host/db",
        ) from None
    scheme = parsed.get_backend_name()
    if scheme not in SQL_SCHEMES:
        raise ContentError(
            f"databases are {' or '.join(SQL_SCHEMES)}, not '{scheme}'",
            where,
            "write sqlite:///data/file.sqlite or postgresql://host/db",
        )
    if (
        parsed.password is not None
        or re.search(r"://[^/@]*:[^/@]*@", url)
        or any(k.lower() == "password" for k in parsed.query)
    ):
        raise ContentError(
            "the URL holds a password; write the password in the environment "
            "(PGPASSWORD) or ~/.pgpass, not in paper.yaml",
            where,
        )
    if parsed.query and scheme == "sqlite":
        raise ContentError("the URL has options (?…); boardpaper sets how it connects", where)
    if scheme != "sqlite":
        return url, None
    if not parsed.database or parsed.database == ":memory:":
        raise ContentError("a SQLite URL names a file: sqlite:///data/measures.sqlite", where)
    name = paths.plain(parsed.database, where, "the database")
    path = folder / name
    if not path.is_file():  # refused when read (measures/sql.py); not read --from-snapshot
        return url, path
    paths.inside(path, folder, name, where)
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ContentError(
            f"'{name}' is outside the paper's folder",
            where,
            "copy the database into the paper's data/ folder",
        )
    return url, path


def _query(query: str, where: Location) -> str:
    """One read-only statement: SELECT or WITH, nothing that writes."""
    text = re.sub(r"(?s)/\*.*?\*/|--[^\n]*", " ", str(query)).strip().rstrip(";").strip()
    bare = re.sub(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"", "''", text)  # no string literals
    first = re.match(r"\w+", bare)
    if not first or first.group().lower() not in ("select", "with"):
        raise ContentError(
            "a query must be one SELECT (or WITH … SELECT) statement",
            where,
            "boardpaper only reads; write SELECT measure, period, value FROM …",
        )
    if ";" in bare:
        raise ContentError("a query must be one statement (it holds ';' between two)", where)
    write = re.search(rf"\b({_WRITES})\b", bare, re.IGNORECASE)
    if write:
        raise ContentError(
            f"a query must only read, and '{write.group()}' would change the database",
            where,
            "write one SELECT statement",
        )
    return str(query).strip().rstrip(";").strip()


def _columns(item: MarkedMap) -> tuple[tuple[str, str], ...]:
    """`columns:` (optional): which result column is each of measure, period, value, area."""
    if item.get("columns") is None:
        return ()
    mapping = _mapping(item["columns"], item.value_loc["columns"], "columns")
    _keys(mapping, COLUMNS, what="columns")
    return tuple((key, str(_text(mapping, key, True))) for key in mapping)


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


def appendices(value, top: MarkedMap, folder: Path) -> tuple[m.Appendix, ...]:
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
    from .body import Body  # a chart of an appendix is checked as in the body
    from .kinds import by_key

    body = Body((), folder)
    found = []
    for entry, where in zip(value, value.item_loc):
        if not isinstance(entry, MarkedMap) or "chart" not in entry:
            raise ContentError("each entry of charts is '- chart: caption' with its keys", where)
        _keys(entry, ("chart",) + by_key()["chart"].extra, what="a chart")
        found.append(body.chart(entry, where))
    return tuple(found)


def _existing(item: MarkedMap, key: str, folder: Path, suffixes) -> Path:
    """A file named under `key`, relative to the paper's folder, that exists."""
    return paths.existing(folder, _text(item, key, True), item.value_loc[key], suffixes, key)


def notes(value, top: MarkedMap) -> dict[str, m.Note]:
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


def check_notes_used(blocks, notes: dict[str, m.Note]) -> None:
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
