"""What the cells of a sheet say, once the door (readers.py) has parsed them.

readers.py opens every file, bounds it and parses its XML; this module only reads
elements already parsed and rows already bounded: an .xlsx cell's reference and
strings, an OpenDocument (.ods) row's cells with their repeats, and a long table's
heading row. It opens nothing itself (tests/measures/test_data.py checks that).

An ODS row is read without expanding what LibreOffice and Excel repeat: a run of
empty cells (`table:number-columns-repeated="16370"`) only moves the column on, and a
run of equal cells is written out only as far as `width` columns; a cell covered by a
merged one (`table:covered-table-cell`) holds what it shows, usually nothing. A cell's
value is its `office:value` (numbers, percentages, currency), `office:date-value`,
`office:boolean-value` (TRUE, FALSE), else its paragraphs' text (`text:s` spaces,
tabs and line breaks kept; an annotation's text is not the cell's).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..errors import DataError, Location, did_you_mean

REQUIRED = ("measure", "period", "value")
OPTIONAL = ("area",)
COLUMNS_HINT = "columns: measure, period, value and optionally area"

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODS_ROW, ODS_TABLE = f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table"
_REPEAT_COLUMNS = f"{{{_TABLE}}}number-columns-repeated"
_REPEAT_ROWS = f"{{{_TABLE}}}number-rows-repeated"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_KIND = f"{{{_OFFICE}}}value-type"
_P, _S, _TAB, _BREAK = (f"{{{_TEXT}}}{n}" for n in ("p", "s", "tab", "line-break"))
_SKIPPED = (f"{{{_OFFICE}}}annotation", f"{{{_TEXT}}}note")


def columns(names, path) -> list[str]:
    """The heading row's column names, checked: the required ones, nothing unknown."""
    names = [str(c).strip().lower() for c in names]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise DataError(
            f"the table lacks the column(s) {', '.join(missing)}",
            Location(str(path), 1, 1),
            COLUMNS_HINT,
        )
    for i, name in enumerate(names):
        if name not in REQUIRED + OPTIONAL or name in names[:i]:
            what = f"column '{name}' twice" if name in names[:i] else f"unknown column '{name}'"
            raise DataError(what, Location(str(path), 1, i + 1), COLUMNS_HINT)
    return names


def long_table(path, grid):
    """A long table from a sheet's rows (line, cells): headings on row 1, then data."""
    import pandas as pd

    names: list[str] | None = None
    data: list[list[str]] = []
    lines: list[int] = []
    for line, values in grid:
        if line == 1:
            names = columns(trimmed(values), path)
            data = [[] for _ in names]
            continue
        if not any(values):
            continue  # a blank row
        if names is None:
            columns([], path)  # no heading row: say which columns are lacking
        for i in range(len(data), len(values)):
            if values[i].strip():
                raise DataError(
                    "a value right of the table's columns (no heading above it)",
                    Location(str(path), line, i + 1),
                )
        values += [""] * (len(data) - len(values))
        for column, value in zip(data, values, strict=False):
            column.append(value)
        lines.append(line)
    frame = pd.DataFrame(dict(zip(columns(names or [], path), data, strict=True)), dtype=str)
    frame["line"] = pd.Series(lines, dtype="int64")
    return frame


def csv_grid(path, text: str, width: int) -> list[tuple[int, list[str]]]:
    """A CSV's rows as (line, cells), each at most `width` cells holding a value."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    grid = []
    try:
        for cells in reader:
            for col in range(width, len(cells)):
                place([], col + 1, cells[col], width, path, reader.line_num)
            grid.append((reader.line_num, cells[:width]))
    except csv.Error as exc:
        where = Location(str(path), reader.line_num)
        raise DataError(f"cannot read the table: {exc}", where) from None
    return grid


def decoded(path, raw: bytes) -> str:
    """A CSV's text: UTF-8, with or without a byte-order mark."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            "the file is not UTF-8 text",
            Location(str(path), raw[: exc.start].count(b"\n") + 1, 1),
            "in Excel, save as 'CSV UTF-8 (Comma delimited)'",
        ) from None


