"""Content records (+ resolved figures) → the document model.

`build(source, resolver)` parses every text's inline markup, resolves its
placeholders through `resolver` and numbers the paragraphs as a reader will
see them. Errors keep the file, line and column of the text at fault.
"""

from __future__ import annotations

from typing import Protocol

from ..content import kinds
from ..content import model as c
from ..errors import ContentError, TemplateError, did_you_mean
from . import markup, tables
from . import model as m
from .phrasing import agree_articles, bind_dates


class FigureResolver(Protocol):
    """What the narrative needs of the measures stage: placeholder → printed figure."""

    figures: object  # measures.registry.Figures: tables and charts read the data through it

    def resolve(self, expression: str, where, para_id: str | None) -> m.Figure: ...


def build(
    source: c.PaperSource,
    figures: FigureResolver | None = None,
    scorecards: dict[str, m.Scorecard] | None = None,
    parsed: dict | None = None,
) -> m.Paper:
    """The document model of one paper; `scorecards` maps appendix letters to scorecards.
    `parsed`, a dict, keeps every text's inlines for a `text_renderer` given it (the
    draft's units print the same texts again)."""
    return _ModelBuilder(source, figures, scorecards or {}, parsed).paper()


class _ModelBuilder:
    def __init__(
        self,
        source: c.PaperSource,
        figures: FigureResolver | None,
        scorecards: dict[str, m.Scorecard],
        parsed: dict | None = None,
    ):
        self.source = source
        self.resolver = figures
        self.scorecards = scorecards
        self.notes: dict[str, m.Note] = {}
        self.parsed = parsed  # (text, notes) → (inlines, no map): the same text, the same
        #                       inlines, whatever its place (which only errors name)

    def paper(self) -> m.Paper:
        s = self.source
        self.number = 0
        self.level = 1  # the level of the last heading: a case study's title is one below
        blocks = [b for block in s.blocks for b in kinds.of(block).model(self, block)]
        cover, about = s.cover, s.about
        meta = m.Meta(
            title=self.markup_free(cover.title),
            board=self.markup_free(cover.board),
            meeting=cover.meeting,
            date=cover.meeting_date,
            priority=self.markup_free(cover.priority),
            presented_by=self.markup_free(cover.presented_by),
            marking=self.markup_free(cover.marking),
            agenda_item=self.markup_free(cover.agenda_item),
            subject=about.subject,
            author=about.author or self.markup_free(cover.presented_by),
            keywords=about.keywords,
            language=about.language,
            contents=cover.contents,
            illustrative=m.ILLUSTRATIVE_NOTICE if s.data and s.data.illustrative else "",
        )
        appendices = tuple(
            m.Appendix(
                a.letter,
                self.markup_free(a.title),
                self.scorecards.get(a.letter),
                file=str(a.file) if a.file else None,
                charts=tuple(tables.chart(spec, self._measures()) for spec in a.charts),
            )
            for a in s.appendices
        )
        return m.Paper(s.name, meta, tuple(blocks), appendices)

    # -- one method per block kind (content/kinds.py: `Kind.model`), each giving model blocks --

    def paragraph(self, block: c.Paragraph) -> list:
        self.number += 1
        inlines = self.inlines(block.text, block.id)
        return [m.Paragraph(block.id, self.number, inlines, {"line": block.loc.line})]

    def heading(self, block: c.Heading) -> list:
        self.level = block.level
        if block.restart:
            self.number = 0
        inlines = self.inlines(block.text, None, notes=False)
        return [m.Heading(block.level, inlines, new_page=block.new_page, restart=block.restart)]

    def bullet_list(self, block: c.BulletList) -> list:
        return [m.BulletList(self.items(block.items))]

    def lettered_list(self, block: c.LetteredList) -> list:
        return [m.LetteredList(self.items(block.items))]

    def plain(self, block: c.Plain) -> list:
        return [m.Plain(self.inlines(block.text, None))]

    def case_study(self, block: c.CaseStudy) -> list:
        title = self.inlines(block.title, None, notes=False)
        paras = tuple(self.inlines(text, None) for text in block.paras)
        return [m.CaseStudy(min(self.level + 1, 4), title, paras)]

    def framework_text(self, block: c.FrameworkText) -> list:
        return framework_blocks(block.framework)

    def table_spec(self, block: c.TableSpec) -> list:
        return [tables.table(block, self._measures())]

    def chart_spec(self, block: c.ChartSpec) -> list:
        return [tables.chart(block, self._measures())]

    def authors(self, block: c.Authors) -> list:
        rows = [(block.label, self.inlines(block.names, None))]
        if block.job_title:
            rows.append(("Job Title", self.inlines(block.job_title, None)))
        return [m.Fields(tuple(rows))]

    def _measures(self):
        """The measures behind the placeholders (tables and charts read them directly)."""
        return None if self.resolver is None else self.resolver.figures

    def markup_free(self, text) -> str | None:
        """Cover fields: markup-free text (placeholders allowed)."""
        if text is None:
            return None
        return m.plain_text(self.inlines(text, None, notes=False))

    def items(self, items) -> tuple[m.ListItem, ...]:
        return tuple(m.ListItem(self.inlines(i.text, None), self.items(i.children)) for i in items)

    def inlines(self, text, para_id: str | None, notes: bool = True) -> tuple:
        return self.parse(text, text.locate, para_id, notes)[0]

    def parse(
        self, text: str, locate, para_id: str | None, notes: bool = True, mapped: bool = False
    ) -> tuple[tuple, list]:
        """The inlines of `text` (placeholders resolved, notes looked up, articles agreed)
        and, with `mapped`, its source map; `locate(offset)` places errors."""
        kept = self.parsed is not None and not mapped
        if kept and (str(text), notes) in self.parsed:
            return self.parsed[str(text), notes]

        def resolve(expression: str, offset: int) -> m.Figure:
            if self.resolver is None:
                raise TemplateError(
                    f"'{{{{ {expression} }}}}' needs measure data, and this paper has none",
                    locate(offset),
                )
            # the location is worked out only if an error needs it
            return self.resolver.resolve(expression, lambda: locate(offset), para_id)

        def note(key: str, offset: int) -> m.Note:
            if key not in self.source.notes:
                raise ContentError(
                    f"no note named '{key}' under notes:",
                    locate(offset),
                    did_you_mean(
                        key, self.source.notes, f"define it under notes: as '{key}: text'"
                    ),
                )
            return self.note(key)

        inlines, chars = markup.parse_mapped(text, locate, resolve, note if notes else None, mapped)
        done = bind_dates(agree_articles(inlines)), chars
        if kept:
            self.parsed[str(text), notes] = done
        return done

    def note(self, key: str) -> m.Note:
        """The model note for a defined key (built once, shared by every citation)."""
        if key in self.notes:
            return self.notes[key]
        found = self.source.notes[key]
        inlines = bind_dates(markup.parse(found.text, found.text.locate, None, None))
        if found.link:
            inlines = (
                m.Link(found.link, tuple(i for i in inlines if isinstance(i, (m.Text, m.Figure)))),
            )
        note = m.Note(key, inlines)
        self.notes[key] = note
        return note


