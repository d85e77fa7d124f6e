"""The whole board meeting: the example meeting's agenda and pack, and the papers from
outside that cannot be included, each one clear error naming its agenda item."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from pypdf import PdfReader

from boardpaper.cli import main

from .conftest import ROOT, needs_shared, soffice
from .pdfcheck import STRICT, assert_pdfua, assert_strict
from .writers.test_html import AXE, RULES, browser  # noqa: F401 (the fixture)

MEETING = ROOT / "meetings" / "2022-05-10.yaml"

pytestmark = pytest.mark.soffice


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    soffice()
    out = tmp_path_factory.mktemp("meeting")
    assert main(["meeting", "build", str(MEETING), "-o", str(out), "--html"]) == 0
    return out / "2022-05-10-agenda.docx", out / "2022-05-10-pack.pdf"


def _page_text(pack, number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pack), "-"],
        capture_output=True,
        text=True,
    ).stdout


def test_the_cover_lists_the_items_with_their_pages_the_contact_and_the_marking(built):
    from boardpaper.content.meeting import load_meeting

    agenda, pack = built
    meeting = load_meeting(MEETING)
    cover = " ".join(_page_text(pack, 1).split())
    pages = [row.cells[4].text for row in docx.Document(str(agenda)).tables[0].rows[1:]]
    for item, page in zip(meeting.items, pages, strict=True):
        assert f"{item.number} {item.title.split()[0]}" in cover
        assert f" {page} " in f" {cover} "
    assert "10 May 2022, 10:00" in cover and "Lloyd House" in cover
    assert meeting.contact.email in cover and meeting.contact.phone in cover
    assert "Protective marking: OFFICIAL" in cover


def test_the_agenda_has_headings_and_body_size_text(built):
    agenda, _ = built
    document = docx.Document(str(agenda))
    styles = {p.style.name: p.text for p in document.paragraphs if p.text}
    assert styles["Heading 1"] == "Agenda" and styles["Heading 2"] == "Agenda items"
    assert "Title" not in styles
    sizes = {
        r.font.size.pt for c in document.tables[0]._cells for p in c.paragraphs for r in p.runs
    }
    assert sizes == {12.0}


def test_the_pack_stamp_sits_within_the_footer_beside_its_text(built):
    """On every page "Pack page N of M" is on a footer line's baseline (not below the
    footer), right of the footer's text and clear of it."""
    import re

    _, pack = built
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pack), "-"], capture_output=True, text=True
    ).stdout
    for number, page in enumerate(html.split("<page ")[1:], 1):
        words = [
            (float(a), float(b), float(c), float(d), t)
            for a, b, c, d, t in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page
            )
        ]
        stamp = next(w for w in words if w[4] == "Pack")
        line = [w for w in words if abs(w[3] - stamp[3]) < 4 and w[0] < stamp[0]]
        assert line, f"page {number}: the stamp is on no footer line"
        assert all(w[2] + 4 < stamp[0] for w in line), number  # clear of the footer's text


def test_the_agenda_gives_the_page_where_each_paper_starts(built):
    agenda, pack = built
    rows = docx.Document(str(agenda)).tables[0].rows[1:]
    pages = [int(row.cells[4].text) for row in rows]
    reader = PdfReader(str(pack))
    items = [o for o in reader.outline if not isinstance(o, list) and o.title.startswith("Item ")]
    assert len(items) == len(rows) == 4
    assert pages == [reader.get_destination_page_number(o) + 1 for o in items]


def test_the_annual_reports_contents_list_gives_its_pages_in_the_meeting_pack(built):
    """The annual report has a contents list (`contents: yes`): in the meeting's pack,
    as in its own, each entry gives the page of the paper its heading opens on."""
    agenda, pack = built
    rows = docx.Document(str(agenda)).tables[0].rows[1:]
    start = int(rows[2].cells[4].text)  # item 3: the annual report
    first = _page_text(pack, start)
    if "Contents" not in first:
        first = _page_text(pack, start + 1)
    entries = re.findall(r"(Theme \d[^.\n]*?)\s*\.{3,}\s*(\d+)", first)
    assert len(entries) >= 1, first
    for title, page in entries:
        words = " ".join(title.split()[:3])
        opened = " ".join(_page_text(pack, start + int(page) - 1).split())
        assert words in opened, (title, page)


