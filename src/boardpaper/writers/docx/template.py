"""docxtpl render of the house template: the cover, header and footer fields.

The template's `{{p body }}` paragraph is rendered as an empty anchor
paragraph (marked by a hidden bookmark) where `blocks.py` builds the body.
"""

from __future__ import annotations

import io

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ...errors import Location, TemplateError
from ...narrative.model import Meta
from ...oxml import bookmarks, style_ids
from ...oxml.ns import nsdecls

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


def render(meta: Meta, template: bytes, template_name: str):
    """Render the template's fields; return (python-docx Document, anchor `w:p`)."""
    where = Location(template_name)
    try:
        tpl = DocxTemplate(io.BytesIO(template))
        env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
        tpl.render(context(meta), env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(
            f"the Word template cannot be rendered: {exc.message}",
            where,
            "the template's fields are listed in docs/authoring.md",
        ) from None
    except (KeyError, ValueError, OSError) as exc:
        raise TemplateError(f"not a usable Word template: {exc}", where) from None
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
