"""paper.yaml's `cover:` and `about:`: the front page's fields and the document's
properties (Word keeps at most 255 characters in a property)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from ..dates import MONTHS
from ..errors import ContentError, Location, shown
from . import model as m
from .checks import _flag, _keys, _mapping, _text
from .yamlmarks import MarkedMap

COVER_KEYS = (
    *("board", "meeting", "title", "priority", "presented_by", "marking", "agenda_item"),
    "contents",  # yes: a contents list after the cover, not a field of the template
)
ABOUT_KEYS = ("subject", "author", "keywords", "language")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
PROPERTY_LIMIT = 255  # Word's limit for a document property (title, subject, author)


def _short(mapping: MarkedMap, key: str, what: str) -> None:
    value = mapping.get(key)
    if isinstance(value, str) and len(value) > PROPERTY_LIMIT:
        raise ContentError(
            f"{what} is {len(value)} characters; Word keeps at most "
            f"{PROPERTY_LIMIT} in a document property",
            mapping.value_loc[key],
        )


def cover(value, where: Location) -> m.Cover:
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
        contents=_flag(cover, "contents"),
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


def about(value, top: MarkedMap) -> m.About:
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
