"""The meeting on the web (`meeting build --html`): one self-contained, accessible page,
`<meeting>.html`, with the meeting's date, time and venue, the agenda with a link to
each item's paper (its own web page when boardpaper built it, else the file as given),
the pack and the agenda to download, the officer to contact and the protective marking
at the head and foot; in the papers' style (writers/html.py)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..content.meeting import Meeting

STYLE = """
.table-wrap:focus { outline: 3px solid #1f3864; }
td .purpose { display: block; font-size: 0.9rem; color: #374151; }
footer { margin-top: 2rem; }
"""


@dataclass(frozen=True)
class Link:
    """Where an item's paper is, beside the meeting's page: `href`, and what it is."""

    href: str
    kind: str  # "web page", "Word document" or "PDF"


def page(meeting: Meeting, links: list[Link], starts: list[int], pack: str, agenda: str) -> str:
    """The page's HTML; `links` and `starts` (the pack page of each paper) by item."""
    from .html import STYLE as PAPER_STYLE

    title = f"Agenda: {meeting.board}, {meeting.printed_date}"
    marking = f'<p class="marking">{escape(meeting.marking)}</p>' if meeting.marking else ""
    when = meeting.printed_date + (f", {meeting.time}" if meeting.time else "")
    facts = [("Date and time", when), ("Venue", meeting.venue)]
    facts += [
        (label, ", ".join(names))
        for label, names in (("Present", meeting.attendees), ("Apologies", meeting.apologies))
        if names
    ]
    rows = "".join(
        f'<tr><td class="n">{item.number}</td>'
        f'<td><a href="{escape(link.href)}">{escape(item.title)}</a>'
        + ("" if link.kind == "web page" else f" ({escape(link.kind)})")
        + f'<span class="purpose">{escape(item.purpose.capitalize())}</span></td>'
        f'<td>{escape(item.presenter or "–")}</td><td class="n">{start}</td></tr>\n'
        for item, link, start in zip(meeting.items, links, starts, strict=True)
    )
    table = (
        '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="items-caption">'
        '<table><caption id="items-caption">Agenda items, with the page where each paper '
        "starts in the meeting pack</caption>\n"
        '<thead><tr><th scope="col" class="n">Item</th><th scope="col">Paper</th>'
        '<th scope="col">Presented by</th><th scope="col" class="n">Pack page</th></tr>'
        f"</thead>\n<tbody>\n{rows}</tbody></table></div>\n"
    )
    downloads = (
        "<h2>Downloads</h2>\n<ul>"
        f'<li><a href="{escape(pack)}">The meeting pack: every paper in one PDF</a></li>'
        f'<li><a href="{escape(agenda)}">The agenda (Word document)</a></li></ul>\n'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{PAPER_STYLE}{STYLE}</style>\n</head>\n"
        f"<body>\n<header>{marking}<p>{escape(meeting.board)}</p>"
        f"<h1>Agenda: {escape(meeting.printed_date)}</h1></header>\n<main>\n"
        "<h2>The meeting</h2>\n"
        + "".join(f"<p><strong>{k}:</strong> {escape(v)}</p>\n" for k, v in facts)
        + f"<h2>Agenda</h2>\n{table}{downloads}{_contact(meeting)}</main>\n"
        f"<footer>{marking}</footer>\n</body>\n</html>\n"
    )


def _contact(meeting: Meeting) -> str:
    contact = meeting.contact
    if contact is None:
        return ""
    lines = [f"<p>About this meeting or its papers, contact {escape(contact.name)}.</p>"]
    if contact.email:
        email = escape(contact.email)
        lines.append(f'<p>Email: <a href="mailto:{email}">{email}</a></p>')
    if contact.phone:
        number = "".join(c for c in contact.phone if c.isdigit() or c == "+")
        lines.append(f'<p>Telephone: <a href="tel:{number}">{escape(contact.phone)}</a></p>')
    return "<h2>Contact</h2>\n" + "\n".join(lines) + "\n"
