"""`boardpaper watch`: rebuild a paper whenever one of its files is saved.

Every file the paper reads is watched (paper.yaml, measure definitions, data
files, the KPI framework, file appendices, the template). A rebuild reuses the
computed measure data when no data file changed, so an edit to the narrative
rebuilds in well under a second. After each build it says what changed:
paragraphs whose text changed, and figures whose value changed. An error is
printed as usual and the watch goes on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from . import pipeline
from .content.model import FrameworkText
from .errors import BoardpaperError
from .interrupts import stopping
from .narrative import model as m
from .templates import template_path
from .writers.figures_csv import audited


def watched_files(folder: Path, template: Path | None) -> list[Path]:
    """Every file a build of `folder` reads (as far as it can be loaded)."""
    files = [folder / "paper.yaml"]
    try:
        source = pipeline.load(folder)
    except BoardpaperError:
        return files
    if source.data is not None:
        from . import measures

        files += list(source.data.measures) + list(source.data.files)
        files += measures.inputs(source.data)  # what measures.yaml's from: reads
    for appendix in source.appendices:
        if appendix.framework is not None:
            files.append(Path(appendix.framework.path))
        if appendix.file is not None:
            files.append(appendix.file)
    files += [Path(b.framework.path) for b in source.blocks if isinstance(b, FrameworkText)]
    found = template_path(folder, template)
    if found is not None:
        files.append(found)
    return files


def snapshot(files: list[Path]) -> dict[str, tuple[int, int]]:
    out = {}
    for path in files:
        try:
            stat = path.stat()
            out[str(path)] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            out[str(path)] = (0, -1)
    return out


def differences(before: m.Paper | None, after: m.Paper) -> list[str]:
    """Lines saying which paragraphs and figures changed between two builds."""
    if before is None:
        return []
    lines = []
    old = {p.id: p for p in before.paras()}
    for para in after.paras():
        previous = old.get(para.id)
        if previous is None:
            lines.append(f"¶{para.number} {para.id}: new paragraph")
        elif m.plain_text(previous.inlines) != m.plain_text(para.inlines):
            lines.append(f"¶{para.number} {para.id}: text changed")
    for para_id in old.keys() - {p.id for p in after.paras()}:
        lines.append(f"{para_id}: paragraph removed")
    was = {(pid, f.attrs.get("expression")): f.text for _, pid, _, f in audited(before)}
    for number, pid, _, figure in audited(after):
        key = (pid, figure.attrs.get("expression"))
        if key in was and was[key] != figure.text:
            lines.append(f"¶{number} {{{{ {key[1]} }}}}: {was[key]} → {figure.text}")
    return lines


def watch(
    folder: Path,
    out_dir: Path,
    say: Callable[[str], None],
    stop: threading.Event,
    template: Path | None = None,
    interval: float = 0.4,
) -> None:
    """Build now, then again after every save, until `stop` is set."""
    folder = Path(folder)
    cache: dict = {}
    previous: m.Paper | None = None
    seen: dict = {}
    while not stop.is_set():
        if stopping:  # Ctrl-C, though a library swallowed its KeyboardInterrupt
            raise KeyboardInterrupt
        files = watched_files(folder, template)
        current = snapshot(files)
        if current != seen:
            seen = current
            started = time.perf_counter()
            try:
                built = pipeline.build(folder, out_dir, template, cache=cache)
            except BoardpaperError as exc:
                say(exc.render())
            else:
                took = time.perf_counter() - started
                say(f"built {built.paper.name} in {took:.2f} s")
                for line in differences(previous, built.paper):
                    say(f"  {line}")
                previous = built.paper
            # `seen` is what was built: a file saved during the build is picked up next time
        stop.wait(interval)
