"""What LibreOffice's tagged PDF gets wrong for PDF/UA, put right in the pack's merge:
shown on a small PDF made the way LibreOffice makes it (no LibreOffice needed)."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from boardpaper.narrative.model import Meta
from boardpaper.writers.pdfmerge import merge
from boardpaper.writers.pdfrepair import elements, repair

CONTENT = (
    b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Text) Tj ET EMC "
    b"/Footnote <</MCID 1>> BDC q 1 0 0 1 2 0 cm BT /F1 5 Tf 70 100 Td (1) Tj ET Q EMC "
    b"/Footnote <</MCID 2>> BDC BT /F1 9 Tf 80 98 Td (A note.) Tj ET EMC"
)


def libreoffice_like(footnote_role: str = "P") -> bytes:
    """One page: a paragraph, and a footnote whose number is a link back to where it is
    cited, as LibreOffice exports them: the link in no structure element, /Tabs a
    string, standard types mapped to themselves, a Note without an ID, and a custom
    type ("caption") the role map leaves out."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(CONTENT)
    page.obj.Resources = Dictionary(
        Font=Dictionary(F1=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    )
    page.obj.StructParents = 0
    page.obj.Tabs = String("S")
    back = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=[71, 95, 76, 106],
            Contents=String("1"),
            Dest=Array([page.obj, Name.XYZ, 72, 700, 0]),
        )
    )
    page.obj.Annots = Array([back])
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=tree))
    para = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.P, P=document, Pg=page.obj, K=Array([0]))
    )
    note = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Note, P=document))
    footnote = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Footnote, P=note, Pg=page.obj, K=Array([1, 2]))
    )
    caption = pdf.make_indirect(
        Dictionary(Type=Name("/StructElem"), S=Name("/caption"), P=document, K=Array())
    )
    note.K = Array([footnote])
    document.K = Array([para, note, caption])
    tree.K = document
    tree.RoleMap = Dictionary(
        {"/Document": Name.Document, "/Note": Name.Note, "/Footnote": Name("/" + footnote_role)}
    )
    tree.ParentTree = pdf.make_indirect(
        Dictionary(Nums=Array([0, Array([para, footnote, footnote])]))
    )
    tree.ParentTreeNextKey = 1
    pdf.Root.StructTreeRoot = tree
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_tab_order_role_map_and_the_back_link_are_put_right_keeping_every_tag():
    pdf = pikepdf.open(io.BytesIO(libreoffice_like()))
    before = sorted(str(e.S) for e in elements(pdf.Root.StructTreeRoot))
    roles = repair(pdf)
    page = pdf.pages[0]
    assert page.obj.Tabs == Name.S and isinstance(page.obj.Tabs, Name)
    tree = pdf.Root.StructTreeRoot
    assert roles == {"Footnote": "P", "caption": "P"}
    assert dict(tree.RoleMap) == {"/Footnote": Name.P, "/caption": Name.P}  # no Document
    after = sorted(str(e.S) for e in elements(tree))
    assert after == sorted([*before, "/Link"])  # every tag kept, a Link added
    back = page.obj.Annots[0]
    nums = tree.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    link = parents[int(back.StructParent)]
    assert Name.Link == link.S and Name.Footnote == link.P.S
    assert link.K[0] == 1  # the footnote's number, which the link covers
    assert link.K[1].Type == Name.OBJR and link.K[1].Obj.objgen == back.objgen
    assert parents[0][1].objgen == link.objgen  # MCID 1 now belongs to the Link
    assert int(tree.ParentTreeNextKey) == int(back.StructParent) + 1


def test_the_merge_joins_role_maps_moves_annotation_keys_and_numbers_the_notes():
    meta = Meta(title="T", board="B", meeting="May 2022", date="2022-05-10")
    merged = merge([("one", libreoffice_like()), ("two", libreoffice_like("Span"))], meta)
    pdf = pikepdf.open(io.BytesIO(merged))
    tree = pdf.Root.StructTreeRoot
    assert dict(tree.RoleMap) == {"/Footnote": Name.P, "/caption": Name.P}
    found = list(elements(tree))
    notes = [e for e in found if Name.Note == e.S]
    assert [str(n.ID) for n in notes] == ["note-1", "note-2"]
    # the second part's Footnote, mapped to Span there, is a Span in the pack
    assert [str(e.S) for e in found].count("/Span") == 1
    nums = tree.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        back = page.obj.Annots[0]
        holder = parents[int(back.StructParent)]
        assert any(
            isinstance(k, Dictionary)
            and k.get("/Type") == Name.OBJR
            and k.Obj.objgen == back.objgen
            for k in holder.K
        )
        assert page.obj.Tabs == Name.S
    assert len({int(p.obj.Annots[0].StructParent) for p in pdf.pages}) == 2


def test_an_annotation_two_link_elements_hold_stays_in_the_first_and_the_parent_tree_says_so():
    """LibreOffice, for a link broken across lines where another run cuts the second
    line in two, puts that line's one annotation in both Link elements (PDF/UA: an
    annotation has one parent). It stays in the first; the parent tree names it."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.StructParents = 0
    line = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[72, 540, 170, 560], StructParent=1)
    )
    page.obj.Annots = Array([line])
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    para = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=tree, Pg=page.obj))
    links = [
        pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.Link,
                P=para,
                Pg=page.obj,
                K=Array([mcid, Dictionary(Type=Name.OBJR, Obj=line, Pg=page.obj)]),
            )
        )
        for mcid in (0, 2)
    ]
    para.K = Array([links[0], 1, links[1]])
    tree.K = para
    tree.ParentTree = pdf.make_indirect(
        Dictionary(Nums=Array([0, Array([links[0], para, links[1]]), 1, links[1]]))
    )
    pdf.Root.StructTreeRoot = tree
    repair(pdf)
    first, second = (list(link.K) for link in links)
    assert first[0] == 0 and first[1].Obj.objgen == line.objgen
    assert second == [2]  # its text is still a link's; the annotation is the first's
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert parents[1].objgen == links[0].objgen
