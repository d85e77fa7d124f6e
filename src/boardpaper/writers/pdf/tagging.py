"""Tagged PDF (PDF/UA) from ReportLab, which writes none: marked content while the
pages are drawn, a structure tree added after.

While drawing, every piece of content is either *marked content* belonging to a
structure element (`/P <</MCID 3>> BDC … EMC`) or an *artifact* (running header
and footer, table rules and fills: `/Artifact BDC … EMC`), so a screen reader
meets nothing untagged. A `Tagger` records the elements as they are drawn, in
reading order:

- flowables wrapped in `Tagged` (a title as H1, a paragraph as P, a picture as
  Figure with its alternative text);
- tables through ReportLab's own table callback (`renderCB`): Table, TR, and TH
  for the rows that repeat as headers (scope Column) or TD, a sparkline in a cell
  as a Figure with alternative text;
- page furniture drawn inside `artifact(canvas)`.

`finish(pdf, tagger, …)` then writes, with pikepdf: the structure tree (Document
at its root) and its parent tree, each page's /StructParents and tab order, /Lang,
/MarkInfo, DisplayDocTitle, and XMP metadata with the PDF/UA identifier. The
output stays byte-identical for the same input.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from ...xmltext import escape


@dataclass(eq=False)
class Node:
    """A structure element: its role (P, H1, Table, TD …), kids, alternative text and
    attributes (`scope` for a header cell)."""

    role: str
    kids: list = field(default_factory=list)  # Node, or (page number, MCID)
    alt: str = ""
    scope: str = ""


class Tagger:
    """The structure of one PDF as it is drawn."""

    def __init__(self):
        self.root = Node("Document")
        self._next: dict[int, int] = {}  # page number → the next MCID on it

    def element(
        self, role: str, parent: Node | None = None, alt: str = "", scope: str = ""
    ) -> Node:
        node = Node(role, alt=alt, scope=scope)
        (parent or self.root).kids.append(node)
        return node

    def begin(self, canvas, node: Node) -> None:
        """Start the marked content of `node` on the canvas's current page."""
        page = canvas.getPageNumber()
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        node.kids.append((page, mcid))
        canvas._code.append(f"/{node.role} <</MCID {mcid}>> BDC")

    @staticmethod
    def end(canvas) -> None:
        canvas._code.append("EMC")

    def table_callback(self, header_columns: int = 0):
        """ReportLab's `renderCB` for a table: each part drawn becomes a Table element; the
        rows it repeats on every page are column headers, and the first `header_columns`
        cells of each other row are row headers."""
        state: dict = {}

        def callback(table, event, *args):
            canvas = table.canv
            if event == "startTable":
                state["table"] = self.element("Table")
            elif event in ("startBG", "startLines"):
                start_artifact(canvas)
            elif event in ("endBG", "endLines"):
                Tagger.end(canvas)
            elif event == "startRow":
                state["row"] = self.element("TR", state["table"])
            elif event == "startCell":
                row, column, value = args[0], args[1], args[2]
                scope = (
                    "Column"
                    if row < (getattr(table, "repeatRows", 0) or 0)
                    else "Row"
                    if column < header_columns
                    else ""
                )
                cell = self.element("TH" if scope else "TD", state["row"], scope=scope)
                contents = value if isinstance(value, (list, tuple)) else [value]
                alt = next((a for a in (getattr(v, "_bp_alt", "") for v in contents) if a), "")
                self.begin(canvas, self.element("Figure", cell, alt=alt) if alt else cell)
            elif event == "endCell":
                Tagger.end(canvas)

        return callback


def start_artifact(canvas, kind: str = "Layout") -> None:
    canvas._code.append(f"/Artifact <</Type /{kind}>> BDC")


@contextlib.contextmanager
def artifact(canvas, kind: str = "Pagination"):
    """Content drawn inside is an artifact (running header, footer, page number)."""
    start_artifact(canvas, kind)
    try:
        yield
    finally:
        canvas._code.append("EMC")


class Tagged(Flowable):
    """A flowable drawn as the content of one structure element (split parts share it)."""

    def __init__(self, inner, role: str, tagger: Tagger, alt: str = "", node: Node | None = None):
        super().__init__()
        self.inner, self.role, self.tagger, self.alt, self.node = inner, role, tagger, alt, node

    def wrap(self, available_width, available_height):
        self.width, self.height = self.inner.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        parts = self.inner.split(available_width, available_height)
        if not parts:
            return []
        if self.node is None:
            self.node = self.tagger.element(self.role, alt=self.alt)
        return [Tagged(part, self.role, self.tagger, self.alt, self.node) for part in parts]

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas, x, y, _sW=0):
        if self.node is None:
            self.node = self.tagger.element(self.role, alt=self.alt)
        self.tagger.begin(canvas, self.node)
        self.inner.drawOn(canvas, x, y, _sW)
        Tagger.end(canvas)


def finish(pdf: bytes, tagger: Tagger, title: str, language: str) -> bytes:
    """`pdf` with the structure tree of `tagger` and what PDF/UA asks of the document."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    document = pikepdf.open(io.BytesIO(pdf))
    pages = document.pages
    tree = document.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    by_page: dict[int, dict[int, object]] = {}  # page number → MCID → element

    def build(node: Node, parent) -> object:
        element = document.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent)
        )
        if node.alt:
            element.Alt = String(node.alt)
        if node.scope:
            element.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
        kids = Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(build(kid, element))
            else:
                page, mcid = kid
                kids.append(Dictionary(Type=Name.MCR, Pg=pages[page - 1].obj, MCID=mcid))
                by_page.setdefault(page, {})[mcid] = element
        element.K = kids
        return element

    tree.K = build(tagger.root, tree)
    nums = Array()
    for number, page in enumerate(pages, 1):
        page.obj.StructParents = number - 1
        page.obj.Tabs = Name.S
        marked = by_page.get(number, {})
        nums.extend([number - 1, Array([marked[m] for m in sorted(marked)])])
    tree.ParentTree = document.make_indirect(Dictionary(Nums=nums))
    tree.ParentTreeNextKey = len(pages)
    root = document.Root
    root.StructTreeRoot = tree
    root.MarkInfo = Dictionary(Marked=True)
    root.Lang = String(language)
    root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    root.Metadata = document.make_stream(_xmp(title, language).encode("utf-8"))
    root.Metadata.Type = Name.Metadata
    root.Metadata.Subtype = Name.XML
    out = io.BytesIO()
    document.save(out, deterministic_id=True)
    return out.getvalue()


def _xmp(title: str, language: str, ua: bool = True) -> str:
    """XMP metadata: the title and the PDF/UA-1 identifier (no dates: same input, same
    bytes); without the identifier (`ua` false) for a PDF holding untagged pages, which
    must not claim what it is not."""
    claim = "<pdfuaid:part>1</pdfuaid:part>" if ua else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt>'
        f"</dc:title><dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag>"
        f"</dc:language>{claim}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
