"""The one door for data read from a database: a `data: sources:` query, run read-only.

`read_query(source, room)` returns what `readers.read_table` returns for a file: a frame
of strings with the columns measure, period, value (and area), `line` (the result's row,
from 1), and a sha256 — of the rows read, written as a data file's CSV, so the audit
trail can name what a figure was computed from (measures/snapshots.py writes it beside
the outputs). Bounds and guards:

- The query was checked in content/sections.py: one SELECT or WITH statement that
  names nothing that writes; the URL's scheme is sqlite or postgresql, it holds no
  password, and a SQLite file lies in the paper's folder.
- SQLite is opened read-only (`file:…?mode=ro`, a URI); PostgreSQL runs the query in a
  `READ ONLY` transaction with a statement timeout, then rolls it back. A password comes
  from the environment (PGPASSWORD) or ~/.pgpass, as libpq reads them; none is printed.
- At most `room` rows (readers.MAX_ROWS with the files before it), fetched in batches
  so a larger result is refused without being held; at most readers.MAX_COLUMNS columns.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from ..content.model import SqlSource
from ..errors import DataError
from . import readers, snapshots

TIMEOUT_MS = 60_000  # a paper's query reads thousands of rows in well under a second
_BATCH = 10_000
UNREACHABLE_HINT = (
    "to rebuild from what the last build read: boardpaper build --from-snapshot -o DIR "
    "(DIR holding <paper>.sql-N.csv and .json)"
)


@dataclass(frozen=True)
class Read:
    """What one query read: the frame, and the snapshot (its rows as a data file, sorted:
    snapshots.rows_csv) and the snapshot's sha256."""

    frame: pd.DataFrame
    snapshot: bytes
    sha256: str


def read_query(source: SqlSource, room: int | None = None) -> Read:
    """Run `source`'s query read-only; its rows as a data file's table."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    room = readers.MAX_ROWS if room is None else room
    where = source.query_loc
    if source.path is not None and not source.path.is_file():
        raise DataError(
            f"no database file for {source.label} (looked for {source.path})",
            source.loc,
            UNREACHABLE_HINT,
        )
    try:
        engine = create_engine(_url(source), poolclass=_null_pool())
        try:
            try:
                conn = engine.connect()
            except SQLAlchemyError as exc:
                raise DataError(
                    f"cannot reach the database of {source.label}: {_reason(exc)}",
                    source.loc,
                    UNREACHABLE_HINT,
                ) from None
            with conn:
                if engine.dialect.name == "postgresql":
                    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {TIMEOUT_MS}")
                else:
                    conn.exec_driver_sql("PRAGMA query_only = ON")
                result = conn.execution_options(stream_results=True).execute(text(source.query))
                names = list(result.keys())
                if len(names) > readers.MAX_COLUMNS:
                    raise DataError(
                        f"the query gives more than {readers.MAX_COLUMNS} columns", where
                    )
                rows: list = []
                while batch := result.fetchmany(_BATCH):
                    rows += batch
                    if len(rows) > room:
                        together = (
                            " with the data files before it" if room < readers.MAX_ROWS else ""
                        )
                        raise DataError(
                            f"the query gives more than {readers.MAX_ROWS:,} rows{together}; "
                            "measure data is thousands of rows",
                            where,
                            "select only the months and areas the paper reports",
                        )
                conn.rollback()
        finally:
            engine.dispose()
    except SQLAlchemyError as exc:
        raise DataError(f"cannot read {source.label}: {_reason(exc)}", where) from None
    return _table(source, names, rows)


def _url(source: SqlSource):
    from sqlalchemy.engine import URL, make_url

    if source.path is not None:  # read-only, through a file: URI (never created)
        uri = "file:" + str(source.path.resolve()) + "?mode=ro"
        return URL.create("sqlite+pysqlite", database=uri, query={"uri": "true"})
    url = make_url(source.url)
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool


def _reason(exc) -> str:
    """The database's own reason, on one line, without the statement or parameters."""
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split())
    return text[:300] or type(orig).__name__


def _table(source: SqlSource, names: list[str], rows: list) -> Read:
    """The rows as strings in the named columns (after `columns:`), and the snapshot."""
    mapping = dict(source.columns)
    renamed = {result: key for key, result in mapping.items()}
    heading = [renamed.get(n, n) for n in names]
    try:
        heading = readers.columns(heading, source.query_loc.path)
    except DataError as exc:  # the columns of a result, not of a file's heading row
        raise DataError(
            exc.message.replace("the table", f"the result of {source.label}", 1),
            source.query_loc,
            "name the columns in the query (SELECT x AS measure, …) or under columns:",
        ) from None
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    frame = pd.DataFrame(cells, columns=heading, dtype=str)
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=str) for c in heading})
    snapshot = snapshots.rows_csv(frame)
    frame["line"] = pd.RangeIndex(1, len(frame) + 1)
    return Read(frame, snapshot, hashlib.sha256(snapshot).hexdigest())
