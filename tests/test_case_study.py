"""Issue 27's block kinds end to end: a case study (a boxed, titled block in reading
order in Word, the pack and the web page; audited, redlined and reviewed) and paragraphs
numbered per theme (`restart: yes` on a heading), live in Word and LibreOffice."""

from __future__ import annotations

import copy
import csv
import io
import re
import subprocess
import zipfile

import pytest
from lxml import etree

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.narrative import model as m
from boardpaper.narrative.model import Revision
from boardpaper.review import diff

from .conftest import ROOT, SHARED, convert, copy_content, needs_shared
from .pdfcheck import STRICT, assert_pdfua, assert_strict
from .review.docxedit import Docx

PAPER = ROOT / "content" / "2021-09-annual-report"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = "Case Study - The Wolverhampton Business Crime Reduction Group"


def _part(path, name: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _style(p) -> str:
    found = p.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val") if found is not None else ""


def _text(p) -> str:
    return "".join(p.itertext())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return pipeline.build(PAPER, tmp_path_factory.mktemp("cs"), html=True).outputs


def test_word_sets_the_case_study_in_reading_order_as_a_titled_shaded_group(built):
    docx = next(p for p in built if p.suffix == ".docx")
    body = _part(docx, "word/document.xml")
    paras = list(body.iter(f"{W}p"))
    at = next(i for i, p in enumerate(paras) if _text(p) == TITLE)
    title = paras[at]
    assert _style(title) == "CaseStudyTitle"
    assert title.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "2"  # under a subheading
    assert [_style(p) for p in paras[at + 1 : at + 3]] == ["CaseStudyText"] * 2
    assert _text(paras[at - 1]).endswith("the motor industry.")  # in the flow, after ¶2
    assert "the motor industry." in _text(paras[at - 1])
    assert not body.findall(f".//{W}txbxContent")  # no floating text box
    styles = _part(docx, "word/styles.xml")
    for sid in ("CaseStudyTitle", "CaseStudyText"):
        style = styles.find(f"{W}style[@{W}styleId='{sid}']")
        assert style.find(f"{W}pPr/{W}shd").get(f"{W}fill") == "DCE6F2"


def test_web_page_asides_labelled_by_their_heading_and_audit_places_them(built):
    page = next(p for p in built if p.suffix == ".html").read_text(encoding="utf-8")
    assert re.search(
        r'<h2 id="h-\d+">Theme 1: Protecting from Harm</h2>.*<h3 id="h-\d+">Reducing crime',
        page,
        re.S,
    )
    assert f'<aside class="case-study" aria-labelledby="cs-1"><h4 id="cs-1">{TITLE}</h4>' in page
    assert "<p>All of the three trial areas" in page
    assert ".case-study {" in page


def test_other_pages_keep_their_style_sheet(tmp_path):
    built = pipeline.build(ROOT / "content" / "2021-10-pcp-kpi-report", tmp_path, html=True)
    page = next(p for p in built.outputs if p.suffix == ".html").read_text(encoding="utf-8")
    assert "case-study" not in page


def test_a_case_study_needs_text(tmp_path):
    folder = copy_content(tmp_path).parent / PAPER.name
    path = folder / "paper.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    text:\n      - >\n        The Wolverhampton")
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(Exception, match="a case study needs 'text:'"):
        pipeline.prepare(folder)


def test_it_redlines_word_by_word(tmp_path):
    folder = copy_content(tmp_path).parent / PAPER.name
    old = pipeline.prepare(folder).paper
    path = folder / "paper.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("dropped by over 77%", "fell by over 77%"), encoding="utf-8")
    marked = diff.redline(old, pipeline.prepare(folder).paper, Revision("t", "2021-09-01T00:00Z"))
    block = next(b for b in marked.blocks if isinstance(b, m.CaseStudy))
    changed = [i for i in block.paras[1] if isinstance(i, (m.Inserted, m.Deleted))]
    assert sorted(m.plain_text(i.children) for i in changed) == ["dropped", "fell"]


