"""Measure data in: long tables (`measure, period, value[, area]`) from CSV and Excel.

All files are read into one pandas frame with the columns `measure`, `month`
(a month number, see windows.py), `area`, `value`, `file` and `line` (the row's
line in its file, for errors). Checks are vectorised; the first bad row of each
kind is reported with its file and line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, Location, did_you_mean, shown

REQUIRED = ("measure", "period", "value")
OPTIONAL = ("area",)
_PERIOD = r"^(\d{4})-(\d{2})(?:-01(?:[ T]00:00:00)?)?$"


@dataclass(frozen=True)
class Source:
    """One data file: its path as given and its sha256."""

    path: str
    sha256: str


def read_tables(paths: list[Path], measures, default_area: str) -> tuple[pd.DataFrame, dict]:
    """Read and check every data file; return the frame and {path: Source}."""
    frames, sources = [], {}
    for path in paths:
        raw = _read_bytes(path)
        sources[str(path)] = Source(str(path), hashlib.sha256(raw).hexdigest())
        frames.append(_check(_parse(path, raw), path, measures, default_area))
    if not frames:
        return _empty(), sources
    frame = pd.concat(frames, ignore_index=True)
    _no_duplicates(frame)
    return frame, sources


MAX_BYTES = 100 * 1024 * 1024  # an analyst's table is kilobytes to a few megabytes
MAX_COLUMNS = 64  # measure, period, value, area, and a few notes
MAX_UNPACKED = 256 * 1024 * 1024  # an .xlsx inflates tenfold; a bomb by thousands


def _read_bytes(path: Path) -> bytes:
    from ..fsutil import read_regular

    return read_regular(path, MAX_BYTES, DataError, "a data file")


def _bounded(path: Path, raw: bytes, suffix: str) -> None:
    """Refuse a table that would take far more memory to parse than its size suggests."""
    where = Location(str(path), 1, 1)
    if suffix == ".csv":
        header = raw[: raw.find(b"\n") if b"\n" in raw else len(raw)]
        if header.count(b",") + 1 > MAX_COLUMNS or len(header) > 64 * 1024:
            raise DataError(
                f"the table has more than {MAX_COLUMNS} columns; a data table has "
                "measure, period, value and area",
                where,
            )
    elif suffix == ".xlsx":
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as package:
                infos = package.infolist()
        except zipfile.BadZipFile:
            raise DataError("not an .xlsx workbook (it is not a zip package)", where) from None
        total = sum(i.file_size for i in infos)
        if (
            len(infos) > 2000
            or total > MAX_UNPACKED
            or any(i.file_size > 200 * max(i.compress_size, 1024) for i in infos)
        ):
            raise DataError(
                "the workbook would unpack to far more than its size (a zip bomb?)",
                where,
                "save the sheet again from Excel, or as CSV UTF-8",
            )


def _parse(path: Path, raw: bytes) -> pd.DataFrame:
    import io

    where = Location(str(path))
    suffix = Path(path).suffix.lower()
    _bounded(path, raw, suffix)
    try:
        if suffix == ".csv":
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                raise DataError(
                    "the file is not UTF-8 text",
                    Location(str(path), line, 1),
                    "in Excel, save as 'CSV UTF-8 (Comma delimited)'",
                ) from None
            frame = pd.read_csv(
                io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True
            )
        elif suffix == ".xlsx":
            frame = pd.read_excel(
                io.BytesIO(raw), dtype=str, engine="openpyxl", keep_default_na=False
            )
        else:
            raise DataError(f"data files are .csv or .xlsx, not '{suffix or path.name}'", where)
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001 - pandas and openpyxl raise many kinds for a broken file
        raise DataError(f"cannot read the table: {exc}", where) from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataError(
            f"the table lacks the column(s) {', '.join(missing)}",
            Location(str(path), 1, 1),
            "columns: measure, period, value and optionally area",
        )
    extra = [c for c in frame.columns if c not in REQUIRED + OPTIONAL]
    if extra:
        raise DataError(
            f"unknown column '{extra[0]}'",
            Location(str(path), 1, 1),
            "columns: measure, period, value and optionally area",
        )
    return frame


def _check(frame: pd.DataFrame, path: Path, measures, default_area: str) -> pd.DataFrame:
    frame = frame.apply(lambda col: col.str.strip())
    frame["line"] = pd.RangeIndex(2, len(frame) + 2)  # line 1 holds the headings
    frame = frame[(frame[list(REQUIRED)] != "").any(axis=1)]  # blank rows are allowed

    def fail(mask: pd.Series, column: str, message, hint=None):
        if mask.any():
            row = frame[mask].iloc[0]
            col = list(frame.columns).index(column) + 1
            text = message(row) if callable(message) else message
            raise DataError(text, Location(str(path), int(row["line"]), col), hint)

    from ..content.yamlmarks import NOT_XML

    for column in ("measure", "area"):
        if column in frame:
            fail(
                frame[column].str.contains(NOT_XML, regex=True),
                column,
                lambda r, col=column: (
                    f"a character of {col} {shown(r[col])} cannot stand in a Word document"
                ),
            )
    known = frame["measure"].isin(list(measures))
    fail(
        ~known,
        "measure",
        lambda r: f"unknown measure '{r['measure']}'" + _near(r["measure"], measures),
        "define it in measures.yaml",
    )
    parts = frame["period"].str.extract(_PERIOD)
    month = pd.to_numeric(parts[1], errors="coerce")
    fail(
        parts[0].isna() | ~month.between(1, 12),
        "period",
        lambda r: f"period '{r['period']}' is not a month written YYYY-MM",
    )
    value = pd.to_numeric(frame["value"], errors="coerce")
    commas = frame["value"].str.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
    fail(
        value.isna() & commas,
        "value",
        lambda r: f"value '{r['value']}' has thousands separators",
        "write numbers without commas: 28675",
    )
    fail(~np.isfinite(value), "value", lambda r: f"value '{r['value']}' is not a number")
    area = (
        frame["area"].where(frame["area"] != "", default_area)
        if "area" in frame
        else pd.Series(default_area, index=frame.index)
    )
    return pd.DataFrame(
        {
            "measure": frame["measure"],
            "month": parts[0].astype(int) * 12 + month.astype(int) - 1,
            "area": area,
            "value": value.astype(float),
            "file": str(path),
            "line": frame["line"],
        }
    )


def _near(name: str, names) -> str:
    hint = did_you_mean(name, names)
    return f" ({hint})" if hint else ""


def _no_duplicates(frame: pd.DataFrame) -> None:
    dup = frame.duplicated(["measure", "month", "area"], keep=False)
    if dup.any():
        rows = frame[dup]
        first = rows.iloc[0]
        same = rows[
            (rows["measure"] == first["measure"])
            & (rows["month"] == first["month"])
            & (rows["area"] == first["area"])
        ]
        other = same.iloc[1]
        raise DataError(
            f"duplicate row for {first['measure']}, {_month(first['month'])}, {first['area']} "
            f"(also at {first['file']}:{first['line']})",
            Location(str(other["file"]), int(other["line"]), 1),
        )


def _month(number: int) -> str:
    return f"{int(number) // 12:04d}-{int(number) % 12 + 1:02d}"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": pd.Series(dtype=str),
            "month": pd.Series(dtype=int),
            "area": pd.Series(dtype=str),
            "value": pd.Series(dtype=float),
            "file": pd.Series(dtype=str),
            "line": pd.Series(dtype=int),
        }
    )
