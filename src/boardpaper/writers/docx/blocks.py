"""Model blocks → body paragraphs, inserted before the template's anchor."""

from __future__ import annotations

import io
import itertools

from ...errors import TemplateError
from ...narrative import model as m
from ...narrative.walk import BlockVisitor
from ...oxml import bookmarks, numbering, runs, tables
from ...oxml import style_ids as ids
from ...oxml.ns import attr, nsdecls, qn
from ...oxml.parser import parse_xml
from .inlines import InlineWriter


def _keep_lead_ins(body, anchor) -> None:
    """A paragraph that leads into a list is kept on the page of the list's first item
    (`w:keepNext`), as the published papers keep "… the following priorities:" with its
    bullets."""
    from ...oxml.ns import qn

    lists = {ids.BULLETS[0], ids.BULLETS[1], ids.LETTERED}
    paragraphs = [p for p in body if p.tag == qn("w:p")]

    def style(p) -> str:
        found = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return found.get(qn("w:val")) if found is not None else ""

    for p, following in itertools.pairwise(paragraphs):
        if style(p) in (ids.NUMBERED, ids.BODY) and style(following) in lists:
            p.pPr.pStyle.addnext(parse_xml(f"<w:keepNext {nsdecls('w')}/>"))


def paragraph(style: str):
    """An empty `w:p` of paragraph style `style`."""
    return parse_xml(f"<w:p {nsdecls('w')}><w:pPr><w:pStyle w:val={attr(style)}/></w:pPr></w:p>")


