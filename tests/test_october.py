"""The October 2021 KPI report example against its published text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from boardpaper import checking, pipeline

from .conftest import ROOT, SHARED, needs_shared, soffice

PAPER = ROOT / "content" / "2021-10-pcp-kpi-report"
SEED = SHARED / "seeds" / "2021-10-pcp-kpi-and-national-priorities.pdf-text.txt"

pytestmark = pytest.mark.soffice


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return pipeline.build(PAPER, tmp_path_factory.mktemp("october"))


@needs_shared(SEED)
@needs_shared(SHARED / "tools")
def test_fidelity(built):
    soffice()
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "fidelity.py"),
            str(built.outputs[0]),
            str(SEED),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    score = json.loads(result.stdout)
    assert score["words"] >= 0.95 and score["numbers"] >= 0.98
    assert score["paras_generated"] == 67


@needs_shared(SHARED / "tools")
def test_numbering_is_live(built):
    soffice()
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "livenumbering.py"), str(built.outputs[0])],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "livenumbering: ok 67" in result.stdout


def test_figures_are_computed(built):
    import csv

    with open(built.outputs[1], encoding="utf-8") as fh:
        rows = {(r["number"], r["text"]) for r in csv.DictReader(fh)}
    for pair in [
        ("19", "43"),
        ("19", "55"),
        ("23", "85"),
        ("24", "162"),
        ("24", "5"),
        ("27", "61"),
        ("28", "74"),
        ("40", "28,675"),
        ("40", "18,161"),
        ("40", "37% reduction"),
        ("41", "27% reduction"),
        ("42", "30%"),
        ("43", "44%"),
        ("43", "September"),
    ]:
        assert pair in rows, pair


def test_appendix_a_is_set_out_from_the_shared_framework(built):
    import docx

    from boardpaper.content.framework import load_framework

    texts = [p.text for p in docx.Document(str(built.outputs[0])).paragraphs]
    start = texts.index("Appendix A – Police and Crime Plan KPI Framework")
    framework = load_framework(ROOT / "content" / "shared" / "pcp-kpi-framework.yaml")
    appendix = texts[start:]
    for kpi in framework.kpis():
        assert any(t.startswith(kpi.text) for t in appendix), kpi.text
    assert "Domestic Abuse > 6%" in appendix


def test_check_is_clean():
    assert checking.check(PAPER) == []


def test_objectives_and_sub_objectives_are_headings(built):
    import docx

    document = docx.Document(str(built.outputs[0]))
    styles = {
        (p.style.style_id, p.text.split(":")[0])
        for p in document.paragraphs
        if p.text.startswith(("Objective:", "Sub-objective:"))
    }
    assert styles == {("Heading3", "Objective"), ("Heading4", "Sub-objective")}
