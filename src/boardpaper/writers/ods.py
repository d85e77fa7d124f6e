"""A spreadsheet as OpenDocument (ODS, ODF 1.2), written as XML without a library.

An ODS file is a zip: `mimetype` first and stored uncompressed, then the manifest,
`content.xml` (the sheets), `styles.xml` and `meta.xml`. The same sheets give the
same bytes: members in a fixed order with a fixed date, the document's dates given
by the caller, never the clock. A cell is text, or a number when the text is a figure
as the paper prints it ("22,549", "83.5", "9.6%"): then it carries the value and a
number format that shows it exactly as printed (grouping and decimals as printed).
No cell is ever a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from ..xmltext import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"'
)
_FIGURE = re.compile(r"^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)$")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Sheet:
    """One sheet: `lines` (a title, then notes) one cell a row, then a table of
    `header` and `rows`; cells of columns marked `numeric` become numbers where they
    are printed figures."""

    name: str
    lines: tuple[str, ...]
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    numeric: tuple[bool, ...] = ()
    widths: tuple[float, ...] = ()  # column widths in cm; default 3 cm (the first 8 cm)


@dataclass(frozen=True)
class Properties:
    title: str
    subject: str = ""
    language: str = "en-GB"
    date: str = "1980-01-01"  # ISO date: the document's creation and modification date


def figure_value(text: str) -> tuple[str, str, int, bool] | None:
    """`(value type, value, decimals, grouped)` of a printed figure, or None for text."""
    found = _FIGURE.match(text)
    if not found:
        return None
    sign, whole, decimals, percent = found.groups()
    number = Decimal(f"{sign}{whole.replace(',', '')}.{decimals or '0'}")
    places = len(decimals or "")
    if percent:
        return "percentage", _plain(number / 100), places, "," in whole
    return "float", _plain(number), places, "," in whole


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def write_ods(sheets: list[Sheet], props: Properties) -> bytes:
    """The ODS bytes of `sheets`, in order."""
    formats: dict[tuple[str, int, bool], str] = {}
    body = "".join(_sheet(s, formats) for s in sheets)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}>'
        f"<office:automatic-styles>{_automatic(formats, sheets)}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    members = [
        ("mimetype", MIMETYPE),
        ("META-INF/manifest.xml", _manifest()),
        ("content.xml", content),
        ("styles.xml", _styles(props)),
        ("meta.xml", _meta(props)),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"), compresslevel=None if stored else 6)
    return out.getvalue()


def _text(value: str) -> str:
    return escape(_XML_BAD.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_XML_BAD.sub("", value))


def _cell(text: str, numeric: bool, style: str, formats: dict) -> str:
    found = figure_value(text) if numeric else None
    if found is None:
        return (
            f'<table:table-cell table:style-name="{style}" office:value-type="string">'
            f"<text:p>{_text(text)}</text:p></table:table-cell>"
        )
    kind, value, places, grouped = found
    key = (kind, places, grouped)
    formats.setdefault(key, f"ce{len(formats) + 1}")
    return (
        f'<table:table-cell table:style-name="{formats[key]}" office:value-type="{kind}" '
        f'office:value="{value}"><text:p>{_text(text)}</text:p></table:table-cell>'
    )


def _row(cells: str) -> str:
    return f"<table:table-row>{cells}</table:table-row>"


def _sheet(sheet: Sheet, formats: dict) -> str:
    cols = "".join(
        f'<table:table-column table:style-name="co{_width_key(w)}"/>' for w in _widths(sheet)
    )
    lines = "".join(
        _row(_cell(line, False, "Title" if i == 0 else "Note", formats))
        for i, line in enumerate(sheet.lines)
    )
    header = _row("".join(_cell(h, False, "Head", formats) for h in sheet.header))
    numeric = sheet.numeric
    rows = "".join(
        _row(
            "".join(
                _cell(text, i < len(numeric) and numeric[i], "Text", formats)
                for i, text in enumerate(row)
            )
        )
        for row in sheet.rows
    )
    return (
        f"<table:table table:name={_attr(sheet.name)}>{cols}{lines}"
        f"{header if sheet.header else ''}{rows}</table:table>"
    )


def _widths(sheet: Sheet) -> list[float]:
    columns = max([len(sheet.header), 1, *(len(r) for r in sheet.rows)])
    return [
        sheet.widths[i] if i < len(sheet.widths) else (8.0 if i == 0 else 3.0)
        for i in range(columns)
    ]


def _width_key(width: float) -> str:
    return f"{round(width * 10):d}"


def _automatic(formats: dict, sheets: list[Sheet]) -> str:
    widths = sorted({_width_key(w) for s in sheets for w in _widths(s)}, key=int)
    out = [
        f'<style:style style:name="co{w}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{int(w) / 10}cm"/></style:style>'
        for w in widths
    ]
    for (kind, places, grouped), name in formats.items():
        data = f"N{name}"
        grouping = ' number:grouping="true"' if grouped else ""
        number = (
            f'<number:number number:decimal-places="{places}" '
            f'number:min-decimal-places="{places}" number:min-integer-digits="1"{grouping}/>'
        )
        if kind == "percentage":
            out.append(
                f'<number:percentage-style style:name="{data}">{number}'
                "<number:text>%</number:text></number:percentage-style>"
            )
        else:
            out.append(f'<number:number-style style:name="{data}">{number}</number:number-style>')
        out.append(
            f'<style:style style:name="{name}" style:family="table-cell" '
            f'style:parent-style-name="Figure" style:data-style-name="{data}"/>'
        )
    return "".join(out)


def _styles(props: Properties) -> str:
    language, _, country = props.language.partition("-")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NS}>'
        "<office:styles>"
        '<style:default-style style:family="table-cell"><style:text-properties '
        f'fo:language="{escape(language)}" fo:country="{escape(country or "none")}" '
        'style:font-name="Arial" fo:font-size="11pt"/></style:default-style>'
        '<style:style style:name="Default" style:family="table-cell"/>'
        '<style:style style:name="Text" style:family="table-cell" '
        'style:parent-style-name="Default"/>'
        '<style:style style:name="Note" style:family="table-cell" '
        'style:parent-style-name="Default"/>'
        '<style:style style:name="Figure" style:family="table-cell" '
        'style:parent-style-name="Default"><style:paragraph-properties fo:text-align="end"/>'
        "</style:style>"
        '<style:style style:name="Title" style:family="table-cell" '
        'style:parent-style-name="Default"><style:text-properties fo:font-size="14pt" '
        'fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Head" style:family="table-cell" '
        'style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/>'
        "</style:style>"
        "</office:styles></office:document-styles>"
    )


def _meta(props: Properties) -> str:
    when = f"{props.date}T00:00:00"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {NS}><office:meta>'
        "<meta:generator>boardpaper</meta:generator>"
        f"<dc:title>{_text(props.title)}</dc:title>"
        + (f"<dc:subject>{_text(props.subject)}</dc:subject>" if props.subject else "")
        + f"<dc:language>{_text(props.language)}</dc:language>"
        f"<meta:creation-date>{when}</meta:creation-date><dc:date>{when}</dc:date>"
        "</office:meta></office:document-meta>"
    )


def _manifest() -> str:
    entries = "".join(
        f'<manifest:file-entry manifest:full-path="{path}" manifest:media-type="{kind}"/>'
        for path, kind in (
            ("content.xml", "text/xml"),
            ("styles.xml", "text/xml"),
            ("meta.xml", "text/xml"),
        )
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        f'manifest:version="1.2" manifest:media-type="{MIMETYPE}"/>{entries}'
        "</manifest:manifest>"
    )
