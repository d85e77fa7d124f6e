"""A JSON Schema (draft-07) of a meeting file (meetings/*.yaml), for the secretariat's
editor, from the tables content/meeting.py checks against (`KEYS`, `ITEM_KEYS`,
`CONTACT_KEYS`, `PURPOSES`): `boardpaper schema meeting`, schemas/meeting.schema.json.
As for paper.yaml, the program stays the judge of files and dates."""

from __future__ import annotations

from .jsonschema import DRAFT, choice, text
from .meeting import CONTACT_KEYS, ITEM_KEYS, KEYS, PURPOSES

HELP = {
    "meeting.board": ("The board that meets, printed on the agenda and the pack's cover.", ""),
    "meeting.date": ("The meeting's date, YYYY-MM-DD: it names the outputs.", "date: 2022-05-10"),
    "meeting.time": ('When it starts, as printed ("10:00").', ""),
    "meeting.venue": ("Where it meets, as printed.", ""),
    "meeting.marking": ("The protective marking of the agenda and pack (default OFFICIAL).", ""),
    "meeting.attendees": ("Who attends, one per line, as printed.", ""),
    "meeting.apologies": ("Apologies received, one per line ([] for none).", ""),
    "meeting.contact": ("The officer who answers for the board: name, email, phone.", ""),
    "meeting.items": (
        "The agenda, in order: each item's title, presenter, purpose and paper.",
        "items:\n  - title: Annual report 2020/21\n    presenter: Chief Executive\n"
        "    purpose: for decision\n    paper: ../content/2021-09-annual-report",
    ),
    "contact.name": ("The officer's name and role.", ""),
    "contact.email": ("An email address.", ""),
    "contact.phone": ("A phone number.", ""),
    "item.title": ("The item's title on the agenda.", ""),
    "item.presenter": ("Who presents it.", ""),
    "item.purpose": ("Why it comes to the board (default: for information).", ""),
    "item.paper": (
        "A boardpaper folder (holding paper.yaml), or a .docx or .pdf, relative to this file.",
        "",
    ),
}


def _object(where: str, keys, schemas: dict, required=()) -> dict:
    out: dict = {
        "type": "object",
        "properties": {k: _described(schemas.get(k, text()), f"{where}.{k}") for k in keys},
        "additionalProperties": False,
    }
    if required:
        out["required"] = list(required)
    return out


def _described(schema: dict, key: str) -> dict:
    words, example = HELP[key]
    out = {"description": words, **schema}
    if example:
        out["markdownDescription"] = f"{words}\n\n```yaml\n{example}\n```"
    return out


def meeting_schema() -> dict:
    """The JSON Schema of a meeting file, from content/meeting.py's own tables."""
    names = {"type": ["array", "null"], "items": text()}
    item = _object(
        "item",
        ITEM_KEYS,
        {
            "presenter": text(optional=True),
            "purpose": choice(PURPOSES, {}),
            "paper": {"type": "string", "pattern": r"\S"},
        },
        required=("title", "paper"),
    )
    contact = _object(
        "contact",
        CONTACT_KEYS,
        {"email": text(optional=True), "phone": text(optional=True)},
        required=("name",),
    )
    top = _object(
        "meeting",
        KEYS,
        {
            "date": {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"},
            "time": text(optional=True),
            "marking": text(optional=True),
            "attendees": names,
            "apologies": names,
            "contact": {**contact, "type": ["object", "null"]},
            "items": {"type": "array", "minItems": 1, "items": item},
        },
        required=("board", "date", "venue", "items"),
    )
    return {
        "$schema": DRAFT,
        "title": "boardpaper meeting file",
        "description": "A board meeting: its agenda items and their papers "
        "(boardpaper meeting build).",
        **top,
    }
