"""A JSON Schema (draft-07) of a meeting file (meetings/*.yaml), for the secretariat's
editor, from the tables content/meeting.py checks against (`KEYS`, `ITEM_KEYS`,
`CONTACT_KEYS`, `PURPOSES`): `boardpaper schema meeting`, schemas/meeting.schema.json.
As for paper.yaml, the program stays the judge of files and dates."""

from __future__ import annotations

from .jsonschema import DRAFT, choice, keys_object, text
from .meeting import CONTACT_KEYS, ITEM_KEYS, KEYS, PURPOSES


def meeting_schema() -> dict:
    """The JSON Schema of a meeting file, from content/meeting.py's own tables."""
    names = {"type": ["array", "null"], "items": text()}
    item = keys_object(
        "item",
        ITEM_KEYS,
        {
            "title": text(),
            "presenter": text(optional=True),
            "purpose": choice(PURPOSES, {}),
            "paper": {"type": "string", "pattern": r"\S"},
        },
        required=("title", "paper"),
    )
    contact = keys_object(
        "contact",
        CONTACT_KEYS,
        {"name": text(), "email": text(optional=True), "phone": text(optional=True)},
        required=("name",),
    )
    top = keys_object(
        "meeting",
        KEYS,
        {
            "board": text(),
            "venue": text(),
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
