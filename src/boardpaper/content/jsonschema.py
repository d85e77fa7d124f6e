"""A JSON Schema (draft-07) of paper.yaml, for the author's editor: completion, hover
help and errors as one types (yaml-language-server: VS Code, JetBrains, Neovim …).

It is generated from the tables the loader checks against (schema.py's `TOP_KEYS`,
cover.py's `COVER_KEYS` and `ABOUT_KEYS`, sections.py's `DATA_KEYS` …, the block kinds of
kinds.py with their extra keys, body.py's `CHART_KINDS`), so it cannot name a key the
program refuses or miss one it accepts; the words of each key's help are in
`jsonschema_help.py`. `boardpaper schema paper` prints it; schemas/paper.schema.json is
that output, and a test fails when the two differ.

The program stays the judge: the schema knows the keys, the kinds of values and their
forms (a month 2022-05, an id, a link), not the files, the data or the measures' names.
"""

from __future__ import annotations

from . import kinds
from .body import CHART_KINDS, YEAR_FORMS
from .checks import ID_RE
from .cover import ABOUT_KEYS, COVER_KEYS, LANG_RE, PROPERTY_LIMIT
from .jsonschema_help import ENUMS, HELP, KIND_HELP
from .schema import TOP_KEYS
from .sections import COLUMNS, DATA_KEYS, PREVIOUS_KEYS, SOURCE_KEYS, SQL_SCHEMES

DRAFT = "http://json-schema.org/draft-07/schema#"
MONTH = r"^(19|20|21)\d{2}-(0[1-9]|1[0-2])$"  # sections._month: YYYY-MM, 1900 to 2199
MEASURE_ID = r"^[a-z][a-z0-9_]*$"
APPENDIX_KEYS = ("title", "scorecard", "file", "charts")  # sections.appendices
NOTE_KEYS = ("text", "link")
ITEM_KEYS = ("text", "bullets")  # a list item written as keys (body.Body.items)
STYLE_KEYS = ("comma_from",)


def described(schema: dict, key: str) -> dict:
    """`schema` with the hover help of `key` ("cover.board", "body.chart" …): a
    description, and a markdownDescription with its example when it has one."""
    text, example = HELP.get(key, ("", ""))
    if not text:
        return schema
    out = {"description": text, **schema}
    if example:
        out["markdownDescription"] = f"{text}\n\n```yaml\n{example}\n```"
    return out


def choice(values, helps: dict[str, str]) -> dict:
    """An enum whose values each have a description (shown in completion)."""
    return {
        "enum": list(values),
        "enumDescriptions": [helps.get(v, "") for v in values],
        "markdownEnumDescriptions": [helps.get(v, "") for v in values],
    }


def text(optional: bool = False, limit: int | None = None) -> dict:
    """checks._text: text that is not blank; a number is read as its text."""
    out: dict = {"type": ["string", "number", "null"] if optional else ["string", "number"]}
    out["pattern"] = r"\S"
    if limit:
        out["maxLength"] = limit
    return out


def yes_no() -> dict:
    """A yes/no value: YAML 1.1's yes and no (as the loader reads them) or true/false."""
    return {
        "anyOf": [{"type": "boolean"}, {"enum": ["yes", "no", "Yes", "No", "YES", "NO"]}],
    }


def keys_object(where: str, keys, schemas: dict, required=()) -> dict:
    """A mapping of exactly `keys` (the code's table), each described."""
    out: dict = {
        "type": "object",
        "properties": {k: described(schemas.get(k, {}), f"{where}.{k}") for k in keys},
        "additionalProperties": False,
    }
    if required:
        out["required"] = list(required)
    return out


