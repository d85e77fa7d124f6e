"""Appendix A: the scorecard PDF, its CSV alternative, and the framework it scores."""

from __future__ import annotations

import csv
import io
import itertools
import re
import subprocess

import pytest
from pypdf import PdfReader

from boardpaper import pipeline
from boardpaper.content.framework import load_framework
from boardpaper.status import STATUSES
from boardpaper.writers.pdf.styles import contrast

from ..conftest import ROOT, SHARED, needs_shared
from ..pdfcheck import assert_pdfua

FRAMEWORK = ROOT / "content" / "shared" / "pcp-kpi-framework.yaml"


@pytest.fixture(scope="module")
def pdf(built_docx):
    return built_docx.with_name("2022-05-performance-report-appendix-a.pdf")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def test_every_status_colour_pair_has_contrast_of_at_least_4_5():
    for status, fill, ink in ((s.key, s.fill, s.ink) for s in STATUSES.values()):
        assert contrast(fill, ink) >= 4.5, status
    assert contrast("#FFFFFF", "#1F3864") >= 4.5  # section rows: white on navy


@needs_shared(SHARED / "seeds" / "2021-10-pcp-kpi-and-national-priorities.pdf-text.txt")
def test_the_framework_holds_every_kpi_of_the_published_appendix_a():
    seed = SHARED / "seeds" / "2021-10-pcp-kpi-and-national-priorities.pdf-text.txt"
    text = seed.read_text(encoding="utf-8")
    appendix = text[
        text.index("Appendix A – Police and Crime Plan KPI Framework") : text.index(
            "Appendix B – National Crime and Policing Measures – Metrics"
        )
    ]
    bullets = [squash(b) for b in re.split(r"\n\s*•", appendix)[1:]]
    kpis = {squash(k.text) for k in load_framework(FRAMEWORK).kpis()}
    for bullet in bullets:
        head = (
            squash(re.split(r"\s+o\s", bullet)[0])
            .split(" Objective:")[0]
            .split(" Sub-objective:")[0]
            .split(" Section 2:")[0]
        )
        assert any(k.startswith(head[:60]) for k in kpis), head


