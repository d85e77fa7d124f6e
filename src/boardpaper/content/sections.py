"""paper.yaml's `data:`, `appendices:` and `notes:`: the measures and data files
(found through the path policy, `paths.py`), the appendices, and the footnotes,
each cited somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ContentError, Location, shown
from . import model as m
from . import paths
from .checks import ID_RE, _keys, _kind, _mapping, _text
from .yamlmarks import MarkedList, MarkedMap, MarkedStr

DATA_KEYS = ("measures", "files", "baseline", "area", "illustrative")


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
