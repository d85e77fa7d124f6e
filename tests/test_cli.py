"""The command line: exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from boardpaper.cli import main

from .conftest import MINIMAL, write_paper


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "boardpaper", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_build_writes_the_docx(tmp_path):
    folder = write_paper(tmp_path / "my-paper", MINIMAL)
    result = run("build", folder, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "my-paper.docx").is_file()
    assert f"wrote {tmp_path / 'out' / 'my-paper.docx'}" in result.stdout


@pytest.mark.parametrize(
    "change, line, col, words",
    [
        (("title: A test paper", "titel: A test paper"), 4, 3, "unknown key 'titel'"),
        (("  - id: second", "  - id: 2nd"), 8, 9, "id '2nd' must start with a letter"),
        (("  - The first paragraph.", "  - The **first paragraph."), 7, 9, "never closed"),
        (("board: Strategic", "board: [Strategic"), 3, 10, "expected ',' or ']'"),
    ],
)
def test_errors_are_one_line_with_exit_status_2(tmp_path, change, line, col, words):
    folder = write_paper(tmp_path / "p", MINIMAL.replace(*change))
    result = run("build", folder, "-o", tmp_path / "out")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"{folder / 'paper.yaml'}:{line}:{col}: error: ")
    assert words in lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_paper_yaml(tmp_path, capsys):
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path}: error: no paper.yaml") and "hint:" in err


def test_a_failed_build_keeps_the_previous_output(tmp_path, capsys):
    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
    good = (out / "p.docx").read_bytes()
    write_paper(folder, MINIMAL.replace("The first paragraph.", "The [^missing] paragraph."))
    assert main(["build", str(folder), "-o", str(out)]) == 2
    assert "no note named 'missing'" in capsys.readouterr().err
    assert (out / "p.docx").read_bytes() == good
    assert sorted(os.listdir(out)) == ["p.docx", "p.figures.csv"], "no temporary file is left"


def test_read_only_output_folder_is_a_clear_error(tmp_path, capsys, monkeypatch):
    from boardpaper import fsutil

    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    out.mkdir()
    if os.geteuid() == 0:  # root ignores permissions: refuse the way the kernel would

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(fsutil.tempfile, "mkstemp", refuse)
    out.chmod(0o500)
    try:
        assert main(["build", str(folder), "-o", str(out)]) == 2
    finally:
        out.chmod(0o700)
    err = capsys.readouterr().err
    assert err == (
        f"{out}: error: cannot write the outputs: Permission denied; "
        "the previous ones are as they were\n"
    )


def test_write_error_leaves_no_temporary_file(tmp_path, monkeypatch):
    from boardpaper import fsutil
    from boardpaper.errors import OutputError

    target = tmp_path / "x.docx"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="No space left on device"):
        fsutil.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]


def test_help_lists_build():
    result = run("--help")
    assert result.returncode == 0 and "build" in result.stdout


def test_measures_prints_the_table(example_dir, capsys):
    assert main(["measures", str(example_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("current: April 2021 to March 2022   baseline: the year ending June 2019")
    burglary = next(line for line in out.splitlines() if line.strip().startswith("burglary "))
    assert burglary.split() == ["burglary", "19,987", "28,675", "-8,688", "-30%", "26,675"]
    assert main(["measures", str(example_dir), "--csv"]) == 0
    assert capsys.readouterr().out.startswith(
        "measure,label,current,baseline,change,pct_change,previous\n"
    )
