"""The contents list of a paper (`contents: yes` on the cover): Word's own TOC field,
written with its result filled in, and recognised by the readers of a reviewed file.

The field is what Word writes (`TOC \\o "1-2" \\h \\z \\u`): begin, instruction and
separate in the first entry's paragraph, the entries as its result, end in a paragraph
after the last. Each entry is its words as a link to a bookmark round its heading
(`_Toc…`, the hidden bookmarks Word uses), a tab and a `PAGEREF` of that bookmark (outside
the link: LibreOffice would split one link in two tagged Links sharing an annotation,
which PDF/UA refuses). Word fills the page numbers when its fields are updated; the
written result leaves them empty, as no page is known before a layout (the pack fills
them from LibreOffice's layout: writers/contents_pages.py).

The entries are computed from the headings: the readers of a reviewed file
(accepted.py, then review/contents.py) set them aside rather than compare them as
the author's text.
"""

from __future__ import annotations

import re

from .ns import attr, nsdecls, qn, text
from .parser import parse_xml

LEVELS = 2  # headings and subheadings: the levels a published report's contents list
INSTRUCTION = f' TOC \\o "1-{LEVELS}" \\h \\z \\u '
TITLE = "Contents"
HEADING_STYLE = "TOCHeading"  # the list's own heading: not itself an entry
ENTRY_STYLES = {1: "TOC1", 2: "TOC2"}
STYLES = (HEADING_STYLE, *ENTRY_STYLES.values())
#: the list's heading as Word and as LibreOffice (which renames the style on saving) name it
HEADING_STYLES = frozenset({HEADING_STYLE, "ContentsHeading"})


def is_heading(style: str, words: str) -> bool:
    """Whether a paragraph of the list is its heading, not an entry."""
    return style in HEADING_STYLES or words == TITLE


def bookmark_name(n: int) -> str:
    """The hidden bookmark round the nth heading the list names (Word's `_Toc` form)."""
    return f"_Toc{n:09d}"


def _runs(*parts: str) -> str:
    return "".join(f"<w:r>{p}</w:r>" for p in parts)


def _field(kind: str) -> str:
    return f'<w:fldChar w:fldCharType="{kind}"/>'


def _instruction(value: str) -> str:
    return f'<w:instrText xml:space="preserve">{text(value)}</w:instrText>'


def paragraphs(entries) -> list:
    """The list as Word writes one: a content control (`w:sdt`, gallery "Table of
    Contents") holding its heading, then one paragraph per entry, the TOC field round
    them. `entries`: (level, text, bookmark name) in reading order (at least one)."""
    out = [
        parse_xml(
            f"<w:p {nsdecls('w')}><w:pPr><w:pStyle w:val={attr(HEADING_STYLE)}/></w:pPr>"
            f'<w:r><w:t xml:space="preserve">{TITLE}</w:t></w:r></w:p>'
        )
    ]
    for n, (level, words, name) in enumerate(entries):
        opening = _runs(_field("begin"), _instruction(INSTRUCTION), _field("separate"))
        page = _runs(
            _field("begin"),
            _instruction(f" PAGEREF {name} \\h "),
            _field("separate"),
            _field("end"),
        )
        out.append(
            parse_xml(
                f"<w:p {nsdecls('w')}><w:pPr><w:pStyle w:val={attr(ENTRY_STYLES[level])}/>"
                f"</w:pPr>{opening if n == 0 else ''}"
                f'<w:hyperlink w:anchor={attr(name)} w:history="1">'
                f'<w:r><w:t xml:space="preserve">{text(words)}</w:t></w:r></w:hyperlink>'
                f"<w:r><w:tab/></w:r>{page}</w:p>"
            )
        )
    # the field ends in a paragraph of its own, as Word ends it: ended in the last entry's,
    # LibreOffice saves the heading after the list with its style's bold as direct
    # formatting (a change review would see). In the control, as Word has it, that
    # paragraph is the list's, not an empty one of the body used for spacing
    out.append(parse_xml(f"<w:p {nsdecls('w')}>{_runs(_field('end'))}</w:p>"))
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj>"
        '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
    )
    control[-1].extend(out)
    return [control]


# -- reading ------------------------------------------------------------------

