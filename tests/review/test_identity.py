"""Issue 25: a reviewed file of another paper, or with no draft, is refused in one line,
exit 2, before anything is written anywhere; the paper's own file is read as ever."""

from __future__ import annotations

import shutil

from boardpaper import pipeline
from boardpaper.cli import main

from ..conftest import ROOT
from .docxedit import Docx
from .test_whole_document import review

MAY, OCTOBER = "2022-05-performance-report", "2021-10-pcp-kpi-report"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _files(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _refused(tmp_path, capsys, data: bytes) -> str:
    """`data` reviewed with --apply against May's folder: refused, nothing written."""
    folder = tmp_path / "content" / MAY
    path = tmp_path / "reviewed.docx"
    path.write_bytes(data)
    before = _files(tmp_path)
    status = main(["review", str(path), "--content", str(folder), "--apply"])
    out, err = capsys.readouterr()
    assert status == 2, out + err
    assert _files(tmp_path) == before  # no backup, no REVIEW.md, paper.yaml untouched
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: error: "), err
    return lines[0]


def _content(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def _built(content, name, out):
    return pipeline.build(content / name, out).outputs[0].read_bytes()


def test_octobers_file_against_mays_folder_is_refused_naming_both(tmp_path, capsys):
    content = _content(tmp_path)
    october = Docx(_built(content, OCTOBER, tmp_path / "draft"))
    october.replace("The Police and Crime Plan (PCP) outlines", "The PCP outlines")
    line = _refused(tmp_path, capsys, october.save())
    assert "this file was built from the paper titled ‘Monitoring Performance" in line
    assert f"not '{MAY}' (title ‘Performance Report" in line
    assert "review it against its own folder" in line


def test_a_draft_naming_another_paper_is_refused_by_its_name(tmp_path, capsys):
    content = _content(tmp_path)
    may = Docx(_built(content, MAY, tmp_path / "draft"))
    item = next(n for n, _ in may.members if n.startswith("customXml/item"))
    may.part(item).set("paper", OCTOBER)  # as the writer records a paper's name
    line = _refused(tmp_path, capsys, may.save())
    assert f"built from the paper '{OCTOBER}' (title ‘Performance Report" in line
    assert f"not '{MAY}'" in line


def _without_draft(data: bytes, title: str | None = None) -> bytes:
    edited = Docx(data)
    edited.members = [(n, d) for n, d in edited.members if not n.startswith("customXml/")]
    if title is not None:
        edited.part("docProps/core.xml").find(DC_TITLE).text = title
    return edited.save()


def test_a_file_with_no_draft_and_another_title_is_refused_in_one_line(tmp_path, capsys):
    content = _content(tmp_path)
    data = _without_draft(_built(content, MAY, tmp_path / "draft"), "Notes for the board")
    line = _refused(tmp_path, capsys, data)
    assert "carries no boardpaper draft (typed by hand, or saved from another tool)" in line
    assert "its title ‘Notes for the board’ is not this paper’s" in line
    assert f"cannot tell it was built from '{MAY}'" in line


def test_mays_own_file_is_read_and_a_retitled_paper_is_still_its_own(tmp_path, capsys):
    content = _content(tmp_path)
    folder = content / MAY
    data = Docx(_built(content, MAY, tmp_path / "draft"))
    data.replace("Gang Related Violence remains one of", "Gang Related Violence stays one of")
    yaml = folder / "paper.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("title: Performance Report", "title: The Performance Report"))
    status, out = review(folder, data.save(), capsys)
    assert status == 0, out
    assert "Gang Related Violence stays one of" in yaml.read_text(encoding="utf-8")
    assert "title: The Performance Report" in yaml.read_text(encoding="utf-8")


def test_an_older_file_of_this_paper_without_a_draft_is_still_read(tmp_path, capsys):
    content = _content(tmp_path)
    folder = content / MAY
    path = tmp_path / "reviewed.docx"
    path.write_bytes(_without_draft(_built(content, MAY, tmp_path / "draft")))
    assert main(["review", str(path), "--content", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "carries no description of its draft" in out + err
