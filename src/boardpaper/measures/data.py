"""Measure data in: long tables (`measure, period, value[, area]`) from CSV and Excel.

Files are read by readers.py, the one door for data files (its docstring states the
bounds: bytes, rows, columns, zip bombs), then checked and joined here into one pandas
frame with the columns `measure`, `month` (the last month a datum covers, a month
number, see windows.py), `months` (how many months it covers: 1 for a month, 3 for a
quarter, 12 for a year; periods.py reads the period texts), `area`, `value`, `file`
and `line` (the row's line in its file, for errors). Checks are
vectorised, on each distinct value once; the first bad row of each kind is reported
with its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, Location, did_you_mean, shown
from . import periods, readers
from .numbers import LARGEST_DATUM

REQUIRED = readers.REQUIRED


@dataclass(frozen=True)
class Source:
    """One data file: its path as given and its sha256."""

    path: str
    sha256: str
    snapshot: bytes | None = None  # a query's rows as CSV (sql.py): what the build read
    query: str | None = None
    origin: object | None = None  # the query's content.model.SqlSource (snapshots.py)


def _in_file(path):
    return lambda line, col: (Location(str(path), line, col), "")


def _in_query(source):
    def at(line, col):
        return source.query_loc, f"{source.label}, row {line}, column {col}: "

    return at


def read_tables(
    paths: list[Path],
    measures,
    default_area: str,
    queries=(),
    paper: str = "paper",
    from_snapshot: Path | None = None,
) -> tuple[pd.DataFrame, dict]:
    """Read and check every data file and query; return the frame and {path: Source}.

    Files are read by readers.read_table, the one door for data files, within its
    bounds (bytes, rows per file and in all files together, columns, zip bombs);
    queries (`data: sources:`) by sql.read_query, within the same row bound, or with
    `from_snapshot` (an output folder) from their snapshots there (snapshots.py). A
    query's rows are named by their snapshot, `<paper>.sql-N.csv`. Measures declared
    `from:` records or a wide table (shapes.py) are read by opendata.py, through the
    same door, each row checked here at its record or cell."""
    frames, sources, rows = [], {}, 0
    for path in paths:
        table, sha = readers.read_table(path, readers.MAX_ROWS - rows)
        rows += len(table)
        sources[str(path)] = Source(str(path), sha)
        frames.append(_check(table, path, measures, default_area, _in_file(path)))
    for index, query in enumerate(queries, 1):
        from . import snapshots

        name = snapshots.name(paper, index)
        if from_snapshot is not None:
            table, data, sha, path = snapshots.read(
                query, name, from_snapshot, readers.MAX_ROWS - rows
            )
            at = _in_file(path)
        else:
            from . import sql

            read = sql.read_query(query, readers.MAX_ROWS - rows)
            table, data, sha, at = read.frame, read.snapshot, read.sha256, _in_query(query)
        rows += len(table)
        sources[name] = Source(name, sha, data, query.query, query)
        frames.append(_check(table, name, measures, default_area, at))
    declared = any(m.shape is not None for m in measures.values())
    for found in _declared(measures, readers.MAX_ROWS - rows) if declared else ():
        rows += len(found.frame)
        for name, (sha, listing) in found.sources.items():  # a glob's files: their list
            sources[name] = Source(name, sha, query=listing)
        checked = _check(found.frame, found.measure, measures, default_area, found.at)
        index = checked["line"].to_numpy()
        checked["file"] = np.asarray(found.files, dtype=object)[index]
        checked["line"] = np.asarray(found.lines(), dtype="int64")[index]
        frames.append(checked)
    if not frames:
        return _empty(), sources
    frame = pd.concat(frames, ignore_index=True)
    _no_duplicates(frame)
    return frame, sources


def _declared(measures, room: int):
    """The rows of the measures declared `from:` records or a wide table (opendata.py,
    imported only for a paper that has one)."""
    from . import opendata

    return opendata.read(measures, room)


def _check(frame: pd.DataFrame, path, measures, default_area: str, at) -> pd.DataFrame:
    line = frame.pop("line")
    frame = frame.apply(lambda col: _by_value(col, lambda u: u.str.strip()))
    frame["line"] = line
    frame = frame[(frame[list(REQUIRED)] != "").any(axis=1)]  # blank rows are allowed

    def fail(mask: pd.Series, column: str, message, hint=None):
        if mask.any():
            row = frame[mask].iloc[0]
            col = list(frame.columns).index(column) + 1
            text = message(row) if callable(message) else message
            where, prefix = at(int(row["line"]), col)
            raise DataError(prefix + text, where, hint)

    from ..content.yamlmarks import NOT_XML

    for column in ("measure", "area"):
        if column in frame:
            fail(
                _by_value(frame[column], lambda u: u.str.contains(NOT_XML, regex=True)),
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
    ratios = {k: d for k, d in measures.items() if d.numerator}
    if ratios:  # a ratio's value is made of two other measures: no data of its own
        fail(
            frame["measure"].isin(list(ratios)),
            "measure",
            lambda r: (
                f"'{r['measure']}' is {ratios[r['measure']].numerator} divided by "
                f"{ratios[r['measure']].denominator} (numerator: in measures.yaml) and has "
                "no data of its own"
            ),
            "give its data to the measures it divides, whose value it is computed from",
        )
    spans = _by_value(frame["period"], periods.parse)
    fail(
        spans["last"].isna(),
        "period",
        lambda r: f"period {shown(r['period'])} {periods.NOT_A_PERIOD}",
    )
    value = pd.to_numeric(frame["value"], errors="coerce")
    commas = frame["value"][value.isna()].str.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
    fail(
        commas.reindex(frame.index, fill_value=False),
        "value",
        lambda r: f"value '{r['value']}' has thousands separators",
        "write numbers without commas: 28675",
    )
    fail(~np.isfinite(value), "value", lambda r: f"value '{r['value']}' is not a number")
    fail(
        value.abs() > LARGEST_DATUM,
        "value",
        lambda r: (
            f"value {shown(r['value'])} is larger than any figure of a paper "
            f"(at most {LARGEST_DATUM:,})"
        ),
        "check the value and its unit",
    )
    area = (
        frame["area"].where(frame["area"] != "", default_area)
        if "area" in frame
        else pd.Series(default_area, index=frame.index)
    )
    return pd.DataFrame(
        {
            "measure": frame["measure"],
            "month": spans["last"].astype(int),
            "area": area,
            "value": value.astype(float),
            "file": str(path),
            "line": frame["line"],
            "months": spans["months"].astype(int),
        }
    )


def _by_value(column: pd.Series, fn):
    """`fn` (a Series -> Series or DataFrame) on each distinct value of `column` once,
    spread back over its rows: measure data repeats a few names, months and areas."""
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    out = fn(pd.Series(distinct, dtype=column.dtype))
    spread = out.iloc[codes]
    spread.index = column.index
    return spread


def _near(name: str, names) -> str:
    hint = did_you_mean(name, names)
    return f" ({hint})" if hint else ""


def _no_duplicates(frame: pd.DataFrame) -> None:
    """The same measure, area and period twice (`2021/22` and `year ending March 2022`
    are one period) is an error; spans that only overlap (rolling years) are not."""
    dup = frame.duplicated(["measure", "month", "months", "area"], keep=False)
    if dup.any():
        rows = frame[dup]
        first = rows.iloc[0]
        same = rows[
            (rows["measure"] == first["measure"])
            & (rows["month"] == first["month"])
            & (rows["months"] == first["months"])
            & (rows["area"] == first["area"])
        ]
        other = same.iloc[1]
        span = int(first["months"])
        period = _month(first["month"]) if span == 1 else periods.label(int(first["month"]), span)
        raise DataError(
            f"duplicate row for {first['measure']}, {period}, {first['area']} "
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
            "months": pd.Series(dtype=int),
        }
    )
