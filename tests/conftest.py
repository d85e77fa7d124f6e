"""Shared fixtures: the example paper, a built copy of it, and LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: a quick run by default, a long one in CI (CI=true), or as asked
# (HYPOTHESIS_PROFILE=thorough: 2,000 examples a test, before a release).
settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)

# Converted PDFs are cached (writers/pack.py): the tests keep theirs apart from the
# user's, in a folder of their own for the run.
os.environ["BOARDPAPER_CACHE"] = tempfile.mkdtemp(prefix="boardpaper-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "2022-05-performance-report"
SHARED = ROOT.parent / "shared"


def needs_shared(path: Path):
    """Mark a test that reads `path` from ../shared (the published papers or the tools):
    skipped, with the reason shown by `-ra`, where shared/ is not beside the repo; in CI,
    where it always is, never skipped (a missing file fails the test)."""
    return pytest.mark.skipif(
        not path.exists() and not os.environ.get("CI"),
        reason=f"needs {path} (the shared/ folder beside the repo), which is absent",
    )


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def built_docx(tmp_path_factory) -> Path:
    """The example paper built once for the session."""
    from boardpaper import pipeline

    out = tmp_path_factory.mktemp("built")
    return pipeline.build(EXAMPLE, out).outputs[0]


def soffice() -> str:
    """Path of LibreOffice; skips locally, fails in CI, when it is missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing: `make test` installs libreoffice-writer")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def convert(path: Path, fmt: str, out: Path) -> Path:
    """Convert `path` with LibreOffice headless to `fmt` (e.g. 'pdf') in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    ext = fmt.split(":")[0]
    produced = out / f"{path.stem}.{ext}"
    assert produced.is_file(), f"LibreOffice wrote no {ext}: {result.stdout} {result.stderr}"
    return produced


def write_paper(folder: Path, text: str) -> Path:
    """A paper folder holding `text` as paper.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "paper.yaml").write_text(text, encoding="utf-8")
    return folder


MINIMAL = """\
cover:
  board: Strategic Policing and Crime Board
  meeting: 2022-05
  title: A test paper
body:
  - heading: Purpose of paper
  - The first paragraph.
  - id: second
    para: The second paragraph.
"""


UNO_SCRIPT = ROOT / "tests" / "uno" / "office.py"


def uno_python() -> str:
    """The system Python that has LibreOffice's `uno` module (Debian: python3-uno)."""
    import subprocess as sp

    python = "/usr/bin/python3"
    ok = (
        Path(python).exists()
        and sp.run([python, "-c", "import uno"], capture_output=True).returncode == 0
    )
    if not ok:
        if os.environ.get("CI"):
            pytest.fail("python3-uno is missing: `make test` installs it")
        pytest.skip("python3-uno (LibreOffice's Python bridge) is not installed")
    soffice()
    return python


def office(*args, timeout: int = 240) -> str:
    """Run tests/uno/office.py with the UNO Python; its standard output."""
    import subprocess as sp

    result = sp.run(
        [uno_python(), str(UNO_SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def copy_content(tmp_path: Path) -> Path:
    """A copy of content/ (the example and the shared files it names); the example's folder."""
    shutil.copytree(EXAMPLE.parent, tmp_path / "content")
    return tmp_path / "content" / EXAMPLE.name


VALIDATOR = SHARED / "tools" / "ooxml_validate.py"


def ooxml_errors(path: Path) -> str:
    """The schema errors Word would refuse in the .docx at `path` ("" if none), from
    ../shared/tools/ooxml_validate.py (ECMA-376 and Word's extensions)."""
    import sys

    result = subprocess.run(
        [sys.executable, str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=120
    )
    return "" if result.returncode == 0 else result.stdout + result.stderr


def edited_package(package: bytes, part: str, old: str, new: str) -> bytes:
    """A copy of the .docx `package` with `old` replaced by `new` in the XML of `part`
    (a template restyled, or broken, as a secretariat might in Word)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                assert old.encode() in data, (part, old)
                data = data.replace(old.encode(), new.encode())
            target.writestr(info, data)
    return out.getvalue()
