"""Edits of a built .docx at the XML level, written the way Word writes them: for the
kinds of review LibreOffice cannot be driven to make (moves, formatting changes,
changes accepted before saving, edits of the header, footnotes and cover)."""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
AUTHOR = {
    f"{{{W}}}author": "Tom McNeil",
    f"{{{W}}}date": "2022-05-03T10:00:00Z",
    f"{{{W}}}id": "901",
}


def q(tag: str) -> str:
    _, local = tag.split(":")
    return f"{{{W}}}{local}"


class Docx:
    """A .docx opened for editing: `part(name)` gives a part's root; `save()` the bytes."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
        self.roots: dict[str, etree._Element] = {}

    def part(self, name: str = "word/document.xml"):
        if name not in self.roots:
            self.roots[name] = etree.fromstring(dict(self.members)[name])
        return self.roots[name]

    def save(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.members:
                if name in self.roots:
                    data = etree.tostring(
                        self.roots[name], xml_declaration=True, encoding="UTF-8", standalone=True
                    )
                z.writestr(name, data)
        return out.getvalue()

    def text_node(self, text: str, part: str = "word/document.xml"):
        """The w:t holding `text` (all of it in one run)."""
        for t in self.part(part).iter(q("w:t")):
            if t.text and text in t.text:
                return t
        raise AssertionError(f"no run holds {text!r} in {part}")

    def paragraph(self, text: str, part: str = "word/document.xml"):
        for p in self.part(part).iter(q("w:p")):
            if text in "".join(t.text or "" for t in p.iter(q("w:t"))):
                return p
        raise AssertionError(f"no paragraph holds {text!r}")

    # -- edits -------------------------------------------------------------------

    def replace(
        self, old: str, new: str, part: str = "word/document.xml", tracked: bool = False
    ) -> None:
        """`old` → `new` inside one run: as accepted (no trace), or tracked as Word does
        (the run split: w:del around the old words, w:ins around the new)."""
        t = self.text_node(old, part)
        if not tracked:
            t.text = t.text.replace(old, new, 1)
            return
        run = t.getparent()
        before, after = t.text.split(old, 1)
        pieces = []
        for text, kind in ((before, ""), (old, "del"), (new, "ins"), (after, "")):
            if not text:
                continue
            piece = copy.deepcopy(run)
            node = piece.find(q("w:t"))
            if kind == "del":
                node.tag = q("w:delText")
            node.text = text
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if kind:
                wrapper = etree.Element(q(f"w:{kind}"), AUTHOR)
                wrapper.append(piece)
                piece = wrapper
            pieces.append(piece)
        for piece in pieces:
            run.addprevious(piece)
        run.getparent().remove(run)

    def insert_after(
        self, text: str, new: str, style: str | None = None, tracked: bool = True
    ) -> None:
        """A new paragraph after the one holding `text` (its style unless `style`)."""
        p = self.paragraph(text)
        fresh = etree.Element(q("w:p"))
        ppr = etree.SubElement(fresh, q("w:pPr"))
        source_style = p.find("w:pPr/w:pStyle", NS)
        name = style or (source_style.get(q("w:val")) if source_style is not None else None)
        if name:
            etree.SubElement(ppr, q("w:pStyle")).set(q("w:val"), name)
        if tracked:
            rpr = etree.SubElement(ppr, q("w:rPr"))
            rpr.append(etree.Element(q("w:ins"), AUTHOR))
        run = etree.Element(q("w:r"))
        node = etree.SubElement(run, q("w:t"))
        node.text = new
        if tracked:
            wrapper = etree.SubElement(fresh, q("w:ins"), AUTHOR)
            wrapper.append(run)
        else:
            fresh.append(run)
        p.addnext(fresh)

    def delete_paragraph(self, text: str) -> None:
        """The paragraph holding `text` deleted with its mark, tracked."""
        p = self.paragraph(text)
        for run in list(p.findall("w:r", NS)):
            wrapper = etree.Element(q("w:del"), AUTHOR)
            run.addprevious(wrapper)
            wrapper.append(run)
            for t in run.findall("w:t", NS):
                t.tag = q("w:delText")
        self._mark(p, "del")

    def _mark(self, p, kind: str) -> None:
        ppr = p.find("w:pPr", NS)
        if ppr is None:
            ppr = etree.Element(q("w:pPr"))
            p.insert(0, ppr)
        rpr = ppr.find("w:rPr", NS)
        if rpr is None:
            rpr = etree.SubElement(ppr, q("w:rPr"))
        rpr.append(etree.Element(q(f"w:{kind}"), AUTHOR))

    def join_with_next(self, text: str) -> None:
        """The paragraph mark after `text` deleted: it and the next become one."""
        self._mark(self.paragraph(text), "del")

    def split(self, text: str, at: str) -> None:
        """Enter pressed before `at` in the run holding it (accepted)."""
        t = self.text_node(at)
        run, p = t.getparent(), t.getparent().getparent()
        head, tail = t.text.split(at, 1)
        t.text = head
        second = copy.deepcopy(p)
        for child in list(second):
            if child.tag != q("w:pPr"):
                second.remove(child)
        moved, seen = [], False
        for child in list(p):
            if child is run:
                seen = True
                continue
            if seen and child.tag in (q("w:r"), q("w:hyperlink")):
                moved.append(child)
        new_run = copy.deepcopy(run)
        new_run.find(q("w:t")).text = at + tail
        second.append(new_run)
        for child in moved:
            second.append(child)
        p.addnext(second)

    def move_after(self, text: str, target: str) -> None:
        """The paragraph holding `text` moved after the one holding `target`, as Word
        tracks a move: w:moveFrom where it was, w:moveTo where it goes."""
        p = self.paragraph(text)
        copy_p = copy.deepcopy(p)
        for run in list(p.findall("w:r", NS)):
            wrapper = etree.Element(q("w:moveFrom"), AUTHOR)
            run.addprevious(wrapper)
            wrapper.append(run)
        self._mark(p, "moveFrom")
        for run in list(copy_p.findall("w:r", NS)):
            wrapper = etree.Element(q("w:moveTo"), AUTHOR)
            run.addprevious(wrapper)
            wrapper.append(run)
        for bookmark in copy_p.iter(q("w:bookmarkStart"), q("w:bookmarkEnd")):
            bookmark.getparent().remove(bookmark)
        self._mark(copy_p, "moveTo")
        self.paragraph(target).addnext(copy_p)

    def make_bold(self, text: str) -> None:
        """The run holding `text` made bold, tracked as w:rPrChange."""
        self._format(text, etree.Element(q("w:b")))

    def recolour(self, text: str, colour: str = "FF0000") -> None:
        """The run holding `text` given a colour, tracked as w:rPrChange."""
        element = etree.Element(q("w:color"))
        element.set(q("w:val"), colour)
        self._format(text, element)

    def _format(self, text: str, element) -> None:
        """`element` added to the properties of the run holding `text`, as Word tracks it."""
        run = self.text_node(text).getparent()
        rpr = run.find("w:rPr", NS)
        if rpr is None:
            rpr = etree.Element(q("w:rPr"))
            run.insert(0, rpr)
        old = etree.Element(q("w:rPrChange"), AUTHOR)
        etree.SubElement(old, q("w:rPr"))
        rpr.append(element)
        rpr.append(old)

    def restyle(self, text: str, style: str) -> None:
        """The paragraph holding `text` given another style, tracked as w:pPrChange."""
        p = self.paragraph(text)
        ppr = p.find("w:pPr", NS)
        was = ppr.find("w:pStyle", NS)
        change = etree.Element(q("w:pPrChange"), AUTHOR)
        old = etree.SubElement(change, q("w:pPr"))
        old.append(copy.deepcopy(was))
        was.set(q("w:val"), style)
        ppr.append(change)

    def cite(self, after: str, note_id: str, tracked: bool = True) -> None:
        """A footnote reference to footnote `note_id` put right after the words `after`,
        as Word does (the run split, the reference in a run of its own, inside w:ins)."""
        t = self.text_node(after)
        run = t.getparent()
        head, tail = t.text.split(after, 1)
        t.text = head + after
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        reference = etree.Element(q("w:r"))
        style = etree.SubElement(etree.SubElement(reference, q("w:rPr")), q("w:rStyle"))
        style.set(q("w:val"), "FootnoteReference")
        etree.SubElement(reference, q("w:footnoteReference")).set(q("w:id"), note_id)
        if tracked:
            wrapper = etree.Element(q("w:ins"), AUTHOR)
            wrapper.append(reference)
            reference = wrapper
        run.addnext(reference)
        if tail:
            rest = copy.deepcopy(run)
            rest.find(q("w:t")).text = tail
            reference.addnext(rest)

    def add_footnote(self, after: str, text: str, tracked: bool = True) -> str:
        """A footnote the reviewer writes, cited after the words `after`; its id."""
        notes = self.part("word/footnotes.xml")
        note_id = str(max(int(n.get(q("w:id"))) for n in notes.iter(q("w:footnote"))) + 1)
        note = etree.SubElement(notes, q("w:footnote"))
        note.set(q("w:id"), note_id)
        p = etree.SubElement(note, q("w:p"))
        etree.SubElement(etree.SubElement(p, q("w:pPr")), q("w:pStyle")).set(
            q("w:val"), "FootnoteText"
        )
        holder = etree.SubElement(p, q("w:ins"), AUTHOR) if tracked else p
        mark = etree.SubElement(holder, q("w:r"))
        etree.SubElement(etree.SubElement(mark, q("w:rPr")), q("w:rStyle")).set(
            q("w:val"), "FootnoteReference"
        )
        etree.SubElement(mark, q("w:footnoteRef"))
        words = etree.SubElement(etree.SubElement(holder, q("w:r")), q("w:t"))
        words.text = " " + text
        words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        self.cite(after, note_id, tracked)
        return note_id

    def relink(self, old: str, new: str, part: str = "word/footnotes.xml") -> None:
        """The hyperlink to `old` pointed at `new` (Edit Hyperlink: Word tracks no change)."""
        folder, _, leaf = part.rpartition("/")
        rels = self.part(f"{folder}/_rels/{leaf}.rels")
        found = [r for r in rels if r.get("Target") == old]
        assert found, old
        for r in found:
            r.set("Target", new)

    def link(self, words: str, url: str, part: str = "word/document.xml") -> None:
        """`words` (inside one run) made a hyperlink to `url` (Insert Link: not tracked)."""
        folder, _, leaf = part.rpartition("/")
        rels = self.part(f"{folder}/_rels/{leaf}.rels")
        rid = f"rIdReview{len(rels) + 1}"
        etree.SubElement(
            rels,
            "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship",
            Id=rid,
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
            Target=url,
            TargetMode="External",
        )
        t = self.text_node(words, part)
        run = t.getparent()
        before, after = t.text.split(words, 1)
        pieces = []
        for text, linked in ((before, False), (words, True), (after, False)):
            if not text:
                continue
            piece = copy.deepcopy(run)
            node = piece.find(q("w:t"))
            node.text = text
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if linked:
                wrapper = etree.Element(q("w:hyperlink"))
                wrapper.set(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid
                )
                wrapper.append(piece)
                piece = wrapper
            pieces.append(piece)
        for piece in pieces:
            run.addprevious(piece)
        run.getparent().remove(run)

    def unlink(self, text: str, part: str = "word/document.xml") -> None:
        """The hyperlink holding `text` removed, its words kept (Remove Hyperlink)."""
        for link in self.part(part).iter(q("w:hyperlink")):
            if text in "".join(t.text or "" for t in link.iter(q("w:t"))):
                for child in list(link):
                    link.addprevious(child)
                link.getparent().remove(link)
                return
        raise AssertionError(f"no hyperlink holds {text!r}")

    def delete_footnote_reference(self, text: str) -> None:
        """The footnote reference in the paragraph holding `text` deleted (tracked)."""
        p = self.paragraph(text)
        ref = next(p.iter(q("w:footnoteReference")))
        run = ref.getparent()
        wrapper = etree.Element(q("w:del"), AUTHOR)
        run.addprevious(wrapper)
        wrapper.append(run)


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_TYPES = {
    "word/comments.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    ),
    "word/commentsExtended.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    ),
}


def add_comments(doc: Docx, comments: list[dict]) -> None:
    """Word's comments: each {"id", "on" (text it is anchored to, or None for a reply
    without an anchor of its own), "text", "author", "part", "reply_to", "done"}, with
    their threads in commentsExtended.xml."""
    root = etree.Element(q("w:comments"), nsmap={"w": W, "w14": W14})
    extended = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
    for c in comments:
        comment = etree.SubElement(
            root,
            q("w:comment"),
            {
                q("w:id"): c["id"],
                q("w:author"): c.get("author", "Jonathan Jardine"),
                q("w:date"): "2022-05-04T09:00:00Z",
            },
        )
        p = etree.SubElement(comment, q("w:p"), {f"{{{W14}}}paraId": f"0000{int(c['id']):04d}"})
        etree.SubElement(etree.SubElement(p, q("w:r")), q("w:t")).text = c["text"]
        ex = etree.SubElement(
            extended,
            f"{{{W15}}}commentEx",
            {
                f"{{{W15}}}paraId": f"0000{int(c['id']):04d}",
                f"{{{W15}}}done": "1" if c.get("done") else "0",
            },
        )
        if c.get("reply_to"):
            ex.set(f"{{{W15}}}paraIdParent", f"0000{int(c['reply_to']):04d}")
        if c.get("on"):
            t = doc.text_node(c["on"], c.get("part", "word/document.xml"))
            run = t.getparent()
            run.addprevious(etree.Element(q("w:commentRangeStart"), {q("w:id"): c["id"]}))
            run.addnext(etree.Element(q("w:commentRangeEnd"), {q("w:id"): c["id"]}))
            ref = etree.Element(q("w:r"))
            etree.SubElement(ref, q("w:commentReference"), {q("w:id"): c["id"]})
            run.getnext().addnext(ref)
    for name, element in (("word/comments.xml", root), ("word/commentsExtended.xml", extended)):
        doc.members.append((name, b""))
        doc.roots[name] = element
        content_type, rel = _TYPES[name]
        doc.members = [
            (
                n,
                d.replace(
                    b"</Types>",
                    f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode(),
                )
                if n == "[Content_Types].xml"
                else d.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdC{len(name)}" Type="{rel}" Target="{name[5:]}"/></Relationships>'.encode(),
                )
                if n == "word/_rels/document.xml.rels"
                else d,
            )
            for n, d in doc.members
        ]
