"""The hover help of every key of paper.yaml, measures.yaml and a meeting file in the
JSON Schemas (`jsonschema.py`, measures/jsonschema.py, meeting_jsonschema.py), in the
words of docs/authoring.md; the words are kept in schema_help.yaml beside this module.

`HELP`: "<where>.<key>" → (what it is, an example in YAML or ""). A key of the code's
tables with no entry here still appears in the schema, with its kind's name
(`KIND_HELP`); tests/content/test_jsonschema.py asks for an entry for each built-in one.
"""

from __future__ import annotations

from pathlib import Path

from .yamlmarks import load

HELP_FILE = Path(__file__).with_name("schema_help.yaml")


def _help() -> dict[str, tuple[str, str]]:
    """schema_help.yaml: "<where>.<key>" → (its help, an example or ""); its first entry,
    `placeholders`, is the words several entries share (a YAML anchor)."""
    doc = load(HELP_FILE)
    return {
        str(key): (str(entry["help"]), str(entry.get("example", "")))
        for key, entry in doc.items()
        if key != "placeholders"
    }


HELP: dict[str, tuple[str, str]] = _help()

ENUMS: dict[str, dict] = {
    "chart.kind": {"line": "months along the x axis", "bar": "one bar per period"},
    "style.comma_from": {1000: "28,675 and 2,836 (ONS style)", 10000: "28,675 but 2836"},
    "table.years": {
        "2020/21": "the default",
        "2020/2021": "both years in full",
        "2020-21": "with a hyphen",
        "2020-2021": "both years in full, with a hyphen",
        "20/21": "two digits each",
        "20-21": "two digits each, with a hyphen",
    },
}

#: a key of a block kind added outside the built-in ones (content/kinds.py `register`)
KIND_HELP: dict[str, str] = {}
