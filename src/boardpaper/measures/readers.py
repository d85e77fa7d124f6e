"""The one door for data files: every .csv, .xlsx and .ods is read here, within bounds.

`read_table(path)` returns the file's sha256 and a frame of strings: the columns named
in its heading row (of `measure, period, value, area`) and `line`, the row's line in
the file (its row number in a sheet). `read_grid` returns a sheet (or CSV) as rows of
cells for a wide table declared in measures.yaml (`from: table:`); `read_records` the
few columns a `from: records:` measure counts, from one file of records. Each bound is
refused with one error line naming the file, before the expensive parse where the file
allows:

- MAX_BYTES (100 MB) per file, a regular file only (no FIFO, device or folder).
- MAX_ROWS (1,000,000) rows below the heading, per file and in all files together:
  a CSV's lines are counted before pandas parses it; an .xlsx sheet's `<row` tags are
  counted in its unpacked bytes before its XML is parsed, and each row's number is
  checked again as a sheet streams (a sparse sheet jumping to row 1,048,576); an .ods
  sheet's rows as they stream, a repeated row (`number-rows-repeated`) counted as many.
- MAX_COLUMNS (64) cells on a CSV's heading line, checked before parsing; in any file
  only measure, period, value and area are headings, so a wider table is refused at
  its heading row, and a value right of the headed columns where it stands. A wide
  table may be MAX_WIDE_COLUMNS (1,024) columns wide.
- An .xlsx or .ods: at most MAX_MEMBERS (2,000) zip members, MAX_UNPACKED (256 MB)
  unpacked in all, no member inflating over 200 times (zip bombs), from the zip's
  directory before anything is unpacked. Its XML streams through lxml one row at a
  time (xmlsafe.iterparse_untrusted): no DOCTYPE, entity, DTD or network read, no text
  node over 10 MB, no tree deeper than 256. An ODS run of repeated empty cells or rows
  is never expanded.
- Records (`read_records`): CSV files of MAX_BYTES each and MAX_RECORDS (30,000,000)
  rows in all the files of a measure (a file's parse is bounded by its bytes: at most
  a few million rows); only the columns counted are converted, each distinct text
  once, by pyarrow's CSV reader when installed (its C++ parser: about 0.1 s per
  400,000 rows on one core) or else pandas' C parser (about 2.5 times slower).

Reading is linear in the file's size: a CSV at pandas' C speed (1,000,000 rows in about
a second), an .xlsx at about 20 s of CPU per 1,000,000 rows (230 MB of sheet XML); a
file over MAX_ROWS is refused in a second or two (red-team D22, D34). The first
worksheet is read unless a sheet is named; formulas give their cached values (none is
recalculated); a number in a date format reads as its date (`2022-03-01 00:00:00`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from ..errors import DataError, Location
from ..xmlsafe import iterparse_untrusted
from . import sheets
from .sheets import OPTIONAL, REQUIRED, columns, part_path  # noqa: F401 - the door's names

MAX_BYTES = 100 * 1024 * 1024  # an analyst's table is kilobytes to a few megabytes
MAX_ROWS = 1_000_000  # real measure data is thousands of rows
MAX_COLUMNS = 64  # measure, period, value, area, and a few notes
MAX_WIDE_COLUMNS = 1024  # a published table: a column a month for 80 years
MAX_RECORDS = 30_000_000  # five years of street-level crime for every force
MAX_UNPACKED = 256 * 1024 * 1024  # an .xlsx inflates tenfold; a bomb by thousands
MAX_MEMBERS = 2000
_KINDS = {".xlsx": "an .xlsx workbook", ".ods": "an .ods spreadsheet"}


def read_table(path: Path, room: int | None = None) -> tuple[pd.DataFrame, str]:
    """The table of one data file and its sha256; `room`: rows still allowed (all files)."""
    table, sha, _ = read_table_bytes(path, room)
    return table, sha


def read_table_bytes(path: Path, room: int | None = None) -> tuple[pd.DataFrame, str, bytes]:
    """read_table, and the file's bytes (a snapshot is written again as it was read)."""
    raw, sha, suffix = _raw(path, (".csv", *_KINDS))
    rows = _Rows(path, room)
    if suffix == ".csv":
        return _csv(path, raw, rows), sha, raw
    with _package(path, raw, suffix) as book:
        if suffix == ".xlsx":
            rows.check(book.count_rows() - 1)
        return book.table(path, rows), sha, raw


