"""Small open-data files in their published layouts, written for the tests.

    .venv/bin/python tests/data/opendata/samples.py DIR    (writes them into DIR to look at)

- `street(folder)`: the police open-data archive's street-level crime, one CSV per force
  and month (`2022-01/2022-01-west-midlands-street.csv`), one row per crime, the twelve
  columns of the archive, crimes in mixed order; `STREET` holds how many of each type
  each file has, so every count the tests expect is worked by hand from it.
- `wide_ods(path)`: a Home Office style table in an OpenDocument spreadsheet: a cover
  sheet, then "Table 3" with a title merged across the columns, notes, an empty row,
  headings on row 5 (one with a note marker), forces down, years across, "[x]" for a
  figure not available, a repeated cell, an annotation, a number shown rounded, a
  footnote below an empty row and the million empty rows LibreOffice repeats.
- `wide_xlsx(path)`: an ONS style workbook: quarters down, areas across, title rows,
  "[c]" for a suppressed figure.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

HEADING = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Crime type,Last outcome category,Context"
)
#: (month, force) -> crimes of each type in that file
STREET = {
    ("2022-01", "West Midlands Police"): {
        "Burglary": 5,
        "Vehicle crime": 3,
        "Anti-social behaviour": 4,
        "Violence and sexual offences": 6,
    },
    ("2022-01", "Staffordshire Police"): {
        "Burglary": 2,
        "Vehicle crime": 1,
        "Anti-social behaviour": 3,
        "Violence and sexual offences": 4,
    },
    ("2022-02", "West Midlands Police"): {
        "Burglary": 7,
        "Vehicle crime": 2,
        "Anti-social behaviour": 5,
        "Violence and sexual offences": 3,
    },
    ("2022-02", "Staffordshire Police"): {
        "Burglary": 1,
        "Vehicle crime": 4,
        "Anti-social behaviour": 2,
        "Violence and sexual offences": 5,
    },
}
OUTCOMES = ("Under investigation", "Unable to prosecute suspect", "Offender given a caution")
PLACES = (
    ("-1.898575", "52.479487", "On or near Smallbrook Queensway", "E01033620", "Birmingham 138A"),
    ("-2.179165", "53.007442", "On or near Parking Area", "E01014200", "Stoke-on-Trent 018C"),
    ("-1.812913", "52.574040", '"On or near Station Road, Sutton"', "E01009428", "Birmingham 002B"),
)


def street_rows(month: str, force: str, seed: int = 0) -> list[str]:
    """The records of one file: its crimes of each type, interleaved."""
    left = dict(STREET[(month, force)])
    rows, n = [], seed
    while any(left.values()):
        for kind in sorted(left):
            if not left[kind]:
                continue
            left[kind] -= 1
            n += 1
            lon, lat, place, code, name = PLACES[n % len(PLACES)]
            crime_id = "" if kind == "Anti-social behaviour" else f"{n * 7919:064x}"
            outcome = "" if kind == "Anti-social behaviour" else OUTCOMES[n % len(OUTCOMES)]
            rows.append(
                f"{crime_id},{month},{force},{force},{lon},{lat},{place},{code},{name},"
                f"{kind},{outcome},"
            )
    return rows


def street(folder: Path) -> list[Path]:
    """The street-level files under `folder` (data/police-uk/ of a paper)."""
    written = []
    for n, (month, force) in enumerate(STREET):
        slug = force.lower().replace(" police", "").replace(" ", "-")
        path = folder / month / f"{month}-{slug}-street.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join([HEADING, *street_rows(month, force, n * 100)]) + "\n")
        written.append(path)
    return written


# -- a wide OpenDocument table ------------------------------------------------------------

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"'
)
#: Table 3 as published: burglary per 1,000 population ("[x]": not available)
TABLE_3 = {
    "West Midlands": ("5.9", "4.1", "4.41"),
    "Staffordshire": ("4.2", "3", "3.1"),
    "Warwickshire": ("[x]", "3.3", "3.5"),
    "Dyfed-Powys": ("2", "2", "2"),
}
YEARS = ("2019/20", "2020/21", "2021/22 [note 2]")


def _text_cell(text: str, repeat: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{times}><text:p>{text}</text:p></table:table-cell>'


def _number_cell(value: str, shown: str | None = None, repeat: int = 1) -> str:
    if value.startswith("["):
        return _text_cell(value, repeat)
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}"{times}>'
        f"<text:p>{shown or value}</text:p></table:table-cell>"
    )


def _row(cells: str, repeat: int = 1) -> str:
    times = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{times}>{cells}</table:table-row>"


EMPTY = '<table:table-cell table:number-columns-repeated="16379"/>'


def table_3_rows() -> list[str]:
    title = (
        '<table:table-cell office:value-type="string" table:number-columns-spanned="5">'
        "<text:p>Table 3: Police recorded burglary per 1,000 population,"
        "<text:s/> by police force area</text:p></table:table-cell>"
        '<table:covered-table-cell table:number-columns-repeated="4"/>' + EMPTY
    )
    rows = [
        _row(title),
        _row(_text_cell("This worksheet contains one table. [x] = not available.") + EMPTY),
        _row(_text_cell("Source: Home Office, Police recorded crime") + EMPTY),
        _row(EMPTY),
        _row("".join(_text_cell(h) for h in ("Force name", "Region", *YEARS)) + EMPTY),
    ]
    for force, values in TABLE_3.items():
        cells = _text_cell(force) + _text_cell(
            "West Midlands" if force != "Dyfed-Powys" else "Wales"
        )
        if len(set(values)) == 1:
            cells += _number_cell(values[0], repeat=3)  # equal cells, written once
        else:
            for value in values:
                shown = value[:3] if value == "4.41" else None  # shown rounded: 4.4
                cells += _number_cell(value, shown)
        if force == "Staffordshire":  # a comment on a cell is not its text
            cells = cells.replace(
                "<text:p>Staffordshire</text:p>",
                "<office:annotation><dc:creator>analyst</dc:creator><text:p>checked"
                "</text:p></office:annotation><text:p>Staffordshire</text:p>",
            )
        rows.append(_row(cells + EMPTY))
    rows.append(_row(EMPTY))
    rows.append(_row(_text_cell("Note 2: 2021/22 figures are provisional.") + EMPTY))
    rows.append(_row(EMPTY, repeat=1048560))
    return rows


def ods_bytes(sheets: dict[str, list[str]]) -> bytes:
    """An .ods package of `sheets` (name -> row elements), as LibreOffice lays it out."""
    tables = "".join(
        f'<table:table table:name="{name}"><table:table-column '
        f'table:number-columns-repeated="16384"/>{"".join(rows)}</table:table>'
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def wide_ods(path: Path) -> Path:
    cover = [_row(_text_cell("Police recorded crime: open data tables") + EMPTY)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ods_bytes({"Cover": cover, "Table 3": table_3_rows()}))
    return path


def long_ods(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A long table (measure, period, value[, area]) as an .ods sheet."""
    body = [_row("".join(_text_cell(c) for c in rows[0]))]
    body += [
        _row("".join(_text_cell(c) if i < 2 else _number_cell(c) for i, c in enumerate(r)))
        for r in rows[1:]
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ods_bytes({"Sheet1": body}))
    return path


# -- an ONS style workbook ------------------------------------------------------------------

#: quarters down, areas across ("[c]": suppressed)
QUARTERS = {
    "2021 Q1": (120, 2400),
    "2021 Q2": (130, "[c]"),
    "2021 Q3": (125, 2450),
}


def wide_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active["A1"] = "About these tables"
    sheet = book.create_sheet("Data")
    sheet["A1"] = "Table 1: Knife crime offences by quarter"
    sheet["A2"] = "Source: Office for National Statistics"
    sheet.append([])
    sheet.append(["Quarter", "West Midlands", "England and Wales"])
    for quarter, values in QUARTERS.items():
        sheet.append([quarter, *values])
    sheet.append([])
    sheet.append(["[c] = suppressed to protect confidentiality"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "opendata-samples")
    street(target / "police-uk")
    wide_ods(target / "home-office-table-3.ods")
    wide_xlsx(target / "ons-knife-crime.xlsx")
    print(f"wrote the samples into {target}")
