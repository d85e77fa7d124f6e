"""Two reviewers edit the same draft in LibreOffice (driven through Python-UNO): one
accepts their first changes before going on, the other rejects theirs and makes one
more. Applied one after the other, in either order, the YAML comes out the same and
the rebuilt paper holds exactly what each left."""

from __future__ import annotations

import json

import docx
import pytest

from boardpaper import pipeline
from boardpaper.cli import main

from ..conftest import copy_content, office

pytestmark = pytest.mark.soffice

FIRST = {
    "author": "Tom McNeil",
    "edits": [
        {
            "replace": "Measure: Reduce Serious Violence",
            "with": "Measure: Reduce Serious Violent Crime",
        },
        {
            "replace": "To ensure grip of key offender networks",
            "with": "To keep a grip of offender networks",
        },
        {"accept_all": True},
        {"replace": "has remained relatively stable", "with": "has stayed broadly level"},
        {
            "insert_paragraph_after": "assisted by the VRU",
            "text": "To review the approach each quarter",
        },
    ],
}
SECOND = {
    "author": "Jonathan Jardine",
    "edits": [
        {
            "replace": "These factors will drive activity",
            "with": "These factors will steer activity",
        },
        {"delete": " Almost one in four homicides take place within WMP’s Impact Areas."},
        {"reject_all": True},
        {"replace": "Ticket Fraud", "with": "Ticket fraud"},
        {"split_before": "Analysis of victims and offenders"},
    ],
}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    root = tmp_path_factory.mktemp("two")
    folder = copy_content(root)
    draft = pipeline.build(folder, root / "draft").outputs[0]
    files = []
    for n, script in enumerate((FIRST, SECOND)):
        (root / f"s{n}.json").write_text(json.dumps(script), encoding="utf-8")
        files.append(root / f"reviewed-{n}.docx")
        office("review", draft, files[-1], root / f"s{n}.json")
    return folder, files, (folder / "paper.yaml").read_bytes()


def test_either_order_gives_the_same_paper_with_both_reviews(reviewed, capsys, tmp_path):
    folder, files, original = reviewed
    results = []
    for order in (files, files[::-1]):
        (folder / "paper.yaml").write_bytes(original)
        outputs = []
        for path in order:
            outputs.append(
                (
                    main(["review", str(path), "--content", str(folder), "--apply"]),
                    capsys.readouterr().out,
                )
            )
        statuses = dict(zip(order, (s for s, _ in outputs)))
        assert set(statuses.values()) == {0}, outputs
        results.append((folder / "paper.yaml").read_bytes())
    assert results[0] == results[1]
    text = [
        p.text for p in docx.Document(str(pipeline.build(folder, tmp_path).outputs[0])).paragraphs
    ]
    assert "Measure: Reduce Serious Violent Crime" in text
    assert "To keep a grip of offender networks" in text
    assert "To review the approach each quarter" in text
    assert any("has stayed broadly level" in t for t in text)
    assert any(t.startswith("Ticket fraud (+") for t in text)
    split = next(
        i for i, t in enumerate(text) if t.startswith("A significant proportion of homicides")
    )
    assert text[split + 1].startswith("Analysis of victims and offenders")
    # the second reviewer's rejected changes left no trace
    assert any(t.startswith("These factors will drive activity") for t in text)
    assert any("Almost one in four homicides take place" in t for t in text)
