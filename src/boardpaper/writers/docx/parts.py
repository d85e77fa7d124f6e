"""The footnotes part as an XmlPart, so its XML and relationships can be edited.

python-docx has no footnotes support; registering the content type with
`XmlPart` (as python-docx registers its own parts) makes the part load as
`CT_Footnotes` (see boardpaper.oxml).
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import PartFactory, XmlPart

import boardpaper.oxml  # noqa: F401  registers CT_Footnotes

PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)


def footnotes_part(document):
    """The document's footnotes part; a template without one gets an error upstream."""
    try:
        return document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return None
