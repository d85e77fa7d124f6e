"""Windows, simulated: the folder lock through msvcrt (fcntl absent), renames Windows
refuses, signals without SIGALRM or masks, LibreOffice's lookup order, CRLF and BOM
inputs, a cp1252 console."""

from __future__ import annotations

import csv
import importlib
import io
import os
import shutil
import signal
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from boardpaper import fsutil, interrupts, portable
from boardpaper.errors import OutputError
from boardpaper.writers import office

from .conftest import EXAMPLE, ROOT


class FakeMsvcrt(types.ModuleType):
    """msvcrt's locking(fd, mode, nbytes): one byte range of a file locked by one
    descriptor at a time; another descriptor's attempt fails as Windows' does (OSError)."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self):
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int, int], int] = {}
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd, mode, nbytes):
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        self.calls.append((fd, mode))
        if mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise PermissionError(13, "Permission denied")
            del self.held[key]
        elif mode == self.LK_NBLCK:
            if key in self.held:
                raise PermissionError(13, "Permission denied")  # EACCES, as Windows
            self.held[key] = fd
        else:
            raise AssertionError(f"mode {mode} is not used")


@pytest.fixture
def windows():
    """boardpaper.portable imported as on Windows: no fcntl, a fake msvcrt."""
    fake = FakeMsvcrt()
    saved = {name: sys.modules.get(name) for name in ("fcntl", "msvcrt")}
    sys.modules["fcntl"] = None  # `import fcntl` raises ImportError
    sys.modules["msvcrt"] = fake
    try:
        importlib.reload(portable)
        assert portable.WINDOWS and portable.msvcrt is fake
        yield fake
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        importlib.reload(portable)
    assert not portable.WINDOWS


def test_posix_chooses_fcntl():
    assert not portable.WINDOWS and portable.fcntl is not None


def test_the_lock_without_fcntl_makes_builds_take_turns(windows, tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDPAPER_LOCK_WAIT", "0.2")
    folder = tmp_path / "out"
    with fsutil.folder_lock(folder):
        assert (folder / portable.LOCK_FILE).is_file()  # Windows: a file in the folder
        busy = pytest.raises(OutputError, match="another boardpaper build has been writing")
        with busy, fsutil.folder_lock(folder):
            pass
    with fsutil.folder_lock(folder):  # given back: the next takes it
        pass
    assert not windows.held
    modes = [mode for _, mode in windows.calls]
    assert modes.count(windows.LK_NBLCK) >= 3 and modes.count(windows.LK_UNLCK) == 2


def test_a_waiting_build_goes_on_once_the_other_is_done(windows, tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDPAPER_LOCK_WAIT", "5")
    folder = tmp_path / "out"
    order = []
    taken = threading.Event()

    def first():
        with fsutil.folder_lock(folder):
            taken.set()
            time.sleep(0.3)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    taken.wait(5)
    with fsutil.folder_lock(folder):
        order.append("second in")
    thread.join()
    assert order == ["first done", "second in"]


def test_write_all_and_copy_as_on_windows(windows, tmp_path):
    folder = tmp_path / "out"
    fsutil.write_all({folder / "a.docx": b"one", folder / "a.csv": b"two"})
    fsutil.write_all({folder / "a.docx": b"three", folder / "a.csv": b"four"})
    assert (folder / "a.docx").read_bytes() == b"three"
    assert (folder / "a.csv").read_bytes() == b"four"
    assert not os.path.exists(folder / fsutil.JOURNAL)
    fsutil.copy_tree(folder, tmp_path / "copy", skip=(portable.LOCK_FILE,))
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == ["a.csv", "a.docx"]


def test_a_paper_open_in_word_is_named_and_nothing_is_written(windows, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    fsutil.write_all({folder / "a.docx": b"old", folder / "a.csv": b"old"})
    real_open = os.open

    def sharing_violation(path, flags, *args):
        if str(path).endswith("a.docx") and flags & os.O_RDWR:
            raise PermissionError(13, "The process cannot access the file")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", sharing_violation)
    with pytest.raises(OutputError, match="open in another program") as caught:
        fsutil.write_all({folder / "a.docx": b"new", folder / "a.csv": b"new"})
    assert "a.docx" in caught.value.render() and "close it" in caught.value.render()
    assert (folder / "a.csv").read_bytes() == b"old"  # all or none
    assert sorted(p.name for p in folder.iterdir()) == [portable.LOCK_FILE, "a.csv", "a.docx"]


def test_a_rename_a_scanner_refuses_for_a_moment_is_tried_again(windows, tmp_path, monkeypatch):
    real_replace = os.replace
    refusals = [PermissionError(13, "Access is denied")] * 2

    def busy(source, target):
        if refusals:
            raise refusals.pop()
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", busy)
    fsutil.write_atomic(tmp_path / "x.txt", b"data")
    assert (tmp_path / "x.txt").read_bytes() == b"data" and not refusals


def test_posix_replace_is_not_retried(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", lambda s, t: (_ for _ in ()).throw(PermissionError(13, "x")))
    with pytest.raises(OutputError, match="cannot write the file"):
        fsutil.write_atomic(tmp_path / "x.txt", b"data")


def test_stale_temporary_files_are_told_by_the_windows_process_check(
    windows, tmp_path, monkeypatch
):
    monkeypatch.setattr(portable, "_alive_windows", lambda pid: pid == 1)
    (tmp_path / ".a.docx.1.x.tmp").write_bytes(b"running build")
    (tmp_path / ".a.docx.99999.x.tmp").write_bytes(b"killed build")
    fsutil.remove_stale(tmp_path / "a.docx")
    assert [p.name for p in tmp_path.iterdir()] == [".a.docx.1.x.tmp"]


def test_signals_held_without_masks_or_sigalrm(monkeypatch):
    """Windows: no pthread_sigmask, no SIGALRM; a Ctrl-C while files are put in place is
    noted and raised once they are."""
    monkeypatch.delattr(signal, "pthread_sigmask")
    monkeypatch.setattr(interrupts, "ALARM", None)
    monkeypatch.setattr(os, "kill", lambda *a: pytest.fail("os.kill ends a process on Windows"))
    done = []
    with pytest.raises(KeyboardInterrupt), interrupts.signals_held():
        signal.raise_signal(signal.SIGINT)
        done.append("all in place")
    assert done == ["all in place"]


def test_a_stop_inside_an_import_comes_after_it_without_sigalrm(monkeypatch):
    monkeypatch.setattr(interrupts, "ALARM", None)
    previous = interrupts.install()
    try:
        code = types.SimpleNamespace(co_filename="<frozen importlib._bootstrap>")
        in_import = types.SimpleNamespace(f_code=code, f_back=None)
        interrupts.stopping.append(signal.SIGINT)
        interrupts._stop_when_safe(in_import)  # deferred: no KeyboardInterrupt yet
        with pytest.raises(KeyboardInterrupt):
            time.sleep(3)
        assert interrupts.stopping == [signal.SIGINT]  # the deferred one is not a new stop
    finally:
        interrupts.restore(previous, ending=False)


# -- LibreOffice: $BOARDPAPER_SOFFICE, then PATH, then where installers put it --


def _program(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_soffice_lookup_order(tmp_path, monkeypatch):
    monkeypatch.delenv(office.ENV, raising=False)
    bin1, bin2 = tmp_path / "bin1", tmp_path / "bin2"
    installed = _program(tmp_path / "opt" / "libreoffice7.6" / "program", "soffice")
    newer = _program(tmp_path / "opt" / "libreoffice25.2" / "program", "soffice")
    monkeypatch.setattr(
        office, "places", lambda: [str(tmp_path / "opt/libreoffice*/program/soffice")]
    )
    monkeypatch.setenv("PATH", f"{bin1}{os.pathsep}{bin2}")
    assert office.soffice_path() == str(newer)  # installed: the highest version
    assert office._expand(str(tmp_path / "opt/libreoffice*/program/soffice")) == [
        str(newer),
        str(installed),
    ]
    libre = _program(bin2, "libreoffice")
    assert office.soffice_path() == str(libre)  # PATH before the install places
    soffice = _program(bin2, "soffice")
    assert office.soffice_path() == str(soffice)  # soffice before libreoffice
    given = _program(tmp_path / "elsewhere", "my-soffice")
    monkeypatch.setenv(office.ENV, str(given))
    assert office.soffice_path() == str(given)  # $BOARDPAPER_SOFFICE first of all
    monkeypatch.setenv(office.ENV, "libreoffice")  # a name on PATH will do
    assert office.soffice_path() == str(libre)


def test_a_wrong_boardpaper_soffice_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(office.ENV, str(tmp_path / "no-such-program"))
    with pytest.raises(OutputError) as caught:
        office.soffice_path()
    line = caught.value.render()
    assert line.startswith("$BOARDPAPER_SOFFICE: error:") and "\n" not in line.strip()


def test_no_libreoffice_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.delenv(office.ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(office, "_program", lambda path: False)
    assert office.soffice_path() is None
    said = office.looked()
    assert "soffice and libreoffice on PATH" in said
    assert "/usr/lib/libreoffice/program/soffice" in said and "/opt/libreoffice*" in said
    assert "set BOARDPAPER_SOFFICE" in said


def test_soffice_on_windows(tmp_path, monkeypatch):
    monkeypatch.delenv(office.ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("PROGRAMFILES", raising=False)
    monkeypatch.delenv("PROGRAMFILES(X86)", raising=False)
    assert office.names() == ("soffice", "libreoffice", "soffice.com", "soffice.exe")
    assert office.places() == [
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ]
    asked = []
    on_path = {"soffice.exe": r"C:\LibreOffice\program\soffice.exe"}
    monkeypatch.setattr(shutil, "which", lambda name: asked.append(name) or on_path.get(name))
    assert office.soffice_path() == on_path["soffice.exe"]
    assert asked == ["soffice", "libreoffice", "soffice.com", "soffice.exe"]
    assert r"C:\Program Files (x86)\LibreOffice" in office.looked()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert office.places() == ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]


def test_the_pack_profile_is_a_file_url_on_windows_too():
    from pathlib import PureWindowsPath

    url = (PureWindowsPath(r"C:\Users\clerk\AppData\Local\Temp\bp") / "profile").as_uri()
    assert url == "file:///C:/Users/clerk/AppData/Local/Temp/bp/profile"
    assert "as_uri()" in (ROOT / "src/boardpaper/writers/pack.py").read_text()


# -- files written on Windows: CRLF line endings and a UTF-8 byte order mark --


def _windows_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


def _audit(path: Path) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        row["source"] = " ".join(s.split(" sha256:")[0].rsplit("/", 1)[-1] for s in [row["source"]])
    return rows


def test_crlf_and_bom_inputs_build_the_same_outputs(tmp_path):
    from boardpaper.cli import main

    name = "2021-10-pcp-kpi-report"
    shutil.copytree(EXAMPLE.parent / name, tmp_path / "content" / name)
    shutil.copytree(EXAMPLE.parent / "shared", tmp_path / "content" / "shared")
    folder = tmp_path / "content" / name
    for path in (folder / "paper.yaml", folder / "measures.yaml", *folder.glob("data/*.csv")):
        _windows_text(path)
    for path in (tmp_path / "content" / "shared").glob("*.yaml"):
        _windows_text(path)
    assert (folder / "paper.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in (folder / "data" / "measures.csv").read_bytes()
    as_given = ["build", "-q", "--html", str(EXAMPLE.parent / name), "-o", str(tmp_path / "a")]
    assert main(as_given) == 0
    assert main(["build", "-q", "--html", str(folder), "-o", str(tmp_path / "b")]) == 0
    for suffix in (".docx", ".html"):
        a, b = (tmp_path / o / f"{name}{suffix}" for o in "ab")
        assert a.read_bytes() == b.read_bytes(), suffix
    # the audit trail: the same rows, but for the data files' paths and hashes
    a, b = (tmp_path / o / f"{name}.figures.csv" for o in "ab")
    assert _audit(a) == _audit(b) and len(_audit(a)) > 10


# -- a console that cannot print every character (cp1252) --


def test_console_safe_prints_what_cp1252_lacks():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    with pytest.raises(UnicodeEncodeError):
        print("a → b", file=stream, flush=True)
    portable.console_safe(stream)
    print("¶3 figure: 147 → 148 café", file=stream, flush=True)
    assert raw.getvalue().endswith("¶3 figure: 147 ? 148 café\n".encode("cp1252"))


def test_an_error_line_with_any_character_reaches_a_cp1252_console(tmp_path, monkeypatch):
    from boardpaper.cli import main

    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw, encoding="cp1252"))
    assert main(["build", str(tmp_path / "papér → 2023")]) == 2
    sys.stderr.flush()
    line = raw.getvalue().decode("cp1252").strip()
    assert "error:" in line and "papér ? 2023" in line and "\n" not in line
