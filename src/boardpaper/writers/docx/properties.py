"""Document properties: title, subject, author, keywords, language, fixed dates."""

from __future__ import annotations

import datetime as dt

from ...narrative.model import Meta
from ...oxml.styles import set_default_language


def set_properties(document, meta: Meta) -> None:
    """Fill the core properties from the paper; dates come from the meeting, not the clock."""
    props = document.core_properties
    props.title = _fit(meta.title)
    props.subject = _fit(meta.subject or f"{meta.board}, {meta.meeting}")
    props.author = _fit(meta.author or meta.board)
    props.keywords = _fit("; ".join(meta.keywords))
    props.language = meta.language
    props.category = _fit(meta.board)
    props.last_modified_by = "boardpaper"
    props.revision = 1
    when = dt.datetime.fromisoformat(meta.date).replace(tzinfo=dt.UTC)
    props.created = when
    props.modified = when
    set_default_language(document.styles.element, meta.language)


def _fit(text: str, limit: int = 255) -> str:
    """`text` within Word's limit for a property (validation keeps authors' text within
    it; this covers values made up from several fields)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
