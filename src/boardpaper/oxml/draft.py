"""The draft a reviewer starts from, carried inside the .docx as a custom XML part.

When the Word paper is written, every paragraph a reader sees (body, tables,
header, footer, footnotes) is listed in `customXml/itemN.xml`, in order, with
its text as printed and, where it prints a piece of the paper's text, that
piece's kind, key and place in the paragraph:

    <bp:draft xmlns:bp="urn:boardpaper:draft:1" version="4"
              paper="2022-05-performance-report" title="Performance Report – …">
      <bp:p part="body" style="NumberedParagraph" kind="paragraph"
            key="purpose-of-paper-1" from="0" to="75">To provide an overview …</bp:p>
      <bp:p part="body" style="Title" kind="cover" key="title" from="7" to="…">Title: …</bp:p>
      <bp:p part="body" style="TableText" kind="cell" from="0" to="4">86.9</bp:p>
      …

The root names the paper (its folder's name, where the writer passes it) and its
cover title, so `review` can tell a file of another paper from this one's.

Word and LibreOffice keep custom XML parts when they save, so `review` knows
exactly what the reviewer was given, whatever the YAML says by then. The part
holds only what the paper prints, the paragraph ids (visible as bookmarks
anyway), footnote keys, where citations stand, the link addresses (which a
reader follows anyway) and each picture's title and alt text: no YAML, comments, file paths or data.
"""

from __future__ import annotations

import io
import re
import typing
import zipfile
from dataclasses import dataclass

from lxml import etree

from .package import zip_members

if typing.TYPE_CHECKING:  # the reading of a reviewed file, imported when one is read
    from . import accepted

NS = "urn:boardpaper:draft:1"
_P = f"{{{NS}}}p"
_PICTURE = f"{{{NS}}}picture"  # a picture or chart in the paragraph: its title and alt text
_REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_REL_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_ITEM_ID = "{6C3C8BC8-F283-45AE-878A-BAB7291924A1}"  # fixed: the same input, the same bytes
#: the parts a reader sees, and which kind of part each is
PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
#: what is read of a reviewed file: those parts and their relationships (link addresses)
READ = re.compile(r"^word/(_rels/)?(document|header\d*|footer\d*|footnotes)\.xml(?(1)\.rels)$")


@dataclass(frozen=True)
class DraftPara:
    """One paragraph of the draft as built."""

    part: str  # body, header, footer, footnote
    style: str
    text: str
    kind: str = "template"  # the unit's kind; "template" for text of the template only
    key: str = ""
    start: int = 0  # where the unit's text sits in `text`
    end: int = 0
    notes: tuple[str, ...] = ()  # footnote ids cited
    note_id: str = ""  # for a footnote paragraph: its id
    spans: tuple[tuple[int, int, bool, bool], ...] = ()  # bold and italic
    note_at: tuple[int, ...] = ()  # where each citation stands in `text` (a draft before
    #                                 these were kept has none)
    links: tuple[tuple[int, int, str], ...] | None = ()  # (start, end, address) of each
    #                                 hyperlink; None: a draft from before links were kept
    pictures: tuple[tuple[str, str], ...] | None = ()  # (title, alt text) of each picture
    #                                 or chart; None: a draft from before these were kept

    @property
    def prefix(self) -> str:
        return self.text[: self.start]

    @property
    def suffix(self) -> str:
        return self.text[self.end :]

    @property
    def unit_text(self) -> str:
        return self.text[self.start : self.end]


def part_kind(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].split(".")[0]
    return {"document": "body", "footnotes": "footnote"}.get(stem, re.sub(r"\d+$", "", stem))


def read_paragraphs(members: dict[str, bytes], parse) -> list[accepted.Para]:
    """The accepted paragraphs of every part a reader sees, body first, then header and
    footer, then footnotes. `parse(bytes, name)` parses a member (safely)."""
    order = sorted((n for n in members if PARTS.match(n)), key=_part_order)
    from . import accepted

    out: list[accepted.Para] = []
    for name in order:
        links = _hyperlinks(members, name, parse)
        out += accepted.paragraphs(parse(members[name], name), part_kind(name), links)
    return out


