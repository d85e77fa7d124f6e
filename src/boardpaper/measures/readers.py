"""The one door for data files: every .csv and .xlsx is read here, within stated bounds.

`read_table(path)` returns the file's sha256 and a frame of strings: the columns named
in its heading row (of `measure, period, value, area`) and `line`, the row's line in
the file (its row number in a sheet). Each bound is refused with one error line naming
the file, before the expensive parse where the file allows:

- MAX_BYTES (100 MB) per file, a regular file only (no FIFO, device or folder).
- MAX_ROWS (1,000,000) rows below the heading, per file and in all files together:
  a CSV's lines are counted before pandas parses it; an .xlsx sheet's `<row` tags are
  counted in its unpacked bytes before its XML is parsed, and each row's number is
  checked again as the sheet streams (a sparse sheet jumping to row 1,048,576).
- MAX_COLUMNS (64) cells on a CSV's heading line, checked before parsing; in any file
  only measure, period, value and area are headings, so a wider table is refused at
  its heading row, and a value right of the headed columns where it stands.
- An .xlsx: at most MAX_MEMBERS (2,000) zip members, MAX_UNPACKED (256 MB) unpacked in
  all, no member inflating over 200 times (zip bombs), from the zip's directory before
  anything is unpacked. Its XML streams through lxml one row at a time: no DOCTYPE,
  entity, DTD or network read, no text node over 10 MB, no tree deeper than 256.

Reading is linear in the file's size: a CSV at pandas' C speed (1,000,000 rows in about
a second), an .xlsx at about 20 s of CPU per 1,000,000 rows (230 MB of sheet XML); a
file over MAX_ROWS is refused in a second or two (red-team D22, D34). The first
worksheet is read; formulas give their cached values (none is recalculated); a number
in a date format reads as its date (`2022-03-01 00:00:00`).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from ..errors import DataError, Location
from ..xmlsafe import iterparse_untrusted

MAX_BYTES = 100 * 1024 * 1024  # an analyst's table is kilobytes to a few megabytes
MAX_ROWS = 1_000_000  # real measure data is thousands of rows
MAX_COLUMNS = 64  # measure, period, value, area, and a few notes
MAX_UNPACKED = 256 * 1024 * 1024  # an .xlsx inflates tenfold; a bomb by thousands
MAX_MEMBERS = 2000

REQUIRED = ("measure", "period", "value")
OPTIONAL = ("area",)
_COLUMNS_HINT = "columns: measure, period, value and optionally area"


def read_table(path: Path, room: int | None = None) -> tuple[pd.DataFrame, str]:
    """The table of one data file and its sha256; `room`: rows still allowed (all files)."""
    table, sha, _ = read_table_bytes(path, room)
    return table, sha


def read_table_bytes(path: Path, room: int | None = None) -> tuple[pd.DataFrame, str, bytes]:
    """read_table, and the file's bytes (a snapshot is written again as it was read)."""
    from ..fsutil import read_regular

    raw = read_regular(path, MAX_BYTES, DataError, "a data file")
    sha = hashlib.sha256(raw).hexdigest()
    suffix = Path(path).suffix.lower()
    rows = _Rows(path, room)
    if suffix == ".csv":
        return _csv(path, raw, rows), sha, raw
    if suffix == ".xlsx":
        return _xlsx(path, raw, rows), sha, raw
    raise DataError(
        f"data files are .csv or .xlsx, not '{suffix or path.name}'", Location(str(path))
    )