def read_grid(path: Path, sheet: str | None, where: Location, room: int | None = None):
    """A wide table's file as ([(line, cells)], sha256): a sheet of an .xlsx or .ods (the
    first unless `sheet` names one; `where` is the name's place in YAML) or a CSV."""
    raw, sha, suffix = _raw(path, (".csv", *_KINDS))
    rows = _Rows(path, room)
    if suffix == ".csv":
        if sheet is not None:
            raise DataError(f"a CSV file has no sheets ('{sheet}')", where, "leave out sheet:")
        return _csv_grid(path, raw, rows), sha
    with _package(path, raw, suffix, sheet, where) as book:
        if suffix == ".xlsx":
            rows.check(book.count_rows() - 1)
        return list(book.rows(path, rows, MAX_WIDE_COLUMNS)), sha


def read_records(path: Path, wanted: list[tuple[str, Location]], room: int):
    """The columns `wanted` (name, its place in YAML) of one CSV of records, each as
    (codes, values) in file order (row i on line i + 2), with the file's sha256 and the
    number of each column (from 0)."""
    raw, sha, _ = _raw(path, (".csv",))
    names, used = sheets.record_columns(path, raw, wanted, MAX_COLUMNS)
    columns = _records(path, raw, len(names), used)  # a file's parse is bounded by its bytes
    if columns and len(next(iter(columns.values()))[0]) > room:
        raise DataError(
            f"the records have more than {MAX_RECORDS:,} rows with the files before this one",
            Location(str(path)),
            "name fewer files, or only the months the paper reports",
        )
    return columns, sha, used


