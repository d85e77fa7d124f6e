"""styles.xml of the SPCB house template.

Arial 12 pt, en-GB, paragraphs spaced by style (never by empty paragraphs).
The numbered body paragraph style carries the paragraph numbering itself, so
numbers are live Word numbering. A secretariat restyles the paper by editing
these styles in Word; the writer only names styles.
"""

from __future__ import annotations

from .ns import nsdecls, qn
from .numbering import NUM_BULLETS, NUM_LETTERS, NUM_PARAGRAPHS

FONT = "Arial"


def _para(
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    based_on: str = "Normal",
    next_style: str | None = None,
    extra: str = "",
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}{nxt}{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _char(style_id: str, name: str, rpr: str) -> str:
    return (
        f'<w:style w:type="character" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
        f"<w:unhideWhenUsed/><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _numbered(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def styles_part_xml(language: str = "en-GB") -> bytes:
    """The whole styles part."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'{fonts}<w:sz w:val="24"/><w:szCs w:val="24"/>'
        f'<w:lang w:val="{language}" w:eastAsia="{language}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    heading = '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="240"/>'
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/><w:pPr/><w:rPr/></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _para(
            "Board",
            "Board",
            '<w:spacing w:after="0"/>',
            '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>',
        ),
        _para("CoverField", "Cover Field", '<w:spacing w:before="240" w:after="0"/>'),
        _para(
            "Title",
            "Title",
            '<w:spacing w:before="240" w:after="0"/>',
            "<w:b/><w:bCs/>",
            next_style="CoverField",
        ),
        _para(
            "Heading1",
            "heading 1",
            heading + '<w:outlineLvl w:val="0"/>',
            '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>',
            next_style="NumberedParagraph",
        ),
        _para(
            "Heading2",
            "heading 2",
            heading + '<w:outlineLvl w:val="1"/>',
            "<w:b/><w:bCs/>",
            next_style="NumberedParagraph",
        ),
        _para(  # as the published papers set an objective: bold body text, but a heading
            "Heading3",
            "heading 3",
            heading + '<w:outlineLvl w:val="2"/>',
            "<w:b/><w:bCs/>",
            next_style="NumberedParagraph",
        ),
        _para(  # a sub-objective: italic body text, but a heading
            "Heading4",
            "heading 4",
            heading + '<w:outlineLvl w:val="3"/>',
            "<w:i/><w:iCs/>",
            next_style="NumberedParagraph",
        ),
        _para(
            "NumberedParagraph",
            "Numbered Paragraph",
            _numbered(NUM_PARAGRAPHS) + '<w:spacing w:after="240"/><w:ind w:left="567" '
            'w:hanging="567"/>',
            next_style="NumberedParagraph",
        ),
        _para(
            "ListBullet",
            "List Bullet",
            _numbered(NUM_BULLETS) + '<w:spacing w:after="120"/><w:ind w:left="1134" '
            'w:hanging="425"/>',
        ),
        _para(
            "ListBullet2",
            "List Bullet 2",
            _numbered(NUM_BULLETS, 1) + '<w:spacing w:after="120"/><w:ind w:left="1701" '
            'w:hanging="425"/>',
        ),
        _para(
            "ListLetter",
            "List Letter",
            _numbered(NUM_LETTERS) + '<w:spacing w:after="120"/><w:ind w:left="1134" '
            'w:hanging="567"/>',
        ),
        _para("BodyText", "Body Text", '<w:spacing w:after="240"/>'),
        _para(
            "AuthorBlock", "Author Block", '<w:keepNext/><w:spacing w:before="240" w:after="0"/>'
        ),
        _para(
            "Header",
            "header",
            '<w:tabs><w:tab w:val="center" w:pos="4513"/>'
            '<w:tab w:val="right" w:pos="9026"/></w:tabs><w:jc w:val="center"/>',
            '<w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        _para(
            "Footer",
            "footer",
            '<w:tabs><w:tab w:val="center" w:pos="4513"/>'
            '<w:tab w:val="right" w:pos="9026"/></w:tabs><w:jc w:val="center"/>',
            '<w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        _para(
            "FootnoteText",
            "footnote text",
            '<w:spacing w:after="0"/>',
            '<w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _char("FootnoteReference", "footnote reference", '<w:vertAlign w:val="superscript"/>'),
        _para(
            "Caption",
            "caption",
            '<w:keepNext/><w:spacing w:before="240" w:after="120"/>',
            "<w:b/><w:bCs/>",
            next_style="Normal",
        ),
        _para(
            "TableText",
            "Table Text",
            '<w:spacing w:before="40" w:after="40"/>',
            '<w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _para(
            "TableHeading",
            "Table Heading",
            '<w:keepNext/><w:spacing w:before="40" w:after="40"/>',
            '<w:b/><w:bCs/><w:sz w:val="18"/><w:szCs w:val="18"/>',
            based_on="TableText",
        ),
        _para(
            "TableSource",
            "Table Source",
            '<w:spacing w:before="60" w:after="240"/>',
            '<w:i/><w:iCs/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _para(  # not "Figure": LibreOffice would tag the paragraph a Figure with no alt text
            "ChartPicture",
            "Chart Picture",
            '<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:jc w:val="center"/>',
        ),
        '<w:style w:type="table" w:styleId="BoardTable"><w:name w:val="Board Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:tcPr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>'
        "</w:style>",
        _char("Hyperlink", "Hyperlink", '<w:color w:val="0563C1"/><w:u w:val="single"/>'),
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:styles {nsdecls('w')}>{defaults}{''.join(styles)}</w:styles>"
    ).encode()


#: a case study's box: shading, which Word and LibreOffice join over its paragraphs (no
#: border: LibreOffice draws paragraph borders as untagged content, failing PDF/UA)
_BOX = '<w:shd w:val="clear" w:color="auto" w:fill="DCE6F2"/>'
_BOX_IND = '<w:ind w:left="170" w:right="170"/>'
#: a contents entry's page number at the right margin, dots leading to it
_TOC_TAB = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9016"/></w:tabs>'


def on_demand_styles() -> dict[str, str]:
    """Styles the writer adds to a paper only when it uses them (so papers without
    them build as before, and an organisation's template needs none of them): style id
    → its `w:style` XML. A case study's title is a heading by its paragraph's outline
    level (one below the heading it stands under), set by the writer."""
    return {
        "CaseStudyTitle": _para(
            "CaseStudyTitle",
            "Case Study Title",
            "<w:keepNext/><w:keepLines/>" + _BOX + '<w:spacing w:before="240" w:after="120"/>'
            f"{_BOX_IND}",
            "<w:b/><w:bCs/>",
            next_style="CaseStudyText",
        ),
        "CaseStudyText": _para(
            "CaseStudyText",
            "Case Study Text",
            _BOX + f'<w:spacing w:after="120"/>{_BOX_IND}',
            next_style="CaseStudyText",
        ),
        # the contents list (oxml/contents.py): Word's own style names, so Word's Update
        # Field keeps them; the heading is not a heading level (the list would name itself)
        "TOCHeading": _para(
            "TOCHeading",
            "TOC Heading",
            '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="240"/>',
            '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>',
            next_style="Normal",
        ),
        "TOC1": _para(
            "TOC1", "toc 1", _TOC_TAB + '<w:spacing w:after="100"/>', next_style="Normal"
        ),
        "TOC2": _para(
            "TOC2",
            "toc 2",
            _TOC_TAB + '<w:spacing w:after="100"/><w:ind w:left="284"/>',
            next_style="Normal",
        ),
    }


def add_on_demand(styles, style_id: str) -> None:
    """Define `style_id` (of `on_demand_styles`) in a styles part that lacks it."""
    from .parser import parse_xml

    if styles.xpath(f'./w:style[@w:styleId="{style_id}"]'):
        return
    xml = on_demand_styles()[style_id].replace("<w:style ", f"<w:style {nsdecls('w')} ", 1)
    styles.append(parse_xml(xml))


def set_default_language(styles, language: str) -> None:
    """Set the language of the document defaults (`w:docDefaults/…/w:lang`)."""
    for lang in styles.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        lang.set(qn("w:val"), language)


def paragraph_style_ids() -> frozenset[str]:
    """The ids of every paragraph style the house template defines (cover fields,
    captions and sources as well as the body's): a reviewer's paragraph in one of them
    was not pasted from elsewhere."""
    import re

    xml = styles_part_xml().decode("utf-8") + "".join(on_demand_styles().values())
    return frozenset(re.findall(r'<w:style w:type="paragraph"[^>]*w:styleId="([^"]+)"', xml))
