"""Issue 27's long-paper ergonomics: a contents list (`contents: yes` on the cover) and
a page break before each theme (`new_page: yes`), in Word (a live TOC field filled in),
the pack (its page numbers, tagged), the web page (a Contents nav), and review (the
list is computed: set aside, and what a reviewer does to it by hand is named)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from boardpaper import pipeline, reviewing
from boardpaper.cli import main
from boardpaper.content.schema import validate
from boardpaper.content.yamlmarks import loads
from boardpaper.errors import ContentError

from .conftest import ROOT, SHARED, convert, copy_content, needs_shared, soffice, write_paper
from .pdfcheck import STRICT, assert_pdfua, assert_strict
from .review.docxedit import Docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ANNUAL = ROOT / "content" / "2021-09-annual-report"
VALIDATE = SHARED / "tools" / "ooxml_validate.py"
THEMES = ("Theme 1: Protecting from Harm", "Theme 2: Supporting Victims")


def _paper(themes: int = 3) -> str:
    out = [
        "cover:\n  board: Strategic Policing and Crime Board\n  meeting: 2021-09-26\n"
        "  title: Annual Report 2020/21\n  marking: OFFICIAL\n  contents: yes\nbody:\n"
        "  - heading: Purpose of paper\n  - text: The SPCB to note the annual report.\n"
    ]
    for t in range(1, themes + 1):
        out.append(
            f'  - heading: "Theme {t}: Work of theme {t}"\n    new_page: yes\n    restart: yes\n'
            f"  - subheading: Reducing harm {t}\n"
        )
        out += [
            f"  - Paragraph {i} of theme {t}, long enough that the themes fill pages of "
            "their own and the contents list has page numbers worth checking.\n"
            for i in range(8)
        ]
    return "".join(out)


@pytest.fixture
def mini(tmp_path):
    return write_paper(tmp_path / "content" / "long-paper", _paper())


def _document(path):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml")), package.read(
            "word/styles.xml"
        ).decode("utf-8")


def _style(p) -> str:
    found = p.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val") if found is not None else ""


# -- Word ----------------------------------------------------------------------------


def test_word_holds_a_toc_field_filled_with_links_to_the_headings(mini, tmp_path):
    docx = pipeline.build(mini, tmp_path / "out").outputs[0]
    root, styles = _document(docx)
    paras = list(root.iter(f"{W}p"))
    instructions = [t.text for t in root.iter(f"{W}instrText")]
    assert ' TOC \\o "1-2" \\h \\z \\u ' in instructions
    kinds = [c.get(f"{W}fldCharType") for c in root.iter(f"{W}fldChar")]
    assert kinds[:2] == ["begin", "separate"] and kinds.count("begin") == kinds.count("end")
    entries = [p for p in paras if _style(p) in ("TOC1", "TOC2")]
    words = ["".join(t.text for t in p.iter(f"{W}t")) for p in entries]
    assert words == [
        "Purpose of paper",
        *[x for t in (1, 2, 3) for x in (f"Theme {t}: Work of theme {t}", f"Reducing harm {t}")],
    ]
    assert [_style(p) for p in entries] == ["TOC1"] + ["TOC1", "TOC2"] * 3
    assert [
        "".join(t.text for t in p.iter(f"{W}t")) for p in paras if _style(p) == "TOCHeading"
    ] == ["Contents"]
    # each entry links to a bookmark round its heading, and names it in a PAGEREF
    marks = {b.get(f"{W}name"): b.getparent() for b in root.iter(f"{W}bookmarkStart")}
    for p, text in zip(entries, words, strict=True):
        anchor = p.find(f"{W}hyperlink").get(f"{W}anchor")
        heading = marks[anchor]
        assert _style(heading) in ("Heading1", "Heading2")
        assert "".join(t.text for t in heading.iter(f"{W}t")) == text
        assert any(f"PAGEREF {anchor}" in (t.text or "") for t in p.iter(f"{W}instrText"))
    # the styles exist, in the paper's font (the document defaults: Arial)
    for style in ("TOCHeading", "TOC1", "TOC2"):
        assert f'w:styleId="{style}"' in styles
    # each theme opens a page, live in Word
    themes = [p for p in paras if "".join(t.text for t in p.iter(f"{W}t")).startswith("Theme")]
    themes = [p for p in themes if _style(p) == "Heading1"]
    assert len(themes) == 3
    assert all(p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in themes)


@needs_shared(VALIDATE)
def test_the_word_file_is_valid_ooxml(mini, tmp_path):
    docx = pipeline.build(mini, tmp_path / "out").outputs[0]
    result = subprocess.run(
        [sys.executable, str(VALIDATE), str(docx)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and "0 schema errors" in result.stdout, result.stdout


def test_a_paper_without_contents_has_no_list_and_no_toc_styles(tmp_path):
    folder = write_paper(tmp_path / "p", _paper(1).replace("  contents: yes\n", ""))
    root, styles = _document(pipeline.build(folder, tmp_path / "out").outputs[0])
    assert not [t for t in root.iter(f"{W}instrText") if "TOC" in (t.text or "")]
    assert "TOC1" not in styles
    assert not [b for b in root.iter(f"{W}bookmarkStart") if b.get(f"{W}name").startswith("_Toc")]


def test_contents_must_be_yes_or_no_and_a_misspelling_is_named():
    text = _paper(1).replace("contents: yes", "contents: maybe")
    with pytest.raises(ContentError) as found:
        validate(loads(text, "paper.yaml"), "paper.yaml", "p")
    assert found.value.render().startswith("paper.yaml:6:13: error: contents must be yes or no")
    text = _paper(1).replace("contents: yes", "content: yes")
    with pytest.raises(ContentError) as found:
        validate(loads(text, "paper.yaml"), "paper.yaml", "p")
    assert "contents" in found.value.render()  # did you mean


# -- the web page --------------------------------------------------------------------


def test_the_web_page_has_a_contents_nav_of_links_and_prints_themes_on_new_pages(mini, tmp_path):
    built = pipeline.build(mini, tmp_path / "out", html=True).outputs
    page = next(p for p in built if p.suffix == ".html").read_text(encoding="utf-8")
    nav = re.search(r'<nav aria-label="Contents">(.*?)</nav>', page, re.S).group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    assert [text for _, text in links][:3] == [
        "Purpose of paper",
        "Theme 1: Work of theme 1",
        "Reducing harm 1",
    ]
    for anchor, text in links:
        assert re.search(rf'<h[2-6] id="{anchor}"[^>]*>{re.escape(text)}</h', page)
    paged = re.search(r"@media print \{ ([^{]+) \{ break-before: page; \} \}", page).group(1)
    themes = re.findall(r'<h2 id="([^"]+)">Theme', page)
    assert paged.split(", ") == [f"#{t}" for t in themes] and len(themes) == 3


# -- the pack ------------------------------------------------------------------------


@needs_shared(STRICT)
def test_the_pack_lists_the_contents_with_page_numbers_tagged(mini, tmp_path):
    soffice()
    built = pipeline.build(mini, tmp_path / "out", pack=True).outputs
    pack = next(p for p in built if p.name.endswith("-pack.pdf"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pack), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    assert "Contents" in pages[0]
    for t in (1, 2, 3):
        found = re.search(rf"Theme {t}: Work of theme {t}\s*\.+\s*(\d+)", pages[0])
        assert found, pages[0]
        page = int(found.group(1))  # the paper's own page, where the theme opens
        assert f"Theme {t}: Work of theme {t}" in pages[page - 1]
        assert f"Reducing harm {t}" in pages[page - 1]
    assert_pdfua(pack)
    assert_strict(pack)


# -- review --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def annual(tmp_path_factory):
    """The annual report (contents: yes) copied and built: (folder, its .docx bytes)."""
    tmp = tmp_path_factory.mktemp("annual")
    folder = copy_content(tmp).parent / ANNUAL.name
    return folder, pipeline.build(folder, tmp / "draft").outputs[0].read_bytes()


def _review(folder, data: bytes, tmp_path, apply: bool = False):
    path = tmp_path / "reviewed.docx"
    path.write_bytes(data)
    return reviewing.review(path, folder, apply=apply)


def test_the_annual_reports_draft_untouched_gives_no_difference(annual, tmp_path):
    folder, data = annual
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    assert any("TOC" in (t.text or "") for t in root.iter(f"{W}instrText"))
    found = _review(folder, data, tmp_path)
    assert (found.pending, found.conflicts) == ([], [])


def test_a_list_updated_with_page_numbers_is_no_difference(annual, tmp_path):
    """Word's Update Field (or the pack) fills the page numbers: not the reviewer's."""
    folder, data = annual
    edited = Docx(data)
    for instr in list(edited.part().iter(f"{W}instrText")):
        if "PAGEREF" in (instr.text or ""):
            separate = instr.getparent().getnext()
            number = etree.Element(f"{W}r")
            etree.SubElement(number, f"{W}t").text = "12"
            separate.addnext(number)
    found = _review(folder, edited.save(), tmp_path)
    assert (found.pending, found.conflicts) == ([], [])


def test_a_deleted_list_is_a_named_conflict(annual, tmp_path):
    folder, data = annual
    edited = Docx(data)
    body = edited.part().find(f"{W}body")
    for p in list(body.iter(f"{W}p")):
        if _style(p) in ("TOCHeading", "TOC1", "TOC2") or (
            p.find(f"{W}r/{W}fldChar") is not None and not "".join(p.itertext()).strip()
        ):
            p.getparent().remove(p)
    found = _review(folder, edited.save(), tmp_path)
    assert any("the contents list was deleted" in c for c in found.conflicts), found.conflicts
    assert found.pending == []


def test_an_entry_edited_in_the_list_is_a_named_conflict_not_applied(annual, tmp_path):
    folder, data = annual
    edited = Docx(data)
    entry = next(p for p in edited.part().iter(f"{W}p") if _style(p) == "TOC2")
    text = next(t for t in entry.iter(f"{W}t") if t.text)
    before, text.text = text.text, "A heading renamed in the list"
    found = _review(folder, edited.save(), tmp_path, apply=True)
    assert any("was edited there" in c and "renamed in the list" in c for c in found.conflicts)
    assert before in (folder / "paper.yaml").read_text(encoding="utf-8")


def test_a_body_edit_comes_back_and_the_list_stays(tmp_path, capsys):
    folder = copy_content(tmp_path).parent / ANNUAL.name
    data = pipeline.build(folder, tmp_path / "draft").outputs[0].read_bytes()
    edited = Docx(data)
    edited.replace(
        "The SPCB to note the annual report",
        "The SPCB is asked to note the annual report",
        tracked=True,
    )
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(edited.save())
    status = main(["review", str(reviewed), "--content", str(folder), "--apply"])
    assert status == 0, capsys.readouterr().out
    assert "is asked to note" in (folder / "paper.yaml").read_text(encoding="utf-8")
    root, _ = _document(pipeline.build(folder, tmp_path / "again").outputs[0])
    assert any("TOC" in (t.text or "") for t in root.iter(f"{W}instrText"))
    assert [p for p in root.iter(f"{W}p") if _style(p) == "TOC1"]


def test_a_file_saved_by_libreoffice_gives_no_difference(mini, tmp_path):
    """LibreOffice rewrites the list (its own styles, an sdt round it): still computed."""
    docx = pipeline.build(mini, tmp_path / "draft").outputs[0]
    saved = convert(docx, "docx:MS Word 2007 XML", tmp_path / "saved")
    found = reviewing.review(saved, mini)
    assert (found.pending, found.conflicts) == ([], [])


def test_page_numbers_written_twice_replace_each_other_and_are_not_an_entrys_words():
    from boardpaper.oxml import contents
    from boardpaper.oxml.ns import qn

    body = etree.Element(qn("w:body"))
    body.extend(contents.paragraphs([(1, "Theme 1", "_Toc000000001"), (2, "Budget", "_Toc2")]))
    assert contents.fill_pages(body, [3, 4]) == 2 and contents.fill_pages(body, [5, None]) == 1
    paras = list(body.iter(qn("w:p")))
    assert ["".join(t.text for t in p.iter(qn("w:t"))) for p in paras] == [
        "Contents",
        "Theme 15",
        "Budget4",
        "",
    ]
    assert [contents.entry_text(p) for p in paras[1:3]] == ["Theme 1", "Budget"]
    assert len(contents.list_paragraphs(body, paras)) == 4