def test_a_reviewers_tracked_edit_inside_it_comes_back_into_yaml(tmp_path, capsys):
    folder = copy_content(tmp_path).parent / PAPER.name
    built = pipeline.build(folder, tmp_path / "draft")
    edited = Docx(built.outputs[0].read_bytes())
    edited.replace("on an industrial estate in Bilston", "on an estate in Bilston", tracked=True)
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(edited.save())
    status = main(["review", str(reviewed), "--content", str(folder), "--apply"])
    assert status == 0, capsys.readouterr().out
    text = (folder / "paper.yaml").read_text(encoding="utf-8")
    assert "on an estate in Bilston" in text and "industrial estate" not in text


@needs_shared(STRICT)
def test_the_pack_tags_the_case_study_as_a_heading_and_paragraphs(tmp_path):
    built = pipeline.build(PAPER, tmp_path, pack=True)
    pack = next(p for p in built.outputs if p.name.endswith("-pack.pdf"))
    assert_pdfua(pack)
    assert_strict(pack)
    text = subprocess.run(["pdftotext", str(pack), "-"], capture_output=True, text=True).stdout
    assert f"{TITLE}\nThe Wolverhampton Business" in text


# -- paragraphs numbered per theme ------------------------------------------------------

THEMES = """
  - heading: "Theme 1: Protecting from Harm"
    restart: yes
  - Alpha one.
  - Alpha two.
  - heading: "Theme 2: Supporting Victims of Crime"
    new_page: yes
    restart: yes
  - Beta one.
  - Beta two.
  - Beta three.
"""


@pytest.fixture
def themed(tmp_path):
    folder = copy_content(tmp_path).parent / "2021-10-pcp-kpi-report"
    path = folder / "paper.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\nbody:\n") + len("\nbody:\n")
    end = text.index("\n", text.index("\n  - heading:", start) + 1)
    path.write_text(text[:start] + THEMES + text[end:], encoding="utf-8")
    cut = text[start:end]
    assert "heading" in cut
    return pipeline.build(folder, tmp_path / "out").outputs[0]


def _numbers(docx, out) -> list[str]:
    text = subprocess.run(
        ["pdftotext", str(convert(docx, "pdf", out)), "-"], capture_output=True, text=True
    ).stdout
    return re.findall(r"^(\d+)\.\s*\n*\s*(Alpha|Beta) (\w+)\.", text, re.M)


def test_each_theme_numbers_from_one_in_word_and_libreoffice(themed, tmp_path):
    paper = _part(themed, "word/document.xml")
    numbering = _part(themed, "word/numbering.xml")
    ids = [
        p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        for p in paper.iter(f"{W}p")
        if _text(p).startswith(("Alpha", "Beta"))
    ]
    assert len(set(ids[:2])) == 1 and len(set(ids[2:])) == 1 and ids[0] != ids[2]
    for num_id in set(ids):
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
    assert [n for n, *_ in _numbers(themed, tmp_path / "a")] == ["1", "2", "1", "2", "3"]

    # a reviewer inserts a paragraph in Theme 1 (a copy of its first): only Theme 1 moves
    with zipfile.ZipFile(themed) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    first = next(p for p in root.iter(f"{W}p") if _text(p).startswith("Alpha one"))
    first.addnext(copy.deepcopy(first))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(edited, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert [n for n, *_ in _numbers(edited, tmp_path / "b")] == ["1", "2", "3", "1", "2", "3"]


def test_the_audit_trail_is_unchanged_by_the_case_study(built):
    audit = next(p for p in built if p.name.endswith(".figures.csv"))
    rows = list(csv.DictReader(io.StringIO(audit.read_text(encoding="utf-8"))))
    assert rows and not any("case study" in r["place"] for r in rows)  # it holds no figure


assert SHARED  # the published papers sit beside the repo (needs_shared marks what reads them)
