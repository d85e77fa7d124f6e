"""The board pack: the paper (LibreOffice, tagged) then each appendix, with an outline."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from boardpaper import pipeline
from boardpaper.writers import pack

from ..conftest import needs_shared, soffice
from ..pdfcheck import STRICT, assert_strict, unmarked_pages

pytestmark = pytest.mark.soffice


def test_pack_outline_names_the_paper_and_each_appendix_in_order(example_dir, tmp_path):
    soffice()
    built = pipeline.build(example_dir, tmp_path, pack=True)
    path = tmp_path / "2022-05-performance-report-pack.pdf"
    assert path in built.outputs and not built.notes
    reader = PdfReader(str(path))
    outline = [  # the top level: a part each (the paper's headings are nested under it)
        (o.title, reader.get_destination_page_number(o))
        for o in reader.outline
        if not isinstance(o, list)
    ]
    titles = [t for t, _ in outline]
    assert titles == [
        "Performance Report – National Policing Priorities and Police and Crime Plan Scorecard",
        "Appendix A – Police and Crime Plan KPI Scorecard",
        "Appendix B – Police and Crime Commissioner responses to HMICFRS inspection and "
        "super-complaint reports",
    ]
    scorecard = PdfReader(str(tmp_path / "2022-05-performance-report-appendix-a.pdf"))
    pages = [p for _, p in outline]
    assert pages[0] == 0 and pages[2] - pages[1] == len(scorecard.pages)
    assert len(reader.pages) == pages[2] + 1  # Appendix B is one page
    assert "Strategic Policing and Crime Board" in reader.pages[0].extract_text()
    assert "Appendix A" in reader.pages[pages[1]].extract_text()
    assert "Appendix B" in reader.pages[pages[2]].extract_text()
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
    again = pipeline.build(example_dir, tmp_path / "again", pack=True)
    assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes()
    assert again.notes == []


def test_without_libreoffice_it_says_so_builds_the_rest_and_exits_1(
    example_dir, tmp_path, monkeypatch, capsys
):
    from boardpaper.cli import main

    monkeypatch.setattr(pack, "soffice_path", lambda: None)
    assert main(["build", "--pack", str(example_dir), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(
        "boardpaper: warning: LibreOffice (soffice) is not installed"
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "2022-05-performance-report-appendix-a.csv",
        "2022-05-performance-report-appendix-a.pdf",
        "2022-05-performance-report.docx",
        "2022-05-performance-report.figures.csv",
    ]


EXAMPLES = ["2022-05-performance-report", "2021-10-pcp-kpi-report", "2021-09-annual-report"]


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request, tmp_path_factory):
    """Each example built with its pack, once for the tests of this module."""
    from ..conftest import ROOT

    soffice()
    out = tmp_path_factory.mktemp(request.param)
    return pipeline.build(ROOT / "content" / request.param, out, pack=True)


def test_every_pack_keeps_one_structure_tree_and_passes_pdfua(example):
    import pikepdf

    from ..pdfcheck import assert_pdfua

    pack_pdf = next(p for p in example.outputs if p.name.endswith("-pack.pdf"))
    assert_pdfua(pack_pdf)
    with pikepdf.open(pack_pdf) as pdf:
        keys = [int(p.obj.StructParents) for p in pdf.pages if "/StructParents" in p.obj]
        assert len(keys) == len(pdf.pages) and len(set(keys)) == len(keys)
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        assert {int(nums[k]) for k in range(0, len(nums), 2)} >= set(keys)
        assert "/PageLabels" in pdf.Root and str(pdf.Root.Lang) == "en-GB"


@needs_shared(STRICT)
def test_every_pdf_of_every_example_passes_pdfua_strict(example):
    """The Matterhorn Protocol's machine-checkable conditions, on the pack (LibreOffice's
    export put right in the merge) and on each appendix boardpaper drew."""
    pdfs = [p for p in example.outputs if p.suffix == ".pdf"]
    assert any(p.name.endswith("-pack.pdf") for p in pdfs)
    for pdf in pdfs:
        assert_strict(pdf)


def test_every_page_of_every_pdf_carries_the_protective_marking(example):
    for pdf in (p for p in example.outputs if p.suffix == ".pdf"):
        assert unmarked_pages(pdf, "OFFICIAL") == [], pdf.name


def test_an_untagged_appendix_pdf_is_in_the_pack_with_a_warning_and_exit_status_1(tmp_path, capsys):
    from reportlab.pdfgen.canvas import Canvas

    from boardpaper.cli import main

    from ..conftest import copy_content

    soffice()
    example_dir = copy_content(tmp_path)
    scan = example_dir / "appendix-b.pdf"
    canvas = Canvas(str(scan), invariant=1)
    canvas.drawString(72, 720, "Responses to HMICFRS inspections, as scanned")
    canvas.save()
    paper = example_dir / "paper.yaml"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("file: appendix-b.docx", "file: appendix-b.pdf"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["build", "-q", "--pack", str(example_dir), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("boardpaper: warning: "), err
    assert "Appendix B is a PDF without tags" in err[0]
    assert (out / "2022-05-performance-report-pack.pdf").exists()
