#!/usr/bin/env python3
"""Write the house templates from boardpaper.oxml.house: templates/spcb-paper.docx
(a paper) and templates/spcb-agenda.docx (a meeting's agenda).

Run it once to (re)create them; after that a secretariat may restyle either .docx in
Word (styles, header, footer, cover wording) and commit it. The paper writer needs
only the `{{p body }}` paragraph and the style names of docs/authoring.md; the agenda
needs its fields (docs/workflow.md, "The meeting pack") and one `{%tr for item in
items %}` row.

    templates/make_template.py [FOLDER]
"""

import sys
from pathlib import Path

from boardpaper.fsutil import write_atomic
from boardpaper.oxml.house import agenda_template_package, template_package

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
for name, package in (
    ("spcb-paper.docx", template_package()),
    ("spcb-agenda.docx", agenda_template_package()),
):
    write_atomic(folder / name, package)
    print(folder / name)
