"""`from:` in measures.yaml: a measure's data as published, declared rather than reshaped.

Two shapes (opendata.py reads them into long rows for data.py's checks):

```yaml
burglary:                       # record-level CSVs, one row per crime, counted
  label: Burglary, crimes
  from:
    records: data/police-uk/*/*-street.csv   # a glob, relative to this measures.yaml
    period: Month               # the column of each record's period (2022-01)
    area: Falls within          # optional: the column of its area
    where: {Crime type: [Burglary]}   # optional: column -> a value or a list of values

burglary_rate:                  # a wide table (Home Office, ONS), periods across or down
  label: Burglary per 1,000 population
  unit: rate
  from:
    table: data/home-office-table-3.ods    # .ods, .xlsx or .csv
    sheet: Table 3              # default: the first sheet
    header_row: 5               # the row of the column headings (default 1)
    periods: across             # periods as columns (default), or down
    area: Force name            # across: the column of the rows' areas, or
    row: West Midlands          #   one row (or a list), labelled in the first column
    columns: 2019/20..2021/22   # optional: these columns only (a range or a list)
    missing: ["[x]", ".."]      # cells that mean "no figure"; any other text is an error
```

With `periods: down` the periods stand in a column (`period:`, default the first) and
each other headed column is an area named by its heading (or `columns:` some of them,
or `value:` one column, the paper's own area). The table runs from the row below its
headings to the first empty row. Files are named relative to the folder of the
measures.yaml that declares them, and found through content/paths.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.yamlmarks import MarkedList, MarkedMap
from ..errors import DataError, Location, only_keys, shown

RECORDS_KEYS = ("records", "period", "area", "where")
TABLE_KEYS = (
    *("table", "sheet", "header_row", "periods", "area", "row", "columns", "period"),
    *("value", "missing"),
)
MOST_ROWS = 1_048_576  # a spreadsheet's last row
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_HEADING = re.compile(r"^([a-z]{3})[a-z]*\.?[-\s]+(\d{2}|\d{4})$")
_DATE_HEADING = re.compile(r"^(\d{4})-(\d{2})-\d{2}(?:[ T]00:00:00)?$")
_NOTE = re.compile(r"\s*\[[^\]]*\]$")


@dataclass(frozen=True)
class Records:
    """Record-level CSV files, counted per period (and area)."""

    pattern: str
    folder: Path
    period: str
    area: str | None
    where: tuple[tuple[str, tuple[str, ...]], ...]
    at: dict = field(compare=False)  # key -> the Location of its value


@dataclass(frozen=True)
class Table:
    """A wide table: periods across (or down), areas or categories as rows."""

    name: str
    folder: Path
    sheet: str | None
    header_row: int
    periods: str  # across or down
    area: str | None
    rows: tuple[str, ...]
    columns: tuple[str, ...] | None  # headings, or ("first", "..", "last")
    period: str | None
    value: str | None
    missing: tuple[str, ...]
    at: dict = field(compare=False)


def parse(entry, where: Location, measures_file: str) -> Records | Table:
    """The `from:` of one measure."""
    if not isinstance(entry, MarkedMap):
        raise DataError(
            "from: needs records: (files of records) or table: (a published table)",
            where,
            "see docs/authoring.md, 'Data as published'",
        )
    at = {k: entry.value_loc[k] for k in entry} | {"from": where}
    folder = Path(measures_file).parent
    if ("records" in entry) == ("table" in entry):
        raise DataError("from: needs exactly one of records: or table:", where)
    keys = RECORDS_KEYS if "records" in entry else TABLE_KEYS
    only_keys(entry, keys, "from:", DataError)
    if "records" in entry:
        if "period" not in entry:
            raise DataError("from: records: needs period: (the column of the period)", where)
        return Records(
            _name(entry, "records", at),
            folder,
            _text(entry, "period", at),
            _optional(entry, "area", at),
            _where(entry.get("where"), at.get("where", where), at),
            at,
        )
    periods = entry.get("periods", "across")
    if periods not in ("across", "down"):
        raise DataError(f"periods must be across or down, not {shown(periods)}", at["periods"])
    header = entry.get("header_row", 1)
    if isinstance(header, bool) or not isinstance(header, int) or not 1 <= header < MOST_ROWS:
        raise DataError("header_row must be a row number, like 5", at["header_row"])
    wrong = ("period", "value") if periods == "across" else ("area", "row")
    for key in wrong:
        if key in entry:
            other = "down" if periods == "across" else "across"
            raise DataError(f"{key}: is for periods: {other}", entry.key_loc[key])
    return Table(
        _name(entry, "table", at),
        folder,
        _optional(entry, "sheet", at),
        header,
        periods,
        _optional(entry, "area", at),
        _texts(entry.get("row", ()), at.get("row")),
        _columns(entry["columns"], at["columns"]) if "columns" in entry else None,
        _optional(entry, "period", at),
        _optional(entry, "value", at),
        _texts(entry.get("missing", ()), at.get("missing")),
        at,
    )


def inputs(shape: Records | Table) -> list[Path]:
    """The files a declaration reads, and the folders its glob looks in (a file added
    there is a change too): what `watch` watches and the build's cache compares."""
    from ..content.paths import matching
    from ..errors import BoardpaperError

    if isinstance(shape, Table):
        return [shape.folder / shape.name]
    try:
        files = matching(shape.folder, shape.pattern, shape.at["records"])
    except BoardpaperError:  # none yet, or a bad pattern: the build says so
        files = []
    return [*files, *sorted({f.parent for f in files} | {shape.folder})]


