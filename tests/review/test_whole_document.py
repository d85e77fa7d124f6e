"""review --apply over the whole document: every kind of block and of edit, written
in Word's own XML (tests/review/docxedit.py). Each case either applies, and the
rebuilt paper reads as the reviewer left it (read back with python-docx, not with
the code under test), or exits 1 naming what it did not apply. None exits 0 with a
difference left."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from boardpaper import pipeline
from boardpaper.cli import main

from ..conftest import ROOT
from .docxedit import Docx

PAPER = "2022-05-performance-report"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def paper(tmp_path):
    """A copy of the example content, built; (folder, the built .docx's bytes)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = tmp_path / "content" / PAPER
    built = pipeline.build(folder, tmp_path / "draft").outputs[0]
    return folder, built.read_bytes()


def review(folder: Path, data: bytes, capsys, name: str = "reviewed.docx") -> tuple[int, str]:
    path = folder.parent.parent / name
    path.write_bytes(data)
    status = main(["review", str(path), "--content", str(folder), "--apply"])
    return status, capsys.readouterr().out


def rebuilt(folder: Path, out: Path):
    built = pipeline.build(folder, out)
    return docx.Document(str(built.outputs[0])), built


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def footnotes(document) -> list[str]:
    part = next(p for p in document.part.package.parts if p.partname.endswith("footnotes.xml"))
    root = etree.fromstring(part.blob)
    return [
        "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
        for note in root.iter(f"{W}footnote")
        if note.get(f"{W}type") is None
    ]


def audit(built) -> list[dict]:
    path = next(p for p in built.outputs if p.name.endswith(".figures.csv"))
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


# -- applied -----------------------------------------------------------------------


@pytest.mark.parametrize("tracked", [False, True])
def test_a_word_edit_accepted_or_tracked_is_applied_and_figures_stay(
    paper, capsys, tmp_path, tracked
):
    folder, data = paper
    edited = Docx(data)
    edited.replace("has remained relatively stable", "has stayed broadly level", tracked=tracked)
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    document, built = rebuilt(folder, tmp_path / "out")
    para = next(t for t in texts(document) if t.startswith("The volume of Homicides"))
    assert "has stayed broadly level in recent years" in para
    assert "saw 53 homicides, compared to 52" in para  # still computed
    assert "m.homicide" in {r["expression"] for r in audit(built)}


def test_a_figure_edit_is_a_conflict_and_the_words_beside_it_still_apply(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.replace("has remained relatively stable", "has stayed level")
    edited.text_node("53").text = "54"
    status, out = review(folder, edited.save(), capsys)
    assert status == 1
    assert "“53” → “54”: touches the computed figure(s) {{ m.homicide }}" in out
    document, _ = rebuilt(folder, tmp_path / "out")
    para = next(t for t in texts(document) if t.startswith("The volume of Homicides"))
    assert "has stayed level" in para and "saw 53 homicides" in para


def test_headings_bullets_lettered_items_author_block_and_cover(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.replace("Measure: Reduce Serious Violence", "Measure: Reduce Serious Violent Crime")
    edited.replace("To ensure grip of key offender networks", "To keep a grip of offender networks")
    edited.replace("Police and Crime Plan KPI Scorecard", "Police and Crime Plan KPI scorecard")
    edited.replace("Harry Barton, Stuart Gardner", "Harry Barton and Stuart Gardner")
    edited.replace("Performance Report –", "Quarterly Performance Report –")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    document, _ = rebuilt(folder, tmp_path / "out")
    all_text = texts(document)
    for expected in (
        "Measure: Reduce Serious Violent Crime",
        "To keep a grip of offender networks",
        "Police and Crime Plan KPI scorecard",
        "Author(s): Harry Barton and Stuart Gardner",
    ):
        assert expected in all_text, expected
    assert any(t.startswith("Title: Quarterly Performance Report –") for t in all_text)


def test_a_footnote_and_the_header_marking(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.replace(
        "Homicide_report_press_release.pdf", "Global Study on Homicide", part="word/footnotes.xml"
    )
    edited.replace("OFFICIAL", "OFFICIAL-SENSITIVE", part="word/header1.xml")
    edited.replace("OFFICIAL", "OFFICIAL-SENSITIVE", part="word/footer1.xml")  # both agree
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    document, _ = rebuilt(folder, tmp_path / "out")
    assert "Global Study on Homicide (unodc.org)" in footnotes(document)
    header = document.sections[0].header.paragraphs
    # the example's data are illustrative: the marking line says so beside the marking
    assert "OFFICIAL-SENSITIVE – ILLUSTRATIVE DATA" in [p.text for p in header]


def test_new_paragraphs_at_a_section_start_after_a_list_and_with_markup_characters(
    paper, capsys, tmp_path
):
    folder, data = paper
    edited = Docx(data)
    edited.insert_after(
        "Measure: Reduce Serious Violence",
        "Serious violence is a priority.",
        style="NumberedParagraph",
    )
    edited.insert_after(
        "To deliver a Public Health approach",
        "After the list, a new point.",
        style="NumberedParagraph",
    )
    edited.insert_after(
        "The board is asked to note", r"Files are in S:\Performance *draft* [v2] {{ x }}."
    )
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    document, _ = rebuilt(folder, tmp_path / "out")
    paragraphs = [(p.style.style_id, p.text) for p in document.paragraphs]
    heading = paragraphs.index(("Heading2", "Measure: Reduce Serious Violence"))
    assert paragraphs[heading + 1] == ("NumberedParagraph", "Serious violence is a priority.")
    last_bullet = max(
        i for i, (s, t) in enumerate(paragraphs) if t.startswith("To deliver a Public Health")
    )
    assert paragraphs[last_bullet + 1] == ("NumberedParagraph", "After the list, a new point.")
    assert ("NumberedParagraph", r"Files are in S:\Performance *draft* [v2] {{ x }}.") in paragraphs


def test_deleting_the_only_citation_of_a_note_removes_the_note(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.delete_footnote_reference("A global study by the United Nations on homicide")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    assert "unodc:" not in (folder / "paper.yaml").read_text(encoding="utf-8")
    document, _ = rebuilt(folder, tmp_path / "out")
    assert not any("unodc.org" in note for note in footnotes(document))


def test_a_deleted_paragraph_and_a_moved_one_keep_their_figures(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.delete_paragraph("The board is asked to note the contents of this report.")
    edited.move_after("Firearm discharges saw", "These factors will drive activity")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    document, built = rebuilt(folder, tmp_path / "out")
    all_text = texts(document)
    assert "The board is asked to note the contents of this report." not in all_text
    factors = next(i for i, t in enumerate(all_text) if t.startswith("These factors will drive"))
    assert all_text[factors + 1].startswith("Firearm discharges saw 157 incidents")
    moved = [r for r in audit(built) if r["expression"] == "m.firearm_discharges.previous"]
    assert moved and moved[0]["text"] == "157"  # still a placeholder, still traced


def test_applying_the_same_file_twice_changes_nothing_the_second_time(paper, capsys):
    folder, data = paper
    edited = Docx(data)
    edited.replace("has remained relatively stable", "has stayed broadly level")
    edited.insert_after("The board is asked to note", "A new closing paragraph.")
    reviewed = edited.save()
    assert review(folder, reviewed, capsys)[0] == 0
    once = (folder / "paper.yaml").read_bytes()
    status, out = review(folder, reviewed, capsys, "again.docx")
    assert status == 0, out
    assert (folder / "paper.yaml").read_bytes() == once


def test_two_reviewers_of_one_draft_in_either_order(paper, capsys, tmp_path):
    folder, data = paper
    first, second = Docx(data), Docx(data)
    first.insert_after(
        "Measure: Reduce Murder and Other Homicide",
        "A new first paragraph.",
        style="NumberedParagraph",
    )
    first.replace("has remained relatively stable", "has stayed level")
    second.insert_after("These factors will drive activity", "Added by the second reviewer.")
    second.replace("These factors will drive activity", "These factors will steer activity")
    a, b = first.save(), second.save()
    original = (folder / "paper.yaml").read_bytes()
    results = []
    for order in ((a, b), (b, a)):
        (folder / "paper.yaml").write_bytes(original)
        for n, data_ in enumerate(order):
            status, out = review(folder, data_, capsys, f"r{n}.docx")
            assert status == 0, out
        results.append((folder / "paper.yaml").read_bytes())
    assert results[0] == results[1]
    document, _ = rebuilt(folder, tmp_path / "out")
    all_text = texts(document)
    heading = all_text.index("Measure: Reduce Murder and Other Homicide")
    assert all_text[heading + 1] == "A new first paragraph."
    steer = next(i for i, t in enumerate(all_text) if t.startswith("These factors will steer"))
    assert all_text[steer + 1] == "Added by the second reviewer."


def test_a_paragraph_split_in_two_and_two_joined_into_one(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.split("These factors will drive", "will drive")
    edited.join_with_next("WMP are committed to support the VRU as a key partner")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    document, _ = rebuilt(folder, tmp_path / "out")
    all_text = texts(document)
    first = all_text.index("These factors")
    assert all_text[first + 1].startswith("will drive activity towards improving performance")
    joined = next(t for t in all_text if t.startswith("WMP are committed to support the VRU"))
    assert "Governance boards. A strategic group chaired by Assistant Chief Constable" in joined
    assert not any(t.startswith("A strategic group chaired") for t in all_text)


def test_words_made_bold_are_marked_bold_in_the_yaml(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.make_bold("The board is asked to note the contents of this report.")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    assert "**The board is asked to note the contents of this report.**" in (
        folder / "paper.yaml"
    ).read_text(encoding="utf-8")
    document, _ = rebuilt(folder, tmp_path / "out")
    para = next(p for p in document.paragraphs if p.text.startswith("The board is asked"))
    assert all(run.bold for run in para.runs if run.text.strip())
    assert review(folder, edited.save(), capsys, "again.docx")[0] == 0  # and only once


def test_a_paragraph_made_a_bullet_keeps_its_figures(paper, capsys, tmp_path):
    folder, data = paper
    edited = Docx(data)
    edited.restyle("Firearm discharges saw", "ListBullet")
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    document, built = rebuilt(folder, tmp_path / "out")
    para = next(p for p in document.paragraphs if p.text.startswith("Firearm discharges saw"))
    assert para.style.style_id == "ListBullet"
    assert "m.firearm_discharges.previous" in {r["expression"] for r in audit(built)}
    assert review(folder, edited.save(), capsys, "again.docx")[0] == 0


# -- named as conflicts ------------------------------------------------------------


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda d: d.join_with_next("These factors will drive activity"), "not of one kind"),
        (
            lambda d: (
                d.make_bold("The board is asked to note the contents"),
                d.replace("The board is asked", "The board is invited"),
            ),
            "bold or italic changed",
        ),
        (lambda d: d.replace("Page", "Sheet", part="word/footer1.xml"), "template"),
        (
            lambda d: d.recolour("These factors will drive activity"),
            "formatting changed (font, size, colour …); the house style sets it",
        ),
        (
            lambda d: d.restyle("These factors will drive activity", "Quote"),
            "given the style 'Quote', which boardpaper does not write",
        ),
        (lambda d: d.replace("Presented by:", "Presenter:"), "the template's words"),
    ],
)
def test_what_cannot_be_applied_is_named_and_exits_1(paper, capsys, edit, words):
    folder, data = paper
    edited = Docx(data)
    edit(edited)
    before = (folder / "paper.yaml").read_bytes()
    status, out = review(folder, edited.save(), capsys)
    assert status == 1, out
    assert words in out
    assert "conflict:" in (folder / "REVIEW.md").read_text(encoding="utf-8") or words in out
    if words in ("not of one kind",):
        assert (folder / "paper.yaml").read_bytes() == before


def test_a_table_cell_edit_is_a_conflict(tmp_path, capsys):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = tmp_path / "content" / "2021-09-annual-report"
    data = pipeline.build(folder, tmp_path / "draft").outputs[0].read_bytes()
    edited = Docx(data)
    cell = next(
        t
        for t in edited.part().iter(f"{W}t")
        if t.text == "86.9" and t.getparent().getparent().getparent().tag == f"{W}tc"
    )
    cell.text = "87.0"
    status, out = review(folder, edited.save(), capsys)
    assert status == 1
    assert "is computed from the data" in out


def test_the_draft_is_in_the_docx_and_holds_only_what_the_paper_prints(paper):
    _, data = paper
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        item = next(n for n in package.namelist() if n.startswith("customXml/item"))
        text = package.read(item).decode("utf-8")
    assert "urn:boardpaper:draft:1" in text
    # link addresses are printed too (a reader follows them); nothing else may name a file
    text = re.sub(r' links="[^"]*"', "", text)
    for private in ("paper.yaml", "{{", "measures.csv", "content/", "/tmp", "sha256"):
        assert private not in text, private


def test_comments_keep_their_threads_resolved_state_and_footnote_anchors(paper, capsys):
    from .docxedit import add_comments

    folder, data = paper
    edited = Docx(data)
    add_comments(
        edited,
        [
            {"id": "1", "on": "Measure: Reduce Serious Violence", "text": "Shorter title?"},
            {
                "id": "2",
                "on": None,
                "text": "Agreed, shorten it.",
                "reply_to": "1",
                "author": "Tom McNeil",
            },
            {"id": "3", "on": "The board is asked to note", "text": "Fine as it is.", "done": True},
            {
                "id": "4",
                "on": "Homicide_report_press_release.pdf",
                "part": "word/footnotes.xml",
                "text": "Link to the full study.",
            },
        ],
    )
    status, out = review(folder, edited.save(), capsys)
    assert status == 0, out
    review_file = (folder / "REVIEW.md").read_text(encoding="utf-8")
    assert "Shorter title?" in review_file
    assert "  - Tom McNeil, 2022-05-04: Agreed, shorten it." in review_file
    assert (
        "- [x] **¶35 (next-steps-1)** Jonathan Jardine, 2022-05-04 (resolved): Fine as it is."
        in review_file
    )
    assert "**in a footnote** Jonathan Jardine, 2022-05-04: Link to the full study." in review_file
