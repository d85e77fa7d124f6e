"""`boardpaper meeting build`: the whole board meeting as an agenda and one accessible pack.

From a meeting file (content/meeting.py): the agenda as a Word document in the house
style (written by the same Word writer as a paper), and the meeting pack: a cover,
the agenda, then each item's paper and its appendices. Papers kept by boardpaper are
built from their folders; a .docx given as is is cleaned (oxml/sanitize.py) and
converted; a PDF is included as it is. Every .docx of the meeting goes through one
LibreOffice run (and the agenda once more, with its page numbers); a Word file
converted before, byte for byte, is taken from the cache (writers/pack.py,
`to_pdfs_cached`), so an unchanged paper costs no conversion. The pack keeps
every part's structure tree (writers/pack.py), has an outline of item → paper → its
headings and appendices, page labels, "Pack page N of M" at the foot of every page
beside each paper's own numbering, and the protective marking on every page. The
agenda's page numbers are where each paper starts in the pack. Nothing is written
unless all of it could be made.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .content.meeting import Item, Meeting, load_meeting
from .errors import BoardpaperError, Location, OutputError
from .fsutil import read_regular, write_all
from .narrative import model as m

MAX_PAPER = 50 * 1024 * 1024


@dataclass
class Part:
    title: str
    pdf: bytes = b""
    convert: str = ""  # the name of a .docx converted in the meeting's LibreOffice run
    #: the marking every page prints already: a paper built here, or an appendix made
    #: by boardpaper (its house template prints the paper's marking at head and foot of
    #: each page, as the paper's own pack trusts); "" for a document given as a file
    prints: str = ""

    def needs_marking(self, marking: str | None) -> bool:
        """Whether the pages must be looked at (`pack.marked`) for `marking`: a part that
        prints a marking holding it is not read again (a page's text read costs a tenth
        of a second)."""
        return bool(marking) and marking not in self.prints


def build_meeting(
    path: Path, out_dir: Path, html: bool = False, progress=None
) -> tuple[list[Path], list[str]]:
    """Write `<date>-agenda.docx` and `<date>-pack.pdf` into `out_dir` (with `html`, also
    `<date>.html`, the web page of each paper built here and the papers given as files);
    their paths, and warnings (`file:line:col: warning: …`) for what the pack could not
    do fully: a PDF given untagged leaves its pages unreadable to a screen reader.
    `progress(line)` is told of each paper as it is built and converted."""
    from .writers import office, pack
    from .writers.meeting_cover import cover as make_cover
    from .writers.stamp import pack_numbered

    say = progress or (lambda _line: None)

    meeting = load_meeting(path)
    soffice = pack.soffice_path()
    if soffice is None:
        raise BoardpaperError(
            "the meeting pack needs LibreOffice (soffice) to convert the papers",
            Location(meeting.path),
            office.looked(),
        )
    documents: dict[str, bytes] = {}
    warnings: list[str] = []
    web: dict[str, bytes] | None = {} if html else None
    links: list = []
    items = []
    for item in meeting.items:
        items.append(_parts(item, documents, warnings, web, links))
        say(f"item {item.number}: prepared {item.title}")
    documents["agenda"] = _agenda(meeting, None)
    converted = _converted(pack, documents, soffice, meeting, say)
    title = f"{meeting.board}, {meeting.printed_date}: meeting pack"
    meta = _meta(meeting, title)
    cover = make_cover(meeting, meta, None)
    for parts in items:
        for part in parts:
            pdf = converted[part.convert] if part.convert else part.pdf
            part.pdf = (
                pack.marked(pdf, meeting.marking, part.title)
                if part.needs_marking(meeting.marking)
                else pdf
            )
    agenda_pdf = converted["agenda"]
    for _ in range(4):  # the cover's and agenda's own lengths move the pages after them
        starts = _starts(cover, agenda_pdf, items)
        agenda_docx = _agenda(meeting, starts)
        again = pack.to_pdfs_cached({"agenda": agenda_docx}, soffice)["agenda"]
        cover_again = make_cover(meeting, meta, starts)
        stable = _pages(again) == _pages(agenda_pdf) and _pages(cover_again) == _pages(cover)
        agenda_pdf, cover = again, cover_again
        if stable:
            break
    merged = pack.merge(
        [("Cover", cover), ("Agenda", agenda_pdf)]
        + [(p.title, p.pdf) for parts in items for p in parts],
        meta,
        title=title,  # not "… – board pack", merge's title for a paper's own pack
    )
    merged = pack_numbered(merged, meeting.path)
    merged = _outline(merged, meeting, items, cover, agenda_pdf)
    out_dir = Path(out_dir)
    outputs = {
        out_dir / f"{meeting.name}-agenda.docx": agenda_docx,
        out_dir / f"{meeting.name}-pack.pdf": merged,
    }
    if web is not None:
        from .writers.meeting_html import page

        outputs.update({out_dir / name: data for name, data in web.items()})
        text = page(
            meeting, links, starts, f"{meeting.name}-pack.pdf", f"{meeting.name}-agenda.docx"
        )
        outputs[out_dir / f"{meeting.name}.html"] = text.encode("utf-8")
    write_all(outputs)
    return list(outputs), warnings


def _converted(pack, documents: dict[str, bytes], soffice: str, meeting: Meeting, say) -> dict:
    """Every Word file of the meeting as PDF; one LibreOffice cannot convert is an error
    at the agenda item it belongs to (documents are named item<N>[<appendix letter>]).
    `say` is told of each item's Word files: converted, or taken from the cache."""
    fresh: set[str] = set()
    papers = [n for n in documents if n != "agenda"]
    say(f"converting {len(papers)} Word files with LibreOffice (unchanged ones from the cache)")
    try:
        converted = pack.to_pdfs_cached(documents, soffice, fresh.update)
    except OutputError as exc:
        name = getattr(exc, "document", "")
        for item in meeting.items:
            if name == f"item{item.number}" or (
                name.startswith(f"item{item.number}")
                and name[len(f"item{item.number}") :].isalpha()
            ):
                part = "paper" if name == f"item{item.number}" else f"appendix {name[-1]}"
                raise OutputError(
                    f"the {part} of item {item.number} ({item.title}): {exc.message}", item.loc
                ) from None
        raise
    from .writers.contents_pages import with_pages

    # a contents list's page numbers, from the first layout: every paper with one
    # converted again, in one LibreOffice run
    filled = {name: with_pages(documents[name], converted[name]) for name in papers}
    filled = {name: docx for name, docx in filled.items() if docx is not None}
    if filled:
        converted.update(pack.to_pdfs_cached(filled, soffice))
    for item in meeting.items:
        own = [n for n in papers if n.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == f"item{item.number}"]
        if own:
            how = "converted" if any(n in fresh for n in own) else "from the cache"
            what = "Word file" if len(own) == 1 else "Word files"
            say(f"item {item.number}: {how} ({len(own)} {what}): {item.title}")
    return converted


