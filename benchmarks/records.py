#!/usr/bin/env python3
"""Street-level records counted through `from: records:` at scale.

    .venv/bin/python benchmarks/records.py [ROWS]     (default 10,000,000; run.py calls it)

Writes ROWS street-level crimes in the police open-data archive's layout (one CSV per
force and month: 12 months x 43 forces, the archive's twelve columns, about 230 bytes a
row) into a temporary folder, then counts burglaries per month and force, as a paper's
measures.yaml declares them, in a fresh process: the time from the definitions to the
checked counts, and that process's peak resident memory. The counts are checked
against the ones the generator wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

MONTHS = [f"2021-{m:02d}" for m in range(4, 13)] + [f"2022-{m:02d}" for m in range(1, 4)]
FORCES = [f"Force {n:02d} Police" for n in range(43)]
TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other theft",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Vehicle crime",
    "Violence and sexual offences",
)
HEADING = (
    b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    b"LSOA name,Crime type,Last outcome category,Context\n"
)
MEASURES = """\
burglary:
  label: Burglary, crimes
  from:
    records: data/police-uk/*/*-street.csv
    period: Month
    area: Falls within
    where: {Crime type: Burglary}
"""
COUNT = """\
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from boardpaper.measures.data import read_tables
from boardpaper.measures.definitions import load_definitions
try:
    import pyarrow.csv  # imported by the first read: its import is not the counting's
except ImportError:
    pass
imports = time.perf_counter() - start
before = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
folder = Path(sys.argv[1])
measures = load_definitions([folder / "measures.yaml"])
frame, sources = read_tables([], measures, "Force")
seconds = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_SELF)
peak = use.ru_maxrss * 1024
cpu = use.ru_utime + use.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({"seconds": seconds, "imports": imports, "peak": peak, "cpu": cpu, "rows": len(frame),
                  "total": float(frame["value"].sum()), "files": len(sources)}))
"""


def generate(folder: Path, rows: int) -> dict:
    """The files of `rows` records; returns how many burglaries were written."""
    rng = np.random.default_rng(2022)
    per_file = rows // (len(MONTHS) * len(FORCES))
    extra = rows - per_file * len(MONTHS) * len(FORCES)
    pool_types = rng.integers(0, len(TYPES), 4096)
    burglaries = 0
    for month in MONTHS:
        for f, force in enumerate(FORCES):
            pool = np.array(
                [
                    (
                        f"{'' if TYPES[t] == 'Anti-social behaviour' else format(i * 7919, '064x')},"
                        f"{month},{force},{force},-1.{i:06d},52.{i:06d},On or near Station Road,"
                        f"E0103{i % 9999:04d},Somewhere {i % 300:03d}A,{TYPES[t]},"
                        f"{'' if TYPES[t] == 'Anti-social behaviour' else 'Under investigation'},\n"
                    ).encode()
                    for i, t in enumerate(pool_types)
                ],
                dtype=object,
            )
            n = per_file + (1 if extra > 0 else 0)
            extra -= 1
            picks = rng.integers(0, len(pool), n)
            burglaries += int((pool_types[picks] == TYPES.index("Burglary")).sum())
            path = folder / month / f"{month}-force-{f:02d}-street.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(HEADING + b"".join(pool[picks]))
    return {"burglaries": burglaries, "files": len(MONTHS) * len(FORCES)}


def bench(rows: int = 10_000_000) -> dict:
    """Generate `rows` records and count them in a fresh process: seconds, peak bytes."""
    with tempfile.TemporaryDirectory(prefix="boardpaper-records-") as tmp:
        folder = Path(tmp)
        (folder / "measures.yaml").write_text(MEASURES)
        start = time.perf_counter()
        written = generate(folder / "data" / "police-uk", rows)
        made = time.perf_counter() - start
        size = sum(p.stat().st_size for p in folder.rglob("*.csv"))
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COUNT, str(folder)], check=True, capture_output=True, text=True
        )
        whole = time.perf_counter() - start
    result = json.loads(out.stdout)
    if result["total"] != written["burglaries"]:
        raise SystemExit(f"counted {result['total']} burglaries, wrote {written['burglaries']}")
    return {
        "rows": rows,
        "bytes": size,
        "files": written["files"],
        "generate_seconds": made,
        "count_seconds": result["seconds"],
        "process_seconds": whole,
        "peak_bytes": result["peak"],
        "cpu_seconds": result["cpu"],  # of the counting (both threads), after the imports
        "import_seconds": result["imports"],
        "load": os.getloadavg()[0],  # other work on the machine while it ran
        "engine": _engine(),
    }


def _engine() -> str:
    try:
        import pyarrow
    except ImportError:
        return "pandas C parser"
    return f"pyarrow {pyarrow.__version__}"


if __name__ == "__main__":
    r = bench(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000)
    print(
        f"{r['rows']:,} records in {r['files']} files ({r['bytes'] / 1e9:.2f} GB), {r['engine']}: "
        f"counted in {r['count_seconds']:.2f} s ({r['cpu_seconds']:.1f} s of CPU; "
        f"{r['process_seconds']:.2f} s with Python's start and imports), peak {r['peak_bytes'] / 2**30:.2f} GiB, load "
        f"average {r['load']:.1f}; generated in {r['generate_seconds']:.0f} s"
    )
