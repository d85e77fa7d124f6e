"""docxtpl render of the house template: the cover, header and footer fields.

The template's `{{p body }}` paragraph is rendered as an empty anchor
paragraph (marked by a hidden bookmark) where `blocks.py` builds the body.
"""

from __future__ import annotations

import io
import re

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup

from ...errors import Location, TemplateError, did_you_mean
from ...narrative.model import Meta
from ...oxml import bookmarks, style_ids
from ...oxml.ns import nsdecls
from ...sandbox import TemplateSandbox, render_errors

ANCHOR = "_boardpaper_body"
#: Style ids the writer names; the template must define each.
REQUIRED_STYLES = (
    *style_ids.BODY_STYLES,
    "FootnoteText",
    "FootnoteReference",
    "Hyperlink",
)


def context(meta: Meta) -> dict:
    """The docxtpl fields of the cover, header and footer."""
    return {
        "board": meta.board,
        "meeting": meta.meeting,
        "title": meta.title,
        "priority": meta.priority,
        "presented_by": meta.presented_by,
        "marking": meta.marking,
        "agenda_item": meta.agenda_item,
        "body": Markup(
            f'<w:p {nsdecls("w")}><w:bookmarkStart w:id="0" w:name="{ANCHOR}"/>'
            '<w:bookmarkEnd w:id="0"/></w:p>'
        ),
    }


def render_fields(template: bytes, fields: dict, name: str, what: str, hint: str):
    """The docxtpl template `template` with its fields rendered from `fields`, in the
    one sandbox (sandbox.TemplateSandbox): the door every Word template's Jinja
    passes, for the paper and the meeting's agenda. `what` names it in messages
    ("the Word template"); `hint` lists its fields."""
    where = Location(name)
    env = TemplateSandbox(autoescape=True)
    try:
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.render(fields, env, autoescape=True)
    except jinja2.UndefinedError as exc:
        unknown = re.search(r"'([^']*)' is undefined", exc.message or "")
        field = unknown.group(1) if unknown else None
        raise TemplateError(
            f"{what} names a field that does not exist: {exc.message}",
            where,
            did_you_mean(field, fields, hint) if field else hint,
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{what} cannot be rendered: {exc.message}", where, hint) from None
    except render_errors as exc:
        raise TemplateError(
            f"{what} cannot be rendered: a field fails ({exc})", where, hint
        ) from None
    except OSError as exc:
        raise TemplateError(f"{what} is not usable: {exc}", where) from None
    return tpl


def render(meta: Meta, template: bytes, template_name: str):
    """Render the template's fields; return (python-docx Document, anchor `w:p`)."""
    where = Location(template_name)
    tpl = render_fields(
        template,
        context(meta),
        template_name,
        "the Word template",
        "the template's fields are listed in docs/authoring.md",
    )
    document = tpl.docx
    start = bookmarks.find(document.element.body, ANCHOR)
    if start is None:
        raise TemplateError(
            "the template has no '{{p body }}' paragraph",
            where,
            "add a paragraph holding only {{p body }} where the body goes",
        )
    defined = {s.style_id for s in document.styles}
    missing = [s for s in REQUIRED_STYLES if s not in defined]
    if missing:
        raise TemplateError(
            f"the template lacks the style(s) {', '.join(missing)}",
            where,
            "recreate it with templates/make_template.py, or add the styles",
        )
    return document, start.getparent()
