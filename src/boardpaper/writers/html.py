"""The HTML writer: one self-contained, accessible page per paper, from the same model.

`write(paper, options)` gives `<paper>.html`: styles inline, charts as inline SVG
(`chart_svg.py`), no request to anything outside the file. Semantic and accessible
(WCAG 2.2 AA): `lang`, a title, one `h1`, headings in order, a contents list,
each numbered paragraph with its number and a stable anchor (`#p-<id>`),
footnotes as linked notes with a way back, tables with a caption and header
scopes, each chart with its alternative text and its data one click away, the
scorecard as a table with status by word and symbol as well as colour. It reflows
to a 320 px wide screen, and prints cleanly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from html import escape

from ..narrative import model as m
from ..narrative.scorecard import waiting_by_section, with_data
from ..narrative.walk import BlockVisitor, InlineVisitor
from ..status import STATUSES
from .chart_svg import CSS as CHART_CSS
from .data_downloads import html_links
from .registry import Options, Written

SYMBOLS = {"tick": "✓", "cross": "✗", "up": "▲", "down": "▼", "level": "=", "dot": "●", "dash": "–"}

STYLE = """
:root { color: #1a1a1a; background: #fff; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 1rem;
  line-height: 1.5; margin: 0 auto; padding: 1rem; max-width: 48rem; }
