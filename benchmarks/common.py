"""What every benchmark shares: where the project is, how boardpaper is run, and the
median of timed runs."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "2022-05-performance-report"
PYTHON = sys.executable
BOARDPAPER = [PYTHON, "-m", "boardpaper"]
#: what a plain build of the May example imports (python -X importtime): its bare import time
LIBRARIES = (
    "import docx, docxtpl, pandas, reportlab.platypus, yaml, jinja2, openpyxl, lxml, pikepdf"
)


def median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(cmd, **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
