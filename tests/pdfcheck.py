"""The PDF/UA check every published PDF in the tests goes through.

`pdfua check` must report no error and no warning. Its empty-heading rule (UA-14-001)
is skipped on LibreOffice's tagged PDF, whose headings hold an array of content
items (the checker's own bug: it asks a pikepdf array for `is_integer`), so that
rule is checked here instead: every H1…H6 marks some page content.

`assert_strict` runs ../shared/tools/pdfua_strict.py (the machine-checkable failure
conditions of the Matterhorn Protocol 1.1, fonts selected but unused included): no
failure. `unmarked_pages` lists the pages whose text (pdftotext) lacks the marking.
"""

from __future__ import annotations

import subprocess
import sys

import pikepdf

from .conftest import SHARED

STRICT = SHARED / "tools" / "pdfua_strict.py"


def assert_pdfua(path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", str(path)], capture_output=True, text=True
    )
    assert "[ERROR]" not in result.stdout and "[WARN" not in result.stdout, result.stdout[-2000:]
    with pikepdf.open(path) as pdf:
        empty = [role for role, marks in _headings(pdf.Root.StructTreeRoot) if not marks]
    assert not empty, f"empty headings: {empty}"


def assert_strict(path) -> None:
    """`path` passes pdfua_strict.py with no failure (mark the test `needs_shared(STRICT)`)."""
    result = subprocess.run(
        [sys.executable, str(STRICT), "--strict-invisible", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


def unmarked_pages(path, marking: str = "OFFICIAL") -> list[int]:
    """The pages (1-based) of the PDF at `path` whose text does not show `marking`."""
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
    missing = []
    for number in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if marking not in text:
            missing.append(number)
    return missing


def _headings(root):
    seen: set = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary) or node.objgen in seen:
            continue
        if node.objgen != (0, 0):
            seen.add(node.objgen)
        role = str(node.get("/S", ""))
        if len(role) == 3 and role.startswith("/H") and role[2].isdigit():
            yield role, _marks(node)
        if "/K" in node:
            stack.append(node.K)


def _marks(node) -> bool:
    """Whether a structure element (or a kid of it) marks content: an MCID somewhere."""
    if isinstance(node, pikepdf.Array):
        return any(_marks(kid) for kid in node)
    if isinstance(node, pikepdf.Dictionary):
        return "/MCID" in node or ("/K" in node and _marks(node.K))
    return isinstance(node, int) or (isinstance(node, pikepdf.Object) and node.is_integer)
