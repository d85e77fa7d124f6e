"""Issue 25 on the other two example papers (October's KPI report, the annual report),
in Word's XML and through LibreOffice, and the build check of review --apply."""

from __future__ import annotations

import copy
import json
import shutil

from lxml import etree

from boardpaper import pipeline, reviewing
from boardpaper.errors import BoardpaperError

from ..conftest import ROOT, office
from .docxedit import AUTHOR, Docx, q
from .test_whole_document import W, review

KPI, ANNUAL = "2021-10-pcp-kpi-report", "2021-09-annual-report"
FRAMEWORK_LINE = "Rebuilding community policing"
KPI_PARAGRAPH = "The Police and Crime Plan (PCP) outlines six sections"


def _built(tmp_path, name):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = tmp_path / "content" / name
    return folder, pipeline.build(folder, tmp_path / "draft").outputs[0]


def _yaml(folder) -> str:
    return " ".join((folder / "paper.yaml").read_text(encoding="utf-8").split())


def test_kpi_framework_line_is_named_with_its_file_and_a_paragraph_edit_applies(tmp_path, capsys):
    folder, built = _built(tmp_path, KPI)
    edited = Docx(built.read_bytes())
    edited.replace(FRAMEWORK_LINE, "Rebuilding neighbourhood policing", tracked=True)
    edited.replace(KPI_PARAGRAPH, "The Police and Crime Plan (PCP) sets out six sections")
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert "conflict: the KPI framework's line “Objective: Rebuilding community policing”" in out
    assert "set out from the KPI framework file ../shared/pcp-kpi-framework.yaml" in out
    assert "The Police and Crime Plan (PCP) sets out six sections" in _yaml(folder)
    assert (
        "neighbourhood policing"
        not in (folder.parent / "shared/pcp-kpi-framework.yaml").read_text()
    )


def test_annual_report_cell_and_new_row_are_named_and_a_text_paragraph_applies(tmp_path, capsys):
    folder, built = _built(tmp_path, ANNUAL)
    edited = Docx(built.read_bytes())
    cell = next(
        t
        for t in edited.part().iter(f"{W}t")
        if t.text == "86.9" and t.getparent().getparent().getparent().tag == f"{W}tc"
    )
    cell.text = "87.0"
    table = next(edited.part().iter(f"{W}tbl"))
    row = copy.deepcopy(table.findall(f"{W}tr")[-1])
    for t in row.iter(f"{W}t"):
        t.text = "9.9"
    props = row.find(f"{W}trPr")
    if props is None:
        props = etree.Element(q("w:trPr"))
        row.insert(0, props)
    etree.SubElement(props, q("w:ins"), AUTHOR)
    table.findall(f"{W}tr")[-1].addnext(row)
    edited.replace(
        "The SPCB to note the annual", "The SPCB is asked to note the annual", tracked=True
    )
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert "conflict: a table cell “86.9”: “86.9” → “87.0”: is computed from the data" in out
    added = [line for line in out.splitlines() if "a row or cell added" in line]
    assert len(added) == 1, out  # one conflict for the row, not one per cell
    assert "to the table “Total recorded crime rate" in added[0]
    assert "the table's cells come from the data" in added[0]
    assert "text: The SPCB is asked to note the annual report for 2020/21." in _yaml(folder)


def test_kpi_report_reviewed_in_libreoffice_with_track_changes(tmp_path, capsys):
    folder, built = _built(tmp_path, KPI)
    script = tmp_path / "edits.json"
    edits = [
        {"replace": FRAMEWORK_LINE, "with": "Rebuilding neighbourhood policing"},
        {"replace": "outlines six sections", "with": "sets out six sections"},
    ]
    script.write_text(json.dumps({"author": "Tom McNeil", "edits": edits}), encoding="utf-8")
    out_docx = tmp_path / "reviewed.docx"
    office("review", built, out_docx, script)
    status, out = review(folder, out_docx.read_bytes(), capsys)
    assert status == 1, out
    assert "../shared/pcp-kpi-framework.yaml" in out
    assert "The Police and Crime Plan (PCP) sets out six sections" in _yaml(folder)


def test_annual_report_reviewed_in_libreoffice_with_track_changes(tmp_path, capsys):
    """A reviewer of the annual report in LibreOffice: words changed in an unnumbered
    paragraph, in a case study's box and in a theme's numbered paragraph, a paragraph added
    inside a theme, and a comment; every edit comes back and the theme renumbers alone."""
    folder, built = _built(tmp_path, ANNUAL)
    script = tmp_path / "edits.json"
    edits = [
        {"replace": "The SPCB to note the annual", "with": "The SPCB is asked to note the annual"},
        {"replace": "is a great example of how", "with": "is a strong example of how"},
        {"replace": "I have been pleased to see that", "with": "I was pleased to see that"},
        {
            "insert_paragraph_after": "figures for burglary and robbery have declined.",
            "text": "Rural crime has also been a focus of this theme.",
        },
        {"comment_on": "Wolverhampton Business Crime Reduction Group", "text": "Add the year."},
    ]
    script.write_text(json.dumps({"author": "Tom McNeil", "edits": edits}), encoding="utf-8")
    out_docx = tmp_path / "reviewed.docx"
    office("review", built, out_docx, script)
    status, out = review(folder, out_docx.read_bytes(), capsys)
    assert status == 0, out  # the charts' titles LibreOffice drops are no conflict
    assert "applied: the case study's paragraph “The Wolverhampton" in out
    assert "0-00-00" not in out  # the comment's date LibreOffice never set: left blank
    text = _yaml(folder)
    assert "text: The SPCB is asked to note the annual report for 2020/21." in text
    assert "The Wolverhampton Business Crime Reduction Group is a strong example of how" in text
    assert "I was pleased to see that the crime rates remain lower" in text
    assert text.index("Rural crime has also been a focus of this theme.") > text.index(
        "figures for burglary and robbery have declined."
    )
    assert "Add the year." in (folder / "REVIEW.md").read_text(encoding="utf-8")
    rebuilt = pipeline.build(folder, tmp_path / "again").outputs[0]
    import docx

    paragraphs = [p.text for p in docx.Document(str(rebuilt)).paragraphs]
    assert "Rural crime has also been a focus of this theme." in paragraphs


def test_an_edit_that_breaks_the_build_is_undone_alone(paper, capsys, monkeypatch):
    """The build is made to fail on one word, as it would on any edit it refuses."""
    folder, data = paper
    units = reviewing._units

    def failing(prepared):
        if "BREAKS" in (folder / "paper.yaml").read_text(encoding="utf-8"):
            raise BoardpaperError("the paper does not build: BREAKS")
        return units(prepared)

    monkeypatch.setattr(reviewing, "_units", failing)
    edited = Docx(data)
    edited.replace("has remained relatively stable", "has stayed broadly level", tracked=True)
    edited.replace("Gang Related Violence remains", "Gang Related Violence BREAKS", tracked=True)
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert "has stayed broadly level" in _yaml(folder)
    assert "BREAKS" not in _yaml(folder)
    assert "conflict: paragraph 7 (measure-reduce-murder-and-other-3)" in out, out
    assert "not applied, as the paper would not build with it" in out
    assert "the paper does not build: BREAKS" in out
    assert "paper.yaml is as it was" not in out