_P, _FIELD_CHAR, _INSTR = qn("w:p"), qn("w:fldChar"), qn("w:instrText")
_SIMPLE, _T, _TAB = qn("w:fldSimple"), qn("w:t"), qn("w:tab")
_GONE = {qn("w:del"), qn("w:moveFrom")}
_TOC = re.compile(r"^\s*TOC\b", re.I)
_PAGEREF = re.compile(r"^\s*PAGEREF\b", re.I)


def _style(p) -> str:
    found = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return found.get(qn("w:val"), "") if found is not None else ""


def list_paragraphs(root, paragraphs) -> set:
    """Of `paragraphs` (the part's w:p in document order), those of a contents list:
    every paragraph from where a TOC field begins to where it ends (Word's, LibreOffice's
    or ours alike), a `w:fldSimple` TOC's, and the list's heading: a paragraph in a style
    of HEADING_STYLES, or reading "Contents" just before the list."""
    order = {id(p): n for n, p in enumerate(paragraphs)}
    found: set = set()
    open_: list[list] = []  # [instruction, the paragraph's index where it began]
    for element in root.iter(_FIELD_CHAR, _INSTR, _SIMPLE):
        p = next(element.iterancestors(_P), None)
        at = order.get(id(p))
        if at is None:
            continue
        if element.tag == _SIMPLE:
            if _TOC.match(element.get(qn("w:instr")) or ""):
                found.add(at)
        elif element.tag == _INSTR:
            if open_:
                open_[-1][0] += element.text or ""
        elif element.get(qn("w:fldCharType")) == "begin":
            open_.append(["", at])
        elif element.get(qn("w:fldCharType")) == "end" and open_:
            instruction, start = open_.pop()
            if _TOC.match(instruction):
                found.update(range(start, at + 1))
    found.update(n for n, p in enumerate(paragraphs) if _style(p) in HEADING_STYLES)
    found.update(
        n - 1
        for n in sorted(found)
        if n and n - 1 not in found and _words(paragraphs[n - 1]) == TITLE
    )
    return {id(paragraphs[n]) for n in found}


def _words(p) -> str:
    return "".join(t.text or "" for t in p.iter(_T)).strip()


def entry_text(p) -> str:
    """An entry's words as a reader sees them: its text up to the last tab (the page
    number after it left out), tracked deletions dropped, field instructions and page
    references' results left out."""
    pieces: list[str] = []
    fields: list[list] = []  # [instruction, in its result]
    for element in p.iter(_FIELD_CHAR, _INSTR, _T, _TAB):
        if any(a.tag in _GONE for a in element.iterancestors()):
            continue
        if element.tag == _FIELD_CHAR:
            kind = element.get(qn("w:fldCharType"))
            if kind == "begin":
                fields.append(["", False])
            elif kind == "separate" and fields:
                fields[-1][1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif element.tag == _INSTR:
            if fields and not fields[-1][1]:
                fields[-1][0] += element.text or ""
        elif any(not result or _PAGEREF.match(instr) for instr, result in fields):
            continue
        else:
            pieces.append("\t" if element.tag == _TAB else element.text or "")
    words = "".join(pieces)
    if "\t" in words.strip():
        words = words.strip().rsplit("\t", 1)[0]
    return " ".join(words.split())


def fill_pages(root, pages) -> int:
    """Write `pages` (a number or None for each entry, in order) as the results of the
    entries' page references under `root`; the entries are found as `list_paragraphs`
    finds them. Returns how many were written."""
    from .runs import run

    paragraphs = list(root.iter(_P))
    listed = list_paragraphs(root, paragraphs)
    entries = [p for p in paragraphs if id(p) in listed and not is_heading(_style(p), _words(p))]
    written = 0
    for p, page in zip(entries, pages, strict=False):
        if page is None:
            continue
        instruction, separate = "", None
        for element in p.iter(_FIELD_CHAR, _INSTR):
            if element.tag == _INSTR:
                instruction += element.text or ""
            elif element.get(qn("w:fldCharType")) == "begin":
                instruction, separate = "", None
            elif element.get(qn("w:fldCharType")) == "separate" and _PAGEREF.match(instruction):
                separate = element.getparent()
                break
        if separate is not None:
            while (old := separate.getnext()) is not None and old.find(_FIELD_CHAR) is None:
                old.getparent().remove(old)  # a result already there gives way
            separate.addnext(run(str(page)))
            written += 1
    return written
