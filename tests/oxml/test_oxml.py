"""The oxml builders: schema order and structure of the fragments they make."""

import pytest
from docx.oxml.ns import qn

from boardpaper.oxml import bookmarks, numbering, runs
from boardpaper.oxml.footnotes import footnotes_part_xml
from boardpaper.oxml.parser import parse_xml


def test_run_properties_in_schema_order():
    r = runs.run(" a & b ", bold=True, italic=True, style="Hyperlink")
    tags = [c.tag for c in r.rPr]
    assert tags == [qn("w:rStyle"), qn("w:b"), qn("w:bCs"), qn("w:i"), qn("w:iCs")]
    assert r.text == " a & b "


def test_footnotes_are_numbered_after_the_separators():
    notes = parse_xml(footnotes_part_xml())
    assert notes.next_id() == 1
    assert notes.add_footnote([runs.run("one")]) == 1
    assert notes.add_footnote([runs.run("two")]) == 2
    second = notes.xpath('./w:footnote[@w:id="2"]')[0]
    assert [c.tag for c in second[0]][:3] == [qn("w:pPr"), qn("w:r"), qn("w:r")]
    assert second.xpath(".//w:footnoteRef")


def test_bookmark_goes_after_paragraph_properties():
    p = parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:pPr><w:pStyle w:val="X"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    )
    bookmarks.wrap_paragraph(p, 7, "bp_x")
    assert [c.tag for c in p] == [
        qn("w:pPr"),
        qn("w:bookmarkStart"),
        qn("w:r"),
        qn("w:bookmarkEnd"),
    ]
    assert bookmarks.max_id(p) == 7


def test_numbering_part_defines_three_lists_and_a_restart_is_a_new_num():
    from docx.oxml.numbering import CT_Numbering  # noqa: F401  (element class)

    part = parse_xml(numbering.numbering_part_xml())
    assert [n.numId for n in part.num_lst] == [1, 2, 3]
    new = numbering.restarted(part, numbering.NUM_LETTERS)
    num = part.num_having_numId(new)
    assert num.abstractNumId.val == 2
    assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]


def test_short_columns_keep_room_for_their_longest_word_when_a_long_column_wraps():
    from boardpaper.oxml.tables import CHAR, PAD, TABLE_WIDTH, column_widths

    header = ("Item", "Title", "Presented by", "Purpose", "Page")
    rows = [
        ("1", "A title " * 12, "Deputy Chief Constable Vanessa Jardine", "for information", "23")
    ]
    widths = column_widths(header, rows)
    assert sum(widths) == TABLE_WIDTH
    for width, word in zip(widths, ("Item", "Title", "Constable", "information", "Page")):
        assert width >= len(word) * CHAR + PAD, (word, width)
    assert widths[1] == max(widths)  # the long text column takes what is left


def test_columns_that_fit_on_one_line_share_the_width_by_their_longest_cell():
    from boardpaper.oxml.tables import TABLE_WIDTH, column_widths

    widths = column_widths(("Year", "DA", "Trafficking"), [("2016/17", "22,549", "–")])
    assert sum(widths) == TABLE_WIDTH and widths[2] > widths[1]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("word/document.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
        ("word/main.dat", b'<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><x>&a;</x>'),
        (
            "word/u16.bin",
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode(
                "utf-16"
            ),
        ),
    ],
)
def test_a_package_from_outside_with_a_doctype_in_any_part_is_refused(name, body):
    """The XML door (xmlsafe.parse_untrusted) sees every part any reader may parse as
    XML, whatever its name or encoding, before docxtpl or LibreOffice opens the file."""
    import io
    import zipfile

    from boardpaper.oxml.house import template_package
    from boardpaper.oxml.sanitize import NotAPackage, clean

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template_package())) as house, zipfile.ZipFile(out, "w") as z:
        for info in house.infolist():
            if info.filename != name:
                z.writestr(info, house.read(info))
        z.writestr(name, body)
    with pytest.raises(NotAPackage, match=f"{name} declares a DOCTYPE or entities"):
        clean(out.getvalue(), "the template")
