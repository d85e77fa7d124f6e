"""A paper whose data are made up (`data: illustrative: yes`) says so on every output a
reader sees: the Word paper (a notice under the title, and beside the marking on every
page), the web page (a notice at the top, in words), the pack (from the Word paper) and
the audit trail (a column on every row)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from boardpaper.cli import main
from boardpaper.narrative import model as m

from .conftest import EXAMPLE, MINIMAL, soffice, write_paper

NAME = "2021-10-pcp-kpi-report"  # the quickest example to build; all three are illustrative
NOTICE = f"{m.ILLUSTRATIVE_LABEL}: {m.ILLUSTRATIVE_NOTICE}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The example built as given (illustrative) and as if its data were real."""
    tmp = tmp_path_factory.mktemp("illustrative")
    shutil.copytree(EXAMPLE.parent, tmp / "content")
    real = tmp / "content" / f"{NAME}-real"
    shutil.copytree(tmp / "content" / NAME, real)
    text = (real / "paper.yaml").read_text(encoding="utf-8")
    assert "\n  illustrative: yes" in text
    (real / "paper.yaml").write_text(text.replace("\n  illustrative: yes", "\n  illustrative: no"))
    for folder in (tmp / "content" / NAME, real):
        assert main(["build", "-q", "--html", str(folder), "-o", str(tmp / "out")]) == 0
    return {"yes": tmp / "out" / NAME, "no": tmp / "out" / f"{NAME}-real"}


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_every_example_declares_its_data_illustrative():
    for paper in sorted(EXAMPLE.parent.glob("*/paper.yaml")):
        assert "\n  illustrative: yes" in paper.read_text(encoding="utf-8"), paper


def test_the_word_paper_says_so_under_the_title(built):
    document = docx.Document(str(built["yes"].with_suffix(".docx")))
    texts = [p.text for p in document.paragraphs]
    title = next(i for i, t in enumerate(texts) if t.startswith("Title:"))
    notice = texts.index(NOTICE)
    assert notice == title + 1  # the body's first paragraph, before its first heading
    assert document.paragraphs[notice + 1].style.style_id == "Heading1"
    paragraph = document.paragraphs[notice]
    assert paragraph.runs[0].bold and paragraph.runs[0].text == f"{m.ILLUSTRATIVE_LABEL}: "
    assert paragraph.style.style_id == "BodyText"  # house style: a body paragraph
    assert texts.count(NOTICE) == 1


def test_every_page_of_the_word_paper_is_marked(built):
    document = docx.Document(str(built["yes"].with_suffix(".docx")))
    parts = []
    for section in document.sections:
        pages = (section.header, section.footer, section.first_page_header)
        for part in (*pages, section.first_page_footer):
            if not part.is_linked_to_previous:
                parts.append(" ".join(p.text for p in part.paragraphs))
    assert parts and all("OFFICIAL – ILLUSTRATIVE DATA" in text for text in parts if text.strip())
    assert sum("ILLUSTRATIVE DATA" in text for text in parts) >= 2  # header and footer


def test_a_paper_of_real_data_is_as_before(built):
    texts = _texts(built["no"].with_suffix(".docx"))
    assert not any(m.ILLUSTRATIVE_LABEL in t for t in texts)
    document = docx.Document(str(built["no"].with_suffix(".docx")))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "OFFICIAL" in header and "ILLUSTRATIVE" not in header
    html = built["no"].with_suffix(".html").read_text(encoding="utf-8")
    assert "illustrative" not in html.lower().replace("illustrative example data", "")
    rows = list(csv.DictReader(io.StringIO(Path(f"{built['no']}.figures.csv").read_text())))
    assert rows and {r["illustrative"] for r in rows} == {"no"}


def test_the_only_difference_is_the_notice(built):
    """The Word paper's text, illustrative or not, differs by the notice alone."""
    yes = _texts(built["yes"].with_suffix(".docx"))
    no = _texts(built["no"].with_suffix(".docx"))
    yes.remove(NOTICE)
    assert yes == [t.replace(f"{NAME}-real", NAME) for t in no]


def test_the_web_page_says_so_at_the_top_in_words(built):
    html = built["yes"].with_suffix(".html").read_text(encoding="utf-8")
    notice = (
        f'<p class="illustrative" role="note" style="border: 3px solid; padding: 0.5rem">'
        f"<strong>{m.ILLUSTRATIVE_LABEL}:</strong> {m.ILLUSTRATIVE_NOTICE}</p>"
    )
    assert html.count(notice) == 1
    assert html.index("</h1>") < html.index(notice) < html.index("</header>") < html.index("<main>")


def test_every_row_of_the_audit_trail_says_so(built):
    text = Path(f"{built['yes']}.figures.csv").read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][-1] == "illustrative" and len({len(row) for row in table}) == 1
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) > 10 and {r["illustrative"] for r in rows} == {"yes"}


def test_the_page_marking_without_a_marking():
    meta = m.Meta("Title", "Board", "May 2022", "2022-05-01", illustrative=m.ILLUSTRATIVE_NOTICE)
    assert meta.page_marking == "ILLUSTRATIVE DATA"
    assert m.Meta("Title", "Board", "May 2022", "2022-05-01").page_marking is None
    marked = m.Meta("T", "B", "M", "2022-05-01", marking="OFFICIAL-SENSITIVE", illustrative="x")
    assert marked.page_marking == "OFFICIAL-SENSITIVE – ILLUSTRATIVE DATA"


def test_a_paper_without_data_has_no_notice(tmp_path):
    folder = write_paper(tmp_path / "plain", MINIMAL)
    assert main(["build", "-q", "--html", str(folder), "-o", str(tmp_path / "out")]) == 0
    assert not any(m.ILLUSTRATIVE_LABEL in t for t in _texts(tmp_path / "out" / "plain.docx"))
    assert 'class="illustrative"' not in (tmp_path / "out" / "plain.html").read_text()


@pytest.mark.soffice
def test_every_page_of_the_pack_is_marked(tmp_path):
    soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    folder = EXAMPLE.parent / NAME
    assert main(["build", "-q", "--pack", str(folder), "-o", str(tmp_path)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / f"{NAME}-pack.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 1 and all("ILLUSTRATIVE DATA" in page for page in pages)
    assert " ".join(pages[0].split()).count(" ".join(NOTICE.split()[:6])) == 1