def ragged(path, text: str, width: int) -> None:
    """Refuse the first row of a CSV whose cells are not as many as its heading's."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    for cells in reader:
        if cells and len(cells) != width:
            raise DataError(
                f"a row of {len(cells)} cells where the heading has {width}",
                Location(str(path), reader.line_num, 1),
            )


def record_columns(path, raw: bytes, wanted, most: int):
    """A records file's heading (its first line) and the column number of each name of
    `wanted` ((name, its place in YAML)), checked before anything else is parsed."""
    import csv

    end = raw.find(b"\n")
    first = raw[: end if end >= 0 else len(raw)].rstrip(b"\r")
    where = Location(str(path), 1, 1)
    if len(first) > 64 * 1024:
        raise DataError("the heading line is over 64 KB long", where)
    names = [n.strip() for n in next(csv.reader([decoded(path, first)]), [])]
    if not any(names):
        raise DataError("the file has no heading row", where, "the first line names the columns")
    if len(names) > most:
        raise DataError(f"the heading has more than {most} columns", where)
    used = {}
    for name, at in wanted:
        if name not in names:
            listed = ", ".join(n for n in names[:20] if n)
            raise DataError(
                f"{Path(path).name} has no column '{name}'",
                at,
                did_you_mean(name, names, f"its columns: {listed}"),
            )
        if names.count(name) > 1:
            second = names.index(name, names.index(name) + 1)
            raise DataError(f"column '{name}' twice", Location(str(path), 1, second + 1))
        used[name] = names.index(name)
    return names, used


def place(values: list[str], col: int, value: str, width: int, path, line: int) -> None:
    """Put `value` in column `col` (from 1) of a row being read, padding the gap; a value
    beyond `width` columns is refused where it stands."""
    if col > width:
        if value.strip():
            raise DataError(
                f"a value in column {col}, right of the table's columns",
                Location(str(path), line, col),
                f"a table read here has at most {width} columns",
            )
    elif col == len(values) + 1:
        values.append(value)
    elif col > len(values):
        values += [""] * (col - len(values) - 1) + [value]
    else:
        values[col - 1] = value


# -- OpenDocument -----------------------------------------------------------------------


def ods_rows(elements, path, sheet: str | None, where, check, width: int):
    """(line, cells) of each row of one sheet that holds a value (the first sheet unless
    `sheet` names one), from content.xml's row elements; empty repeats only move on.
    `check(rows, line)` is the door's row bound."""
    seen: list[str] = []
    chosen, line, count = None, 0, 0
    for row in elements:
        name = ods_table_name(row)
        if name not in seen:
            seen.append(name)
            if chosen is None and (sheet is None or name == sheet):
                chosen = name
        if name != chosen:
            if chosen is not None and chosen in seen[:-1]:
                break  # past the chosen sheet
            continue
        times = ods_repeats(row)
        values = ods_cells(row, width, path, line + 1)
        if not any(v.strip() for v in values):
            line += times
            continue
        for _ in range(times):
            line, count = line + 1, count + 1
            check(max(line, count) - 1, line)
            yield line, list(values)
    if chosen is None:
        if sheet is None:
            raise ValueError("it has no sheet")
        raise no_sheet(path, sheet, seen, where)


def ods_table_name(row) -> str | None:
    """The name of the sheet (`table:table`) a row element stands in."""
    el = row.getparent()
    while el is not None and el.tag != ODS_TABLE:
        el = el.getparent()
    return None if el is None else el.get(f"{{{_TABLE}}}name", "")


def ods_repeats(el, attribute=_REPEAT_ROWS) -> int:
    """How many times a row (or cell) stands: its repeat count, at least 1."""
    text = el.get(attribute, "1")
    return int(text) if text.isdigit() and int(text) > 0 else 1


def ods_cells(row, width: int, path, line: int) -> list[str]:
    """The values of one ODS row's cells, in their columns; repeats of an empty cell
    only move the column on, repeats of a value stop at `width` columns."""
    values: list[str] = []
    col = 0
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        times = ods_repeats(cell, _REPEAT_COLUMNS)
        value = _ods_value(cell)
        if not value:
            col += times
            continue
        for _ in range(min(times, width + 1)):  # past `width`, a value is refused
            col += 1
            place(values, col, value, width, path, line)
    return values


