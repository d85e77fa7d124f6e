#!/usr/bin/env python3
"""Write templates/spcb-paper.docx, the SPCB house template, from boardpaper.oxml.house.

Run it once to (re)create the template; after that a secretariat may restyle
the .docx in Word (styles, header, footer, cover wording) and commit it. The
writer needs only the `{{p body }}` paragraph and the style names of
docs/authoring.md.
"""

import sys
from pathlib import Path

from boardpaper.fsutil import write_atomic
from boardpaper.oxml.house import template_package

target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("spcb-paper.docx")
write_atomic(target, template_package())
print(target)
