"""One PDF of a pack's parts, every part still tagged (writers/pack.py, meeting.py).

The first part is the base; each later part's pages are appended and its structure
tree grafted under the base's Document element. Each part is put right for PDF/UA
first (writers/pdfrepair.py: tab order, role map, link annotations), the role maps
are joined into one, and every Note gets its own ID once the pack is whole.
"""

from __future__ import annotations

import io

from ..errors import Location, OutputError
from ..narrative.model import Meta
from .pdfrepair import kids, note_ids, parent_tree_nums, rename, repair, set_role_map


def merge(parts: list[tuple[str, bytes]], meta: Meta, title: str | None = None) -> bytes:
    """One PDF of `parts` ((outline title, PDF bytes)) in order, every part still tagged.

    The first part (the paper, tagged by LibreOffice) is the base. Each later part's
    pages are appended and its structure tree grafted under the base's Document
    element, with its parent-tree keys moved past the base's, so every page's marked
    content stays in one structure tree. The outline has an entry for each part, with
    the paper's own outline (its headings) under the first; page labels restart for
    each appendix ("A-1", "A-2" …). The file identifier is made from the contents.
    Every part is put right for PDF/UA first (writers/pdfrepair.py); a custom structure
    type two parts map differently takes its standard type in the later part. The
    pack's title is `title`, else "<the paper's title> – board pack".
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name, OutlineItem, String

    def read(title: str, data: bytes):
        try:
            return pikepdf.open(io.BytesIO(data))
        except (pikepdf.PdfError, ValueError, OSError) as exc:
            raise OutputError(f"cannot read this PDF: {exc}", Location(title)) from None

    (first_title, first_data), rest = parts[0], parts[1:]
    pack = read(first_title, first_data)
    roles = repair(pack)
    root = pack.Root
    with pack.open_outline() as outline:
        own = list(outline.root)  # the paper's headings, as LibreOffice exported them
    for key in ("/Outlines", "/Metadata", "/PageLabels"):  # LibreOffice's; dated
        if key in root:
            del root[key]
    tree = root.get("/StructTreeRoot")
    document = _document_element(pack, tree)
    nums = parent_tree_nums(tree) if tree is not None else Array()
    next_key = int(tree.get("/ParentTreeNextKey", len(nums) // 2)) if tree is not None else 0
    starts, labels = [(first_title, 0)], [0, Dictionary(S=Name.D)]
    untagged = tree is None  # a part without tags: the pack does not claim PDF/UA
    for n, (part_title, data) in enumerate(rest):
        other = read(part_title, data)
        their_roles = repair(other)
        start = len(pack.pages)
        starts.append((part_title, start))
        letter = part_title.split(" ")[1] if part_title.startswith("Appendix ") else str(n + 1)
        labels += [start, Dictionary(S=Name.D, P=String(f"{letter}-"))]
        for page in other.pages:
            pack.pages.append(page)
            copied = pack.pages[-1]
            if "/StructParents" in copied.obj:
                copied.obj.StructParents = int(copied.obj.StructParents) + next_key
            for annotation in copied.obj.get("/Annots", []):
                if isinstance(annotation, Dictionary) and "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + next_key
        theirs = other.Root.get("/StructTreeRoot")
        untagged = untagged or theirs is None
        if theirs is not None and document is not None:
            clashes = {k: v for k, v in their_roles.items() if roles.get(k, v) != v}
            rename(theirs, clashes)
            roles |= {k: v for k, v in their_roles.items() if k not in clashes}
            for kid in kids(theirs.get("/K")):
                grafted = _copied(pack, kid)
                grafted.P = document
                document.K.append(grafted)
            their_nums = parent_tree_nums(theirs)
            for k in range(0, len(their_nums), 2):
                nums.append(int(their_nums[k]) + next_key)
                nums.append(_copied(pack, their_nums[k + 1]))
            next_key += int(theirs.get("/ParentTreeNextKey", len(their_nums) // 2))
    if tree is not None:
        tree.ParentTree = pack.make_indirect(Dictionary(Nums=nums))
        tree.ParentTreeNextKey = next_key
        set_role_map(tree, roles)
        note_ids(tree, roles)
    root.PageLabels = Dictionary(Nums=Array(labels))
    with pack.open_outline() as outline:
        outline.root.clear()
        for index, (part_title, page) in enumerate(starts):
            item = OutlineItem(part_title, page)
            if index == 0:
                item.children.extend(own)
            outline.root.append(item)
    root.PageMode = Name.UseOutlines
    root.Lang = String(meta.language)
    root.MarkInfo = Dictionary(Marked=True)
    prefs = root.get("/ViewerPreferences") or Dictionary()
    prefs.DisplayDocTitle = True
    root.ViewerPreferences = prefs
    title = title or f"{meta.title} – board pack"  # the pack's
    pack.docinfo = pack.make_indirect(
        Dictionary(
            Title=String(title),
            Author=String(meta.author or meta.board),
            Subject=String(f"{meta.board}, {meta.meeting}"),
            Creator=String("boardpaper"),
            Producer=String("boardpaper (LibreOffice, ReportLab, pikepdf)"),
        )
    )
    from .pdf.tagging import _xmp

    root.Metadata = pack.make_stream(_xmp(title, meta.language, ua=not untagged).encode("utf-8"))
    root.Metadata.Type = Name.Metadata
    root.Metadata.Subtype = Name.XML
    for key in ("/DocChecksum", "/ID"):  # LibreOffice's, made from the clock
        if key in pack.trailer:
            del pack.trailer[key]
    out = io.BytesIO()
    pack.save(out, deterministic_id=True)  # the identifier from the contents themselves
    return out.getvalue()


def _copied(pdf, value):
    """`value` from another PDF, copied into `pdf` (an array's indirect items one by one)."""
    from pikepdf import Array

    if value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, Array):
        return Array([pdf.copy_foreign(v) if v.is_indirect else v for v in value])
    return value


def _document_element(pdf, tree):
    """The structure element the appendices go under: the tree's Document element (made
    if the tree's top is a list of elements)."""
    from pikepdf import Array, Dictionary, Name

    if tree is None:
        return None
    top = kids(tree.get("/K"))
    if len(top) == 1 and str(top[0].get("/S")) == "/Document":
        document = top[0]
        if not isinstance(document.get("/K"), Array):
            document.K = Array(kids(document.get("/K")))
        return document
    document = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=tree, K=Array(top))
    )
    for kid in top:
        if isinstance(kid, Dictionary):
            kid.P = document
    tree.K = document
    return document
