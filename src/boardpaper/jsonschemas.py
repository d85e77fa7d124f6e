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


def render(which: str, paper=None) -> str:
    """The schema `which` as JSON text, as committed in schemas/<which>.schema.json;
    with `paper` (a paper folder), paper.yaml's for that paper (`for_paper`)."""
    schema = for_paper(paper) if paper is not None else SCHEMAS[which]()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def for_paper(folder) -> dict:
    """paper.yaml's schema for the paper in `folder`: a table's or chart's `measure:` and
    `measures:` are the ids of its measures.yaml (each with its label), and a text's help
    lists them with the fields a placeholder may name (`boardpaper placeholders` gives
    each with an example)."""
    from pathlib import Path

    from .content import sections
    from .content.jsonschema import choice
    from .content.yamlmarks import MarkedMap, load
    from .measures.definitions import load_definitions
    from .narrative.reference import field_names

    top = load(Path(folder) / "paper.yaml")
    spec = sections.data(top if isinstance(top, MarkedMap) else MarkedMap(), Path(folder))
    measures = load_definitions(list(spec.measures)) if spec is not None else {}
    labels = {key: m.label for key, m in measures.items()}
    schema = paper_schema()
    if not labels:
        return schema
    one = choice(labels, labels)
    listed = "; ".join(f"`m.{key}` ({label})" for key, label in labels.items())
    fields = ", ".join(field_names())
    said = f"\n\nThis paper's measures: {listed}. Their fields: {fields}."

    def narrow(node) -> None:
        if isinstance(node, dict):
            properties = node.get("properties", {})
            if "measure" in properties and "measures" in properties:
                properties["measure"] = {**properties["measure"], **one}
                properties["measures"] = {**properties["measures"], "items": one}
            for key in ("para", "text"):
                if key in properties and "description" in properties[key]:
                    words = properties[key]["description"] + said
                    properties[key] = {**properties[key], "markdownDescription": words}
            for value in node.values():
                narrow(value)
        elif isinstance(node, list):
            for value in node:
                narrow(value)

    narrow(schema)
    schema["title"] = f"boardpaper paper.yaml: {Path(folder).resolve().name}"
    return schema


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
