"""A reviewer edits the built paper in LibreOffice with Track Changes on; review reads it
back onto the right paragraphs, and --apply makes the YAML print the accepted text."""

from __future__ import annotations

import json

import pytest
from docx import Document

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.narrative import model as m

from ..conftest import copy_content, office

pytestmark = pytest.mark.soffice

EDITS = {
    "author": "Vanessa Jardine",
    "edits": [
        {
            "replace": "Gang Related Violence remains one of",
            "with": "Gang Related Violence stays one of",
        },
        {"delete": " Almost one in four homicides take place within WMP’s Impact Areas."},
        {
            "insert_paragraph_after": "reviewed as part of the Force Tasking process.",
            "text": "The taskforce will report to the board each quarter.",
        },
        {"comment_on": "Operation Captiva", "text": "Please add the number of arrests."},
        {"replace": "saw 53 homicides", "with": "saw 54 homicides"},
        {"footnote_after": "linked to drug dealing", "text": "Force Intelligence Bureau data."},
    ],
}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The example built, then reviewed in LibreOffice."""
    root = tmp_path_factory.mktemp("review")
    folder = copy_content(root)
    built = pipeline.build(folder, root / "out").outputs[0]
    script = root / "edits.json"
    script.write_text(json.dumps(EDITS), encoding="utf-8")
    out = root / "reviewed.docx"
    office("review", built, out, script)
    return folder, out


def test_review_reports_each_change_on_the_right_paragraph(reviewed, capsys):
    folder, docx = reviewed
    assert main(["review", str(docx), "--content", str(folder), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    got = {(c["number"], c["para_id"], c["kind"], c["author"]) for c in changes}
    assert (6, "measure-reduce-murder-and-other-2", "deletion", "Vanessa Jardine") in got
    assert (7, "measure-reduce-murder-and-other-3", "replacement", "Vanessa Jardine") in got
    assert (12, "measure-reduce-serious-violence-5", "new paragraph", "Vanessa Jardine") in got
    assert (11, "measure-reduce-serious-violence-4", "comment", "Vanessa Jardine") in got
    assert (5, "measure-reduce-murder-and-other-1", "replacement", "Vanessa Jardine") in got
    replacement = next(c for c in changes if c["number"] == 7 and c["kind"] == "replacement")
    assert (replacement["before"], replacement["after"]) == (
        "Gang Related Violence remains one of",
        "Gang Related Violence stays one of",
    )
    comment = next(c for c in changes if c["kind"] == "comment")
    assert comment["comment"] == "Please add the number of arrests."
    assert comment["before"] == "Operation Captiva"


def test_the_table_is_readable(reviewed, capsys):
    folder, docx = reviewed
    assert main(["review", str(docx), "--content", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:6] == ["¶", "id", "reviewer", "date", "kind", "before"]
    assert any(
        "Gang Related Violence remains one of → Gang Related Violence stays one of" in line
        for line in out
    )


def test_apply_makes_the_rebuilt_paper_read_as_the_reviewer_accepted(reviewed, capsys, tmp_path):
    folder, docx = reviewed
    before_yaml = (folder / "paper.yaml").read_text(encoding="utf-8")
    status = main(["review", str(docx), "--content", str(folder), "--apply"])
    out = capsys.readouterr().out
    assert status == 1  # the figure change is a conflict
    assert (
        "conflict: paragraph 5 (measure-reduce-murder-and-other-1): “53” → “54”: touches "
        "the computed figure(s) {{ m.homicide }}; change the data, not the prose" in out
    )
    assert (folder / "paper.yaml.bak").read_text(encoding="utf-8") == before_yaml
    # comments are kept beside their paragraph
    review_file = (folder / "REVIEW.md").read_text(encoding="utf-8")
    assert "¶11 (measure-reduce-serious-violence-4)** Vanessa Jardine" in review_file
    assert "Please add the number of arrests." in review_file
    # only the changed paragraphs' lines differ; comments and layout are kept
    after_yaml = (folder / "paper.yaml").read_text(encoding="utf-8")
    # the footnote the reviewer wrote is a note, cited where it was put
    assert "  force-intelligence-bureau-data: Force Intelligence Bureau data.\n" in after_yaml
    assert "dealing[^force-intelligence-bureau-data] / County" in after_yaml
    kept = [line for line in after_yaml.splitlines() if "force-intelligence" not in line]
    assert kept[:60] == before_yaml.splitlines()[:60]
    assert "# the last month of the reporting year (12 months)" in after_yaml

    rebuilt = pipeline.build(folder, tmp_path)
    accepted = _accepted_paragraphs(docx)
    texts = [m.plain_text(p.inlines) for p in rebuilt.paper.paras()]
    # the figure stays as computed (53), everything else is as the reviewer accepted it
    accepted = [t.replace("saw 54 homicides", "saw 53 homicides") for t in accepted]
    assert texts == accepted


def _accepted_paragraphs(docx) -> list[str]:
    """The numbered paragraphs of the reviewed file with every change accepted, read
    straight from its XML (not by the code under test): the text of every w:t outside
    a deletion, inserted text included."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out = []
    for p in root.iter(f"{w}p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        if style is None or style.get(f"{w}val") != "NumberedParagraph":
            continue
        text = "".join(
            t.text or ""
            for t in p.iter(f"{w}t")
            if not any(a.tag == f"{w}del" for a in t.iterancestors())
        )
        if text.strip():
            out.append(" ".join(text.split()))
    return out


def test_a_broken_bookmark_falls_back_to_the_text(reviewed, tmp_path, capsys):
    _, docx = reviewed
    folder = copy_content(tmp_path)  # as the reviewed draft was built, before any apply
    document = Document(str(docx))
    body = document.element.body
    for start in body.xpath(".//w:bookmarkStart[@w:name='bp_measure_reduce_murder_and_other_3']"):
        start.getparent().remove(start)
    broken = tmp_path / "broken.docx"
    document.save(str(broken))
    assert main(["review", str(broken), "--content", str(folder), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    replacement = next(c for c in changes if c["kind"] == "replacement" and c["number"] == 7)
    assert replacement["para_id"] == "measure-reduce-murder-and-other-3"
    assert replacement["where"] == "text"
