"""Raw WordprocessingML: element classes and XML fragments, one module per feature.

Nothing outside this package builds or queries OOXML directly. This module
registers the element classes boardpaper adds to python-docx's parser.
"""

from .footnotes import CT_Footnote, CT_Footnotes
from .parser import register_element_cls

register_element_cls("w:footnote", CT_Footnote)
register_element_cls("w:footnotes", CT_Footnotes)
