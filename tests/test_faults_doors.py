"""Faults at the doors of the command line: numbers and text typed as options, a paper
folder holding what cannot be copied, NEW or -o under a file, Ctrl-C, papers of one name,
and another paper's outputs in the output folder. Each is one error line, exit status 2,
and nothing half-written (the red-team cases F03, F10, F12, F15, F18, F19, M01, F01)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boardpaper import fsutil, pipeline
from boardpaper.cli import main

from .conftest import MINIMAL, write_paper

PAPER = """\
period: 2022-03
cover:
  board: Strategic Policing and Crime Board
  meeting: 2022-05
  title: A paper with data
  marking: OFFICIAL
body:
  - heading: Purpose
  - There were {{ m.homicide }} homicides in {{ period }}.
"""


def data_paper(folder: Path, extra: int = 0) -> Path:
    """A small paper with one measure over five years; `extra` added to every month."""
    (folder / "data").mkdir(parents=True)
    (folder / "paper.yaml").write_text(PAPER, encoding="utf-8")
    (folder / "measures.yaml").write_text(
        "homicide:\n  label: Homicides\n  unit: count\n  good: down\n", encoding="utf-8"
    )
    rows = [
        f"homicide,{y}-{m:02d},{(y * m) % 7 + 1 + extra}"
        for y in range(2018, 2023)
        for m in range(1, 13)
    ]
    (folder / "data" / "measures.csv").write_text(
        "measure,period,value\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    return folder


def one_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "Traceback" not in err[0]
    return err[0]


# -- numbers: finite and bounded, in one place (arguments.number) ------------------------


@pytest.mark.parametrize(
    "args, where",
    [
        (["watch", "P", "--interval", "inf"], "--interval"),
        (["watch", "P", "--interval", "-inf"], "--interval"),
        (["watch", "P", "--interval", "nan"], "--interval"),
        (["watch", "P", "--interval", "-1"], "--interval"),
        (["watch", "P", "--interval", "0"], "--interval"),
        (["watch", "P", "--interval", "1e300"], "--interval"),
        (["watch", "P", "--interval", "soon"], "--interval"),
        (["build", "P", "-j", "-1"], "--jobs"),
        (["build", "P", "-j", "100000"], "--jobs"),
        (["build", "P", "-j", "2.5"], "--jobs"),
    ],
)
def test_a_number_out_of_bounds_is_one_line_before_any_work(tmp_path, args, where):
    """In a child process with a time limit: the old code hung (`--interval -1` spins,
    `inf` ended in a traceback after the first build)."""
    folder = write_paper(tmp_path / "p", MINIMAL)
    argv = [str(folder) if a == "P" else a for a in args] + ["-o", str(tmp_path / "out")]
    result = subprocess.run(
        [sys.executable, "-m", "boardpaper", *argv], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{where}: error: "), err
    assert not (tmp_path / "out").exists()


def test_argparse_errors_are_one_line(capsys):
    assert main(["build"]) == 2
    assert one_line(capsys).startswith("boardpaper build: error: the following arguments")
    assert main(["nonsense"]) == 2
    assert one_line(capsys).startswith("boardpaper: error: argument COMMAND: invalid choice")


def test_the_lock_wait_from_the_environment_is_bounded(monkeypatch):
    for text in ("inf", "nan", "-1", "1e400", "x"):
        monkeypatch.setenv("BOARDPAPER_LOCK_WAIT", text)
        assert fsutil.lock_wait() == fsutil.LOCK_WAIT
    monkeypatch.setenv("BOARDPAPER_LOCK_WAIT", "2.5")
    assert fsutil.lock_wait() == 2.5


# -- text: no control character in any typed value (arguments.plain_text) ---------------


@pytest.mark.parametrize(
    "option, value, code",
    [
        ("--author", "bad\x01author", "U+0001"),
        ("--author", "tab\there", "U+0009"),
        ("--author", "not utf-8 \udcff", "U+DCFF"),
        ("--date", "2022-05-10\x1b[2J", "U+001B"),
    ],
)
def test_redline_refuses_a_control_character_in_a_typed_value(
    tmp_path, capsys, option, value, code
):
    old = write_paper(tmp_path / "a" / "p", MINIMAL)
    new = write_paper(tmp_path / "b" / "p", MINIMAL.replace("first", "1st"))
    target = tmp_path / "r.docx"
    assert main(["redline", str(old), str(new), "-o", str(target), option, value]) == 2
    line = one_line(capsys)
    assert line.startswith(f"{option}: error: character {code} ")
    assert not target.exists()


def test_redline_itself_refuses_an_author_word_cannot_hold(tmp_path):
    from boardpaper import reviewing
    from boardpaper.errors import BoardpaperError

    old = write_paper(tmp_path / "a" / "p", MINIMAL)
    with pytest.raises(BoardpaperError, match="U\\+0007"):
        reviewing.redline(old, old, tmp_path / "r.docx", author="bell\x07")


def test_new_refuses_a_control_character_in_the_period(tmp_path, capsys):
    old = data_paper(tmp_path / "p")
    assert main(["new", str(old), str(tmp_path / "next"), "--period", "2022-06\x00"]) == 2
    assert one_line(capsys).startswith("--period: error: character U+0000 ")


# -- new: the copy of a folder (fsutil.copy_tree) ----------------------------------------


def test_new_refuses_a_named_pipe_in_the_paper_and_leaves_nothing(tmp_path, capsys):
    old = data_paper(tmp_path / "p")
    os.mkfifo(old / "pipe")
    new = tmp_path / "next"
    assert main(["new", str(old), str(new), "--period", "2022-06"]) == 2
    assert one_line(capsys) == (
        f"{old / 'pipe'}: error: a named pipe (FIFO) cannot be copied: only files and folders "
        "are (hint: move it out of the folder)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"], "no copy, staged or not"


def test_new_copies_a_link_within_the_paper_as_a_link(tmp_path, capsys):
    """A link to the paper's own folder (copytree followed it for ever) and one to a file
    beside it are copied as links to the same places in the copy."""
    old = data_paper(tmp_path / "p")
    os.symlink("..", old / "data" / "up")
    os.symlink("measures.yaml", old / "readme.txt")
    new = tmp_path / "next"
    assert main(["new", str(old), str(new), "--period", "2022-06"]) == 0
    assert os.readlink(new / "data" / "up") == ".."
    assert os.readlink(new / "readme.txt") == "measures.yaml"
    assert (new / "readme.txt").read_bytes() == (old / "measures.yaml").read_bytes()


def test_new_refuses_a_loop_of_links(tmp_path, capsys):
    old = data_paper(tmp_path / "p")
    os.symlink("loop", old / "loop")
    assert main(["new", str(old), str(tmp_path / "next"), "--period", "2022-06"]) == 2
    assert "the link leads round in a loop" in one_line(capsys)


def test_new_under_a_regular_file(tmp_path, capsys):
    old = data_paper(tmp_path / "p")
    (tmp_path / "afile").write_text("x")
    assert main(["new", str(old), str(tmp_path / "afile" / "next"), "--period", "2022-06"]) == 2
    line = one_line(capsys)
    assert line.startswith(f"{tmp_path / 'afile'}: error: cannot make the folder: it is a file")
    assert (tmp_path / "afile").read_text() == "x"


def test_new_inside_the_old_paper_is_refused(tmp_path, capsys):
    old = data_paper(tmp_path / "p")
    assert main(["new", str(old), str(old / "next"), "--period", "2022-06"]) == 2
    assert "inside the old one" in one_line(capsys)
    assert not (old / "next").exists()


def test_build_under_a_regular_file_is_refused_before_any_work(tmp_path, capsys, monkeypatch):
    folder = write_paper(tmp_path / "p", MINIMAL)
    (tmp_path / "afile").write_text("x")
    monkeypatch.setattr(pipeline, "build", lambda *a, **k: pytest.fail("built"))
    assert main(["build", str(folder), "-o", str(tmp_path / "afile" / "out")]) == 2
    assert f"cannot make the folder: {tmp_path / 'afile'} is a file" in one_line(capsys)


# -- Ctrl-C and SIGTERM ------------------------------------------------------------------


def _interrupt_at(monkeypatch, module, name, after: bool):
    real = getattr(module, name)

    def interrupted(*args, **kwargs):
        if after:
            real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(module, name, interrupted)


def test_ctrl_c_during_a_build_is_one_error_line(tmp_path, capsys, monkeypatch):
    from boardpaper.writers import figures_csv

    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    assert main(["build", "-q", str(folder), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    write_paper(folder, MINIMAL.replace("first", "changed"))
    _interrupt_at(monkeypatch, figures_csv, "write", after=False)
    assert main(["build", str(folder), "-o", str(out)]) == 2
    assert one_line(capsys) == (
        "boardpaper: error: stopped; the outputs are as they were before this run"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_ctrl_c_as_the_files_are_put_in_place_says_they_were_written(tmp_path, capsys, monkeypatch):
    """The signal is held off while the files are renamed, and takes effect after: the
    line must not say the outputs are as they were."""
    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    _interrupt_at(monkeypatch, pipeline, "write_all", after=True)
    assert main(["build", str(folder), "-o", str(out)]) == 2
    line = one_line(capsys)
    assert line.startswith("boardpaper: error: stopped; 2 outputs had been written whole")
    assert sorted(p.name for p in out.iterdir()) == ["p.docx", "p.figures.csv"]


# -- several papers of one name; another paper's outputs in the folder ---------------------


@pytest.mark.parametrize("second", ["p", "P"])
def test_papers_of_one_name_are_refused_before_any_work(tmp_path, capsys, monkeypatch, second):
    a = write_paper(tmp_path / "a" / "p", MINIMAL)
    b = write_paper(tmp_path / "b" / second, MINIMAL)
    out = tmp_path / "out"
    monkeypatch.setattr(pipeline, "build", lambda *a, **k: pytest.fail("built"))
    assert main(["build", "-j", "2", str(a), str(b), "-o", str(out)]) == 2
    assert "their outputs would overwrite each other" in one_line(capsys)
    assert out.is_dir() and not list(out.iterdir())


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_another_papers_audit_trail_is_not_this_papers_last_build(tmp_path):
    """Two papers of one folder name, other data (the red-team's A and B): B built over
    A's outputs writes the very files B writes into an empty folder, with no figure
    'revised' from A's. So two builds at once, or a build killed and built again, leave
    one paper's outputs whole, byte for byte."""
    a = data_paper(tmp_path / "A" / "p")
    b = data_paper(tmp_path / "B" / "p", extra=1)
    alone = pipeline.build(b, tmp_path / "alone")
    out = tmp_path / "out"
    pipeline.build(a, out)
    over = pipeline.build(b, out)
    for fresh, written in zip(alone.outputs, over.outputs):
        assert written.read_bytes() == fresh.read_bytes(), written.name
    # the same paper with its data restated still records the revision
    data = b / "data" / "measures.csv"
    data.write_text(data.read_text().replace("homicide,2022-03,", "homicide,2022-03,9"))
    again = pipeline.build(b, out)
    assert [r["revised_from"] for r in _rows(again.outputs[1]) if r["revised_from"]]


def test_a_stop_a_library_swallowed_still_writes_nothing(tmp_path, capsys, monkeypatch):
    """A KeyboardInterrupt raised at a random moment can be swallowed by a C extension
    (Cython's module set-up) or turned into another error (importlib's locks): the noted
    signal still keeps every file from being put in place."""
    import signal

    from boardpaper import interrupts
    from boardpaper.writers import figures_csv

    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    assert main(["build", "-q", str(folder), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    write_paper(folder, MINIMAL.replace("first", "changed"))
    real = figures_csv.write

    def swallowed(*args, **kwargs):
        interrupts.stopping.append(signal.SIGINT)  # noted; the exception went nowhere
        return real(*args, **kwargs)

    monkeypatch.setattr(figures_csv, "write", swallowed)
    assert main(["build", str(folder), "-o", str(out)]) == 2
    assert one_line(capsys) == (
        "boardpaper: error: stopped; the outputs are as they were before this run"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_ctrl_c_inside_an_import_is_raised_once_the_import_is_over(tmp_path, monkeypatch):
    """Inside an import a KeyboardInterrupt can abort the process (pikepdf's nanobind:
    'Critical nanobind error'): it is raised once the import is done."""
    import importlib
    import signal
    import time

    from boardpaper import interrupts

    (tmp_path / "slow_module_bp.py").write_text(
        "import os, signal\nos.kill(os.getpid(), signal.SIGINT)\n"
        "total = sum(range(10**6))\nDONE = True\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    previous = interrupts.install()
    try:
        with pytest.raises(KeyboardInterrupt):
            importlib.import_module("slow_module_bp")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                time.sleep(0.01)
        assert sys.modules["slow_module_bp"].DONE, "the import ran to its end"
        assert interrupts.stopping == [signal.SIGINT]
    finally:
        interrupts.restore(previous, ending=False)
        sys.modules.pop("slow_module_bp", None)


def test_a_signal_while_files_are_put_in_place_takes_effect_after(tmp_path):
    import signal
    import threading

    from boardpaper.interrupts import signals_held

    done = []
    with pytest.raises(KeyboardInterrupt), signals_held():
        # to this thread, as a terminal's Ctrl-C reaches a single-threaded build: sent to
        # the process, another thread of the test run could take it, and its interrupt
        # come after this test
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        done.append("renamed")
    assert done == ["renamed"]


def test_a_folder_where_an_output_goes_is_one_line_and_nothing_is_written(tmp_path, capsys):
    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    (out / "p.docx").mkdir(parents=True)
    assert main(["build", str(folder), "-o", str(out)]) == 2
    assert one_line(capsys) == f"{out / 'p.docx'}: error: a folder stands where this output goes"
    assert sorted(p.name for p in out.iterdir()) == ["p.docx"]


def test_the_paper_is_put_in_place_last(tmp_path, monkeypatch):
    """A reader who sees the new paper (or a kill just after it is renamed) finds every
    file built with it new too."""
    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    real, order = fsutil.os.replace, []

    def replace(source, target):
        order.append(Path(target).name)
        return real(source, target)

    monkeypatch.setattr(fsutil.os, "replace", replace)
    pipeline.build(folder, out)
    outputs = [name for name in order if not name.startswith(".")]
    assert outputs == ["p.figures.csv", "p.docx"]
