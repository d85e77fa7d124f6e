"""More of Word's own XML for tests (beside docxedit.py): fields, mc:AlternateContent,
heading levels, document properties, alt text and the patterns Word writes when it
re-saves a file (revision ids, proof marks, smart tags, content controls, bookmarks)."""

from __future__ import annotations

import copy

from lxml import etree

from .docxedit import AUTHOR, NS, Docx, q

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _run(text: str = "", like=None):
    run = copy.deepcopy(like) if like is not None else etree.Element(q("w:r"))
    for child in list(run):
        if child.tag != q("w:rPr"):
            run.remove(child)
    if text:
        t = etree.SubElement(run, q("w:t"))
        t.text = text
        t.set(XML_SPACE, "preserve")
    return run


def _char(kind: str, like=None):
    run = _run(like=like)
    etree.SubElement(run, q("w:fldChar")).set(q("w:fldCharType"), kind)
    return run


def _split_after(doc: Docx, after: str):
    """The run holding `after` cut just after those words; (that run, its copy of the rest
    or None)."""
    t = doc.text_node(after)
    run = t.getparent()
    head, tail = t.text.split(after, 1)
    t.text = head + after
    t.set(XML_SPACE, "preserve")
    rest = None
    if tail:
        rest = _run(tail, run)
        run.addnext(rest)
    return run, rest


def insert_field_link(doc: Docx, after: str, before: str, words: str, close: str, url: str):
    """`before` + a HYPERLINK field (complex form) showing `words` + `close`, typed after
    `after` with Track Changes on, as Word writes it (every run inside one w:ins)."""
    run, _ = _split_after(doc, after)
    wrapper = etree.Element(q("w:ins"), AUTHOR)
    instr = _run(like=run)
    code = etree.SubElement(instr, q("w:instrText"))
    code.text = f' HYPERLINK "{url}" '
    code.set(XML_SPACE, "preserve")
    for piece in (
        _run(before, run),
        _char("begin", run),
        instr,
        _char("separate", run),
        _run(words, run),
        _char("end", run),
        _run(close, run),
    ):
        wrapper.append(piece)
    run.addnext(wrapper)


def insert_alternate(doc: Docx, after: str, words: str) -> None:
    """`words` typed after `after`, tracked, inside mc:AlternateContent (a Choice for
    Word 2010 and a Fallback for older readers, both holding the words)."""
    run, _ = _split_after(doc, after)
    holder = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC, "w14": W14})
    choice = etree.SubElement(holder, f"{{{MC}}}Choice", Requires="w14")
    fallback = etree.SubElement(holder, f"{{{MC}}}Fallback")
    for branch in (choice, fallback):
        wrapper = etree.SubElement(branch, q("w:ins"), AUTHOR)
        wrapper.append(_run(words, run))
    run.addnext(holder)


def set_style(doc: Docx, text: str, style: str, tracked: bool) -> None:
    """The paragraph holding `text` given `style` (tracked as w:pPrChange, or not)."""
    if tracked:
        doc.restyle(text, style)
        return
    doc.paragraph(text).find("w:pPr/w:pStyle", NS).set(q("w:val"), style)