def test_the_outline_lists_each_item_with_its_papers_headings(built):
    _, pack = built
    reader = PdfReader(str(pack))
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[:2] == ["Cover", "Agenda"]
    first_item = outline.index(
        next(o for o in outline if not isinstance(o, list) and o.title.startswith("Item 1"))
    )
    parts = outline[first_item + 1]
    assert isinstance(parts, list)
    paper, headings = parts[0], parts[1]
    assert paper.title.startswith("Performance Report")
    assert isinstance(headings, list) and headings  # the paper's own headings under it
    assert any(p.title.startswith("Appendix A") for p in parts if not isinstance(p, list))


def test_the_pack_passes_pdfua_and_every_page_is_marked_once_and_numbered(built):
    _, pack = built
    assert_pdfua(pack)
    pages = len(PdfReader(str(pack)).pages)
    for number in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pack), "-"],
            capture_output=True,
            text=True,
        ).stdout
        lines = [line.strip() for line in text.splitlines()]
        marked = sum(x in ("OFFICIAL", "OFFICIAL – ILLUSTRATIVE DATA") for x in lines)
        assert 1 <= marked <= 2, (number, marked)  # illustrative: test_illustrative.py
        assert f"Pack page {number} of {pages}" in lines, number


@needs_shared(STRICT)
def test_the_pack_passes_pdfua_strict_with_every_font_embedded(built):
    """Every paper's tags kept and put right in the merge: the role maps joined (every
    custom type mapped, no standard type remapped), the links in Link elements with
    their parent-tree keys moved with their pages, each Note with an ID; the page
    stamp in the embedded house font, no Helvetica selected."""
    import pikepdf

    _, pack = built
    assert_strict(pack)
    with pikepdf.open(pack) as pdf:
        role_map = pdf.Root.StructTreeRoot.RoleMap
        assert {"/caption", "/Numbered Paragraph", "/Table Text"} <= set(role_map.keys())
        assert "/Table" not in role_map and "/H1" not in role_map
        assert (
            str(pdf.docinfo.Title)
            == "Strategic Policing and Crime Board, 10 May 2022: meeting pack"
        )
        assert b"board pack" not in pdf.Root.Metadata.read_bytes()  # nor in the XMP title