_REL_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _hyperlinks(members: dict[str, bytes], name: str, parse) -> dict[str, str]:
    """The hyperlink relationships of part `name`: id → address."""
    folder, _, leaf = name.rpartition("/")
    rels = f"{folder}/_rels/{leaf}.rels"
    if rels not in members:
        return {}
    return {
        r.get("Id", ""): r.get("Target", "")
        for r in parse(members[rels], rels).iter(_RELS)
        if r.get("Type") == _REL_LINK
    }


def _part_order(name: str) -> tuple[int, str]:
    kind = part_kind(name)
    return ({"body": 0, "header": 1, "footer": 2, "footnote": 3}[kind], name)


def describe(paras: list[accepted.Para], units) -> list[DraftPara]:
    """Each paragraph with the unit it prints. `units`: (kind, key, text) in reading
    order, as narrative/units.py lists them."""
    from ..content.kinds import flow as flowing  # the units of the body's reading order

    kinds = flowing()
    flow = [u for u in units if u[0] in kinds]
    cover = [u for u in units if u[0] == "cover"]
    notes = [u for u in units if u[0] == "note"]
    marking = [u for u in units if u[0] == "marking"]
    pointer = 0
    out = []
    for para in paras:
        found = None
        if para.contents:  # a contents list's: computed, paired with no unit
            out.append(DraftPara(para.part, para.style, para.text, "contents"))
            continue
        if para.part in ("header", "footer"):
            found = _contained(para.text, marking)
        elif para.part == "footnote":
            found = next((u for u in notes if u[2] == para.text), None)
        else:
            found = _contained(para.text, cover, longest=True)
            if found is not None:
                cover.remove(found)
            else:
                for ahead in range(pointer, min(pointer + 3, len(flow))):
                    if flow[ahead][2] and flow[ahead][2] in para.text:
                        found, pointer = flow[ahead], ahead + 1
                        break
        start = end = 0
        if found is not None:
            start = para.text.find(found[2])
            end = start + len(found[2])
        out.append(
            DraftPara(
                para.part,
                para.style,
                para.text,
                found[0] if found else "template",
                found[1] if found else "",
                start,
                end,
                para.notes,
                para.note_id,
                para.spans,
                para.note_at,
                para.links,
                para.pictures,
            )
        )
    return out


def _contained(text: str, candidates, longest: bool = False):
    hits = [u for u in candidates if u[2] and u[2] in text]
    if not hits:
        return None
    return max(hits, key=lambda u: len(u[2])) if longest else hits[0]


def to_xml(draft: list[DraftPara], paper: str = "") -> bytes:
    root = etree.Element(f"{{{NS}}}draft", nsmap={"bp": NS})
    # 2: with where citations stand and links; 3: pictures; 4: the paper and its title
    root.set("version", "4")
    if paper:
        root.set("paper", paper)
    title = _cover_title(draft)
    if title:
        root.set("title", title)
    for para in draft:
        element = etree.SubElement(root, _P)
        element.set("part", para.part)
        element.set("style", para.style)
        element.set("kind", para.kind)
        if para.key:
            element.set("key", para.key)
        if para.end:
            element.set("from", str(para.start))
            element.set("to", str(para.end))
        if para.notes:
            element.set("notes", " ".join(para.notes))
            element.set("notes-at", " ".join(map(str, para.note_at)))
        if para.note_id:
            element.set("note", para.note_id)
        if para.links:
            element.set(
                "links", " ".join(f"{a}:{b}:{url.replace(' ', '%20')}" for a, b, url in para.links)
            )
        if para.spans:
            element.set(
                "spans",
                " ".join(
                    f"{a}-{b}-{'b' if bold else ''}{'i' if italic else ''}"
                    for a, b, bold, italic in para.spans
                ),
            )
        element.text = para.text
        for title, alt in para.pictures or ():
            etree.SubElement(element, _PICTURE, title=title, alt=alt)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def from_xml(root) -> list[DraftPara]:
    out = []
    version = root.get("version", "1")
    knows_links, knows_pictures = version not in ("1",), version not in ("1", "2")
    for element in root.iter(_P):
        spans = []
        for span in (element.get("spans") or "").split():
            a, b, flags = span.split("-")
            spans.append((int(a), int(b), "b" in flags, "i" in flags))
        out.append(
            DraftPara(
                element.get("part", "body"),
                element.get("style", ""),
                element.text or "",
                element.get("kind", "template"),
                element.get("key", ""),
                int(element.get("from", 0)),
                int(element.get("to", 0)),
                tuple((element.get("notes") or "").split()),
                element.get("note", ""),
                tuple(spans),
                _offsets(element.get("notes-at"), len((element.get("notes") or "").split())),
                _links(element.get("links")) if knows_links else None,
                tuple((e.get("title", ""), e.get("alt", "")) for e in element.iter(_PICTURE))
                if knows_pictures
                else None,
            )
        )
    return out


