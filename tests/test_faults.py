"""Faults around a build: nothing good is lost, nothing half-written is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from boardpaper import pipeline
from boardpaper.cli import main

from .conftest import EXAMPLE, MINIMAL, copy_content, write_paper


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


def test_a_build_killed_at_any_moment_leaves_the_previous_outputs_intact(tmp_path):
    out = tmp_path / "out"
    pipeline.build(EXAMPLE, out)
    good = _outputs(out)
    for delay in (0.15, 0.4, 0.7, 1.0, 1.3, 1.6, 2.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "boardpaper", "build", str(EXAMPLE), "-o", str(out), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _outputs(out)
        assert set(now) == set(good)
        for name, data in now.items():
            assert data == good[name], f"{name} changed after a kill at {delay} s"
        with zipfile.ZipFile(out / "2022-05-performance-report.docx") as zf:
            assert zf.testzip() is None
    main(["build", str(EXAMPLE), "-o", str(out), "-q"])  # the next build succeeds …
    assert _outputs(out) == good
    assert not list(out.glob(".*.tmp")), "… and clears what killed builds left"


def test_an_output_held_open_by_a_reader(tmp_path):
    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    pipeline.build(folder, out)
    target = out / "p.docx"
    reader = open(target, "rb")
    try:
        old = target.read_bytes()
        write_paper(folder, MINIMAL.replace("The first paragraph.", "A changed paragraph."))
        assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
        assert reader.read() == old, "the reader still has the file it opened"
        assert target.read_bytes() != old, "the path holds the new build"
    finally:
        reader.close()


def test_a_full_disk(tmp_path, capsys):
    """On a real tiny file system where this machine allows one, else by failing writes."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(disk)], capture_output=True
        ).returncode
        == 0
    )
    try:
        if not mounted:
            pytest.skip(
                "cannot mount a tmpfs here (the simulated full disk is "
                "test_write_error_leaves_no_temporary_file)"
            )
        (disk / "p.figures.csv").write_text("old")
        folder = write_paper(tmp_path / "p", MINIMAL)
        assert main(["build", str(folder), "-o", str(disk)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "No space left on device" in err[0]
        assert (disk / "p.figures.csv").read_text() == "old"
        assert not list(disk.glob(".*.tmp"))
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=False)


def test_data_changed_while_building_is_refused(tmp_path, monkeypatch, capsys):
    folder = copy_content(tmp_path)
    out = tmp_path / "out"
    data = folder / "data" / "measures.csv"
    from boardpaper.writers import appendices

    real = appendices.write

    def meanwhile(*args, **kwargs):  # an analyst saves the file during the build
        data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(appendices, "write", meanwhile)
    assert main(["build", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"{data}: error: the data file changed while the paper was being built; nothing was written"
    )
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize(
    "body",
    [
        "!!python/object/apply:os.system ['echo owned']",
        "!!python/name:os.environ",
        "!!binary aGVsbG8=",
    ],
)
def test_yaml_cannot_run_code_or_read_the_environment(tmp_path, capsys, body):
    folder = write_paper(tmp_path / "p", MINIMAL.replace("  - The first paragraph.", f"  - {body}"))
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "error:" in err[0] and "owned" not in err[0]


@pytest.mark.parametrize(
    "text",
    [
        "{% include '/etc/passwd' %}",
        "{{ self.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.environ }}",
        "{{ config }}",
        "{{ lipsum }}",
        "{{ m.__class__.__mro__ }}",
        "{{ ''.__class__ }}",
    ],
)
def test_placeholders_cannot_reach_files_or_internals(tmp_path, capsys, text):
    folder = copy_content(tmp_path)
    paper = folder / "paper.yaml"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace(
            "saw {{ m.homicide }} homicides", f"saw {text} homicides"
        ),
        encoding="utf-8",
    )
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "root:" not in err[0] and "error:" in err[0]


def test_windows_1252_excel_csv_is_refused_and_bom_and_separators_are_clear(tmp_path, capsys):
    folder = copy_content(tmp_path)
    data = folder / "data" / "measures.csv"
    text = data.read_text(encoding="utf-8")
    data.write_bytes(("\ufeff" + text).encode("utf-8"))  # a BOM: read as usual
    assert main(["build", str(folder), "-o", str(tmp_path / "a"), "-q"]) == 0
    data.write_bytes((text + "crime,2021-01,5 £\n").encode("cp1252"))
    assert main(["build", str(folder), "-o", str(tmp_path / "b")]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    data.write_text(text.replace("homicide,2021-04,", "homicide,2021-04,1,") + "", "utf-8")
    assert main(["build", str(folder), "-o", str(tmp_path / "c")]) == 2
    assert "error:" in capsys.readouterr().err


def test_an_error_in_the_last_of_several_papers(tmp_path, capsys):
    good = write_paper(tmp_path / "good", MINIMAL)
    bad = write_paper(tmp_path / "bad", MINIMAL.replace("title: A test paper", "titel: x"))
    out = tmp_path / "out"
    assert main(["build", str(good), str(bad), "-o", str(out)]) == 2
    assert (out / "good.docx").is_file() and not (out / "bad.docx").exists()
    assert capsys.readouterr().err.count("error:") == 1
