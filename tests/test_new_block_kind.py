"""A new block kind defined here, in the test suite, without touching any source file:
a "callout" (a boxed paragraph with an optional title). Registered through the kinds
table (content/kinds.py) and the walk (narrative/walk.py), it builds into the Word
paper and the web page, appears in the audit trail, redlines word by word, and a
reviewer's tracked edit inside it comes back into paper.yaml."""

from __future__ import annotations

import csv
import gc
import io
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.content import kinds
from boardpaper.content.checks import _text
from boardpaper.errors import Location
from boardpaper.narrative import model as m
from boardpaper.narrative import walk
from boardpaper.narrative.model import Revision
from boardpaper.oxml import style_ids as ids
from boardpaper.review import diff
from boardpaper.writers import figures_csv, html
from boardpaper.writers.docx import blocks

from .conftest import ROOT
from .review.docxedit import Docx

PAPER = "2022-05-performance-report"
CALLOUT = """  - callout: >
      In the year to {{ period }} there were {{ m.homicide }} homicides, a figure that has
      remained low.
    title: In brief
"""

# -- the kind: its content record, model block and kinds row ------------------------


@dataclass(frozen=True)
class Callout:  # the content record
    title: object  # MarkedStr or None
    text: object  # MarkedStr
    loc: Location


@dataclass(frozen=True)
class CalloutBlock:  # the model block
    title: tuple
    inlines: tuple
    change: str = ""


def _read(body, item, key, loc):
    return Callout(_text(item, "title"), _text(item, key, True), loc)


def _model(builder, record):
    title = builder.inlines(record.title, None, notes=False) if record.title else ()
    return [CalloutBlock(title, builder.inlines(record.text, None))]


def _units(maker, record, index, made):
    next(made)
    maker.add("callout", record.title, "title", notes=False, block=index)
    maker.add("callout", record.text, "text", block=index)


ROW = kinds.Kind(
    "callout",
    Callout,
    ("callout",),
    ("title",),
    (kinds.Unit("callout", (ids.BODY,)),),  # part of the reviewed flow; not added anew
    read=_read,
    model=_model,
    review=_units,
)

# -- one method per visitor -----------------------------------------------------


def _word(self, block):
    border = (
        f"<w:pBdr {nsdecls('w')}>"
        + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="4"/>' for s in ("top", "bottom"))
        + "</w:pBdr>"
    )
    for inlines in (block.title, block.inlines):
        if inlines:
            p = self.add(ids.BODY, inlines, change=block.change)
            p.pPr.pStyle.addnext(parse_xml(border))


def _web(self, block):
    title = f"<h6>{self.inlines(block.title)}</h6>" if block.title else ""
    return f'<aside class="callout">{title}<p>{self.inlines(block.inlines)}</p></aside>\n'


def _runs(self, block):
    return [block.title, block.inlines]


def _audit(self, block):
    return [f for inl in (block.title, block.inlines) for f in figures_csv._inlines("callout", inl)]


def _key(self, block):
    return ("callout", m.plain_text(block.title + block.inlines))


def _whole(self, block):
    return replace(
        block,
        title=(self.wrap(block.title),) if block.title else (),
        inlines=(self.wrap(block.inlines),),
        change=self.change,
    )


def _compare(self, new):
    def marked(old, now):
        return diff._flatten(diff.diff_inlines(old, now))

    return replace(
        new, title=marked(self.old.title, new.title), inlines=marked(self.old.inlines, new.inlines)
    )


HANDLERS = {
    blocks.BlockWriter: _word,
    html._Body: _web,
    walk.InlineRuns: _runs,
    figures_csv._Placed: _audit,
    diff._Key: _key,
    diff._Whole: _whole,
    diff._Compare: _compare,
}


@pytest.fixture
def callout():
    gc.collect()  # visitors defined inside other tests' functions are gone
    kinds.register(ROW)
    walk.register_block(CalloutBlock, "callout", HANDLERS)
    try:
        yield
    finally:
        walk.unregister_block(CalloutBlock)
        kinds.unregister("callout")


@pytest.fixture
def folder(tmp_path, callout):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = tmp_path / "content" / PAPER
    path = folder / "paper.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("body:\n\n", "body:\n\n" + CALLOUT, 1), encoding="utf-8")
    return folder


def _document_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


# -- the proof ------------------------------------------------------------------------


def test_an_unknown_kind_is_refused_and_a_visitor_left_without_it_too(callout):
    with pytest.raises(TypeError, match="not a block kind"):
        kinds.of(object())

    class Other:
        pass

    with pytest.raises(TypeError, match="handles no other"):
        walk.register_block(Other, "other", {blocks.BlockWriter: _word})
    assert Other not in walk.BLOCK_METHODS
    assert not hasattr(blocks.BlockWriter, "other")


def test_it_builds_into_the_word_paper_the_web_page_and_the_audit_trail(folder, tmp_path):
    built = pipeline.build(folder, tmp_path / "out", html=True)
    files = {p.suffix: p for p in built.outputs if not p.name.endswith(".figures.csv")}
    word = _document_text(files[".docx"].read_bytes())
    assert "In brief" in word and "homicides, a figure that has remained low." in word
    assert "<w:pBdr>" in word
    page = files[".html"].read_text(encoding="utf-8")
    assert '<aside class="callout"><h6>In brief</h6><p>In the year to' in page
    audit = next(p for p in built.outputs if p.name.endswith(".figures.csv"))
    rows = list(csv.DictReader(io.StringIO(audit.read_text(encoding="utf-8"))))
    assert any(r["expression"] == "m.homicide" and "callout" in r["place"] for r in rows)


def test_it_redlines_word_by_word(folder, tmp_path):
    old = pipeline.prepare(folder).paper
    path = folder / "paper.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "has\n      remained low", "has\n      stayed low"
        ),
        encoding="utf-8",
    )
    new = pipeline.prepare(folder).paper
    marked = diff.redline(old, new, Revision("test", "2022-05-01T00:00:00Z"))
    block = next(b for b in marked.blocks if isinstance(b, CalloutBlock))
    changed = [i for i in block.inlines if isinstance(i, (m.Inserted, m.Deleted))]
    assert [m.plain_text(i.children) for i in changed] == ["remained", "stayed"]
    assert diff.changes(marked) == 2


def test_a_reviewers_tracked_edit_inside_it_comes_back_into_yaml(folder, tmp_path, capsys):
    built = pipeline.build(folder, tmp_path / "draft")
    edited = Docx(built.outputs[0].read_bytes())
    edited.replace("has remained low", "has stayed low", tracked=True)
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(edited.save())
    status = main(["review", str(reviewed), "--content", str(folder), "--apply"])
    out = capsys.readouterr().out
    assert status == 0, out
    text = (folder / "paper.yaml").read_text(encoding="utf-8")
    assert "stayed low" in text and "remained low" not in text
    assert "{{ m.homicide }} homicides" in text  # the placeholder stays


def test_a_build_imports_nothing_of_review():
    code = (
        "import sys, tempfile\n"
        "import boardpaper.pipeline as p\n"
        f"p.build({str(ROOT / 'content' / PAPER)!r}, tempfile.mkdtemp())\n"
        "print(sorted(n for n in sys.modules if n.startswith('boardpaper.review')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]", run.stdout
    assert Path(ROOT / "src" / "boardpaper" / "narrative" / "units.py").is_file()
