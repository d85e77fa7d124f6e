"""A reviewed .docx comes from outside: hostile files are refused quickly, in one line."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from boardpaper.cli import main

from ..conftest import EXAMPLE

GOOD_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/content-types"/>'
)
DOC = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>hi</w:t></w:r></w:p></w:body></w:document>"
)


def package(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def refused(path, capsys, words):
    started = time.monotonic()
    assert main(["review", str(path), "--content", str(EXAMPLE)]) == 2
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0], err
    assert err[0].startswith(f"{path}: error: ") and words in err[0], err[0]


def test_xml_external_entity(tmp_path, capsys):
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = package(
        tmp_path / "xxe.docx", {"[Content_Types].xml": GOOD_TYPES, "word/document.xml": xxe}
    )
    refused(path, capsys, "DOCTYPE or entities")


def test_billion_laughs(tmp_path, capsys):
    lol = b'<!ENTITY a "lololololol">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 10) for i in range(9)
    )
    body = (
        b'<?xml version="1.0"?><!DOCTYPE d [' + lol + b']><w:document xmlns:w="x">&j;</w:document>'
    )
    path = package(
        tmp_path / "lol.docx", {"[Content_Types].xml": GOOD_TYPES, "word/document.xml": body}
    )
    refused(path, capsys, "DOCTYPE or entities")


def test_zip_bomb(tmp_path, capsys):
    path = package(
        tmp_path / "bomb.docx",
        {
            "[Content_Types].xml": GOOD_TYPES,
            "word/document.xml": DOC,
            "word/media/big.bin": b"\0" * (80 * 1024 * 1024),
        },
    )
    assert path.stat().st_size < 1024 * 1024
    refused(path, capsys, "zip bomb")


def test_paths_that_leave_the_package(tmp_path, capsys):
    path = package(
        tmp_path / "escape.docx",
        {"[Content_Types].xml": GOOD_TYPES, "word/document.xml": DOC, "../../etc/evil": b"x"},
    )
    refused(path, capsys, "outside it")
    absolute = package(
        tmp_path / "abs.docx",
        {"[Content_Types].xml": GOOD_TYPES, "word/document.xml": DOC, "/etc/evil": b"x"},
    )
    refused(absolute, capsys, "outside it")


def test_corrupt_zip(tmp_path, capsys):
    good = package(io.BytesIO(), {"[Content_Types].xml": GOOD_TYPES, "word/document.xml": DOC})
    data = bytearray(good.getvalue())
    data[60:200] = b"\xff" * 140  # damage the local header and compressed data
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    started = time.monotonic()
    assert main(["review", str(path), "--content", str(EXAMPLE)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}: error: ")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("notes.docx", b"This is a text file, not a document.", "not a .docx"),
        ("empty.docx", b"", "not a .docx"),
        ("sheet.docx", None, "not a Word document"),
    ],
)
def test_files_that_are_not_docx(tmp_path, capsys, name, data, words):
    path = tmp_path / name
    if data is None:
        package(path, {"[Content_Types].xml": GOOD_TYPES, "xl/workbook.xml": b"<w/>"})
    else:
        path.write_bytes(data)
    refused(path, capsys, words)


def test_malformed_xml(tmp_path, capsys):
    path = package(
        tmp_path / "bad.docx",
        {"[Content_Types].xml": GOOD_TYPES, "word/document.xml": b"<w:document><unclosed>"},
    )
    refused(path, capsys, "not well-formed XML")


def test_a_100_mb_file_is_refused_without_reading_it(tmp_path, capsys):
    path = tmp_path / "huge.docx"
    with open(path, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    refused(path, capsys, "100 MB")


def test_a_missing_file(tmp_path, capsys):
    refused(tmp_path / "nope.docx", capsys, "no such file")
