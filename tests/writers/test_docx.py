"""The example paper's .docx, opened with python-docx and checked in its XML."""

from __future__ import annotations

import itertools
import zipfile

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn

from boardpaper import pipeline
from boardpaper.content.schema import load_paper
from boardpaper.oxml.bookmarks import bookmark_name

from ..conftest import VALIDATOR, needs_shared, ooxml_errors


@pytest.fixture(scope="module")
def document(built_docx):
    return docx.Document(str(built_docx))


def numbered(document):
    return [p for p in document.paragraphs if p.style.style_id == "NumberedParagraph"]


def test_79_paragraphs_carry_the_numbered_style_and_no_direct_numbering(document):
    paras = numbered(document)
    assert len(paras) == 79
    for p in paras:
        assert p._p.pPr.numPr is None, "numbers must come from the style, not each paragraph"


def test_the_numbered_style_points_at_one_list_that_is_never_restarted(document):
    style = document.styles.get_by_id("NumberedParagraph", 1).element
    num_id = int(style.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0])
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(num_id)
    assert not num.xpath("./w:lvlOverride"), "no start override on the paragraph list"
    abstract = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{num.abstractNumId.val}"]')[0]
    level = abstract.xpath('./w:lvl[@w:ilvl="0"]', namespaces=nsmap)[0]
    assert level.xpath("./w:numFmt/@w:val", namespaces=nsmap) == ["decimal"]
    assert level.xpath("./w:lvlText/@w:val", namespaces=nsmap) == ["%1."]
    assert level.xpath("./w:start/@w:val", namespaces=nsmap) == ["1"]
    # No paragraph anywhere in the body restarts or re-points the list.
    body = document.element.body
    assert not body.xpath(f'.//w:numPr[w:numId/@w:val="{num_id}"]')


def test_headings_use_heading_styles_in_order(document):
    levels = [
        int(p.style.style_id[-1])
        for p in document.paragraphs
        if p.style.style_id.startswith("Heading")
    ]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    heads = [p.text for p in document.paragraphs if p.style.style_id == "Heading1"]
    assert heads == [
        "Purpose of paper",
        "National Policing Priorities – West Midlands Police Statement",
        "National Policing Priorities – West Midlands Police and Crime Commissioner Statement",
    ]


def test_cover_block(document):
    texts = [p.text for p in document.paragraphs[:5]]
    assert texts == [
        "Strategic Policing and Crime Board",
        "May 2022",
        "Police and Crime Plan Priority: Regular Item",
        "Title: Performance Report – National Policing Priorities and Police and Crime Plan "
        "Scorecard",
        "Presented by: Deputy Chief Constable Vanessa Jardine & Mark Kenyon",
    ]
    assert not any("{{" in p.text or "{%" in p.text for p in document.paragraphs)


def test_bullets_and_letters(document):
    styles = [p.style.style_id for p in document.paragraphs]
    assert styles.count("ListLetter") == 2
    assert styles.count("ListBullet") == 7 + 5 + 6


def test_every_numbered_paragraph_has_a_bookmark_named_from_its_id(document, example_dir):
    ids = [p.id for p in load_paper(example_dir).paragraphs()]
    names = []
    for p in numbered(document):
        starts = p._p.xpath("./w:bookmarkStart")
        assert len(starts) == 1
        start = starts[0]
        assert start.getprevious().tag == qn("w:pPr")
        end = p._p[-1]
        assert end.tag == qn("w:bookmarkEnd") and end.get(qn("w:id")) == start.get(qn("w:id"))
        names.append(start.get(qn("w:name")))
    assert names == [bookmark_name(i) for i in ids]
    assert len(set(names)) == 79 and all(len(n) <= 40 for n in names)


def test_bookmark_names_are_valid_and_distinct_for_long_ids():
    a = bookmark_name("a-very-long-paragraph-identifier-that-goes-on-1")
    b = bookmark_name("a-very-long-paragraph-identifier-that-goes-on-2")
    assert a != b and len(a) <= 40 and a[0].isalpha()


def test_five_real_footnotes_with_links(document):
    part = document.part.part_related_by(RT.FOOTNOTES)
    notes = [f for f in part.element.xpath("./w:footnote") if f.get(qn("w:type")) is None]
    assert [f.get(qn("w:id")) for f in notes] == ["1", "2", "3", "4", "5"]
    refs = document.element.body.xpath(".//w:footnoteReference/@w:id")
    assert refs == ["1", "2", "3", "4", "5"]
    first = notes[0]
    assert first.xpath("./w:p/w:pPr/w:pStyle/@w:val") == ["FootnoteText"]
    assert first.xpath(".//w:footnoteRef")
    rid = first.xpath(".//w:hyperlink/@r:id")[0]
    assert part.rels[rid].target_ref.startswith("https://www.unodc.org/")
    assert (
        "".join(first.xpath(".//w:t/text()")).strip()
        == "Homicide_report_press_release.pdf (unodc.org)"
    )
    # the reference run is styled as a footnote reference
    ref_run = document.element.body.xpath(".//w:r[w:footnoteReference]")[0]
    assert ref_run.xpath("./w:rPr/w:rStyle/@w:val") == ["FootnoteReference"]