def heading(cell: str) -> str:
    """A column heading as a period text: a trailing note marker ([note 3]) taken off,
    a month written as a name (Mar-2021, Mar 21, March 2021) or a date (2021-03-31)
    written YYYY-MM; anything else as it stands."""
    text = _NOTE.sub("", str(cell).strip())
    found = _MONTH_HEADING.match(text.lower())
    if found and found.group(1) in _MONTHS:
        year = int(found.group(2)) + (2000 if len(found.group(2)) == 2 else 0)
        return f"{year:04d}-{_MONTHS.index(found.group(1)) + 1:02d}"
    found = _DATE_HEADING.match(text)
    if found:
        return f"{found.group(1)}-{found.group(2)}"
    return text


def is_period(text: str) -> bool:
    """Whether a heading (after `heading`) reads as a period of periods.py."""
    from . import periods

    try:
        periods.parse_one(text)
    except ValueError:
        return False
    return True


def _name(entry: MarkedMap, key: str, at: dict) -> str:
    from ..content.paths import plain

    value = entry[key]
    if not isinstance(value, str):
        raise DataError(f"{key}: must be a file name (or a glob)", at[key])
    return plain(value, at[key], "a data file")


def _text(entry: MarkedMap, key: str, at: dict) -> str:
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value):
        raise DataError(f"{key}: must be a column heading or a label", at[key])
    return str(value).strip()


def _optional(entry: MarkedMap, key: str, at: dict) -> str | None:
    return _text(entry, key, at) if key in entry else None


def _texts(value, where) -> tuple[str, ...]:
    items = value if isinstance(value, MarkedList | list | tuple) else [value]
    if any(isinstance(v, bool | dict | list) or v is None for v in items):
        raise DataError("expected a text or a list of texts", where)
    return tuple(str(v).strip() for v in items)


def _columns(value, where: Location) -> tuple[str, ...]:
    if isinstance(value, str) and ".." in value:
        first, _, last = value.partition("..")
        if not first.strip() or not last.strip():
            raise DataError(
                "a range of columns is written first..last, like 2019/20..2021/22", where
            )
        return (first.strip(), "..", last.strip())
    found = _texts(value, where)
    if not found:
        raise DataError("columns: names no column", where)
    return found


def _where(value, where: Location, at: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if value is None:
        return ()
    if not isinstance(value, MarkedMap) or not value:
        raise DataError("where: maps a column to a value or a list of values", where)
    at.update({f"where:{str(c).strip()}": value.key_loc[c] for c in value})
    at.update({f"where={str(c).strip()}": value.value_loc[c] for c in value})
    return tuple(
        (str(column).strip(), _texts(wanted, value.value_loc[column]))
        for column, wanted in value.items()
    )