def _ods_value(cell) -> str:
    kind = cell.get(_KIND)
    if kind in ("float", "percentage", "currency"):
        found = cell.get(f"{{{_OFFICE}}}value")
        if found is not None:
            return found.strip()
    elif kind == "date":
        return cell.get(f"{{{_OFFICE}}}date-value", "").replace("T", " ")
    elif kind == "boolean":
        return "TRUE" if cell.get(f"{{{_OFFICE}}}boolean-value") == "true" else "FALSE"
    elif kind == "time":
        return cell.get(f"{{{_OFFICE}}}time-value", "")
    return "\n".join(_ods_text(p) for p in cell if p.tag == _P)


def _ods_text(el) -> str:
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == _S:
            count = child.get(f"{{{_TEXT}}}c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 1000))
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BREAK:
            parts.append("\n")
        elif tag not in _SKIPPED and isinstance(tag, str):
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# -- Office Open XML (.xlsx) --------------------------------------------------------------


def xlsx_cells(row, book, path, line: int, width: int) -> list[str]:
    """The values of one sheet row's cells, in their columns ('' where a cell is missing);
    `book` has the shared `strings`, the date styles `dates` and `date(value, style)`."""
    ns = row.tag[: row.tag.rfind("}") + 1]
    v_tag, is_tag = ns + "v", ns + "is"
    values: list[str] = []
    for c in row.iterchildren(ns + "c"):
        ref = c.get("r")
        col = len(values) + 1
        kind = c.get("t")
        try:
            col = column_number(ref, book.columns) if ref else col
            if kind is None or kind == "n":
                value = c.findtext(v_tag) or ""
                style = c.get("s")
                if style in book.dates and value:
                    value = book.date(value, style)
            elif kind == "s":
                value = book.strings[index(c.findtext(v_tag))]
            elif kind == "inlineStr":
                value = "".join(text(i) for i in c.iterchildren(is_tag))
            elif kind == "b":
                value = "TRUE" if c.findtext(v_tag) == "1" else "FALSE"
            else:  # a formula's string, an error (#N/A), an ISO 8601 date
                value = c.findtext(v_tag) or ""
        except (ValueError, TypeError, IndexError, OverflowError):
            raise DataError(
                "a cell the workbook cannot hold (a broken reference, number, string or date)",
                Location(str(path), line, col),
            ) from None
        place(values, col, value, width, path, line)
    return values


def local(el) -> str:
    """An element's name without its namespace ('' for a comment)."""
    tag = el.tag
    return tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""


def text(el) -> str:
    """The text of a string item: its <t>, or its runs' <t>, not its phonetic guides."""
    ns = el.tag[: el.tag.rfind("}") + 1]
    t_tag, r_tag = ns + "t", ns + "r"
    parts = []
    for child in el:
        if child.tag == t_tag:
            parts.append(child.text or "")
        elif child.tag == r_tag:
            parts += [t.text or "" for t in child.iterchildren(t_tag)]
    return "".join(parts)


def index(value: str | None) -> int:
    """A shared string's index: a whole number from 0."""
    if not value or not value.isdigit():
        raise ValueError(value)
    return int(value)


def column_number(ref: str, known: dict[str, int]) -> int:
    """The column number of a cell reference: 'C12' -> 3 (`known` caches the letters)."""
    letters = ref.rstrip("0123456789")
    col = known.get(letters)
    if col is None:
        if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
            raise ValueError(ref)
        col = 0
        for ch in letters.upper():
            col = col * 26 + ord(ch) - 64
        known[letters] = col
    return col


def trimmed(values: list[str]) -> list[str]:
    while values and not values[-1].strip():
        values = values[:-1]
    return values


def part_path(base: str, target: str) -> str:
    """A relationship's target as a zip member name (relative to `base`'s folder)."""
    joined = posixpath.join("/" + posixpath.dirname(base), target)
    return posixpath.normpath(joined).lstrip("/")


def no_sheet(path: Path, sheet: str, names: list[str], where: Location | None) -> DataError:
    """The error for a sheet name the workbook lacks."""
    return DataError(
        f"{Path(path).name} has no sheet '{sheet}'",
        where or Location(str(path)),
        did_you_mean(sheet, names, "its sheets: " + ", ".join(names[:20])),
    )
