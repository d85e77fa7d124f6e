"""The hover help of every key of paper.yaml and measures.yaml in the JSON Schemas
(`jsonschema.py`, measures/jsonschema.py), in the words of docs/authoring.md.

`HELP`: "<where>.<key>" → (what it is, an example in YAML or ""). A key of the code's
tables with no entry here still appears in the schema, with its kind's name
(`KIND_HELP`); tests/content/test_jsonschema.py asks for an entry for each built-in one.
"""

from __future__ import annotations

_PLACEHOLDERS = (
    "Write a computed figure as a placeholder, `{{ m.<measure> }}` or "
    "`{{ m.<measure>.<field> }}`: the measures are the ids of measures.yaml; "
    "`boardpaper placeholders PAPER` lists every field with an example from the data "
    "(docs/placeholders.md). Also `**bold**`, `*italic*`, `[text](https://…)`, `[^note]`."
)

HELP: dict[str, tuple[str, str]] = {
    "paper": (
        "A board paper: cover and body are required. Keys are explained in docs/authoring.md.",
        "",
    ),
    "paper.cover": ("The cover block: board, meeting and title are required.", ""),
    "paper.about": ("Document properties, seen in Word's File › Info (optional).", ""),
    "paper.period": (
        "The last month of the reporting year, YYYY-MM: the 12 months ending then are "
        "what placeholders compute over.",
        "period: 2022-03",
    ),
    "paper.data": (
        "Where the figures come from (optional: the defaults usually do). Needs `period`.",
        "data:\n  measures: measures.yaml\n  files: [data/*.csv, data/*.xlsx]",
    ),
    "paper.appendices": (
        "The appendices, lettered A, B, … in order: a title alone, or `title` with "
        "`scorecard`, `file` or `charts`.",
        "appendices:\n  - title: Police and Crime Plan KPI Scorecard\n"
        "    scorecard: ../shared/pcp-kpi-framework.yaml",
    ),
    "paper.notes": (
        "Footnotes, each under a name (a letter first, then letters, digits, - and _), "
        "cited in the text as [^name]. A note never cited is an error.",
        "notes:\n  unodc:\n    text: Homicide report (unodc.org)\n    link: https://www.unodc.org/",
    ),
    "paper.body": (
        "The paper's text in reading order: numbered paragraphs, headings, lists, tables, "
        "charts and the author block.",
        "body:\n  - heading: Purpose of paper\n  - To provide an overview of performance.",
    ),
    "paper.typed": (
        "Numbers written in the text on purpose (an age limit set in law), which `check` "
        "does not ask to be placeholders.",
        "typed: ['16', '25%']",
    ),
    "paper.style": ("The house style of numbers.", "style: {comma_from: 10000}"),
    "style.comma_from": ("From which number a thousands separator is printed.", ""),
    "cover.board": (
        "The board: the first line of the cover.",
        "board: Strategic Policing and Crime Board",
    ),
    "cover.meeting": (
        "The meeting: a month (2022-05, printed May 2022) or a date (2022-05-24, printed "
        "24 May 2022).",
        "meeting: 2022-05",
    ),
    "cover.title": ("The title: `Title: …` on the cover; also the document title.", ""),
    "cover.priority": ("Printed `Police and Crime Plan Priority: …`.", "priority: Regular Item"),
    "cover.presented_by": ("Printed `Presented by: …`.", ""),
    "cover.marking": ("The protective marking in the header and footer.", "marking: OFFICIAL"),
    "cover.agenda_item": ("Printed `Agenda Item 6`, top right of every page.", "agenda_item: 6"),
    "cover.contents": (
        "yes: a contents list after the cover, of the headings and subheadings, each a "
        "link (Word's own table of contents: page numbers when fields are updated).",
        "contents: yes",
    ),
    "about.subject": ("The document's subject (default: the board and meeting).", ""),
    "about.author": ("The document's author (default: presented_by).", ""),
    "about.keywords": ("Keywords: a list, or one line split by commas.", ""),
    "about.language": ("A language tag such as en-GB (the default) or cy-GB.", ""),
    "data.measures": ("Measure definitions: a file or a list (default measures.yaml).", ""),
    "data.files": ("Data files, globs allowed (default data/*.csv and data/*.xlsx).", ""),
    "data.sources": (
        "Queries against databases, read like data files: each `sql: URL` and `query: SELECT …`.",
        "sources:\n  - sql: sqlite:///data/measures.sqlite\n    query: SELECT * FROM figures",
    ),
    "data.baseline": ("The national baseline: the year ending this month (default 2019-06).", ""),
    "data.area": ("The force; data rows with no area are its (default West Midlands).", ""),
    "data.previous": (
        "The paper this one was rolled forward from (written by `boardpaper new`): its "
        "figures.csv, kept in this folder, and its period; a figure it printed for the same "
        "months that the data now gives otherwise is a restatement (figures.csv, "
        "revised_from).",
        "previous:\n  figures: 2022-05-performance-report.figures.csv\n  period: 2022-03",
    ),
    "previous.figures": ("The previous paper's figures.csv, in this paper's folder.", ""),
    "previous.period": ("The previous paper's reporting period (YYYY-MM).", ""),
    "previous.baseline": ("The previous paper's baseline (YYYY-MM), if not this one's.", ""),
    "data.illustrative": ("yes: the data is made up, and the paper says so.", ""),
    "source.sql": ("A sqlite:// or postgresql:// URL, without a password.", ""),
    "source.query": ("One read-only SELECT (or WITH … SELECT) statement.", ""),
    "source.columns": ("Which result column is each of measure, period, value and area.", ""),
    "columns.measure": ("The result column holding the measure id.", ""),
    "columns.period": ("The result column holding the month.", ""),
    "columns.value": ("The result column holding the value.", ""),
    "columns.area": ("The result column holding the area.", ""),
    "appendix.title": ("The appendix's title.", ""),
    "appendix.scorecard": ("A KPI framework (YAML), scored against this paper's data.", ""),
    "appendix.file": ("An existing .pdf or .docx, included as given.", ""),
    "appendix.charts": ("Charts drawn from data: a list of `- chart: …` entries.", ""),
    "note.text": ("The note's text.", ""),
    "note.link": ("A web address (https://…) the whole text links to.", ""),
    "item.text": ("The item's text.", ""),
    "item.bullets": ("Second-level bullets under this item.", ""),
    "body.paragraph": ("A numbered paragraph. " + _PLACEHOLDERS, ""),
    "body.para": ("A numbered paragraph's text (with `id:`). " + _PLACEHOLDERS, ""),
    "body.id": (
        "The paragraph's id: a letter, then letters, digits, - and _ (at most 64); unique.",
        "- id: homicide-volume\n  para: The volume of Homicides …",
    ),
    "body.heading": ("Heading 1.", "- heading: Purpose of paper"),
    "body.subheading": ("Heading 2.", '- subheading: "Measure: Reduce Murder"'),
    "body.new_page": ("yes: the heading opens a new page.", ""),
    "body.restart": ("yes: the numbered paragraphs after the heading count again from 1.", ""),
    "body.bullets": (
        "A bulleted list, two levels: items are text, or `text:` with `bullets:`.",
        "- bullets:\n    - To ensure grip of key offender networks",
    ),
    "body.letters": ("A lettered list A. B. C., or `appendices` for the appendices.", ""),
    "body.authors": (
        "The author block: `Author(s): …`.",
        "- authors: Harry Barton\n  job_title: Head of Strategy",
    ),
    "body.job_title": ("The authors' job title: `Job Title: …`.", ""),
    "body.label": ("The author block's label (default Author(s)).", "label: Author"),
    "body.text": ("A body paragraph without a number; a case study's paragraphs.", ""),
    "body.case_study": ("A boxed case study: its title, and its paragraphs under `text:`.", ""),
    "body.framework": ("A KPI framework (YAML) set out in the paper.", ""),
    "body.table": (
        "A table computed from data: its caption, with `measures:` (a row each) or "
        "`measure:` and `areas:`, and `columns:`.",
        "- table: Hidden crimes by year\n  measures: [hidden_da, hidden_ca]\n"
        "  columns: [2019/20, 2020/21]",
    ),
    "body.measures": ("Measure ids of measures.yaml, a row each.", ""),
    "body.measure": ("A measure id of measures.yaml.", ""),
    "body.areas": ("Area names, a row each (a table of one measure).", ""),
    "body.columns": (
        "Periods: 2020/21 (a financial year), 2021 (a calendar year) or 2022-03 (the 12 "
        "months ending March 2022).",
        "",
    ),
    "body.change": ("yes: a last column with the change from the first period to the last.", ""),
    "body.transpose": ("yes: a row per period and a column per measure.", ""),
    "body.blanks": ("yes: a period with no data shows – (otherwise it is an error).", ""),
    "body.source": ("Printed `Source: …` under the table or chart.", ""),
    "body.chart": (
        "A chart computed from data, with alt text: its caption, `measure:`, and "
        "`months:` (line) or `columns:` (bar).",
        "- chart: Homicides each month\n  kind: line\n  measure: homicide\n"
        "  months: 2020-04..2022-03",
    ),
    "body.kind": ("line (the default) or bar.", ""),
    "body.months": ("A line chart's months: YYYY-MM..YYYY-MM.", ""),
    "body.baseline": ("yes: a dashed line, the monthly average of the national baseline year.", ""),
}

ENUMS: dict[str, dict] = {
    "chart.kind": {"line": "months along the x axis", "bar": "one bar per period"},
    "style.comma_from": {1000: "28,675 and 2,836 (ONS style)", 10000: "28,675 but 2836"},
}

#: a key of a block kind added outside the built-in ones (content/kinds.py `register`)
KIND_HELP: dict[str, str] = {}
