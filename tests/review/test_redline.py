"""`boardpaper redline`: a new draft as native Word tracked changes."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest
from lxml import etree

from boardpaper.cli import main

from ..conftest import EXAMPLE, VALIDATOR, copy_content, needs_shared, office, ooxml_errors, soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The example with three edits: a word, a new paragraph, a figure's data."""
    folder = copy_content(tmp_path_factory.mktemp("edited"))
    paper = folder / "paper.yaml"
    text = paper.read_text(encoding="utf-8")
    text = text.replace(
        "drive activity towards improving performance", "drive activity towards raising performance"
    )
    text = text.replace(
        '  - subheading: "Measure: Reduce Serious Violence"',
        "  - Homicide reduction remains a Force Tactical Priority for the "
        'coming year.\n  - subheading: "Measure: Reduce Serious Violence"',
    )
    paper.write_text(text, encoding="utf-8")
    data = folder / "data" / "measures.csv"
    rows = data.read_text(encoding="utf-8").splitlines()
    rows = [
        r
        if not r.startswith("firearm_recoveries,2022-03,")
        else "firearm_recoveries,2022-03," + str(int(r.split(",")[2]) + 6)
        for r in rows
    ]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def red(edited, tmp_path_factory):
    out = tmp_path_factory.mktemp("red") / "redline.docx"
    assert main(["redline", str(EXAMPLE), str(edited), "-o", str(out)]) == 0
    return out


def marks(path):
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    found = []
    for el in root.iter(f"{W}ins", f"{W}del"):
        text = "".join(el.itertext())
        in_mark = el.getparent().tag == f"{W}rPr"
        found.append((el.tag[len(W) :], text, el.get(f"{W}author"), el.get(f"{W}date"), in_mark))
    return found


def test_exactly_the_three_edits_are_tracked(red):
    found = marks(red)
    texts = [(kind, text) for kind, text, _, _, mark in found if not mark]
    assert texts == [
        ("del", "improving"),
        ("ins", "raising"),
        ("ins", "Homicide reduction remains a Force Tactical Priority for the coming year."),
        ("del", "140"),
        ("ins", "146"),  # recoveries this year
        ("del", "16"),
        ("ins", "22"),  # the increase on 2020/21
    ]
    # the new paragraph's mark is tracked too, so the numbering shows it
    assert [(k, m) for k, _, _, _, m in found if m] == [("ins", True)]
    assert {(a, d) for _, _, a, d, _ in found} == {("boardpaper", "2022-05-01T00:00:00Z")}


def test_the_same_drafts_give_the_same_bytes(edited, red, tmp_path):
    again = tmp_path / "again.docx"
    assert main(["redline", str(EXAMPLE), str(edited), "-o", str(again)]) == 0
    assert again.read_bytes() == red.read_bytes()


def test_author_and_date_can_be_given(edited, tmp_path):
    out = tmp_path / "r.docx"
    assert (
        main(
            [
                "redline",
                str(EXAMPLE),
                str(edited),
                "-o",
                str(out),
                "--author",
                "Secretariat",
                "--date",
                "2022-05-10T09:00:00Z",
            ]
        )
        == 0
    )
    assert {(a, d) for _, _, a, d, _ in marks(out)} == {("Secretariat", "2022-05-10T09:00:00Z")}


@pytest.mark.soffice
def test_libreoffice_lists_exactly_those_changes(red):
    listed = [json.loads(line) for line in office("redlines", red).splitlines()]
    got = [(r["type"], r["text"].strip()) for r in listed]
    assert got == [
        ("Delete", "improving"),
        ("Insert", "raising"),
        ("Insert", "Homicide reduction remains a Force Tactical Priority for the coming year."),
        ("Delete", "140"),
        ("Insert", "146"),
        ("Delete", "16"),
        ("Insert", "22"),
    ]
    assert {r["author"] for r in listed} == {"boardpaper"}


@pytest.mark.soffice
def test_pandoc_reads_insertions_and_deletions(red):
    soffice()
    native = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "native", str(red)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert native.count('"insertion"') == 4 and native.count('"deletion"') == 3


