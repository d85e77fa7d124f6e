"""Issue 25, what was left: merged edits, pictures, the marking, pasted styles, alt text
(in Word's XML: tests/review/docxedit.py, tests/review/wordxml.py)."""

from __future__ import annotations

import shutil

from boardpaper import pipeline

from ..conftest import ROOT, ooxml_errors
from .docxedit import Docx
from .test_whole_document import review
from .wordxml import add_picture, set_alt_text

STABLE = "relatively stable in recent years"


def _yaml(folder) -> str:
    return " ".join((folder / "paper.yaml").read_text(encoding="utf-8").split())


def test_both_sides_edits_of_one_paragraph_merge_with_no_false_conflict(paper, capsys):
    folder, data = paper
    yaml = folder / "paper.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace(
            "The volume of Homicides in West", "The number of Homicides in West"
        ),
        encoding="utf-8",
    )
    edited = Docx(data)
    edited.replace(STABLE, "broadly stable in recent years", tracked=True)
    status, out = review(folder, edited.save(), capsys)
    assert status == 0 and "conflict" not in out, out
    assert "The number of Homicides in West Midlands has remained broadly stable" in _yaml(folder)
    status, out = review(folder, edited.save(), capsys, name="again.docx")
    assert status == 0 and "applied" not in out, out


def test_a_picture_added_is_named_and_the_other_edits_apply(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    add_picture(edited, STABLE)
    edited.replace(STABLE, "broadly stable in recent years", tracked=True)
    saved = edited.save()
    (tmp_path / "pictured.docx").write_bytes(saved)
    assert not ooxml_errors(tmp_path / "pictured.docx")
    status, out = review(folder, saved, capsys)
    assert status == 1, out
    assert "conflict: a picture added after paragraph 5 (measure-reduce-murder" in out, out
    assert "does not build" not in out
    assert "has remained broadly stable in recent years" in _yaml(folder)


def test_a_marking_changed_in_the_footer_only_is_named_and_in_both_applied(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    edited.replace("OFFICIAL", "OFFICIAL – DRAFT", part="word/footer1.xml")
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert "the marking is printed in the header and footer; change cover.marking" in out
    assert "DRAFT" not in _yaml(folder)
    edited.replace("OFFICIAL", "OFFICIAL – DRAFT", part="word/header1.xml")
    status, out = review(folder, edited.save(), capsys, name="both.docx")
    assert status == 0, out
    assert "marking: OFFICIAL – DRAFT" in _yaml(folder)


def test_a_paragraph_pasted_with_a_foreign_style_takes_the_house_style(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    edited.insert_after(STABLE, "The taskforce will report each quarter.", style="MsoNormal")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    assert "taken as a paragraph" in out
    assert "The taskforce will report each quarter." in _yaml(folder)


def test_a_paragraph_in_the_cover_s_style_is_named_not_taken_as_body_text(paper, capsys):
    """The Title style is the house's own (the cover's), not a paste from elsewhere: a
    new paragraph in it is named, and paper.yaml keeps its body as it was."""
    folder, data = paper
    before = _yaml(folder)
    edited = Docx(data)
    edited.insert_after(STABLE, "A second title line for the paper.", style="Title")
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert "in the style Title, which boardpaper writes only for the cover" in out
    assert _yaml(folder) == before


def test_a_chart_s_alt_text_rewritten_is_named(tmp_path, capsys):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = tmp_path / "content" / "2021-09-annual-report"
    data = pipeline.build(folder, tmp_path / "draft").outputs[0].read_bytes()
    edited = Docx(data)
    set_alt_text(edited, 0, "A bar chart showing burglary going down")
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert "conflict: the chart “Burglary residential by financial year”" in out, out
    assert "alt text is computed" in out