def _parts(
    item: Item, documents: dict[str, bytes], shortfalls: list[str], web, links: list
) -> list[Part]:
    """The documents of one agenda item, in order: its paper, then its appendices (each
    what it is in the paper's own pack: writers/pack.py, `appendix_parts`). What the
    pack cannot do fully is added to `shortfalls`, as warnings at the item's line. With
    `web` (a dict), the paper's web page (and the files it links) or the file given is
    added to it, and where it is to `links`."""
    from .oxml.sanitize import NotAPackage
    from .writers import pack

    name = f"item{item.number}"
    where = f"item {item.number} ({item.title})"
    try:
        if item.kind == "boardpaper":
            from . import pipeline

            prepared = pipeline.prepare(item.paper)
            paper = prepared.paper
            opts = pipeline.options(prepared, item.paper)
            documents[name] = opts.output(paper, "docx").files[f"{paper.name}.docx"]
            parts = [Part(paper.meta.title, convert=name, prints=paper.meta.marking or "")]
            if web is not None:
                from .writers.meeting_html import Link

                for writer in ("html", "appendices", "data"):
                    web.update(opts.output(paper, writer).files)
                links.append(Link(f"{paper.name}.html", "web page"))
            for appendix in pack.appendix_parts(paper, opts):
                if appendix.shortfall:
                    shortfalls.append(
                        f"{item.loc}: warning: item {item.number}: {appendix.shortfall}"
                    )
                if appendix.docx:
                    documents[f"{name}{appendix.letter}"] = appendix.docx
                    parts.append(Part(appendix.title, convert=f"{name}{appendix.letter}"))
                elif appendix.pdf:
                    made = appendix.path is None  # the scorecard, drawn with the marking
                    prints = paper.meta.marking or "" if made else ""
                    parts.append(Part(appendix.title, appendix.pdf, prints=prints))
            return parts
        parts = _given(item, name, documents, where, shortfalls)
        if web is not None:
            from .writers.meeting_html import Link

            path = Path(item.paper)
            kind = "Word document" if path.suffix.lower() == ".docx" else "PDF"
            given = f"item-{item.number}-{path.stem}{path.suffix.lower()}"
            web[given] = documents[name] if name in documents else parts[0].pdf
            links.append(Link(given, kind))
        return parts
    except NotAPackage as exc:
        raise OutputError(f"the paper of {where}: {exc}", item.loc) from None
    except BoardpaperError as exc:
        if isinstance(exc, OutputError) and exc.where is None:
            raise OutputError(f"the paper of {where}: {exc.message}", item.loc) from None
        raise


