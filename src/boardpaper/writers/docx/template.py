"""docxtpl render of the house template: the cover, header and footer fields.

The template's `{{p body }}` paragraph is rendered as an empty anchor
paragraph (marked by a hidden bookmark) where `blocks.py` builds the body.
"""

from __future__ import annotations

import io
import re

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup, escape

from ...errors import Location, TemplateError, did_you_mean
from ...narrative.model import ILLUSTRATIVE_LABEL, Meta
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
        "marking": meta.page_marking,  # with ILLUSTRATIVE DATA where so
        "agenda_item": meta.agenda_item,
        "illustrative": meta.illustrative,
        "body": Markup(
            notice(meta) + f'<w:p {nsdecls("w")}><w:bookmarkStart w:id="0" w:name="{ANCHOR}"/>'
            '<w:bookmarkEnd w:id="0"/></w:p>'
        ),
    }


def notice(meta: Meta) -> str:
    """The paragraph that opens the body of a paper of made-up data, under the cover's
    title: "Illustrative data:" in bold, then what that means (Body Text style)."""
    if not meta.illustrative:
        return ""
    return (
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style_ids.BODY}"/>'
        '<w:spacing w:before="240"/></w:pPr>'
        f'<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">'
        f"{escape(ILLUSTRATIVE_LABEL)}: </w:t></w:r>"
        f"<w:r><w:t>{escape(meta.illustrative)}</w:t></w:r></w:p>"
    )


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
    unmarked = unmarked_part(template)
    if unmarked:
        raise TemplateError(
            f"the template's {unmarked} carries no {{{{ marking }}}} field, so its pages "
            "would not show the protective marking",
            where,
            "put {{ marking }} in every header and footer, as the house template has it "
            "(templates/make_template.py)",
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


MARKING = re.compile(r"\{\{-?\s*marking\s*(\|[^}]*)?-?\}\}")


def unmarked_part(template: bytes) -> str | None:
    """The first header or footer of `template` that pages show and that has no
    `{{ marking }}` field ("header", "first-page footer" …), or None: every page of a
    paper must carry its protective marking."""
    import docx

    document = docx.Document(io.BytesIO(template))
    even = document.settings.odd_and_even_pages_header_footer
    for n, section in enumerate(document.sections):
        parts = [("header", section.header), ("footer", section.footer)]
        if section.different_first_page_header_footer:
            parts += [
                ("first-page header", section.first_page_header),
                ("first-page footer", section.first_page_footer),
            ]
        if even:
            parts += [
                ("even-page header", section.even_page_header),
                ("even-page footer", section.even_page_footer),
            ]
        for what, part in parts:
            if part.is_linked_to_previous:  # no part of its own: the section before's
                if n == 0:
                    return what
                continue
            if not MARKING.search("".join(part._element.xpath(".//w:t/text()"))):
                return what
    return None