def read_small(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a small file beside the data (a snapshot's JSON), within `limit`."""
    from ..fsutil import read_regular

    return read_regular(path, limit, DataError, what)


def _raw(path: Path, suffixes) -> tuple[bytes, str, str]:
    from ..fsutil import read_regular

    suffix = Path(path).suffix.lower()
    if suffix not in suffixes:
        kinds = " or ".join([", ".join(suffixes[:-1]), suffixes[-1]] if suffixes[1:] else suffixes)
        raise DataError(f"data files are {kinds}, not '{suffix or path.name}'", Location(str(path)))
    raw = read_regular(path, MAX_BYTES, DataError, "a data file")
    return raw, hashlib.sha256(raw).hexdigest(), suffix


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
    text = sheets.decoded(path, raw)
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True
        )
    except Exception as exc:  # noqa: BLE001 - pandas raises many kinds for a broken file
        raise DataError(f"cannot read the table: {exc}", Location(str(path))) from None
    frame.columns = columns(frame.columns, path)
    frame["line"] = pd.RangeIndex(2, len(frame) + 2)  # line 1 holds the headings
    return frame


def _csv_grid(path: Path, raw: bytes, rows: _Rows) -> list[tuple[int, list[str]]]:
    rows.check(raw.count(b"\n"))
    return sheets.csv_grid(path, sheets.decoded(path, raw), MAX_WIDE_COLUMNS)


def _records(path: Path, raw: bytes, width: int, used: dict[str, int]) -> dict:
    """The `used` columns (name -> index) of a records CSV, each as (codes, values): a
    numpy array of each row's code and the list of the distinct values coded."""
    generated = [f"c{i}" for i in range(width)]
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pandas' C parser: about 2.5 times slower, the same columns
        try:
            frame = pd.read_csv(
                io.BytesIO(raw),
                header=None,
                skiprows=1,
                names=generated,
                usecols=[generated[i] for i in used.values()],
                dtype=str,
                keep_default_na=False,
                encoding="utf-8",
            )
        except Exception as exc:  # noqa: BLE001 - pandas raises many kinds for a broken file
            sheets.ragged(path, sheets.decoded(path, raw), width)  # say where
            raise DataError(f"cannot read the records: {exc}", Location(str(path))) from None
        coded = {n: pd.factorize(frame[generated[i]]) for n, i in used.items()}
        return {n: (codes, list(values)) for n, (codes, values) in coded.items()}
    coded = pa.dictionary(pa.int32(), pa.string())  # each distinct text converted once
    try:
        table = pacsv.read_csv(
            pa.py_buffer(raw),
            read_options=pacsv.ReadOptions(
                column_names=generated, skip_rows=1, use_threads=False, block_size=1 << 24
            ),
            convert_options=pacsv.ConvertOptions(
                include_columns=[generated[i] for i in used.values()],
                column_types={generated[i]: coded for i in used.values()},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, ValueError) as exc:  # say where: the text, then the row
        sheets.ragged(path, sheets.decoded(path, raw), width)
        raise DataError(f"cannot read the records: {exc}", Location(str(path))) from None
    table = table.unify_dictionaries()  # one dictionary for the blocks of a large file
    columns = {n: table.column(generated[i]).combine_chunks() for n, i in used.items()}
    return {n: (_codes(c.indices), c.dictionary.to_pylist()) for n, c in columns.items()}


def _codes(indices):
    """An Arrow array of integers (no nulls) as a numpy view of its buffer: to_numpy
    costs milliseconds per call, which thousands of small monthly files add up."""
    import numpy as np

    dtype = np.dtype(indices.type.to_pandas_dtype())
    return np.frombuffer(
        indices.buffers()[1],
        dtype=dtype,
        count=len(indices),
        offset=indices.offset * dtype.itemsize,
    )


# -- packages: .xlsx, .ods ---------------------------------------------------------------


@contextlib.contextmanager
def _package(path: Path, raw: bytes, suffix: str, sheet=None, where=None):
    """The book of an .xlsx or .ods package, its zip's directory checked first."""
    what = _KINDS[suffix]
    top = Location(str(path), 1, 1)
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise DataError(f"not {what} (it is not a zip package)", top) from None
    with package:
        infos = package.infolist()
        if (
            len(infos) > MAX_MEMBERS
            or sum(i.file_size for i in infos) > MAX_UNPACKED
            or any(i.file_size > 200 * max(i.compress_size, 1024) for i in infos)
        ):
            raise DataError(
                f"the {'workbook' if suffix == '.xlsx' else 'spreadsheet'} would unpack to far "
                "more than its size (a zip bomb?)",
                top,
                "save the sheet again from Excel, or as CSV UTF-8",
            )
        try:
            if suffix == ".xlsx":
                yield _Workbook(package, path, sheet, where)
            else:
                yield _Ods(package, path, sheet, where)
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken package fails in many ways
            kind = "workbook" if suffix == ".xlsx" else "spreadsheet"
            raise DataError(f"cannot read the {kind}: {exc}", Location(str(path))) from None


def _parse(package: zipfile.ZipFile, part: str, tag):
    """The elements `tag` of one part, each cleared (with those before it) once seen."""
    with package.open(part) as fh:
        for el in iterparse_untrusted(fh, tag, part):
            yield el
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]


class _Ods:
    """A sheet of an OpenDocument spreadsheet: content.xml streamed a row at a time."""

    def __init__(self, package: zipfile.ZipFile, path: Path, sheet=None, where=None):
        if "content.xml" not in package.namelist():
            raise ValueError("it has no content.xml")
        self.package, self.sheet, self.where = package, sheet, where

    def rows(self, path: Path, rows: _Rows, width: int):
        """(line, cells) of each row that holds a value; empty repeats only move on."""
        elements = _parse(self.package, "content.xml", sheets.ODS_ROW)
        return sheets.ods_rows(elements, path, self.sheet, self.where, rows.check, width)

    def table(self, path: Path, rows: _Rows) -> pd.DataFrame:
        return sheets.long_table(path, self.rows(path, rows, MAX_COLUMNS))


class _Workbook:
    """A worksheet of an .xlsx package (the first unless one is named), with its shared
    strings and date styles."""

    def __init__(self, package: zipfile.ZipFile, path=None, sheet=None, where=None):
        self.package = package
        book = next((p for t, p in self._rels("") if t == "officeDocument"), None)
        if book is None:
            raise ValueError("it names no workbook part")
        order, self.epoch = [], WINDOWS_EPOCH
        for el in _parse(package, book, ("{*}sheet", "{*}workbookPr")):
            if sheets.local(el) == "workbookPr":
                self.epoch = (
                    MAC_EPOCH if el.get("date1904", "").lower() in ("1", "true") else WINDOWS_EPOCH
                )
            else:
                ids = [v for k, v in el.attrib.items() if k.endswith("}id")][:1]
                order += [(el.get("name", ""), i) for i in ids]
        rels = {rid: (kind, part) for rid, kind, part in self._rels(book, ids=True)}
        found = [(n, rels[r][1]) for n, r in order if rels.get(r, ("",))[0] == "worksheet"]
        if not found:
            raise ValueError("it has no worksheet")
        self.sheet = found[0][1]
        if sheet is not None:
            named = dict(found)
            if sheet not in named:
                raise sheets.no_sheet(path, sheet, [n for n, _ in found], where)
            self.sheet = named[sheet]
        self.strings: list[str] = []
        self.dates: dict[str, bool] = {}  # style index -> is a duration
        self.columns: dict[str, int] = {}  # column letters -> number
        for kind, part in rels.values():
            if kind == "sharedStrings":
                self.strings = [sheets.text(si) for si in _parse(package, part, "{*}si")]
            elif kind == "styles":
                self.dates = self._date_styles(part)

    def _rels(self, part: str, ids: bool = False):
        folder, name = part.rpartition("/")[0], part.rpartition("/")[2]
        rels = (folder + "/" if folder else "") + "_rels/" + name + ".rels"
        if rels not in self.package.namelist():
            return []
        found = []
        for el in _parse(self.package, rels, "{*}Relationship"):
            if el.get("TargetMode") != "External" and el.get("Target"):
                kind = el.get("Type", "").rsplit("/", 1)[-1]
                target = part_path(part or "/", el.get("Target"))
                found.append((el.get("Id"), kind, target) if ids else (kind, target))
        return found

    def _date_styles(self, part: str) -> dict[str, bool]:
        custom, styles = {}, []
        for el in _parse(self.package, part, ("{*}numFmt", "{*}xf")):
            if sheets.local(el) == "numFmt":
                custom[el.get("numFmtId")] = el.get("formatCode", "")
            elif sheets.local(el.getparent()) == "cellXfs":
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

    def rows(self, path: Path, rows: _Rows, width: int):
        """(line, cells) of each row of the sheet, streamed one at a time."""
        line = 0
        for count, row in enumerate(_parse(self.package, self.sheet, "{*}row"), 1):
            r = row.get("r")
            line = int(r) if r and r.isdigit() else line + 1
            rows.check(max(line, count) - 1, line)
            yield line, self._cells(row, path, line, width)

    def table(self, path: Path, rows: _Rows) -> pd.DataFrame:
        """The sheet as columns of strings, streamed one row at a time."""
        return sheets.long_table(path, self.rows(path, rows, MAX_COLUMNS))

    def _cells(self, row, path: Path, line: int, width: int) -> list[str]:
        return sheets.xlsx_cells(row, self, path, line, width)

    def date(self, value: str, style: str) -> str:
        """A number in a date style as its date (or duration)."""
        return str(from_excel(float(value), self.epoch, self.dates[style]))