def read_small(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a small file beside the data (a snapshot's JSON), within `limit`."""
    from ..fsutil import read_regular

    return read_regular(path, limit, DataError, what)


class _Rows:
    """The row bound of one file: MAX_ROWS, or what the files before it left."""

    def __init__(self, path: Path, room: int | None):
        self.path = str(path)
        self.room = MAX_ROWS if room is None else room

    def check(self, rows: int, line: int = 0) -> None:
        if rows > self.room:
            together = " with the data files before it" if self.room < MAX_ROWS else ""
            raise DataError(
                f"the table has more than {MAX_ROWS:,} rows{together}; "
                "measure data is thousands of rows",
                Location(self.path, line, 1 if line else 0),
                "split it, or keep only the months and areas the paper reports",
            )


def columns(names, path: Path) -> list[str]:
    """The heading row's column names, checked: the required ones, nothing unknown."""
    names = [str(c).strip().lower() for c in names]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise DataError(
            f"the table lacks the column(s) {', '.join(missing)}",
            Location(str(path), 1, 1),
            _COLUMNS_HINT,
        )
    for i, name in enumerate(names):
        if name not in REQUIRED + OPTIONAL or name in names[:i]:
            what = f"column '{name}' twice" if name in names[:i] else f"unknown column '{name}'"
            raise DataError(what, Location(str(path), 1, i + 1), _COLUMNS_HINT)
    return names


# -- CSV --------------------------------------------------------------------------------


def _csv(path: Path, raw: bytes, rows: _Rows) -> pd.DataFrame:
    where = Location(str(path), 1, 1)
    header = raw[: raw.find(b"\n") if b"\n" in raw else len(raw)]
    if header.count(b",") + 1 > MAX_COLUMNS or len(header) > 64 * 1024:
        raise DataError(
            f"the table has more than {MAX_COLUMNS} columns; a data table has "
            "measure, period, value and area",
            where,
        )
    rows.check(raw.count(b"\n") - (1 if raw.endswith(b"\n") else 0))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            "the file is not UTF-8 text",
            Location(str(path), raw[: exc.start].count(b"\n") + 1, 1),
            "in Excel, save as 'CSV UTF-8 (Comma delimited)'",
        ) from None
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True
        )
    except Exception as exc:  # noqa: BLE001 - pandas raises many kinds for a broken file
        raise DataError(f"cannot read the table: {exc}", Location(str(path))) from None
    frame.columns = columns(frame.columns, path)
    frame["line"] = pd.RangeIndex(2, len(frame) + 2)  # line 1 holds the headings
    return frame


# -- xlsx -------------------------------------------------------------------------------


def _xlsx(path: Path, raw: bytes, rows: _Rows) -> pd.DataFrame:
    where = Location(str(path), 1, 1)
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise DataError("not an .xlsx workbook (it is not a zip package)", where) from None
    with package:
        infos = package.infolist()
        if (
            len(infos) > MAX_MEMBERS
            or sum(i.file_size for i in infos) > MAX_UNPACKED
            or any(i.file_size > 200 * max(i.compress_size, 1024) for i in infos)
        ):
            raise DataError(
                "the workbook would unpack to far more than its size (a zip bomb?)",
                where,
                "save the sheet again from Excel, or as CSV UTF-8",
            )
        try:
            book = _Workbook(package)
            rows.check(book.count_rows() - 1)
            return book.table(path, rows)
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken package fails in many ways
            raise DataError(f"cannot read the workbook: {exc}", Location(str(path))) from None


