"""Snapshots of what a build read from a database, for the audit trail (issue 28).

Every build that reads a `data: sources:` query writes, beside its outputs, the rows
it read: `<paper>.sql-N.csv` (N: the source's place under `sources:`, from 1)
in the data file format (measure,period,value[,area]; rows sorted, so the bytes are
the same whatever order the database returns them in) and `<paper>.sql-N.json`
(the query, the URL without user or password, the paper.yaml line, the row count and
the CSV's sha256). figures.csv names the CSV as the source of each figure with that
sha256, so a published figure can be reproduced after the warehouse is revised.

`build --from-snapshot` reads each query's snapshot from the output folder instead of
the database: the manifest's query and URL must be the paper.yaml's, the CSV's sha256
the manifest's, and the CSV is read through readers.read_table like any data file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from ..content.model import SqlSource
from ..errors import DataError, Location
from . import readers

MAX_MANIFEST = 1024 * 1024  # a query and a few names


def name(paper: str, index: int) -> str:
    """The snapshot CSV of the `index`th source (from 1), in the output folder itself:
    fsutil.write_all puts one folder's outputs in place all or none, so the snapshots
    and the figures.csv naming them are never from two builds."""
    return f"{paper}.sql-{index}.csv"


def public_url(url: str) -> str:
    """The URL without user name or password: what a snapshot records and is matched by."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)._replace(username=None, password=None)  # a NamedTuple
    return parsed.render_as_string(hide_password=False)


def rows_csv(frame: pd.DataFrame) -> bytes:
    """The rows of a query's frame (strings, columns as read) as a data file: the columns
    measure, period, value[, area] in that order, the rows sorted."""
    heading = [c for c in (*readers.REQUIRED, *readers.OPTIONAL) if c in frame.columns]
    rows = sorted(frame[heading].itertuples(index=False, name=None))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(heading)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def manifest(source: SqlSource, snapshot: str, data: bytes) -> bytes:
    """The JSON beside a snapshot CSV: where its rows came from, and their sha256."""
    record = {
        "snapshot": Path(snapshot).name,
        "source": f"{Path(source.loc.path).name}:{source.loc.line}",
        "url": public_url(source.url),
        "query": source.query,
        "rows": max(data.count(b"\n") - 1, 0),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def files(sources: dict) -> dict[str, bytes]:
    """The snapshot files of a build's sources ({name relative to the output folder: bytes})."""
    out = {}
    for key, source in sources.items():
        if source.snapshot is not None and source.origin is not None:
            out[key] = source.snapshot
            out[key[: -len(".csv")] + ".json"] = manifest(source.origin, key, source.snapshot)
    return out


def read(source: SqlSource, snapshot: str, out_dir: Path, room: int):
    """The table of `source` from its snapshot in `out_dir`, checked against paper.yaml:
    (frame, the CSV's bytes, its sha256, the CSV's path)."""
    path = Path(out_dir) / snapshot
    about = path.with_suffix(".json")
    hint = "build once with the database to take a snapshot, or copy the published "
    hint += f"{snapshot} and its .json into the output folder (-o)"
    if not path.is_file() or not about.is_file():
        missing = path if not path.is_file() else about
        raise DataError(f"no snapshot of {source.label}: {missing} is missing", source.loc, hint)
    try:
        record = json.loads(readers.read_small(about, MAX_MANIFEST, "a snapshot's JSON"))
        if not isinstance(record, dict):
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        raise DataError(f"{about} is not a snapshot's JSON", Location(str(about))) from None
    again = "build with the database to take a new snapshot"
    for key, wanted in (("query", source.query), ("url", public_url(source.url))):
        if record.get(key) != wanted:
            raise DataError(
                f"the snapshot {path} was read with another {key} than {source.label}",
                source.loc,
                again,
            )
    table, sha, data = readers.read_table_bytes(path, room)
    if sha != record.get("sha256"):
        raise DataError(
            f"the snapshot {path} does not match the sha256 in {about.name}: "
            "it changed since it was written",
            source.loc,
            again,
        )
    return table, data, sha, path