def _links(value: str | None) -> tuple[tuple[int, int, str], ...] | None:
    """The hyperlinks the draft kept, (start, end, address); None if unreadable."""
    out = []
    for item in (value or "").split():
        start, _, rest = item.partition(":")
        end, _, url = rest.partition(":")
        if not (start.isdigit() and end.isdigit() and url):
            return None
        out.append((int(start), int(end), url))
    return tuple(out)


def _offsets(value: str | None, count: int) -> tuple[int, ...]:
    """The citations' places, if the draft kept them (one per citation), else none."""
    try:
        found = tuple(int(v) for v in (value or "").split())
    except ValueError:
        return ()
    return found if len(found) == count and all(v >= 0 for v in found) else ()


def embed(docx: bytes, draft: list[DraftPara], paper: str = "") -> bytes:
    """`docx` with the draft added as a custom XML part (and its properties part);
    `paper`: the paper's name (its folder's), recorded to tell papers apart."""
    with zipfile.ZipFile(io.BytesIO(docx)) as src:
        members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    return zip_members(embed_members(members, draft, paper))


def embed_members(members: list, draft: list[DraftPara], paper: str = "") -> list:
    """`embed` on a package's parts, (name, bytes) in order: the parts with the draft's."""
    names = {name for name, _ in members}
    n = 1
    while f"customXml/item{n}.xml" in names or f"customXml/itemProps{n}.xml" in names:
        n += 1
    item, props = f"customXml/item{n}.xml", f"customXml/itemProps{n}.xml"
    out = []
    for name, data in members:
        if name == "word/_rels/document.xml.rels":
            data = _add_relationship(data, _REL_CUSTOM, f"../{item}")
        elif name == "[Content_Types].xml":
            data = data.replace(
                b"</Types>",
                f'<Override PartName="/{props}" ContentType="{_PROPS_TYPE}"/></Types>'.encode(),
            )
        out.append((name, data))
    out.append((item, to_xml(draft, paper)))
    out.append(
        (
            props,
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
                f'<ds:datastoreItem ds:itemID="{_ITEM_ID}" '
                'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS}"/></ds:schemaRefs></ds:datastoreItem>'
            ).encode(),
        )
    )
    out.append(
        (
            f"customXml/_rels/item{n}.xml.rels",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{_REL_PROPS}" Target="itemProps{n}.xml"/>'
                "</Relationships>"
            ).encode(),
        )
    )
    return out


def _add_relationship(rels: bytes, kind: str, target: str) -> bytes:
    used = set(re.findall(rb'Id="([^"]+)"', rels))
    n = 1
    while f"rIdBp{n}".encode() in used:
        n += 1
    return rels.replace(
        b"</Relationships>",
        f'<Relationship Id="rIdBp{n}" Type="{kind}" Target="{target}"/></Relationships>'.encode(),
    )


def find(members: dict[str, bytes], parse) -> list[DraftPara] | None:
    """The draft inside a package's members (customXml/*.xml), or None."""
    root = _root(members, parse)
    return from_xml(root) if root is not None else None


def identity(members: dict[str, bytes], parse) -> tuple[str, str] | None:
    """(paper, title) the draft in a package's members was built from, "" for what it
    does not record (a draft before version 4 has no name; its title is its cover's),
    or None if the package carries no draft."""
    root = _root(members, parse)
    if root is None:
        return None
    title = root.get("title") or _cover_title(from_xml(root))
    return root.get("paper", ""), title


def _cover_title(draft: list[DraftPara]) -> str:
    found = next((p for p in draft if p.kind == "cover" and p.key == "title"), None)
    return found.unit_text if found is not None else ""


def _root(members: dict[str, bytes], parse):
    for name in sorted(members):
        if name.startswith("customXml/") and re.match(r"^customXml/item\d+\.xml$", name):
            root = parse(members[name], name)
            if root is not None and root.tag == f"{{{NS}}}draft":
                return root
    return None
