"""The measures declared `from:` their published shape (shapes.py), read as long rows.

`read(measures, room)` gives, for each such measure, a `Declared`: rows of `measure,
period, value, area` as data.py's `_check` takes them, where each row's `line` is an
index into `places` (its file and, per column of the long table, the cell or record a
fault is reported at) and `files` (the file each figure names in the audit trail).

- Records: every file the glob matches (content/paths.py), each read by
  readers.read_records (only the columns counted, as categoricals) two at a time on
  threads (pyarrow's parser and sha256 release the GIL), filtered by `where:` and
  counted per period and area; the counts are small whatever the rows. A count from one
  file names that file; a count summed over several (no `area:`, a month's files by
  force) names the glob, whose sha256 is that of its files' list ("<sha256>  <path>"
  lines, as sha256sum prints them), each file a source of its own too.
- Tables: readers.read_grid's rows, the headings on `header_row`, the table down to its
  first empty row; a value cell is a number, empty (no figure) or one of `missing:`.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, Location, did_you_mean, shown
from . import readers, shapes

WORKERS = 2  # files read at once: the 2-core machine; each holds one file in memory


@dataclass
class Declared:
    """One measure's rows, with the place of each for errors and its file for provenance."""

    measure: str
    frame: pd.DataFrame  # measure, period, value, area (strings), line (index into places)
    places: list[dict[int, Location]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    sources: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # sha, listing

    def at(self, line: int, col: int):
        place = self.places[line]
        return place.get(col) or place[3], ""

    def lines(self) -> list[int]:
        return [p[3].line for p in self.places]


def read(measures: dict, room: int):
    """A `Declared` for each measure with `from:`, in the order they are defined."""
    for measure in measures.values():
        shape = getattr(measure, "shape", None)
        if isinstance(shape, shapes.Records):
            yield count(measure.id, shape)
        elif isinstance(shape, shapes.Table):
            found = wide(measure.id, shape, room)
            room -= len(found.frame)
            yield found


# -- records ------------------------------------------------------------------------------


def count(measure: str, shape: shapes.Records) -> Declared:
    """The records of `shape`'s files counted per period and area."""
    from ..content.paths import matching

    files = matching(shape.folder, shape.pattern, shape.at["records"])
    if not files:
        raise DataError(
            f"no file matches '{shape.pattern}'",
            shape.at["records"],
            f"the name is relative to {shape.folder}",
        )
    wanted = [(shape.period, shape.at["period"])]
    if shape.area:
        wanted.append((shape.area, shape.at["area"]))
    wanted += [(c, shape.at[f"where:{c}"]) for c, _ in shape.where if c not in dict(wanted)]
    parts, sources, total, numbers, seen = [], {}, 0, [], {}
    pool = ThreadPoolExecutor(WORKERS)
    try:
        futures = [pool.submit(_count_file, p, wanted, shape) for p in files]
        for number, (path, future) in enumerate(zip(files, futures, strict=True)):
            part, sha, rows, used = future.result()
            total += rows
            if total > readers.MAX_RECORDS:
                raise DataError(
                    f"the records of '{shape.pattern}' have more than {readers.MAX_RECORDS:,} rows",
                    Location(str(path)),
                    "name fewer files, or only the months the paper reports",
                )
            sources[str(path)] = (sha, None)
            for column, values in part.pop("seen").items():
                seen.setdefault(column, set()).update(values)
            parts.append(part | {"file": [number] * len(part["row"])})
            numbers.append((used[shape.period] + 1, used[shape.area] + 1 if shape.area else 1))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    _all_found(shape, seen)
    return _counted(measure, shape, files, parts, sources, numbers)


def _all_found(shape: shapes.Records, seen: dict[str, set]) -> None:
    """Each value of `where:` is in some record: a misspelt one would count nothing."""
    for column, values in shape.where:
        for value in values:
            if value not in seen.get(column, ()):
                raise DataError(
                    f"no record has '{value}' in column '{column}'",
                    shape.at[f"where={column}"],
                    did_you_mean(
                        value, seen.get(column, ()), "check the value as the files write it"
                    ),
                )


def _count_file(path: Path, wanted, shape: shapes.Records):
    """One file's counts: (period, area, count, first row) per group, its sha256, rows and
    the column numbers of its heading. Numpy on the columns' codes: no frame per file."""
    columns, sha, used = readers.read_records(path, wanted, readers.MAX_RECORDS)
    codes, names = columns[shape.period]
    rows = len(codes)
    keep = np.ones(rows, dtype=bool)
    for column, values in shape.where:
        coded, distinct = columns[column]
        allowed = np.array([str(v).strip() in values for v in distinct] + [False])
        keep &= allowed[coded]  # code -1 (none) is the last: never kept
    key = codes.astype(np.int64)
    areas = [""]
    if shape.area:
        area_codes, areas = columns[shape.area]
        key = key * max(1, len(areas)) + area_codes
    kept = np.flatnonzero(keep)
    groups, first, count = np.unique(key[kept], return_index=True, return_counts=True)
    width = max(1, len(areas))
    seen = {c: {str(v).strip() for v in columns[c][1]} for c, _ in shape.where}
    part = {  # a few dozen groups: lists, not a frame per file
        "period": [str(names[g // width]).strip() for g in groups.tolist()],
        "area": [str(areas[g % width]).strip() if shape.area else "" for g in groups.tolist()],
        "count": count.tolist(),
        "row": kept[first].tolist(),
        "seen": seen,  # the distinct values of the `where:` columns
    }
    return part, sha, rows, used


def _counted(measure, shape: shapes.Records, files, parts, sources, numbers) -> Declared:
    counts = pd.DataFrame({k: [v for p in parts for v in p[k]] for k in parts[0]})
    counts = counts.sort_values(["file", "row"], kind="stable")
    together = counts.groupby(["period", "area"], sort=True).agg(
        count=("count", "sum"),
        file=("file", "first"),
        row=("row", "first"),
        files=("file", "nunique"),
    )
    together = together.reset_index()
    name = str(shape.folder / shape.pattern)
    if (together["files"] > 1).any():
        listing = "".join(f"{sources[str(p)][0]}  {p}\n" for p in files)
        sources[name] = (hashlib.sha256(listing.encode()).hexdigest(), listing)
    found = Declared(measure, _long(measure, together, "count"), sources=sources)
    for row in together.itertuples(index=False):
        path = str(files[int(row.file)])
        line = int(row.row) + 2  # the first record of the count: line 1 holds the headings
        period_col, area_col = numbers[int(row.file)]
        found.places.append(
            {
                2: Location(path, line, period_col),
                3: Location(path, line, 1),
                4: Location(path, line, area_col),
            }
        )
        found.files.append(path if row.files == 1 else name)
    return found


# -- wide tables --------------------------------------------------------------------------


def wide(measure: str, shape: shapes.Table, room: int) -> Declared:
    """The values of a wide table, one row per (period, area) cell taken."""
    from ..content.paths import existing

    path = existing(shape.folder, shape.name, shape.at["table"], (".csv", ".xlsx", ".ods"))
    grid, sha = readers.read_grid(path, shape.sheet, shape.at.get("sheet", shape.at["table"]), room)
    lines = dict(grid)
    head = lines.get(shape.header_row)
    if not head or not any(c.strip() for c in head):
        raise DataError(
            f"row {shape.header_row} of {path.name} holds no headings",
            shape.at.get("header_row", shape.at["from"]),
            "header_row: is the row of the column headings, below the table's title",
        )
    headings = [shapes.heading(c) for c in head]
    body = []  # (line, cells) down to the first empty row
    for line in range(shape.header_row + 1, shape.header_row + 1 + len(grid)):
        cells = lines.get(line)
        if not cells or not any(c.strip() for c in cells):
            break
        body.append((line, cells + [""] * (len(headings) - len(cells))))
    found = Declared(measure, pd.DataFrame(), sources={str(path): (sha, None)})
    cells = []  # (period, area, value, places)
    if shape.periods == "across":
        label = _column(headings, shape.area, shape.at.get("area")) if shape.area else 0
        taken = _period_columns(headings, shape, path, skip=label)
        rows = body
        if shape.rows:
            labels = {c[label].strip(): (n, c) for n, c in reversed(body)}
            for name in shape.rows:
                if name not in labels:
                    raise DataError(
                        f"{path.name} has no row '{name}' in column {label + 1}",
                        shape.at["row"],
                        did_you_mean(name, labels),
                    )
            rows = [labels[name] for name in shape.rows]
        for line, row in rows:
            area = row[label].strip() if shape.area else ""
            for col in taken:
                where = {
                    2: Location(str(path), shape.header_row, col + 1),
                    3: Location(str(path), line, col + 1),
                    4: Location(str(path), line, label + 1),
                }
                cells.append((headings[col], area, row[col], where))
    else:
        period = _column(headings, shape.period, shape.at.get("period")) if shape.period else 0
        if shape.value:
            taken = [_column(headings, shape.value, shape.at["value"])]
        elif shape.columns:
            taken = _chosen(headings, shape.columns, shape.at["columns"])
        else:
            taken = [i for i, h in enumerate(headings) if h and i != period]
        for line, row in body:
            for col in taken:
                where = {
                    2: Location(str(path), line, period + 1),
                    3: Location(str(path), line, col + 1),
                    4: Location(str(path), shape.header_row, col + 1),
                }
                area = "" if shape.value else head[col].strip()
                cells.append((shapes.heading(row[period]), area, row[col], where))
    kept = []
    for period, area, value, where in cells:
        value = value.strip()
        if not value or value in shape.missing:
            continue
        _number(value, where[3], shape)
        kept.append((period, area, value))
        found.places.append(where)
        found.files.append(str(path))
    table = pd.DataFrame(kept, columns=["period", "area", "value"], dtype=str)
    found.frame = _long(measure, table, "value")
    return found


def _number(value: str, where: Location, shape: shapes.Table) -> None:
    try:
        float(value)
    except ValueError:
        if not any(ch.isdigit() for ch in value) or value.startswith("["):
            listed = ", ".join(f'"{m}"' for m in (*shape.missing, value))
            raise DataError(
                f"value {shown(value)} is not a number",
                where,
                f"if it marks a figure that is not available, declare it: missing: [{listed}]",
            ) from None  # other text (1,234) is left to data.py's checks


def _column(headings: list[str], name: str, where: Location) -> int:
    stripped = [h.strip() for h in headings]
    if name in stripped:
        return stripped.index(name)
    raise DataError(
        f"no column headed '{name}'",
        where,
        did_you_mean(name, [h for h in stripped if h], "check header_row: and the heading"),
    )


def _chosen(headings: list[str], columns: tuple[str, ...], where: Location) -> list[int]:
    if len(columns) == 3 and columns[1] == "..":
        first, last = (
            _column(headings, shapes.heading(c), where) for c in (columns[0], columns[2])
        )
        if last < first:
            raise DataError(f"the range {columns[0]}..{columns[2]} runs backwards", where)
        return [i for i in range(first, last + 1) if headings[i].strip()]
    return [_column(headings, shapes.heading(c), where) for c in columns]


def _period_columns(headings, shape: shapes.Table, path: Path, skip: int) -> list[int]:
    if shape.columns:
        return _chosen(headings, shape.columns, shape.at["columns"])
    taken = [i for i, h in enumerate(headings) if i != skip and h and shapes.is_period(h)]
    if not taken:
        raise DataError(
            f"no heading in row {shape.header_row} of {path.name} is a period "
            f"(its headings: {shown([h for h in headings if h])})",
            shape.at.get("header_row", shape.at["from"]),
            "name the row of the period headings with header_row:, or the columns with columns:",
        )
    return taken


def _long(measure: str, table: pd.DataFrame, value: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": pd.Series(measure, index=table.index, dtype=str),
            "period": table["period"].astype(str),
            "value": table[value].astype(str),
            "area": table["area"].astype(str),
            "line": np.arange(len(table), dtype="int64"),
        }
    )