def resave_as_word(doc: Docx) -> None:
    """The body as Word writes it when it saves a file, with no change to its words: runs
    split by revision ids, proof marks, smart tags, content controls (round runs and
    round a paragraph), a page field (simple and complex), mc:AlternateContent and
    bookmarks, one pattern a paragraph in turn."""
    body = doc.part().find("w:body", NS)
    for n, p in enumerate(body.iter(q("w:p"))):
        run = next((r for r in p.findall("w:r", NS) if len(r.findtext("w:t", "", NS)) > 12), None)
        if run is None:
            continue
        t = run.find("w:t", NS)
        kind = n % 8
        if kind == 0:  # split by revision ids
            head, tail = t.text[:6], t.text[6:]
            t.text = head
            t.set(XML_SPACE, "preserve")
            rest = _run(tail, run)
            rest.set(q("w:rsidR"), "00A1B2C3")
            run.set(q("w:rsidRPr"), "00D4E5F6")
            run.addnext(rest)
        elif kind == 1:  # proof marks
            run.addprevious(etree.Element(q("w:proofErr"), {q("w:type"): "spellStart"}))
            run.addnext(etree.Element(q("w:proofErr"), {q("w:type"): "spellEnd"}))
        elif kind == 2:  # a smart tag
            tag = etree.Element(q("w:smartTag"), {q("w:uri"): "urn:x", q("w:element"): "place"})
            run.addprevious(tag)
            tag.append(run)
        elif kind == 3:  # a content control round a run
            sdt = etree.Element(q("w:sdt"))
            etree.SubElement(sdt, q("w:sdtPr"))
            run.addprevious(sdt)
            etree.SubElement(sdt, q("w:sdtContent")).append(run)
        elif kind == 4:  # mc:AlternateContent with the run in both branches
            holder = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC, "w14": W14})
            run.addprevious(holder)
            etree.SubElement(holder, f"{{{MC}}}Choice", Requires="w14").append(run)
            etree.SubElement(holder, f"{{{MC}}}Fallback").append(copy.deepcopy(run))
        elif kind == 5:  # a page field, complex, and a simple one
            instr = _run(like=run)
            etree.SubElement(instr, q("w:instrText")).text = " PAGE "
            for piece in reversed(
                [_char("begin"), instr, _char("separate"), _run("7"), _char("end")]
            ):
                run.addnext(piece)
            simple = etree.Element(q("w:fldSimple"), {q("w:instr"): " NUMPAGES "})
            simple.append(_run("9"))
            p.append(simple)
        elif kind == 6:  # bookmarks
            run.addprevious(
                etree.Element(q("w:bookmarkStart"), {q("w:id"): "990", q("w:name"): "_GoBack"})
            )
            run.addnext(etree.Element(q("w:bookmarkEnd"), {q("w:id"): "990"}))
        elif p.getparent() is body:  # a content control round the paragraph
            sdt = etree.Element(q("w:sdt"))
            etree.SubElement(sdt, q("w:sdtPr"))
            p.addprevious(sdt)
            etree.SubElement(sdt, q("w:sdtContent")).append(p)


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


_PNG = bytes.fromhex(  # one white pixel
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8ffff3f0005fe02fea7d6a4a90000000049454e44ae426082"
)
_INLINE = (
    '<wp:inline xmlns:wp="{wp}" xmlns:a="{a}" xmlns:pic="{pic}" xmlns:r="{r}">'
    '<wp:extent cx="914400" cy="914400"/><wp:docPr id="4242" name="Picture 4242" '
    'descr="A photograph of the taskforce"/><a:graphic><a:graphicData uri="{pic}">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="4242" name="photo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="rIdPhoto"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
    "</a:graphic></wp:inline>"
).format(
    wp=WP,
    a="http://schemas.openxmlformats.org/drawingml/2006/main",
    pic="http://schemas.openxmlformats.org/drawingml/2006/picture",
    r="http://schemas.openxmlformats.org/officeDocument/2006/relationships",
)


def add_picture(doc: Docx, after: str) -> None:
    """A picture pasted (tracked, Insert > Pictures) as a paragraph of its own after the
    paragraph holding `after`, with its image part, relationship and alt text."""
    doc.members.append(("word/media/photo.png", _PNG))
    rels = doc.part("word/_rels/document.xml.rels")
    etree.SubElement(
        rels,
        f"{{{rels.nsmap[None]}}}Relationship",
        Id="rIdPhoto",
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
        Target="media/photo.png",
    )
    types = doc.part("[Content_Types].xml")
    if not any(d.get("Extension") == "png" for d in types):
        types.insert(
            0,
            etree.Element(
                f"{{{types.nsmap[None]}}}Default", Extension="png", ContentType="image/png"
            ),
        )
    p = etree.Element(q("w:p"))
    mark = etree.SubElement(etree.SubElement(p, q("w:pPr")), q("w:rPr"))
    etree.SubElement(mark, q("w:ins"), AUTHOR)
    drawing = etree.SubElement(
        etree.SubElement(etree.SubElement(p, q("w:ins"), AUTHOR), q("w:r")), q("w:drawing")
    )
    drawing.append(etree.fromstring(_INLINE))
    doc.paragraph(after).addnext(p)


def set_alt_text(doc: Docx, n: int, text: str) -> None:
    """The alt text (Format Picture > Alt Text) of the n-th picture of the body."""
    list(doc.part().iter(f"{{{WP}}}docPr"))[n].set("descr", text)
