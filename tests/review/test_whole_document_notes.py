"""review --apply over the whole document, continued: footnotes the reviewer writes,
cites or moves, list items made paragraphs, and links (Word's own XML:
tests/review/docxedit.py; the helpers are in test_whole_document.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from boardpaper import pipeline

from ..conftest import ROOT
from .docxedit import Docx
from .test_whole_document import PAPER, W, footnotes, rebuilt, review


def _yaml(folder: Path) -> str:
    return (folder / "paper.yaml").read_text(encoding="utf-8")


def _cited_after(document, words: str) -> str:
    """The text of the paragraph holding `words`, with [n] where a footnote is cited."""
    for p in document.paragraphs:
        if words in p.text:
            out = []
            for node in p._p.iter(f"{W}t", f"{W}footnoteReference"):
                out.append(node.text or "" if node.tag == f"{W}t" else "[n]")
            return "".join(out)
    raise AssertionError(words)


def test_a_footnote_the_reviewer_writes_is_added_and_cited_where_it_was_put(
    paper, capsys, tmp_path
):
    folder, data = paper
    edited = Docx(data)
    edited.add_footnote("averaging five a month", "Home Office homicide index, 2018 to 2022.")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    text = _yaml(folder)
    assert "  home-office-homicide-index: Home Office homicide index, 2018 to 2022.\n" in text
    assert "averaging five a month[^home-office-homicide-index]. Volumes" in text
    document, _ = rebuilt(folder, tmp_path / "out")
    assert "Home Office homicide index, 2018 to 2022." in footnotes(document)
    assert "averaging five a month[n]. Volumes" in _cited_after(document, "averaging five")
    # the same file again: nothing more to do
    before = (folder / "paper.yaml").read_bytes()
    status, out = review(folder, edited.save(), capsys, "again.docx")
    assert status == 0, out
    assert (folder / "paper.yaml").read_bytes() == before


def test_a_note_cited_again_elsewhere_and_a_citation_moved_in_its_paragraph(
    paper, capsys, tmp_path
):
    folder, data = paper
    edited = Docx(data)
    unodc = edited.paragraph("A global study by the United Nations on homicide")
    note_id = next(unodc.iter(f"{W}footnoteReference")).get(f"{W}id")
    edited.cite("averaging five a month", note_id)  # the same study cited in ¶5 too
    edited.delete_footnote_reference("A global study by the United Nations on homicide")
    edited.cite("A global study by the United Nations", note_id)  # moved to the start
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    text = _yaml(folder)
    assert "averaging five a month[^unodc]. Volumes" in text
    assert "A global study by the United Nations[^unodc] on homicide" in text
    assert text.count("[^unodc]") == 2
    document, _ = rebuilt(folder, tmp_path / "out")
    assert "the United Nations[n] on homicide" in _cited_after(document, "A global study")


def test_a_footnote_added_to_a_paragraph_whose_words_changed_too(paper, capsys, tmp_path):
    """The words edit applies, and the footnote goes after the words it follows, found
    once in the edited text; the same file again changes nothing."""
    folder, data = paper
    edited = Docx(data)
    edited.add_footnote("averaging five a month", "Home Office homicide index.")
    edited.replace("has remained relatively stable", "has stayed level")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    text = _yaml(folder)
    assert "has stayed level" in text
    flat = " ".join(text.split())  # the YAML folds long lines
    assert "averaging five a month[^home-office-homicide-index]. Volumes" in flat
    assert "  home-office-homicide-index: Home Office homicide index.\n" in text
    document, _ = rebuilt(folder, tmp_path / "out")
    assert "averaging five a month[n]. Volumes" in _cited_after(document, "averaging five")
    before = (folder / "paper.yaml").read_bytes()
    assert review(folder, edited.save(), capsys, "again.docx")[0] == 0
    assert (folder / "paper.yaml").read_bytes() == before


def test_a_citation_moved_in_a_paragraph_whose_words_changed_too_is_named(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    unodc = edited.paragraph("A global study by the United Nations on homicide")
    note_id = next(unodc.iter(f"{W}footnoteReference")).get(f"{W}id")
    edited.delete_footnote_reference("A global study by the United Nations on homicide")
    edited.cite("A global study by the United Nations", note_id)
    edited.replace("highlighted the presence", "showed the presence")
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert "footnote reference(s) added or moved; its words were edited too" in out
    assert "showed the presence" in _yaml(folder), "the word edit still applies"


def test_a_bullet_made_a_paragraph_in_the_middle_of_its_list_cuts_the_list_in_two(
    paper, capsys, tmp_path
):
    folder, data = paper
    edited = Docx(data)
    edited.restyle("To ensure grip of key offender networks", "NumberedParagraph")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    assert "the list cut in two round it" in out
    document, _ = rebuilt(folder, tmp_path / "out")
    styled = [(p.style.style_id, p.text) for p in document.paragraphs]
    at = styled.index(("NumberedParagraph", "To ensure grip of key offender networks"))
    assert styled[at - 1][1].startswith("To undertake a ‘Precision Policing’")
    assert styled[at + 1][1].startswith("To deliver Problem-Orientated Policing")
    assert styled[at - 1][0] == styled[at + 1][0] != "NumberedParagraph"  # bullets both
    # the same file again: nothing more to do
    before = (folder / "paper.yaml").read_bytes()
    status, out = review(folder, edited.save(), capsys, "again.docx")
    assert status == 0, out
    assert (folder / "paper.yaml").read_bytes() == before


def test_a_sub_bullet_made_a_paragraph_is_still_named(paper, capsys):
    folder, data = paper
    text = (folder / "paper.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      - To ensure grip of key offender networks\n",
        "      - text: To ensure grip of key offender networks\n"
        "        bullets:\n          - Named offenders first\n          - Then their networks\n",
    )
    (folder / "paper.yaml").write_text(text, encoding="utf-8")
    data = pipeline.build(folder, folder.parent.parent / "draft2").outputs[0].read_bytes()
    edited = Docx(data)
    edited.restyle("Named offenders first", "NumberedParagraph")
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert "turned from a bullet into a paragraph; change its kind" in out


# -- link addresses (Word tracks no change of them) ------------------------------------

UNODC = "https://www.unodc.org/documents/data-and-analysis/gsh/Homicide_report_press_release.pdf"
STUDY = "https://www.unodc.org/unodc/en/data-and-analysis/global-study-on-homicide.html"


def test_a_footnotes_link_given_a_new_address_is_applied(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.relink(UNODC, STUDY)
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    assert f"now goes to {STUDY}" in out
    text = _yaml(folder)
    assert f"    link: {STUDY}\n" in text and UNODC not in text
    document, _ = rebuilt(folder, tmp_path / "out")
    part = next(p for p in document.part.package.parts if p.partname.endswith("footnotes.xml"))
    assert STUDY in [r.target_ref for r in part.rels.values()]
    before = (folder / "paper.yaml").read_bytes()
    assert review(folder, edited.save(), capsys, "again.docx")[0] == 0
    assert (folder / "paper.yaml").read_bytes() == before


def test_a_paragraphs_link_given_a_new_address_and_one_removed(tmp_path, capsys):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = tmp_path / "content" / PAPER
    paper_yaml = folder / "paper.yaml"
    text = paper_yaml.read_text(encoding="utf-8")
    anchor = "These factors will drive activity"
    assert anchor in text
    paper_yaml.write_text(
        text.replace(anchor, "See [the plan](https://example.org/plan-2021). " + anchor, 1),
        encoding="utf-8",
    )
    data = pipeline.build(folder, tmp_path / "draft").outputs[0].read_bytes()
    edited = Docx(data)
    edited.relink(
        "https://example.org/plan-2021", "https://example.org/plan-2022", "word/document.xml"
    )
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    assert "See [the plan](https://example.org/plan-2022). These" in _yaml(folder)
    # a link removed: its words stay; words made a link: [words](address)
    edited = Docx(pipeline.build(folder, tmp_path / "draft2").outputs[0].read_bytes())
    edited.unlink("the plan")
    edited.link("drive activity", "https://example.org/activity")
    status, out = review(folder, edited.save(), capsys, "relinked.docx")
    assert status == 0, out
    text = _yaml(folder)
    assert "See the plan. These factors will [drive activity](https://example.org/activity)" in text
    document, _ = rebuilt(folder, tmp_path / "out")
    rels = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert "https://example.org/activity" in rels and "https://example.org/plan-2022" not in rels
    before = (folder / "paper.yaml").read_bytes()
    assert review(folder, edited.save(), capsys, "again.docx")[0] == 0
    assert (folder / "paper.yaml").read_bytes() == before
    # a whole figure made a link keeps its placeholder; part of one is named
    edited = Docx(pipeline.build(folder, tmp_path / "draft3").outputs[0].read_bytes())
    edited.link("1,723", "https://example.org/referrals")
    status, out = review(folder, edited.save(), capsys, "figure.docx")
    assert status == 0, out
    assert "[{{ m.treatment_referrals }}](https://example.org/referrals)" in _yaml(folder)
    edited = Docx(pipeline.build(folder, tmp_path / "draft4").outputs[0].read_bytes())
    edited.link("315", "https://example.org/x")  # of the figure 1,315
    status, out = review(folder, edited.save(), capsys, "part.docx")
    assert status == 1, out
    assert "a link was added over part of a figure" in out
