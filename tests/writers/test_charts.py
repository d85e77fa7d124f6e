"""Charts: one drawing (GSS style) for the Word paper, the PDF appendices and the web
page's SVG; deterministic."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from pypdf import PdfReader

from boardpaper import pipeline
from boardpaper.writers import chart_svg
from boardpaper.writers.charts import PALETTE, render_png, render_svg

from ..conftest import ROOT, needs_shared
from ..pdfcheck import STRICT, assert_pdfua, assert_strict, unmarked_pages

ANNUAL = ROOT / "content" / "2021-09-annual-report"
APPENDIX = """
appendices:
  - title: Burglary and robbery since 2016/17
    charts:
      - chart: Robbery by financial year
        kind: bar
        measure: robbery
        columns: [2016/17, 2017/18, 2018/19, 2019/20, 2020/21]
        source: West Midlands Police (illustrative example data)
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("charts")
    folder = root / ANNUAL.name
    shutil.copytree(ANNUAL, folder)
    paper = folder / "paper.yaml"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("\nbody:\n", APPENDIX + "\nbody:\n"),
        encoding="utf-8",
    )
    return pipeline.build(folder, root / "out"), folder, root


def test_a_chart_appendix_is_a_pdf_with_its_description(built):
    result, folder, root = built
    pdf = root / "out" / "2021-09-annual-report-appendix-a.pdf"
    assert pdf in result.outputs
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    reader = PdfReader(str(pdf))
    assert reader.metadata.title == "Appendix A – Burglary and robbery since 2016/17"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Robbery by financial year" in text
    assert "Description: Bar chart of robbery by period: 2016/17 6,600; 2017/18 8,300" in text
    images = reader.pages[0].images
    assert len(images) == 1
    again = pipeline.build(folder, root / "again")
    assert (root / "again" / pdf.name).read_bytes() == pdf.read_bytes()
    assert again.outputs


def test_word_and_pdf_draw_the_same_chart(built):
    result, _, _ = built
    chart = result.paper.appendices[0].charts[0]
    png = render_png(chart)
    assert png == render_png(chart), "the same chart gives the same bytes"
    word_charts = [b for b in result.paper.blocks if type(b).__name__ == "Chart"]
    with zipfile.ZipFile(result.outputs[0]) as zf:
        media = sorted(n for n in zf.namelist() if n.startswith("word/media/"))
        assert len(media) == len(word_charts)
        assert zf.read(media[-1]) == render_png(word_charts[-1])  # the robbery bar chart


def test_a_line_chart_with_the_baseline_average_and_its_alt_text(example_dir):
    from boardpaper.content.schema import load_paper
    from boardpaper.content.yamlmarks import loads
    from boardpaper.narrative.tables import chart

    source = load_paper(example_dir)
    found = pipeline.measure_figures(source)
    spec_yaml = loads(
        "body:\n  - chart: Homicides each month\n    kind: line\n"
        "    measure: homicide\n    months: 2021-04..2022-03\n    baseline: yes\n",
        "c.yaml",
    )
    from boardpaper.content.body import Body

    spec = Body((), example_dir).chart(spec_yaml["body"][0], spec_yaml["body"].item_loc[0])
    drawn = chart(spec, found)
    assert drawn.labels[0] == "Apr 21" and len(drawn.labels) == 12
    assert sum(drawn.series[0].values) == 53  # the year's homicides
    assert drawn.series[1].dashed and drawn.series[1].values[0] == pytest.approx(52 / 12)
    assert drawn.alt.startswith(
        "Line chart of homicides each month, April 2021 to March 2022. It starts at "
    )
    assert (
        "A dashed line shows the monthly average of 4.3 in the national baseline year." in drawn.alt
    )
    assert render_png(drawn)[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_chart_appendix_is_tagged_with_the_charts_alt_text(built):

    _, _, root = built
    pdf = root / "out" / "2021-09-annual-report-appendix-a.pdf"
    assert_pdfua(pdf)
    structure = subprocess.run(["qpdf", "--json", str(pdf)], capture_output=True, text=True).stdout
    assert '"/S": "/Figure"' in structure and "Bar chart of robbery by period" in structure


@needs_shared(STRICT)
def test_the_chart_appendix_passes_pdfua_strict_and_every_page_is_marked(built):
    _, _, root = built
    pdf = root / "out" / "2021-09-annual-report-appendix-a.pdf"
    assert_strict(pdf)
    assert unmarked_pages(pdf, "OFFICIAL") == []


def test_the_svg_is_gss_styled_text_as_text_and_deterministic(built):
    """Dark blue bars, horizontal text kept as text, no date, the same bytes twice."""
    result, _, _ = built
    chart = result.paper.appendices[0].charts[0]
    for layout in (chart_svg.narrow(chart), chart_svg.WIDE):
        svg = render_svg(chart, layout)
        assert svg == render_svg(chart, layout)
        assert PALETTE[0].lower() in svg.lower() and "<text" in svg
        assert "rotate(-90" not in svg and "dc:date" not in svg
    html = chart_svg.figure(chart, 7)
    assert html == chart_svg.figure(chart, 7)
    assert html.count('role="img"') == 2 and html.count(f">{chart.alt}</title>") == 2
    assert "<?xml" not in html and "<metadata" not in html and "<style" not in html


def test_print_png_is_300_dpi(built):
    from PIL import Image

    result, _, _ = built
    with Image.open(io.BytesIO(render_png(result.paper.appendices[0].charts[0]))) as im:
        assert im.size[0] >= 1700  # 15 cm at 300 dpi