def test_pdf_checks_and_metadata(pdf):
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Title:           Appendix A – Police and Crime Plan KPI Scorecard" in info
    assert "Author:" in info and "Subject:         Strategic Policing and Crime Board" in info
    assert re.search(r"Page size:\s+841\.89 x 595\.276", info), "A4 landscape"
    reader = PdfReader(str(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows), "every font embedded"
    assert any("TrueType" in r for r in rows)


def test_pdf_text_has_every_kpi_and_a_status_on_each_scored_one(pdf, built_docx):
    text = squash(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    )
    framework = load_framework(FRAMEWORK)
    for kpi in framework.kpis():
        words = squash(kpi.text).split()
        assert " ".join(words[:8]) in text, kpi.text
    raw = built_docx.with_name("2022-05-performance-report-appendix-a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads the dashes"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(list(framework.kpis()))
    scored = [r for r in rows if r["status"] not in ("", "No data yet")]
    assert len(scored) >= 15
    statuses = {r["kpi_id"]: r["status"] for r in rows}
    rates = "increase-the-positive-outcome-rates-for-domestic-abuse"
    assert statuses[f"{rates}.domestic-abuse"] == "Met"
    assert statuses[f"{rates}.rape"] == "Not met"
    assert statuses[f"{rates}.stalking-and-harassment"] == "Not met"  # 8.0% is not above 8%
    assert statuses["monitor-hospital-admissions-of-under-25s-who-have"] == "Monitor"
    neighbourhood = "reduce-the-numbers-of-neighbourhood-crimes-residential-burglary"
    assert statuses[f"{neighbourhood}.residential-burglary"] == "Improving"
    assert statuses[f"{neighbourhood}.theft-from-the-person"] == "Worsening"
    for word in {r["status"] for r in scored}:
        assert word in text
    assert "Page 1 of" in text and "OFFICIAL" in text
    assert "Example data" in text


def test_rebuild_is_byte_identical(example_dir, pdf, tmp_path):
    again = pipeline.build(example_dir, tmp_path)
    assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes()
    assert again.outputs[2].name == pdf.name


def test_pages_render(pdf, tmp_path):
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    assert (tmp_path / "p-1.png").stat().st_size > 5000


def test_the_scorecard_is_tagged_for_pdfua(pdf):

    assert_pdfua(pdf)
    import pikepdf

    with pikepdf.open(pdf) as document:
        elements = [
            o
            for o in document.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructElem"
        ]
        roles = {str(e.S) for e in elements}
        for role in ("/Document", "/H1", "/Table", "/TR", "/TH", "/TD", "/Figure"):
            assert role in roles, role
        headers = [e for e in elements if str(e.S) == "/TH"]
        assert all(str(h.A.Scope) in ("/Column", "/Row") for h in headers)
        figures = [e for e in elements if str(e.S) == "/Figure"]
        assert all(str(f.Alt).startswith("Trend of the last") for f in figures)
    # every page's marks belong to the tree: nothing is drawn outside BDC … EMC
    from pypdf import PdfReader

    for page in PdfReader(str(pdf)).pages:
        assert "/StructParents" in page


def test_the_first_page_leads_with_the_count_of_kpis_by_status(pdf):
    from collections import Counter

    raw = pdf.with_suffix(".csv").read_bytes().decode("utf-8-sig")
    counts = Counter(r["status"] for r in csv.DictReader(io.StringIO(raw)) if r["status"])
    first = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
    ).stdout
    line = next(line for line in first.splitlines() if line.strip().startswith("KPIs"))
    order = ["Met", "Not met", "Improving", "Worsening", "No change", "Monitor", "No data yet"]
    assert [int(n) for n in line.split()[1:]] == [counts.get(word, 0) for word in order]
    # KPIs without data have no rows of their own: they are listed once, at the end
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("No data yet") == 1  # the key's word only
    assert "KPIs with no data yet" in text


def test_status_fills_are_distinct_in_greyscale():
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    greys = sorted(luminance(s.fill) for s in STATUSES.values())
    assert all(b - a >= 0.07 for a, b in itertools.pairwise(greys)), greys


def test_a_page_that_starts_among_a_bands_rows_repeats_the_band_continued(tmp_path):
    """A table of bands and rows on short pages: every page after the first starts, under
    the repeated header, with a band (its own or the one it continues), and every row is
    drawn once. Read back with pdftotext, not the code under test."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from boardpaper.writers.pdf.flowables import Band, BandedTable

    normal = getSampleStyleSheet()["Normal"]
    data, bands, style = [["KPI", "Value"]], {}, [("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]
    for group in range(3):
        band = Band(f"Group {group}", lambda text: Paragraph(text, normal), 2, colors.lightblue)
        bands[len(data)] = band
        style += band.draw(len(data))
        data.append(band.row())
        data += [[f"Row {group}.{n}", str(n)] for n in range(9)]
    path = tmp_path / "bands.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=(300, 260), invariant=1)
    doc.build([BandedTable(data, style, bands, repeatRows=1, colWidths=[150, 60])])
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    pages = [p for p in pages.stdout.split("\f") if p.strip()]
    assert len(pages) >= 4
    continued = 0
    for page in pages[1:]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0].startswith("KPI"), lines  # the header repeats
        assert lines[1].startswith("Group "), lines  # then a band, never a bare row
        continued += lines[1].endswith("(continued)")
    assert continued >= 2
    rows = re.findall(r"Row \d\.\d", "\n".join(pages))
    assert sorted(rows) == sorted(f"Row {g}.{n}" for g in range(3) for n in range(9))


def test_the_scorecard_continues_its_band_after_a_page_break(pdf):
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    # the example breaks its page among the rows of a sub-objective
    assert re.search(r"Sub-objective: [^()]+ \(continued\)", squash(text)), squash(text)