class _Workbook:
    """The first worksheet of an .xlsx package, with its shared strings and date styles."""

    def __init__(self, package: zipfile.ZipFile):
        self.package = package
        book = next((p for t, p in self._rels("") if t == "officeDocument"), None)
        if book is None:
            raise ValueError("it names no workbook part")
        order, self.epoch = [], WINDOWS_EPOCH
        for el in self._parse(book, ("{*}sheet", "{*}workbookPr")):
            if _local(el) == "workbookPr":
                self.epoch = (
                    MAC_EPOCH if el.get("date1904", "").lower() in ("1", "true") else WINDOWS_EPOCH
                )
            else:
                order += [v for k, v in el.attrib.items() if k.endswith("}id")][:1]
        rels = {rid: (kind, part) for rid, kind, part in self._rels(book, ids=True)}
        sheets = [rels[r][1] for r in order if rels.get(r, ("",))[0] == "worksheet"]
        if not sheets:
            raise ValueError("it has no worksheet")
        self.sheet = sheets[0]
        self.strings: list[str] = []
        self.dates: dict[str, bool] = {}  # style index -> is a duration
        self.columns: dict[str, int] = {}  # column letters -> number
        for kind, part in rels.values():
            if kind == "sharedStrings":
                self.strings = [_text(si) for si in self._parse(part, "{*}si")]
            elif kind == "styles":
                self.dates = self._date_styles(part)

    def _parse(self, part: str, tag):
        """The elements `tag` of one part, each cleared (with those before it) once seen."""
        with self.package.open(part) as fh:
            for el in iterparse_untrusted(fh, tag, part):
                yield el
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]

    def _rels(self, part: str, ids: bool = False):
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.package.namelist():
            return []
        found = []
        for el in self._parse(rels, "{*}Relationship"):
            if el.get("TargetMode") != "External" and el.get("Target"):
                kind = el.get("Type", "").rsplit("/", 1)[-1]
                target = part_path(part or "/", el.get("Target"))
                found.append((el.get("Id"), kind, target) if ids else (kind, target))
        return found

    def _date_styles(self, part: str) -> dict[str, bool]:
        custom, styles = {}, []
        for el in self._parse(part, ("{*}numFmt", "{*}xf")):
            if _local(el) == "numFmt":
                custom[el.get("numFmtId")] = el.get("formatCode", "")
            elif _local(el.getparent()) == "cellXfs":
                styles.append(el.get("numFmtId", "0"))
        dates = {}
        for i, fid in enumerate(styles):
            code = custom.get(fid) or BUILTIN_FORMATS.get(int(fid) if fid.isdigit() else -1)
            if code and is_date_format(code):
                dates[str(i)] = is_timedelta_format(code)
        return dates

    def count_rows(self) -> int:
        """The `<row` tags of the sheet, counted in its unpacked bytes (no XML parse)."""
        count, tail = 0, b""
        with self.package.open(self.sheet) as fh:
            while chunk := fh.read(1 << 20):
                count += (tail + chunk).count(b"<row")
                tail = chunk[-3:]
        return count

    def table(self, path: Path, rows: _Rows) -> pd.DataFrame:
        """The sheet as columns of strings, streamed one row at a time."""
        names: list[str] | None = None
        data: list[list[str]] = []
        lines: list[int] = []
        line = 0
        for count, row in enumerate(self._parse(self.sheet, "{*}row"), 1):
            r = row.get("r")
            line = int(r) if r and r.isdigit() else line + 1
            rows.check(max(line, count) - 1, line)
            values = self._cells(row, path, line)
            if line == 1:
                names = columns(_trimmed(values), path)
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

    def _cells(self, row, path: Path, line: int) -> list[str]:
        """The values of one row's cells, in their columns ('' where a cell is missing)."""
        ns = row.tag[: row.tag.rfind("}") + 1]
        v_tag, is_tag = ns + "v", ns + "is"
        values: list[str] = []
        for c in row.iterchildren(ns + "c"):
            ref = c.get("r")
            col = len(values) + 1
            kind = c.get("t")
            try:
                col = self._column(ref) if ref else col
                if kind is None or kind == "n":
                    value = c.findtext(v_tag) or ""
                    style = c.get("s")
                    if style in self.dates and value:
                        when = from_excel(float(value), self.epoch, self.dates[style])
                        value = str(when)
                elif kind == "s":
                    value = self.strings[_index(c.findtext(v_tag))]
                elif kind == "inlineStr":
                    value = "".join(_text(i) for i in c.iterchildren(is_tag))
                elif kind == "b":
                    value = "TRUE" if c.findtext(v_tag) == "1" else "FALSE"
                else:  # a formula's string, an error (#N/A), an ISO 8601 date
                    value = c.findtext(v_tag) or ""
            except (ValueError, TypeError, IndexError, OverflowError):
                raise DataError(
                    "a cell the workbook cannot hold (a broken reference, number, string or date)",
                    Location(str(path), line, col),
                ) from None
            if col > MAX_COLUMNS:
                if value.strip():
                    raise DataError(
                        f"a value in column {col}, right of the table's columns",
                        Location(str(path), line, col),
                    )
            elif col == len(values) + 1:
                values.append(value)
            elif col > len(values):
                values += [""] * (col - len(values) - 1) + [value]
            else:
                values[col - 1] = value
        return values

    def _column(self, ref: str) -> int:
        """The column number of a cell reference: 'C12' -> 3."""
        letters = ref.rstrip("0123456789")
        col = self.columns.get(letters)
        if col is None:
            if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
                raise ValueError(ref)
            col = 0
            for ch in letters.upper():
                col = col * 26 + ord(ch) - 64
            self.columns[letters] = col
        return col


def _local(el) -> str:
    """An element's name without its namespace ('' for a comment)."""
    tag = el.tag
    return tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""


def _text(el) -> str:
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


def _index(text: str | None) -> int:
    """A shared string's index: a whole number from 0."""
    if not text or not text.isdigit():
        raise ValueError(text)
    return int(text)


def _trimmed(values: list[str]) -> list[str]:
    while values and not values[-1].strip():
        values = values[:-1]
    return values


def part_path(base: str, target: str) -> str:
    """A relationship's target as a zip member name (relative to `base`'s folder)."""
    joined = posixpath.join("/" + posixpath.dirname(base), target)
    return posixpath.normpath(joined).lstrip("/")