class BlockWriter(BlockVisitor):
    """Builds each block's paragraphs in order before `anchor`."""

    def __init__(self, document, anchor, inlines: InlineWriter):
        self.document = document
        self.anchor = anchor
        self.inlines = inlines
        self.lettered_lists = 0
        self.data_lines: dict[int, str] = {}  # id of a table or chart → the line naming its data
        self.paragraph_list: int | None = None  # the numbering restarted at a heading
        self.marks: dict[int, str] = {}  # id of a block the contents list names → bookmark

    def add(self, style: str, inlines=(), prefix=(), change: str = ""):
        """A paragraph of `style`; `change` tracks the whole paragraph as inserted or deleted."""
        p = paragraph(style)
        for element in list(prefix) + self.inlines.elements(inlines, change):
            p.append(element)
        move = next((i.move for i in inlines if isinstance(i, (m.Inserted, m.Deleted))), "")
        self.inlines.mark(p, change, move)
        self.anchor.addprevious(p)
        return p

    def contents_list(self, entries) -> None:
        """The contents list (oxml/contents.py) of `entries` (narrative/contents.py), before
        the body; each heading it names gets its bookmark when written."""
        from ...oxml import contents
        from ...oxml.styles import add_on_demand

        if not entries:
            return
        for style in contents.STYLES:
            add_on_demand(self.document.styles.element, style)
        names = [contents.bookmark_name(n) for n in range(1, len(entries) + 1)]
        self.marks = {id(e.block): name for e, name in zip(entries, names, strict=True)}
        rows = [(e.level, e.text, name) for e, name in zip(entries, names, strict=True)]
        for p in contents.paragraphs(rows):
            self.anchor.addprevious(p)

    def _mark(self, block, p) -> None:
        if id(block) in self.marks:
            bookmarks.wrap_paragraph(p, next(self.inlines.ids), self.marks[id(block)])

    def write(self, blocks) -> None:
        self.visit_all(blocks)
        _keep_lead_ins(self.anchor.getparent(), self.anchor)
        self.anchor.getparent().remove(self.anchor)

    def heading(self, block: m.Heading) -> None:
        if block.level > 2:  # a KPI framework's objectives: needed only where one is set out
            self._require(ids.HEADING[block.level])
        p = self.add(ids.HEADING[block.level], block.inlines, change=block.change)
        if block.new_page:
            p.pPr.pStyle.addnext(parse_xml(f"<w:pageBreakBefore {nsdecls('w')}/>"))
        self._mark(block, p)
        if block.restart:  # a list of its own that starts at 1: live in Word, per theme
            style = self.document.styles.element.get_by_id(ids.NUMBERED)
            self.paragraph_list = numbering.restarted(
                self.document.part.numbering_part.element, numbering.style_num_id(style)
            )

    def para(self, block: m.Paragraph) -> None:
        p = self.add(ids.NUMBERED, block.inlines, change=block.change)
        if self.paragraph_list is not None:
            p.pPr.pStyle.addnext(numbering.num_pr(self.paragraph_list))
        if block.change not in ("deleted", "moved-from"):
            bookmarks.wrap_paragraph(p, next(self.inlines.ids), bookmarks.bookmark_name(block.id))

    def plain(self, block: m.Plain) -> None:
        self._require(ids.BODY)
        self.add(ids.BODY, block.inlines, change=block.change)

    def case_study(self, block: m.CaseStudy) -> None:
        """A box of paragraphs in reading order (no floating text box): the title a
        heading by its outline level, the text in the same box."""
        from ...oxml.styles import add_on_demand

        for style in (ids.CASE_TITLE, ids.CASE_TEXT):
            add_on_demand(self.document.styles.element, style)
        p = self.add(ids.CASE_TITLE, block.title, change=block.change)
        level = parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{block.level - 1}"/>')
        marked = p.pPr.find(qn("w:rPr"))
        if marked is not None:
            marked.addprevious(level)
        else:
            p.pPr.append(level)
        self._mark(block, p)
        for inlines in block.paras:
            self.add(ids.CASE_TEXT, inlines, change=block.change)

    def bullet_list(self, block: m.BulletList) -> None:
        for item in block.items:
            self.add(ids.BULLETS[0], item.inlines, change=item.change)
            for child in item.children:
                self.add(ids.BULLETS[1], child.inlines, change=child.change)

    def lettered_list(self, block: m.LetteredList) -> None:
        self.lettered_lists += 1
        restart = None
        if self.lettered_lists > 1:  # each lettered list starts again at A
            style = self.document.styles.element.get_by_id(ids.LETTERED)
            restart = numbering.restarted(
                self.document.part.numbering_part.element, numbering.style_num_id(style)
            )
        for item in block.items:
            p = self.add(ids.LETTERED, item.inlines, change=item.change)
            if restart is not None:
                p.pPr.pStyle.addnext(numbering.num_pr(restart))

    def table(self, block: m.Table) -> None:
        self._require(ids.CAPTION, ids.TABLE_TEXT, ids.TABLE_HEADING, ids.TABLE_SOURCE, ids.TABLE)
        self.add(ids.CAPTION, (m.Text(block.caption),))
        self.anchor.addprevious(tables.table(block.header, block.text_rows(), block.numeric))
        if block.source:
            self.add(ids.TABLE_SOURCE, (m.Text(f"Source: {block.source}"),))
        if id(block) in self.data_lines:  # where its data is published (data_downloads.py)
            self.add(ids.TABLE_SOURCE, (m.Text(self.data_lines[id(block)]),))

    def chart(self, block: m.Chart) -> None:
        """The chart as a picture whose alt text (`wp:docPr/@descr`) states its data."""
        from docx.shared import Cm
        from docx.text.paragraph import Paragraph

        from ..charts import HEIGHT_CM, WIDTH_CM, render_png

        self._require(ids.CAPTION, ids.FIGURE, ids.TABLE_SOURCE)
        self.add(ids.CAPTION, (m.Text(block.caption),))
        p = self.add(ids.FIGURE)
        picture = (
            Paragraph(p, self.document._body)
            .add_run()
            .add_picture(io.BytesIO(render_png(block)), width=Cm(WIDTH_CM), height=Cm(HEIGHT_CM))
        )
        picture._inline.docPr.set("descr", block.alt)
        picture._inline.docPr.set("title", block.caption)
        if block.source:
            self.add(ids.TABLE_SOURCE, (m.Text(f"Source: {block.source}"),))
        if id(block) in self.data_lines:  # where its data is published (data_downloads.py)
            self.add(ids.TABLE_SOURCE, (m.Text(self.data_lines[id(block)]),))

    def _require(self, *style_ids: str) -> None:
        defined = {s.style_id for s in self.document.styles}
        missing = [s for s in style_ids if s not in defined]
        if missing:
            raise TemplateError(
                f"the Word template lacks the style(s) {', '.join(missing)} that this paper uses",
                hint="recreate it with templates/make_template.py",
            )

    def fields(self, block: m.Fields) -> None:
        for label, inlines in block.rows:
            self.add(ids.AUTHORS, inlines, prefix=[runs.run(f"{label}: ", bold=True)])
