"""A JSON Schema (draft-07) of measures.yaml for the author's editor, generated from
definitions.py's tables (`KEYS`, `UNITS`, `COMBINE`, `GOOD`, `ID_RE`), as
content/jsonschema.py does for paper.yaml. `boardpaper schema measures` prints it."""

from __future__ import annotations

from ..content.jsonschema import DRAFT, choice, text
from ..content.jsonschema_help import HELP as HELP_OF
from .definitions import COMBINE, GOOD, ID_RE, KEYS, ROUNDING, UNITS

#: the hover help of each key: schema_help.yaml's "measure.<key>" (content/jsonschema_help.py)
HELP = {key: HELP_OF[f"measure.{key}"][0] for key in KEYS}
ENUMS = {
    "unit": {
        "count": "a number of things (crimes, arrests)",
        "percent": "a percentage",
        "rate": "a rate, such as per 1,000 population",
        "money": "pounds",
    },
    "combine": {
        "sum": "the months added up",
        "mean": "the average of the months",
        "latest": "the value of the last month (a published rate)",
    },
    "good": {"down": "lower is better", "up": "higher is better", "none": "neither"},
    "rounding": {
        "nearest": "rounded half up to its decimals (ONS style)",
        "down": "cut to its decimals: 58.4% prints 58",
    },
}
EXAMPLE = (
    "homicide:\n  label: Homicides\n  unit: count\n  combine: sum\n  good: down\n"
    "  source: WMP crime recording system\n  decimals: 0\n  short: Homicides"
)


def measures_schema() -> dict:
    """The JSON Schema of measures.yaml: one entry per measure id."""
    values = {
        "label": {"type": "string", "pattern": r"\S"},
        "short": text(optional=True),
        "unit": choice(UNITS, ENUMS["unit"]),
        "combine": choice(COMBINE, ENUMS["combine"]),
        "good": choice(GOOD, ENUMS["good"]),
        "source": {"type": "string"},
        "decimals": {"type": "integer", "minimum": 0, "maximum": 6},
        "per": {"type": "integer", "minimum": 1, "maximum": 10**9},
        "denominator": {"type": "string", "pattern": ID_RE.pattern},
        "numerator": {"type": "string", "pattern": ID_RE.pattern},
        "rounding": choice(ROUNDING, ENUMS["rounding"]),
        "from": from_schema(),
    }
    measure = {
        "type": "object",
        "description": "A measure: what it is and how it adds up.",
        "markdownDescription": f"A measure: what it is and how it adds up.\n\n```yaml\n{EXAMPLE}\n```",
        "properties": {k: {"description": HELP[k], **values[k]} for k in KEYS},
        "required": ["label"],
        "dependencies": {"numerator": ["denominator"]},
        "not": {"required": ["numerator", "from"]},
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "title": "boardpaper measures.yaml",
        "description": "Measure definitions: one entry per measure; the id is what "
        "placeholders name ({{ m.homicide }}): lower case letters, digits and _, a letter first.",
        "type": ["object", "null"],
        "propertyNames": {"pattern": ID_RE.pattern},
        "additionalProperties": measure,
    }


def from_schema() -> dict:
    """`from:` (measures/shapes.py): records or a wide table."""
    texts = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    column = {"type": "string", "minLength": 1}
    records = {
        "type": "object",
        "properties": {
            "records": {"type": "string", "description": "A glob of CSV files of records."},
            "period": {**column, "description": "The column of each record's period."},
            "area": {**column, "description": "The column of each record's area."},
            "where": {
                "type": "object",
                "description": "Records counted: column -> a value or a list of values.",
                "additionalProperties": texts,
            },
        },
        "required": ["records", "period"],
        "additionalProperties": False,
    }
    table = {
        "type": "object",
        "properties": {
            "table": {"type": "string", "description": "An .ods, .xlsx or .csv file."},
            "sheet": {"type": "string", "description": "The sheet (default: the first)."},
            "header_row": {"type": "integer", "minimum": 1, "description": "The headings' row."},
            "periods": {"enum": ["across", "down"], "description": "Periods as columns or rows."},
            "area": {**column, "description": "across: the column of the rows' areas."},
            "row": {**texts, "description": "across: the row(s) taken, by label."},
            "columns": {**texts, "description": "The columns taken: first..last or a list."},
            "period": {**column, "description": "down: the column of the periods."},
            "value": {**column, "description": "down: the one column of values."},
            "missing": {**texts, "description": 'Cells meaning "no figure", like "[x]".'},
        },
        "required": ["table"],
        "additionalProperties": False,
    }
    return {"oneOf": [records, table]}
