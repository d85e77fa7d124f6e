"""A board meeting file (`meetings/<date>.yaml`): the agenda and each item's paper.

    board: Strategic Policing and Crime Board
    date: 2022-05-10
    time: "10:00"
    venue: Lloyd House, Birmingham
    marking: OFFICIAL
    attendees: [Simon Foster, Police and Crime Commissioner]   # optional
    apologies: []                                               # optional
    contact:                                                    # optional: the board's officer
      name: Board Secretary
      email: secretariat@example.gov.uk
      phone: 0121 000 0000
    items:
      - title: Performance report
        presenter: Deputy Chief Constable Vanessa Jardine
        purpose: for information          # or: for decision, for discussion
        paper: ../content/2022-05-performance-report   # a boardpaper folder …
      - title: Estates update
        presenter: Chief Executive
        purpose: for decision
        paper: papers/estates.docx        # … or a .docx or .pdf given as it is

Validated like paper.yaml: every error at file:line:col.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Location, did_you_mean, shown
from .checks import _keys, _mapping, _text
from .paths import plain
from .yamlmarks import MarkedList, load

KEYS = (
    "board",
    "date",
    "time",
    "venue",
    "marking",
    "attendees",
    "apologies",
    "contact",
    "items",
)
CONTACT_KEYS = ("name", "email", "phone")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,30}")
ITEM_KEYS = ("title", "presenter", "purpose", "paper")
PURPOSES = ("for decision", "for information", "for discussion", "for assurance")


@dataclass(frozen=True)
class Item:
    number: int
    title: str
    presenter: str
    purpose: str
    paper: Path
    kind: str  # boardpaper, docx or pdf
    loc: Location


@dataclass(frozen=True)
class Contact:
    """The officer who answers for the board (the secretariat): name, email, phone."""

    name: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Meeting:
    path: str
    board: str
    date: str  # ISO
    time: str
    venue: str
    marking: str
    attendees: tuple[str, ...]
    apologies: tuple[str, ...]
    items: tuple[Item, ...]
    contact: Contact | None = None

    @property
    def name(self) -> str:
        return Path(self.path).stem

    @property
    def printed_date(self) -> str:
        day = dt.date.fromisoformat(self.date)
        return f"{day.day} {day.strftime('%B')} {day.year}"


def load_meeting(path: Path | str) -> Meeting:
    path = Path(path)
    top = _mapping(load(path), Location(str(path), 1, 1), "a meeting file")
    _keys(top, KEYS, required=("board", "date", "venue", "items"), what="the meeting")
    date = top["date"]
    if not isinstance(date, dt.date):
        raise ContentError(
            f"date must be a date like 2022-05-10, not {str(date)[:40]!r}", top.value_loc["date"]
        )
    items = top["items"]
    if not isinstance(items, MarkedList) or not items:
        raise ContentError("items must list the agenda items", top.value_loc["items"])
    found = []
    for n, (entry, where) in enumerate(zip(items, items.item_loc), 1):
        entry = _mapping(entry, where, "an agenda item")
        _keys(entry, ITEM_KEYS, required=("title", "paper"), what="an agenda item")
        purpose = str(_text(entry, "purpose") or "for information").strip()
        if purpose not in PURPOSES:
            raise ContentError(
                f"unknown purpose {shown(purpose)}",
                entry.value_loc["purpose"],
                did_you_mean(purpose, PURPOSES, f"one of: {', '.join(PURPOSES)}"),
            )
        paper = (
            path.parent / plain(_text(entry, "paper", True), entry.value_loc["paper"], "a paper")
        ).resolve()
        kind = (
            "boardpaper"
            if (paper / "paper.yaml").is_file()
            else paper.suffix.lower().lstrip(".")
            if paper.suffix.lower() in (".docx", ".pdf")
            else ""
        )
        if not kind or not paper.exists():
            raise ContentError(
                f"the paper of item {n} is not a boardpaper folder, a .docx or a .pdf that exists",
                entry.value_loc["paper"],
                "name a folder holding paper.yaml, or a Word or PDF file, relative to this file",
            )
        found.append(
            Item(
                n,
                str(_text(entry, "title", True)),
                str(_text(entry, "presenter") or ""),
                purpose,
                paper,
                kind,
                entry.value_loc["paper"],
            )
        )
    return Meeting(
        str(path),
        str(_text(top, "board", True)),
        date.isoformat(),
        str(_text(top, "time") or ""),
        str(_text(top, "venue", True)),
        str(_text(top, "marking") or "OFFICIAL"),
        _names(top, "attendees"),
        _names(top, "apologies"),
        tuple(found),
        _contact(top),
    )


def _contact(top) -> Contact | None:
    """The optional `contact:` block: a name, and an email address and phone number,
    each checked where it is written."""
    if "contact" not in top or top["contact"] is None:
        return None
    entry = _mapping(top["contact"], top.value_loc["contact"], "contact")
    _keys(entry, CONTACT_KEYS, required=("name",), what="the contact")
    values = {key: str(_text(entry, key, key == "name") or "").strip() for key in CONTACT_KEYS}
    for key, pattern, example in (
        ("email", EMAIL, "an email address like secretariat@example.gov.uk"),
        ("phone", PHONE, "a phone number like 0121 496 0123"),
    ):
        if values[key] and not pattern.fullmatch(values[key]):
            raise ContentError(
                f"the contact's {key} {shown(values[key])} is not {example}",
                entry.value_loc[key],
            )
    if not values["name"]:
        raise ContentError("'name' needs a value", entry.value_loc["name"])
    return Contact(**values)


def _names(top, key: str) -> tuple[str, ...]:
    value = top.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(f"{key} must be a list of names", top.value_loc[key])
    return tuple(str(v) for v in value)
