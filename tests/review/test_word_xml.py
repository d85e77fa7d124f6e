"""Issue 25: what Word writes, read back whole (tests/review/wordxml.py makes it)."""

from __future__ import annotations

import pytest
from lxml import etree

from .docxedit import AUTHOR, NS, Docx, q
from .test_whole_document import review
from .wordxml import insert_alternate, insert_field_link, resave_as_word, set_style

SENTENCE = "has remained relatively stable in recent years"


def _yaml(folder) -> str:
    return (folder / "paper.yaml").read_text(encoding="utf-8")


def test_a_link_field_in_complex_form_comes_back_with_its_words_and_address(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    insert_field_link(
        edited, "relatively stable", " (see ", "ons.gov.uk/crime", ")", "https://ons.gov.uk/crime"
    )
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    yaml = " ".join(_yaml(folder).split())
    assert "relatively stable (see [ons.gov.uk/crime](https://ons.gov.uk/crime))" in yaml


def test_words_inside_alternate_content_are_read_once(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    insert_alternate(edited, "has remained", " by and large")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    yaml = " ".join(_yaml(folder).split())
    assert "has remained by and large relatively stable" in yaml
    assert "by and large by and large" not in yaml


@pytest.mark.parametrize("tracked", [False, True])
def test_a_subheading_made_a_heading_and_back(paper, capsys, tracked):
    folder, data = paper
    edited = Docx(data)
    set_style(edited, "Measure: Reduce Serious Violence", "Heading1", tracked)
    set_style(edited, "Purpose of paper", "Heading2", tracked)
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    yaml = _yaml(folder)
    assert '- heading: "Measure: Reduce Serious Violence"' in yaml
    assert "- subheading: Purpose of paper" in yaml


def test_the_title_in_the_document_properties_is_applied_to_the_cover(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    title = edited.part("docProps/core.xml").find("{http://purl.org/dc/elements/1.1/}title")
    title.text = "Performance Report – National Policing Priorities and PCP Scorecard"
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    assert "title: Performance Report – National Policing Priorities and PCP Scorecard" in (
        _yaml(folder)
    )
    status, out = review(folder, edited.save(), capsys, name="again.docx")
    assert status == 0 and "applied" not in out, out


def test_a_file_resaved_with_words_own_patterns_reads_as_unchanged(paper, capsys):
    folder, data = paper
    before = _yaml(folder)
    edited = Docx(data)
    resave_as_word(edited)
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    assert "applied:" not in out and "conflict" not in out, out
    assert _yaml(folder) == before


def test_a_style_changed_and_changed_back_is_no_conflict(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    edited.restyle("Measure: Reduce Serious Violence", "Heading2")  # tracked, as it was
    status, out = review(folder, edited.save(), capsys)
    assert status == 0 and "conflict" not in out, out


def test_a_link_given_word_s_hyperlink_look_is_no_formatting_conflict(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    edited.relink(
        "https://www.unodc.org/documents/data-and-analysis/gsh/Homicide_report_press_release.pdf",
        "https://www.unodc.org/gsh",
    )
    run = edited.text_node("Homicide_report_press_release", "word/footnotes.xml").getparent()
    rpr = run.find("w:rPr", NS)
    change = etree.SubElement(rpr, q("w:rPrChange"), AUTHOR)
    etree.SubElement(change, q("w:rPr"))
    etree.SubElement(rpr, q("w:color")).set(q("w:val"), "0563C1")
    rpr.append(change)
    status, out = review(folder, edited.save(), capsys)
    assert status == 0 and "conflict" not in out, out
    assert "link: https://www.unodc.org/gsh" in _yaml(folder)
