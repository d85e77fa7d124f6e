"""`boardpaper schema paper|measures|meeting`: the JSON Schemas an author's editor uses
for paper.yaml, measures.yaml and a meeting file (content/jsonschema.py,
measures/jsonschema.py, content/meeting_jsonschema.py), printed as schemas/*.schema.json
hold them."""

from __future__ import annotations

import datetime as dt
import json

from .content.jsonschema import paper_schema
from .content.meeting_jsonschema import meeting_schema
from .measures.jsonschema import measures_schema

SCHEMAS = {"paper": paper_schema, "measures": measures_schema, "meeting": meeting_schema}


def render(which: str) -> str:
    """The schema `which` as JSON text, as committed in schemas/<which>.schema.json."""
    return json.dumps(SCHEMAS[which](), indent=2, ensure_ascii=False) + "\n"


def plain(value):
    """A loaded YAML value as an editor's validator sees it (plain JSON values; a date
    written unquoted, 2022-05-24, as its text)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)
    return value