def test_since_a_git_revision(tmp_path):
    folder = copy_content(tmp_path)
    repo = tmp_path
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "draft 1"], check=True)
    paper = folder / "paper.yaml"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace(
            "Gang Related Violence remains", "Gang Related Violence stays"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "since.docx"
    assert main(["redline", str(folder), "--since", "HEAD", "-o", str(out)]) == 0
    assert [(k, t) for k, t, _, _, m in marks(out) if not m] == [
        ("del", "remains"),
        ("ins", "stays"),
    ]


def test_bad_revision_is_one_line(tmp_path, capsys):
    folder = copy_content(tmp_path)
    subprocess.run(["git", "-C", str(tmp_path), "init", "-q"], check=True)
    assert main(["redline", str(folder), "--since", "nope", "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "error: git:" in err[0]


@pytest.mark.parametrize(
    "edit, expected",
    [
        (  # a paragraph added in the middle of a section: one insertion, nothing else
            lambda t: t.replace(
                "  - >\n    These factors will drive",
                "  - A paragraph added in the middle of the section.\n  - >\n"
                "    These factors will drive",
            ),
            [("Insert", "A paragraph added in the middle of the section.\n")],
        ),
        (  # a reworded subheading: the changed word only
            lambda t: t.replace(
                'subheading: "Measure: Reduce Serious Violence"',
                'subheading: "Measure: Reduce Serious Violent Crime"',
            ),
            [("Delete", "Violence"), ("Insert", "Violent Crime")],
        ),
        (  # a footnote's text reworded: the changed words, inside the footnote
            lambda t: t.replace(
                "text: Homicide_report_press_release.pdf (unodc.org)",
                "text: Global Study on Homicide (unodc.org)",
            ),
            [
                ("Delete", "Homicide_report_press_release.pdf"),
                ("Insert", "Global Study on Homicide"),
            ],
        ),
    ],
)
def test_one_edit_gives_exactly_its_tracked_changes(tmp_path, edit, expected):
    soffice()
    folder = copy_content(tmp_path)
    paper = folder / "paper.yaml"
    paper.write_text(edit(paper.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "one.docx"
    assert main(["redline", str(EXAMPLE), str(folder), "-o", str(out)]) == 0
    listed = [json.loads(line) for line in office("redlines", out).splitlines()]
    assert [(r["type"], r["text"]) for r in listed] == expected
    native = subprocess.run(
        ["pandoc", "--track-changes=all", str(out), "-t", "native"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert native.count('"insertion"') == sum(t == "Insert" for t, _ in expected)
    assert native.count('"deletion"') == sum(t == "Delete" for t, _ in expected)


@needs_shared(VALIDATOR)
def test_a_moved_paragraph_is_one_tracked_move(tmp_path):
    folder = copy_content(tmp_path)
    paper = folder / "paper.yaml"
    text = paper.read_text(encoding="utf-8")
    start = text.index("  - >\n    This statement will be published")
    end = text.index("  - ", start + 5)
    moved, text = text[start:end], text[:start] + text[end:]
    anchor = text.index("  - ", text.index("  - >\n    This report meets the requirements") + 5)
    paper.write_text(text[:anchor] + moved + text[anchor:], encoding="utf-8")
    out = tmp_path / "moved.docx"
    assert main(["redline", str(EXAMPLE), str(folder), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    sources = [el for el in root.iter(f"{W}moveFrom") if el.getparent().tag != f"{W}rPr"]
    destinations = [el for el in root.iter(f"{W}moveTo") if el.getparent().tag != f"{W}rPr"]
    assert len(sources) == len(destinations) == 1
    assert "".join(sources[0].itertext()) == "".join(destinations[0].itertext())
    names = {
        el.get(f"{W}name") for el in root.iter(f"{W}moveFromRangeStart", f"{W}moveToRangeStart")
    }
    assert len(names) == 1
    assert not list(root.iter(f"{W}ins", f"{W}del"))  # nothing else changed
    assert ooxml_errors(out) == ""