def _given(item: Item, name: str, documents: dict, where: str, shortfalls: list) -> list[Part]:
    """A .docx or .pdf included as it is (a .docx cleaned first)."""
    from .oxml.sanitize import clean
    from .writers import pack

    path = Path(item.paper)
    data = read_regular(path, MAX_PAPER, OutputError, "a paper")
    if path.suffix.lower() == ".docx":
        documents[name], _ = clean(data, f"the paper of {where}")
        return [Part(item.title, convert=name)]
    pdf = pack.readable_pdf(data, where, path)
    if not pack.is_tagged(pdf):
        shortfalls.append(
            f"{item.loc}: warning: {item.title} (item {item.number}) is a PDF without tags: "
            "a screen reader cannot read its pages in the pack (ask its author for a tagged "
            "PDF, or give the Word file)"
        )
    return [Part(item.title, pdf)]


def _meta(meeting: Meeting, title: str) -> m.Meta:
    return m.Meta(
        title=title,
        board=meeting.board,
        meeting=meeting.printed_date,
        date=meeting.date,
        marking=meeting.marking,
        author=meeting.board,
    )


def _agenda(meeting: Meeting, starts: list[int] | None) -> bytes:
    """The agenda: docxtpl renders the agenda template (templates/spcb-agenda.docx in
    the meeting's folder or above, else the one built in) with the meeting's fields and
    a row for each item; `starts`: each item's first page in the pack (None: a first
    draft, to count its pages)."""
    import datetime as dt

    from .oxml.package import deterministic_zip
    from .templates import find_template
    from .writers.docx.template import render_fields

    template, name, _ = find_template(Path(meeting.path).parent, agenda=True)
    context = {
        "board": meeting.board,
        "meeting": meeting.printed_date,
        "when": meeting.printed_date + (f", {meeting.time}" if meeting.time else ""),
        "venue": meeting.venue,
        "marking": meeting.marking,
        "agenda_item": "",
        "attendees": ", ".join(meeting.attendees),
        "apologies": ", ".join(meeting.apologies),
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "presenter": item.presenter,
                "purpose": item.purpose,
                "page": starts[n] if starts else "000",
            }
            for n, item in enumerate(meeting.items)
        ],
    }
    document = render_fields(
        template,
        context,
        name,
        "the agenda template",
        "its fields: board, meeting, when, venue, marking, attendees, apologies, "
        "items (number, title, presenter, purpose, page)",
    )
    props = document.docx.core_properties
    props.title = f"Agenda: {meeting.board}, {meeting.printed_date}"
    props.author = meeting.board
    props.language = "en-GB"
    props.last_modified_by = "boardpaper"
    props.revision = 1
    props.created = props.modified = dt.datetime.fromisoformat(meeting.date).replace(tzinfo=dt.UTC)
    out = io.BytesIO()
    document.save(out)
    return deterministic_zip(out.getvalue())


def _pages(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _starts(cover: bytes, agenda: bytes, items: list[list[Part]]) -> list[int]:
    """The page (1-based, in the pack) where each item's paper starts."""
    page = 1 + _pages(cover) + _pages(agenda)
    starts = []
    for parts in items:
        starts.append(page)
        page += sum(_pages(p.pdf) for p in parts)
    return starts


def _outline(pdf: bytes, meeting: Meeting, items, cover: bytes, agenda: bytes) -> bytes:
    """The pack's outline: cover, agenda, then item → its paper (with the paper's own
    headings) and appendices."""
    import pikepdf
    from pikepdf import OutlineItem

    document = pikepdf.open(io.BytesIO(pdf))
    page = _pages(cover) + _pages(agenda)
    with document.open_outline() as outline:
        outline.root.clear()
        outline.root.append(OutlineItem("Cover", 0))
        outline.root.append(OutlineItem("Agenda", _pages(cover)))
        for item, parts in zip(meeting.items, items):
            entry = OutlineItem(f"Item {item.number}: {item.title}", page)
            for part in parts:
                child = OutlineItem(part.title, page)
                child.children.extend(_headings(part.pdf, page))
                entry.children.append(child)
                page += _pages(part.pdf)
            outline.root.append(entry)
    out = io.BytesIO()
    document.save(out, deterministic_id=True)
    return out.getvalue()


def _headings(pdf: bytes, offset: int) -> list:
    """A part's own outline (a paper's headings), its pages moved by `offset`."""
    import pikepdf
    from pikepdf import OutlineItem

    found = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        index = {page.objgen: n for n, page in enumerate(document.pages)}
        with document.open_outline() as outline:

            def copy(items) -> list:
                out = []
                for item in items:
                    target = item.destination
                    number = None
                    if isinstance(target, pikepdf.Array) and len(target):
                        number = index.get(target[0].objgen)
                    if number is None:
                        continue
                    copied = OutlineItem(item.title, number + offset)
                    copied.children.extend(copy(item.children))
                    out.append(copied)
                return out

            found = copy(outline.root)
    return found