@pytest.mark.parametrize("trouble", ["missing", "encrypted", "damaged"])
def test_a_paper_that_cannot_be_included_is_one_error_naming_its_item(tmp_path, capsys, trouble):
    soffice()
    folder = tmp_path / "meetings"
    shutil.copytree(ROOT / "meetings", folder)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    meeting = folder / "2022-05-10.yaml"
    text = meeting.read_text(encoding="utf-8")
    bad = folder / "papers" / "bad.pdf"
    if trouble == "encrypted":
        import pikepdf

        source = pikepdf.new()
        source.add_blank_page()
        source.save(bad, encryption=pikepdf.Encryption(owner="o", user="u"))
    elif trouble == "damaged":
        bad.write_bytes(b"%PDF-1.7 this is not a PDF")
    target = "papers/bad.pdf" if trouble != "missing" else "papers/nowhere.docx"
    meeting.write_text(
        text.replace("papers/estates-strategy-update.docx", target), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["meeting", "build", str(meeting), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and ": error: " in err[0]
    if trouble == "missing":
        assert err[0].startswith(f"{meeting}:") and "the paper of item 4" in err[0]
    else:
        assert "item 4" in err[0] and ("encrypted" in err[0] or "cannot be read" in err[0])
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize(
    "change, message",
    [
        (("purpose: for decision", "purpose: for decisoin"), "did you mean 'for decision'"),
        (("venue:", "venu:"), "unknown key 'venu'"),
        (("email: spcb.", "email: spcb "), "the contact's email"),
        (("  phone: 0121", "  fax: 0121"), "unknown key 'fax' in the contact"),
        (("papers/estates-strategy-update.docx", "papers/not-a-zip.docx"), "item 4"),
        (("papers/estates-strategy-update.docx", "papers/notes.txt"), "item 4"),
        (
            ("papers/estates-strategy-update.docx", "papers/half.docx"),
            "the paper of item 4 (A paper from outside, given as a Word file (stand-in)): "
            "word/document.xml is not well-formed XML",
        ),
    ],
)
def test_a_bad_meeting_file_or_paper_leaves_the_last_pack_as_it_was(
    built, tmp_path, capsys, change, message
):
    folder = tmp_path / "meetings"
    shutil.copytree(ROOT / "meetings", folder)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (folder / "papers" / "not-a-zip.docx").write_bytes(b"PK\x03\x04 but nothing after")
    (folder / "papers" / "notes.txt").write_text("minutes\n", encoding="utf-8")
    with (  # a Word file cut off halfway through its text: refused at the XML door
        zipfile.ZipFile(folder / "papers" / "estates-strategy-update.docx") as whole,
        zipfile.ZipFile(folder / "papers" / "half.docx", "w") as half,
    ):
        for info in whole.infolist():
            data = whole.read(info)
            half.writestr(
                info, data[: len(data) // 2] if info.filename == "word/document.xml" else data
            )
    meeting = folder / "2022-05-10.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert change[0] in text
    meeting.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = {}
    for made in built:
        shutil.copy(made, out / made.name)
        before[made.name] = made.read_bytes()
    assert main(["meeting", "build", str(meeting), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{meeting}:") and ": error: " in err[0], err
    assert message in err[0], err[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_unchanged_paper_is_not_converted_again(built, tmp_path, monkeypatch):
    from boardpaper.writers import pack

    folder = tmp_path / "meetings"
    shutil.copytree(ROOT / "meetings", folder)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    meeting = folder / "2022-05-10.yaml"
    converted: list[str] = []
    real = pack.to_pdfs

    def counting(documents, soffice):
        converted.extend(documents)
        return real(documents, soffice)

    monkeypatch.setattr(pack, "to_pdfs", counting)
    out = tmp_path / "out"
    assert main(["meeting", "build", str(meeting), "-o", str(out)]) == 0
    assert converted == []  # everything as the `built` fixture converted it
    assert (out / "2022-05-10-pack.pdf").read_bytes() == built[1].read_bytes()

    kpi = tmp_path / "content" / "2021-10-pcp-kpi-report" / "paper.yaml"
    text = kpi.read_text(encoding="utf-8")
    kpi.write_text(text.replace("Purpose of paper", "Purpose of this paper", 1), encoding="utf-8")
    assert main(["meeting", "build", str(meeting), "-o", str(out)]) == 0
    assert converted == ["item2"]  # only the paper that changed
    assert (out / "2022-05-10-pack.pdf").read_bytes() != built[1].read_bytes()


def test_the_agenda_comes_from_the_agenda_template_of_the_meetings_project(tmp_path, capsys):
    """A secretariat restyles templates/spcb-agenda.docx in Word; a broken field in it is
    one error naming the template."""
    from boardpaper.oxml.house import agenda_template_package

    from .conftest import edited_package

    soffice()
    folder = tmp_path / "meetings"
    shutil.copytree(ROOT / "meetings", folder)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / ".git").mkdir()  # the project's root: templates/ is looked for up to here
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "spcb-agenda.docx"

    def restyled(old: str, new: str) -> bytes:
        return edited_package(agenda_template_package(), "word/document.xml", old, new)

    template.write_bytes(restyled(">Agenda<", ">Order of business<"))
    meeting = folder / "2022-05-10.yaml"
    out = tmp_path / "out"
    assert main(["meeting", "build", str(meeting), "-o", str(out)]) == 0
    agenda = docx.Document(str(out / "2022-05-10-agenda.docx"))
    assert "Order of business" in [p.text for p in agenda.paragraphs]
    assert [row.cells[0].text for row in agenda.tables[0].rows] == ["Item", "1", "2", "3", "4"]

    template.write_bytes(restyled("{{ venue }}", "{{ venue }"))
    capsys.readouterr()
    before = (out / "2022-05-10-pack.pdf").read_bytes()
    assert main(["meeting", "build", str(meeting), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(
        f"{template}: error: a field of the template is not closed"
    ), err
    assert (out / "2022-05-10-pack.pdf").read_bytes() == before


def test_an_untagged_pdf_from_outside_is_included_with_a_warning_and_status_1(
    built, tmp_path, capsys
):
    """Papers from outside are often untagged; the pack is made (the board needs it) but
    the build says its pages cannot be read by a screen reader, and exits 1."""
    from reportlab.pdfgen.canvas import Canvas

    folder = tmp_path / "meetings"
    shutil.copytree(ROOT / "meetings", folder)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    canvas = Canvas(str(folder / "papers" / "scanned.pdf"), invariant=1)
    canvas.drawString(72, 720, "Estates strategy update, as printed")
    canvas.save()
    meeting = folder / "2022-05-10.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(
        text.replace("papers/estates-strategy-update.docx", "papers/scanned.pdf"), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["meeting", "build", str(meeting), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "estates-strategy" in row)
    assert len(err) == 1 and err[0].startswith(f"{meeting}:{line}:"), err
    assert ": warning: " in err[0] and "without tags" in err[0]
    import pikepdf

    with pikepdf.open(out / "2022-05-10-pack.pdf") as pdf:  # it does not claim PDF/UA
        assert b"pdfuaid:part" not in pdf.Root.Metadata.read_bytes()
    with pikepdf.open(built[1]) as pdf:  # the all-tagged pack does
        assert b"pdfuaid:part>1<" in pdf.Root.Metadata.read_bytes()


def test_an_appendix_with_no_content_is_a_warning_at_its_item_not_left_out_silently(
    tmp_path, capsys
):
    """An appendix named in a paper with neither scorecard nor file is not in the pack:
    the paper's own pack says so, and so does the meeting's (it said nothing before)."""
    soffice()
    folder = tmp_path / "meetings"
    shutil.copytree(ROOT / "meetings", folder)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    paper = tmp_path / "content" / "2022-05-performance-report" / "paper.yaml"
    text = paper.read_text(encoding="utf-8")
    anchor = "    file: appendix-b.docx\n"
    assert anchor in text
    paper.write_text(
        text.replace(anchor, anchor + "  - Responses to the super-complaint (to follow)\n"),
        encoding="utf-8",
    )
    meeting = folder / "2022-05-10.yaml"
    lines = meeting.read_text(encoding="utf-8").splitlines()
    first = next(n for n, row in enumerate(lines, 1) if "2022-05-performance-report" in row)
    out = tmp_path / "out"
    assert main(["meeting", "build", str(meeting), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"{meeting}:{first}:"), err
    assert "item 1: Appendix C has no scorecard or file, so it is not in the board pack" in err[0]
    assert (out / "2022-05-10-pack.pdf").exists()


def test_the_meeting_web_page_links_each_paper_and_axe_finds_no_violation(built, browser):  # noqa: F811
    import html5lib

    out = built[0].parent
    page = out / "2022-05-10.html"
    root = html5lib.HTMLParser(strict=True).parse(page.read_bytes())
    h = "{http://www.w3.org/1999/xhtml}"
    assert root.get("lang") == "en-GB" and len(list(root.iter(f"{h}h1"))) == 1
    for landmark in ("header", "main", "footer"):
        assert len(list(root.iter(f"{h}{landmark}"))) == 1
    marks = [p for p in root.iter(f"{h}p") if p.get("class") == "marking"]
    assert [p.text for p in marks] == ["OFFICIAL", "OFFICIAL"]
    rows = list(next(root.iter(f"{h}tbody")).iter(f"{h}tr"))
    links = [next(row.iter(f"{h}a")).get("href") for row in rows]
    assert links[:3] == [
        "2022-05-performance-report.html",
        "2021-10-pcp-kpi-report.html",
        "2021-09-annual-report.html",
    ]
    assert links[3].endswith(".docx")
    assert all((out / link).is_file() for link in links)
    browser.set_window_size(1200, 900)
    browser.get(page.as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(function (r) { done(r); }).catch(function (e) { done({error: String(e)}); });",
        RULES,
    )
    assert "error" not in result, result
    assert [(v["id"], v["nodes"][0]["html"][:200]) for v in result["violations"]] == []
    browser.set_window_size(320, 800)
    width, client = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client, "horizontal scrolling at 320 px"