if not all(
    callable(getattr(_ModelBuilder, k.name, None)) for k in kinds.KINDS.values()
):  # pragma: no cover - a built-in kind without its method
    raise TypeError("a block kind of content/kinds.py names no method of _ModelBuilder")


def framework_blocks(framework) -> list:
    """A KPI framework as the paper sets it out: a heading for each section, the
    objectives and sub-objectives in bold and italic, the KPIs as bullets (their
    items, with a numerical target, as second-level bullets)."""
    out: list = []
    for section in framework.sections:
        out.append(m.Heading(2, (m.Text(section.name),)))
        for objective in section.objectives:
            out.append(m.Heading(3, (m.Text(f"Objective: {objective.name}"),)))
            for group in objective.groups:
                if group.name:
                    out.append(m.Heading(4, (m.Text(f"Sub-objective: {group.name}"),)))
                items = []
                for kpi in group.kpis:
                    children = tuple(
                        m.ListItem(
                            (
                                m.Text(
                                    item.text
                                    + (
                                        f" {item.target.text}"
                                        if item.target.kind == "numerical"
                                        else ""
                                    )
                                ),
                            )
                        )
                        for item in kpi.items
                    )
                    items.append(m.ListItem((m.Text(kpi.text),), children))
                out.append(m.BulletList(tuple(items)))
    return out


def paragraph_renderer(source: c.PaperSource, figures: FigureResolver | None):
    """A function printing a paragraph's text (possibly edited) with its source map,
    exactly as `build` would: (text, content paragraph) → (inlines, chars). Errors are
    placed at the paragraph."""
    builder = _ModelBuilder(source, figures, {})

    def render(text: str, para: c.Paragraph):
        return builder.parse(text, lambda _offset: para.loc, para.id, mapped=True)

    return render


def text_renderer(
    source: c.PaperSource,
    figures: FigureResolver | None,
    mapped: bool = True,
    parsed: dict | None = None,
):
    """A function printing any text of the paper (possibly edited) with its source map,
    as `build` would: (text, location, paragraph id, notes allowed) → (inlines, chars).
    Errors are placed at `location`. Without `mapped`, no source map (chars empty): the
    draft a build describes needs only the text, review the map; and the texts `build`
    kept in `parsed` are not parsed again."""
    builder = _ModelBuilder(source, figures, {}, parsed)

    def render(text: str, where, para_id: str | None = None, notes: bool = True):
        return builder.parse(text, lambda _offset: where, para_id, notes, mapped=mapped)

    return render