header p { margin: 0.2rem 0; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.35rem; margin-top: 2rem; }
h3 { font-size: 1.15rem; }
h4, h5 { font-size: 1rem; }
a { color: #0b4f9c; }
a:focus { outline: 3px solid #1f3864; outline-offset: 2px; }
.para { display: flex; gap: 0.6rem; }
.num { flex: 0 0 2.2rem; font-weight: bold; }
.para p { margin: 0 0 1rem; }
ul, ol { padding-left: 1.6rem; }
p, li { overflow-wrap: anywhere; }
.marking { text-align: center; font-weight: bold; letter-spacing: 0.05em; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border: 1px solid #6b7280; padding: 0.3rem 0.45rem; vertical-align: top; }
thead th { background: #1f3864; color: #fff; }
tbody th { text-align: left; font-weight: normal; }
.band th { font-weight: bold; background: #d9e2f3; }
td.n, th.n { text-align: right; }
figure { margin: 1rem 0; }
.source { font-style: italic; font-size: 0.9rem; }
.status { display: inline-block; border-radius: 0.3rem; padding: 0 0.35rem;
  white-space: nowrap; font-weight: bold; }
.footnotes { border-top: 1px solid #6b7280; margin-top: 2rem; font-size: 0.95rem; }
.footnotes li { margin-bottom: 0.4rem; }
.footnotes a { display: inline-block; min-height: 24px; }
.footnotes a.back { min-width: 24px; text-align: center; }
nav ol { padding-left: 1.2rem; }
@media print {
  body { max-width: none; font-size: 11pt; }
  nav, details > summary { display: none; }
  a { color: #000; text-decoration: none; }
  .table-wrap { overflow: visible; }
}
"""
CASE_CSS = """.case-study { border: 2px solid #1f3864; background: #dce6f2;
  padding: 0 1rem; margin: 1rem 0; }
.case-study > h3, .case-study > h4, .case-study > h5 { margin-top: 0.8rem; }
"""


def write(paper: m.Paper, options: Options) -> Written:
    """The writer of the registry: `<paper>.html`."""
    return Written({f"{paper.name}.html": page(paper).encode("utf-8")})


def page(paper: m.Paper) -> str:
    body = _Body(paper)
    blocks = "".join(body.visit(block) for block in paper.blocks)
    appendices = "".join(_appendix(a, body.downloads, body.charts) for a in paper.appendices)
    meta = paper.meta
    cover = "".join(
        f"<p>{escape(text)}</p>" for text in (meta.board, meta.meeting) if text
    ) + "".join(
        f"<p><strong>{label}:</strong> {escape(value)}</p>"
        for label, value in (
            ("Police and Crime Plan Priority", meta.priority),
            ("Presented by", meta.presented_by),
            ("Agenda item", meta.agenda_item),
        )
        if value
    )
    marking = f'<p class="marking">{escape(meta.marking)}</p>' if meta.marking else ""
    notice = meta.illustrative and (  # made-up data, said in words at the top
        '<p class="illustrative" role="note" style="border: 3px solid; padding: 0.5rem">'
        f"<strong>{m.ILLUSTRATIVE_LABEL}:</strong> {escape(meta.illustrative)}</p>"
    )
    body.contents += [
        (f"app-{a.letter}", f"Appendix {a.letter} – {a.title}", [])
        for a in paper.appendices
        if a.scorecard is not None or a.charts
    ]
    contents = _contents(body.contents)
    extra = CASE_CSS if body.cases else ""  # only where used: other pages stay as they were
    paged = ", ".join(f"#{a}" for a in body.new_pages)  # a long paper's themes, printed
    extra += f"@media print {{ {paged} {{ break-before: page; }} }}\n" if paged else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(meta.language)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(meta.title)}</title>\n<style>{STYLE}{CHART_CSS}{extra}</style>\n</head>\n<body>\n"
        f"{marking}<header>{cover}<h1>{escape(meta.title)}</h1>{notice}</header>\n"
        f'<nav aria-label="Contents"><h2 id="contents">Contents</h2><ol>{contents}</ol></nav>\n'
        f"<main>\n{blocks}{appendices}</main>\n{body.footnotes()}{marking}\n</body>\n</html>\n"
    )


def _contents(entries) -> str:
    """The headings as a nested list of links: statements, and the measures under each."""
    return "".join(
        f'<li><a href="#{anchor}">{escape(text)}</a>'
        + (f"<ol>{_contents(children)}</ol>" if children else "")
        + "</li>"
        for anchor, text, children in entries
    )


class _Inlines(InlineVisitor):
    """Inlines → HTML; a footnote reference is numbered by `citation(note)`."""

    def __init__(self, citation):
        self.citation = citation

    def text(self, inline) -> str:
        text = escape(inline.text)
        if inline.bold:
            text = f"<strong>{text}</strong>"
        if inline.italic:
            text = f"<em>{text}</em>"
        return text

    figure = text

    def link(self, inline) -> str:
        return f'<a href="{escape(inline.url)}">{"".join(self.descend(inline))}</a>'

    def note_ref(self, inline) -> str:
        return self.citation(inline.note)

    def inserted(self, inline) -> str:
        return f"<ins>{''.join(self.descend(inline))}</ins>"

    def deleted(self, inline) -> str:
        return f"<del>{''.join(self.descend(inline))}</del>"


class _Body(BlockVisitor):
    """Blocks → HTML; headings of the paper are h2 … h5 under the page's one h1."""

    def __init__(self, paper: m.Paper):
        self.paper = paper
        self.contents: list[tuple[str, str, list]] = []
        self.notes: dict[str, tuple[int, m.Note]] = {}  # key → (number, note)
        self.cited: dict[str, int] = {}
        self.headings = 0
        self.cases = 0
        self.new_pages: list[str] = []  # ids of headings printed on a new page (`contents`)
        self.downloads = html_links(paper)  # id of a table or chart → links to its data
        self.charts = itertools.count(1)  # numbers the charts' ids within the page
        self._inlines = _Inlines(self._citation)

    # -- inlines --
    def inlines(self, inlines) -> str:
        return "".join(self._inlines.visit_all(inlines))

    def _citation(self, note: m.Note) -> str:
        if note.key not in self.notes:
            self.notes[note.key] = (len(self.notes) + 1, note)
        number = self.notes[note.key][0]
        self.cited[note.key] = self.cited.get(note.key, 0) + 1
        back = f"fnref-{note.key}-{self.cited[note.key]}"
        return (
            f'<sup><a href="#fn-{escape(note.key)}" id="{escape(back)}" '
            f'aria-label="Footnote {number}">{number}</a></sup>'
        )

    def footnotes(self) -> str:
        if not self.notes:
            return ""
        items = "".join(
            f'<li id="fn-{escape(key)}">{self.inlines(note.inlines)} '
            f'<a class="back" href="#fnref-{escape(key)}-1" aria-label="Back to the text of footnote '
            f'{number}">↩</a></li>'
            for key, (number, note) in self.notes.items()
        )
        return (
            f'<section class="footnotes" aria-labelledby="notes"><h2 id="notes">Footnotes'
            f"</h2><ol>{items}</ol></section>\n"
        )

    # -- blocks --
    def heading(self, block: m.Heading) -> str:
        self.headings += 1
        anchor = f"h-{self.headings}"
        text = m.plain_text(block.inlines)
        if block.level == 1 or not self.contents:
            self.contents.append((anchor, text, []))
        elif block.level == 2:
            self.contents[-1][2].append((anchor, text, []))
        level = min(block.level + 1, 6)
        if block.new_page and self.paper.meta.contents:
            self.new_pages.append(anchor)
        return f'<h{level} id="{anchor}">{self.inlines(block.inlines)}</h{level}>\n'

    def para(self, block: m.Paragraph) -> str:
        return (
            f'<div class="para" id="p-{escape(block.id)}"><span class="num">'
            f"{block.number}.</span><p>{self.inlines(block.inlines)}</p></div>\n"
        )

    def plain(self, block: m.Plain) -> str:
        return f"<p>{self.inlines(block.inlines)}</p>\n"

    def case_study(self, block: m.CaseStudy) -> str:
        self.cases += 1
        anchor, level = f"cs-{self.cases}", min(block.level + 1, 6)
        paras = "".join(f"<p>{self.inlines(p)}</p>" for p in block.paras)
        return (
            f'<aside class="case-study" aria-labelledby="{anchor}">'
            f'<h{level} id="{anchor}">{self.inlines(block.title)}</h{level}>{paras}</aside>\n'
        )

    def bullet_list(self, block: m.BulletList) -> str:
        return self._list("ul", block.items) + "\n"

    def lettered_list(self, block: m.LetteredList) -> str:
        return self._list('ol type="A"', block.items) + "\n"

    def _list(self, tag: str, items) -> str:
        close = tag.split()[0]
        inner = "".join(
            f"<li>{self.inlines(item.inlines)}"
            f"{self._list('ul', item.children) if item.children else ''}</li>"
            for item in items
        )
        return f"<{tag}>{inner}</{close}>"

    def fields(self, block: m.Fields) -> str:
        return "".join(
            f"<p><strong>{escape(label)}:</strong> {self.inlines(inlines)}</p>\n"
            for label, inlines in block.rows
        )

    def table(self, block: m.Table) -> str:
        head = "".join(
            f'<th scope="col"{" class=n" if n else ""}>{escape(h)}</th>'
            for h, n in zip(block.header, block.numeric)
        )
        rows = []
        for row in block.rows:
            cells = [f'<th scope="row">{escape(row[0].text)}</th>'] + [
                f"<td{' class=n' if n else ''}>{escape(cell.text)}</td>"
                for cell, n in zip(row[1:], block.numeric[1:])
            ]
            rows.append(f"<tr>{''.join(cells)}</tr>")
        source = f'<p class="source">Source: {escape(block.source)}</p>' if block.source else ""
        return (
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(block.caption)}">'
            f"<table><caption>{escape(block.caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            f"{source}\n{self.downloads.get(id(block), '')}"
        )

    def chart(self, block: m.Chart) -> str:
        return _chart(block, next(self.charts)) + self.downloads.get(id(block), "")


def _chart(block: m.Chart, number: int) -> str:
    from .chart_svg import figure

    head = "".join(f'<th scope="col" class="n">{escape(s.name)}</th>' for s in block.series)
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f'<td class="n">{_number(s.values[i])}</td>' for s in block.series)
        + "</tr>"
        for i, label in enumerate(block.labels)
    )
    source = f'<p class="source">Source: {escape(block.source)}</p>' if block.source else ""
    return (
        f"{figure(block, number)}"
        f"<details><summary>The data of “{escape(block.caption)}”</summary>"
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(block.caption)}">'
        f"<table><caption>{escape(block.caption)}</caption><thead><tr>"
        f'<th scope="col">Period</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
        f"</details>{source}\n"
    )


def _number(value: float) -> str:
    from ..measures import fmt

    return fmt.number(value, 0 if float(value).is_integer() else 1)


def _appendix(appendix: m.Appendix, downloads: dict[int, str], charts: Iterator[int]) -> str:
    title = f"Appendix {appendix.letter} – {appendix.title}"
    if appendix.scorecard is not None:
        return (
            f'<section aria-labelledby="app-{appendix.letter}"><h2 id="app-{appendix.letter}">'
            f"{escape(title)}</h2>{_scorecard(appendix.scorecard)}</section>\n"
        )
    if appendix.charts:
        return (
            f'<section><h2 id="app-{appendix.letter}">{escape(title)}</h2>'
            + "".join(_chart(c, next(charts)) + downloads.get(id(c), "") for c in appendix.charts)
            + "</section>\n"
        )
    return ""


def _summary(card: m.Scorecard) -> str:
    counts = dict.fromkeys(STATUSES, 0)
    for row in card.rows:
        if row.status in counts:
            counts[row.status] += 1
    rows = "".join(
        f'<tr><th scope="row">{_status(key)}</th><td class="n">{counts[key]}</td></tr>'
        for key in STATUSES
    )
    return (
        '<table><caption>KPIs by status</caption><thead><tr><th scope="col">Status</th>'
        f'<th scope="col" class="n">KPIs</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _status(key: str) -> str:
    s = STATUSES[key]
    return (
        f'<span class="status" style="background:{s.fill};color:{s.ink}">'
        f'<span aria-hidden="true">{SYMBOLS[s.symbol]}</span> {escape(s.word)}</span>'
    )


def _scorecard(card: m.Scorecard) -> str:
    columns = (
        "KPI",
        "Measure and period",
        f"Baseline {card.baseline}",
        "Latest",
        "Change",
        "Target",
        "Status",
    )
    head = "".join(
        f'<th scope="col"{" class=n" if 2 <= i <= 5 else ""}>{escape(c)}</th>'
        for i, c in enumerate(columns)
    )
    rows = []
    for row in with_data(card.rows):
        if row.kind in ("section", "objective", "group"):
            rows.append(
                f'<tr class="band"><th scope="rowgroup" colspan="{len(columns)}">'
                f"{escape(row.text)}</th></tr>"
            )
            continue
        status = ""
        if row.status:
            s = STATUSES[row.status]
            status = (
                f'<span class="status" style="background:{s.fill};color:{s.ink}">'
                f'<span aria-hidden="true">{SYMBOLS[s.symbol]}</span> {escape(s.word)}'
                "</span>"
            )
        text = ("– " if row.kind == "item" else "") + row.text
        rows.append(
            f'<tr><th scope="row">{escape(text)}</th><td>{escape(row.measure)}</td>'
            f'<td class="n">{escape(row.baseline)}</td><td class="n">{escape(row.latest)}</td>'
            f'<td class="n">{escape(row.change)}</td><td class="n">{escape(row.target)}</td>'
            f"<td>{status}</td></tr>"
        )
    note = f"<p>{escape(card.note)}</p>" if card.note else ""
    waiting = "".join(
        f"<h4>{escape(section)}</h4><ul>"
        + "".join(f"<li>{escape(text)}</li>" for text in texts)
        + "</ul>"
        for section, texts in waiting_by_section(card)
    )
    waiting = f"<h3>KPIs with no data yet</h3>{waiting}" if waiting else ""
    return (
        f"<p>Each KPI of the {escape(card.title)}. Latest: {escape(card.period)}. "
        f"Baseline: {escape(card.baseline)}.</p>{note}{_summary(card)}"
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(card.title)}">'
        f"<table><caption>{escape(card.title)}: KPIs with data"
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"</div>{waiting}"
    )
