"""boardpaper/xmltext.py escapes as xml.sax.saxutils does (which a build no longer
imports: it brings urllib.request, http, email and ssl)."""

from __future__ import annotations

import subprocess
import sys
from xml.sax.saxutils import escape as sax_escape
from xml.sax.saxutils import quoteattr as sax_quoteattr

from hypothesis import given, settings
from hypothesis import strategies as st

from boardpaper.xmltext import escape, quoteattr

TEXT = st.text(alphabet=st.sampled_from(list("ab &<>\"'\n\r\t é→;#")), max_size=40)


@settings(max_examples=500, derandomize=True)
@given(TEXT)
def test_the_same_text_as_saxutils(data):
    assert escape(data) == sax_escape(data)
    assert quoteattr(data) == sax_quoteattr(data)


def test_a_build_imports_no_network_module():
    code = (
        "import sys; from boardpaper import pipeline; from boardpaper.writers import "
        "figures_csv, data_downloads, ods; from boardpaper.writers.docx import write; "
        "from boardpaper.writers.pdf import scorecard; "
        "print(sorted(m for m in ('urllib.request', 'http.client', 'ssl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