def _periods() -> dict:
    return {
        "type": "array",
        "minItems": 1,
        "items": {
            "anyOf": [
                {"type": "string", "pattern": r"^(\d{4}/\d{2}|\d{4}|\d{4}-\d{2})$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        },
    }


def _items(depth: int) -> dict:
    """body.Body.items: a list of text, or of `text:` with `bullets:` (two levels)."""
    keyed = {"text": text()}
    if depth > 1:
        keyed["bullets"] = _items(depth - 1)
    entry = keys_object("item", ITEM_KEYS[:depth], keyed, required=("text",))
    return {
        "type": "array",
        "minItems": 1,
        "items": {"anyOf": [{"type": "string", "pattern": r"\S"}, entry]},
    }


def _names(pattern: str | None) -> dict:
    item = {"type": "string", **({"pattern": pattern} if pattern else {})}
    return {"type": "array", "minItems": 1, "items": item}


#: the value of each block key, by (the key that starts the block, key)
def _values(start: str) -> dict[str, dict]:
    common = {
        "para": text(),
        "id": {"type": "string", "pattern": ID_RE.pattern},
        start: text(),
        "new_page": yes_no(),
        "restart": yes_no(),
        "bullets": _items(2),
        "letters": {"anyOf": [{"const": "appendices"}, _items(1)]},
        "job_title": text(optional=True),
        "label": text(optional=True),
        "framework": {"type": "string", "pattern": r"(?i)\.ya?ml$"},
        "measures": _names(MEASURE_ID),
        "measure": text(),
        "areas": _names(None),
        "columns": _periods(),
        "change": yes_no(),
        "transpose": yes_no(),
        "blanks": yes_no(),
        "commas": {  # body._commas: yes, no, or comma_from's numbers
            "anyOf": [*yes_no()["anyOf"], choice((1000, 10000), ENUMS["style.comma_from"])]
        },
        "total": yes_no(),
        "percent_sign": yes_no(),
        "years": {"type": "string", **choice(YEAR_FORMS, ENUMS["table.years"])},
        "corner": text(optional=True),
        "headings": {"type": "array", "items": text()},  # as many as columns: (RULES)
        "source": text(optional=True),
        "kind": choice(CHART_KINDS, ENUMS["chart.kind"]),
        "months": text(optional=True),
        "baseline": yes_no(),
    }
    if start == "case_study":
        para = {"type": "string", "pattern": r"\S"}  # body.Body.read_case_study
        common["text"] = {"anyOf": [para, {"type": "array", "minItems": 1, "items": para}]}
    return common


#: a table's `headings:` is checked to be as many as its `columns:` up to this many
HEADED = 20
YES = {"anyOf": [{"const": True}, {"enum": ["yes", "Yes", "YES"]}]}


def _headings() -> list[dict]:
    """body._headings: a heading per column (n columns: n headings, for n up to `HEADED`),
    and `years:` beside them only for the heading of a `change:` column (not transposed)."""
    sized = [
        {
            "if": {
                "required": ["columns"],
                "properties": {"columns": {"type": "array", "minItems": n, "maxItems": n}},
            },
            "then": {"properties": {"headings": {"minItems": n, "maxItems": n}}},
        }
        for n in range(1, HEADED + 1)
    ]
    years = {
        "if": {"required": ["years", "headings"]},
        "then": {"required": ["change"], "properties": {"change": YES, "transpose": {"not": YES}}},
    }
    return [*sized, years]


#: what else a block of a kind needs, beyond its keys (body.Body.table, .chart)
RULES: dict[str, dict] = {
    "case_study": {"required": ["text"]},
    "table": {
        "required": ["columns"],
        "oneOf": [{"required": ["measures"]}, {"required": ["measure"]}],
        "dependencies": {"measure": ["areas"]},
        "allOf": _headings(),
    },
    "chart": {
        "required": ["measure"],
        "if": {"properties": {"kind": {"const": "bar"}}, "required": ["kind"]},
        "then": {"required": ["columns"]},
        "else": {
            "required": ["months"],
            "properties": {
                "months": {"type": "string", "pattern": r"^\d{4}-\d{2}\.\.\d{4}-\d{2}$"}
            },
        },
    },
}


def block(start: str, kind: kinds.Kind) -> dict:
    """The mapping a block starting with the key `start` is."""
    values = _values(start)
    where = "body"
    out = keys_object(where, (start, *kind.extra), values, required=(start,))
    for key in (start, *kind.extra):  # a key no help names: the kind's own words
        if "description" not in out["properties"][key]:
            out["properties"][key]["description"] = KIND_HELP.get(
                key, f"a key of a '{kind.name}' block (content/kinds.py)"
            )
    return {**out, **RULES.get(start, {})}


def _starts(start: str, table: dict[str, kinds.Kind]) -> dict:
    """body.Body.block: the entry is a `start` block when it holds `start` and no other
    block's key, but the keys `start`'s block allows that do not allow `start` back."""
    extra = table[start].extra
    others = [o for o in table if o != start and not (o in extra and start not in table[o].extra)]
    out: dict = {"required": [start]}
    if others:
        out["not"] = {"anyOf": [{"required": [o]} for o in others]}
    return out


def body_entry() -> dict:
    """One entry of `body:`: a numbered paragraph's text, or a block of one kind."""
    table = kinds.by_key()
    keys: dict[str, None] = {}
    for start, kind in table.items():
        keys.update(dict.fromkeys((start, *kind.extra)))
    entry = {
        "type": "object",
        "properties": {
            k: described({}, f"body.{k}")
            if f"body.{k}" in HELP
            else {"description": KIND_HELP.get(k, "a block's key (content/kinds.py)")}
            for k in keys
        },
        "additionalProperties": False,
        "oneOf": [_starts(s, table) for s in table],
        "allOf": [{"if": _starts(s, table), "then": block(s, k)} for s, k in table.items()],
    }
    paragraph = described({"type": "string", "pattern": r"\S"}, "body.paragraph")
    return {"oneOf": [paragraph, entry]}


def _chart_entry() -> dict:
    return block("chart", kinds.by_key()["chart"])


def _appendix() -> dict:
    entry = keys_object(
        "appendix",
        APPENDIX_KEYS,
        {
            "title": text(),
            "scorecard": {"type": "string", "pattern": r"(?i)\.ya?ml$"},
            "file": {"type": "string", "pattern": r"(?i)\.(pdf|docx)$"},
            "charts": {"type": "array", "minItems": 1, "items": _chart_entry()},
        },
        required=("title",),
    )
    entry["dependencies"] = {
        "scorecard": {"not": {"anyOf": [{"required": ["file"]}, {"required": ["charts"]}]}},
        "file": {"not": {"required": ["charts"]}},
    }
    title = described({"type": "string", "pattern": r"\S"}, "appendix.title")
    return {"anyOf": [title, entry]}


def _data() -> dict:
    files = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    source = keys_object(
        "source",
        SOURCE_KEYS,
        {
            "sql": {"type": "string", "pattern": rf"^({'|'.join(SQL_SCHEMES)})(\+\w+)?://"},
            "query": {"type": "string", "pattern": r"(?i)^\s*(select|with)\b"},
            "columns": keys_object("columns", COLUMNS, dict.fromkeys(COLUMNS, text(optional=True))),
        },
        required=("sql", "query"),
    )
    schemas = {
        "measures": files,
        "files": files,
        "sources": {"type": ["array", "null"], "items": source},
        "baseline": {"type": "string", "pattern": MONTH},
        "area": text(optional=True),
        "illustrative": yes_no(),
        "previous": keys_object(
            "previous",
            PREVIOUS_KEYS,
            {
                "figures": {"type": "string", "pattern": r"\.csv$"},
                "period": {"type": "string", "pattern": MONTH},
                "baseline": {"type": "string", "pattern": MONTH},
            },
            required=("figures", "period"),
        ),
    }
    out = keys_object("data", DATA_KEYS, schemas)
    out["type"] = ["object", "null"]
    return out


def paper_schema() -> dict:
    """The JSON Schema of paper.yaml, from the loader's own tables."""
    cover = keys_object(
        "cover",
        COVER_KEYS,
        {
            **dict.fromkeys(COVER_KEYS, text(optional=True)),
            "contents": yes_no(),
            "board": text(limit=PROPERTY_LIMIT),
            "title": text(limit=PROPERTY_LIMIT),
            "presented_by": text(optional=True, limit=PROPERTY_LIMIT),
            "meeting": {
                "type": "string",
                "pattern": r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$",
            },
        },
        required=("board", "meeting", "title"),
    )
    about = keys_object(
        "about",
        ABOUT_KEYS,
        {
            "subject": text(optional=True, limit=PROPERTY_LIMIT),
            "author": text(optional=True, limit=PROPERTY_LIMIT),
            "keywords": {
                "anyOf": [
                    {"type": ["string", "null"]},
                    {"type": "array", "items": {"type": "string"}},
                ]
            },
            "language": {"type": "string", "pattern": LANG_RE.pattern},
        },
    )
    about["type"] = ["object", "null"]
    note = keys_object("note", NOTE_KEYS, {"text": text(), "link": _link()}, required=("text",))
    schemas = {
        "cover": cover,
        "about": about,
        "period": {"type": "string", "pattern": MONTH},
        "data": _data(),
        "appendices": {"type": ["array", "null"], "maxItems": 26, "items": _appendix()},
        "notes": {
            "type": ["object", "null"],
            "propertyNames": {"pattern": ID_RE.pattern},
            "additionalProperties": {"anyOf": [{"type": "string"}, note]},
        },
        "body": {"type": "array", "minItems": 1, "items": body_entry()},
        "typed": {"type": ["array", "null"], "items": {"type": ["string", "number"]}},
        "style": {
            **keys_object(
                "style",
                STYLE_KEYS,
                {"comma_from": choice((1000, 10000), ENUMS["style.comma_from"])},
            ),
            "type": ["object", "null"],
        },
    }
    top = keys_object("paper", TOP_KEYS, schemas, required=("cover", "body"))
    top["dependencies"] = {"data": ["period"]}
    return {
        "$schema": DRAFT,
        "title": "boardpaper paper.yaml",
        "description": HELP["paper"][0],
        **top,
    }


def _link() -> dict:
    return {"type": ["string", "null"], "pattern": r"^(https?://|mailto:)\S+$"}
