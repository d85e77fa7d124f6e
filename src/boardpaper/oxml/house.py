"""The SPCB house template as a package of parts: cover, styles, lists, page.

`template_package()` returns the bytes of `templates/spcb-paper.docx`: A4 with
2.54 cm margins, the cover block as docxtpl fields, a header and footer with
the protective marking and "Page X of Y", the styles of `styles.py`, the lists
of `numbering.py`, an empty footnotes part, and one anchor paragraph
`{{p body }}` where the writer builds the body.
"""

from __future__ import annotations

from .fields import field_runs
from .footnotes import footnotes_part_xml
from .ns import nsdecls
from .numbering import numbering_part_xml
from .package import zip_members
from .styles import styles_part_xml

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: part name → (content type, relationship type from the document, rId)
_PARTS = {
    "styles.xml": (f"{MAIN}.styles+xml", "styles", "rId1"),
    "numbering.xml": (f"{MAIN}.numbering+xml", "numbering", "rId2"),
    "settings.xml": (f"{MAIN}.settings+xml", "settings", "rId3"),
    "footnotes.xml": (f"{MAIN}.footnotes+xml", "footnotes", "rId4"),
    "header1.xml": (f"{MAIN}.header+xml", "header", "rId5"),
    "footer1.xml": (f"{MAIN}.footer+xml", "footer", "rId6"),
}


def _p(style: str, body: str, extra_ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra_ppr}</w:pPr>{body}</w:p>'


def _r(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _control(tag: str) -> str:
    """A docxtpl paragraph tag ({%p … %}): the paragraph is removed on render."""
    return f"<w:p>{_r(tag)}</w:p>"


def _optional(field: str, label: str, style: str = "CoverField") -> str:
    return (
        _control(f"{{%p if {field} %}}")
        + _p(style, _r(label, bold=True) + _r(f"{{{{ {field} }}}}"))
        + _control("{%p endif %}")
    )


def document_xml() -> str:
    cover = (
        _p("Board", _r("{{ board }}"))
        + _p("Board", _r("{{ meeting }}"))
        + _optional("priority", "Police and Crime Plan Priority: ")
        + _p("Title", _r("Title: {{ title }}"))
        + _optional("presented_by", "Presented by: ")
    )
    body = _p("Normal", _r("{{p body }}"))
    return (
        XML_HEAD
        + f"<w:document {nsdecls('w', 'r')}><w:body>{cover}{body}{_section()}"
        + "</w:body></w:document>"
    )


def _section() -> str:
    """A4, 2.54 cm margins, the house header and footer."""
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId5"/>'
        '<w:footerReference w:type="default" r:id="rId6"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="709" '
        'w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
        "</w:sectPr>"
    )


def agenda_document_xml() -> str:
    """The agenda: the meeting, its title as Heading 1 and the items as Heading 2 (the
    structure a screen reader lists), then a table in the body size (12 pt) with a row
    for each item (a docxtpl `{%tr for %}` row) and the page where its paper starts in
    the meeting pack."""
    from lxml import etree

    from .parser import parse_xml
    from .tables import table

    head = ("Item", "Title", "Presented by", "Purpose", "Page")
    fields = tuple(
        f"{{{{ item.{name} }}}}" for name in ("number", "title", "presenter", "purpose", "page")
    )
    rows = [("{%tr for item in items %}", "", "", "", ""), fields, ("{%tr endfor %}",) + ("",) * 4]
    grid = table(head, rows, (True, False, False, False, True), widths=AGENDA_WIDTHS)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for run in grid.iter(f"{w}r"):  # the body size (12 pt), not the papers' 9 pt tables
        size = parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>')
        run.insert(0, size)
    cover = (
        _p("Board", _r("{{ board }}"))
        + _p("Board", _r("{{ meeting }}"))
        + _p("Heading1", _r("Agenda"))
        + _p("CoverField", _r("Time and place: ", bold=True) + _r("{{ when }}, {{ venue }}"))
        + _optional("attendees", "Present: ")
        + _optional("apologies", "Apologies: ")
        + _p("Heading2", _r("Agenda items"))
    )
    return (
        XML_HEAD
        + f"<w:document {nsdecls('w', 'r')}><w:body>{cover}"
        + etree.tostring(grid, encoding="unicode")
        + _p("Normal", "")
        + _section()
        + "</w:body></w:document>"
    )


#: twips: Item, Title, Presented by, Purpose, Page (the text width, 9026, in all; "Item"
#: and "Page" in 12 pt bold, with the cell's margins, on one line)
AGENDA_WIDTHS = (820, 3680, 2140, 1566, 820)


def header_xml() -> str:
    agenda = (
        _control("{%p if agenda_item %}")
        + _p("Header", _r("Agenda Item {{ agenda_item }}"), '<w:jc w:val="right"/>')
        + _control("{%p endif %}")
    )
    marking = (
        _control("{%p if marking %}") + _p("Header", _r("{{ marking }}")) + _control("{%p endif %}")
    )
    return XML_HEAD + f"<w:hdr {nsdecls('w', 'r')}>{agenda}{marking}</w:hdr>"


def footer_xml() -> str:
    page = _p("Footer", _r("Page ") + field_runs("PAGE") + _r(" of ") + field_runs("NUMPAGES"))
    marking = (
        _control("{%p if marking %}") + _p("Footer", _r("{{ marking }}")) + _control("{%p endif %}")
    )
    return XML_HEAD + f"<w:ftr {nsdecls('w', 'r')}>{page}{marking}</w:ftr>"


def settings_xml(language: str = "en-GB") -> str:
    return XML_HEAD + (
        f'<w:settings {nsdecls("w", "r")}><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        f'<w:themeFontLang w:val="{language}"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def _content_types() -> str:
    overrides = "".join(
        f'<Override PartName="/word/{n}" ContentType="{ct}"/>' for n, (ct, _, _) in _PARTS.items()
    )
    return XML_HEAD + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{MAIN}.document.main+xml"/>'
        f"{overrides}"
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


def _package_rels() -> str:
    return XML_HEAD + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{RELS}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def _document_rels() -> str:
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{RELS}/{kind}" Target="{n}"/>'
        for n, (_, kind, rid) in _PARTS.items()
    )
    return XML_HEAD + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships">{rels}</Relationships>'
    )


def _core() -> str:
    return XML_HEAD + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
        'XMLSchema-instance"><dc:title>Strategic Policing and Crime Board paper</dc:title>'
        "<dc:language>en-GB</dc:language><dc:creator>boardpaper</dc:creator>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2022-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2022-01-01T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app() -> str:
    return XML_HEAD + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
        '2006/extended-properties"><Application>boardpaper</Application>'
        "</Properties>"
    )


def template_package() -> bytes:
    """The bytes of the house template .docx (deterministic)."""
    return _package(document_xml())


def agenda_template_package() -> bytes:
    """The bytes of `templates/spcb-agenda.docx`: the agenda in the house style."""
    return _package(agenda_document_xml())


def _package(document: str) -> bytes:
    members = [
        ("[Content_Types].xml", _content_types()),
        ("_rels/.rels", _package_rels()),
        ("docProps/core.xml", _core()),
        ("docProps/app.xml", _app()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", _document_rels()),
        ("word/styles.xml", styles_part_xml()),
        ("word/numbering.xml", numbering_part_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/footnotes.xml", footnotes_part_xml()),
        ("word/header1.xml", header_xml()),
        ("word/footer1.xml", footer_xml()),
    ]
    return zip_members((n, d.encode("utf-8") if isinstance(d, str) else d) for n, d in members)