def test_properties(document):
    props = document.core_properties
    assert props.title.startswith("Performance Report – National Policing Priorities")
    assert props.language == "en-GB"
    assert props.created.year == 2022 and props.created == props.modified
    assert props.subject and props.author and props.keywords
    langs = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert langs == ["en-GB"]


def test_page_is_a4_with_marking_and_page_x_of_y(document):
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert section.left_margin.cm == pytest.approx(2.54, abs=0.01)
    assert "OFFICIAL – ILLUSTRATIVE DATA" in [p.text for p in section.header.paragraphs]
    footer = section.footer._element
    instructions = [t.strip() for t in footer.xpath(".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "OFFICIAL – ILLUSTRATIVE DATA" in [p.text for p in section.footer.paragraphs]


def test_rebuild_is_byte_identical(example_dir, built_docx, tmp_path):
    again = pipeline.build(example_dir, tmp_path).outputs[0]
    assert again.read_bytes() == built_docx.read_bytes()
    with zipfile.ZipFile(again) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_text_is_escaped_not_injected(tmp_path):
    from ..conftest import MINIMAL, write_paper

    folder = write_paper(
        tmp_path / "p", MINIMAL.replace("The first paragraph.", "'Tom & Jerry <w:p/> said \"hi\"'")
    )
    out = pipeline.build(folder, tmp_path / "out").outputs[0]
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert 'Tom & Jerry <w:p/> said "hi"' in texts


def test_the_house_template_defines_every_style_the_writer_names():
    import io

    from boardpaper.oxml import style_ids
    from boardpaper.oxml.house import template_package
    from boardpaper.oxml.styles import on_demand_styles

    defined = {s.style_id for s in docx.Document(io.BytesIO(template_package())).styles}
    defined |= set(on_demand_styles())  # added to a paper that uses them (case studies)
    named = {
        *style_ids.HEADING.values(),
        *style_ids.BULLETS,
        *(
            value
            for name, value in vars(style_ids).items()
            if name.isupper() and isinstance(value, str)
        ),
    }
    assert named and named <= defined, named - defined


@needs_shared(VALIDATOR)
@pytest.mark.parametrize(
    "name", ["2022-05-performance-report", "2021-09-annual-report", "2021-10-pcp-kpi-report"]
)
def test_every_example_passes_the_schemas_word_enforces(name, tmp_path):
    from boardpaper import pipeline

    from ..conftest import ROOT

    built = pipeline.build(ROOT / "content" / name, tmp_path).outputs[0]
    assert ooxml_errors(built) == ""


def test_statements_open_a_new_page_and_lead_ins_keep_with_their_lists(document):
    paragraphs = document.paragraphs
    breaks = [
        p.text
        for p in paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pageBreakBefore")) is not None
    ]
    assert breaks == [
        "National Policing Priorities – West Midlands Police Statement",
        "National Policing Priorities – West Midlands Police and Crime Commissioner Statement",
    ]
    for p, following in itertools.pairwise(paragraphs):
        if p.style.style_id == "NumberedParagraph" and following.style.style_id in (
            "ListBullet",
            "ListLetter",
        ):
            assert p._p.pPr.find(qn("w:keepNext")) is not None, p.text[:60]


def test_a_heading_with_nothing_under_it_is_a_warning(tmp_path):
    from boardpaper import checking

    from ..conftest import MINIMAL, write_paper

    folder = write_paper(tmp_path / "p", MINIMAL + "  - heading: An empty section\n")
    findings = checking.check(folder)
    assert any("'An empty section' has nothing under it" in f.message for f in findings)


def test_a_template_field_left_open_is_refused_not_swallowed(tmp_path, capsys):
    """jinja would read `{{ marking }` on to the next `}}`, dropping what lies between."""
    from boardpaper.cli import main
    from boardpaper.oxml.house import template_package

    from ..conftest import EXAMPLE, edited_package

    template = tmp_path / "house.docx"
    template.write_bytes(
        edited_package(template_package(), "word/header1.xml", "{{ marking }}", "{{ marking }")
    )
    code = main(["build", str(EXAMPLE), "--template", str(template), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1, err
    assert err[0].startswith(f"{template}: error: a field of the template is not closed")
    assert not any((tmp_path / "o").iterdir())  # made before any work, and left empty
