"""review is linear in the reviewed file: past a bound (review/bounds.py) the file is
refused in one line before the paper is built; within them, the work grows with the
file, not with its square (the red-team cases R07, R10 and R11, made small).

Work is asserted on counts that do not depend on the machine's speed: the units
review/matching.py spends, how often a loop looks at the paragraphs. The few times
taken are against bounds many times what the linear code needs, and a small part of
what the quadratic code did."""

from __future__ import annotations

import difflib
import random
import string
import time
import zipfile
from pathlib import Path

from boardpaper import pipeline
from boardpaper.cli import main
from boardpaper.oxml import accepted, reviewed
from boardpaper.oxml.parser import parse_untrusted
from boardpaper.review import bounds, matching, merge, read
from boardpaper.review.align import ALIGN_WORK, align, ratio
from boardpaper.review.opened import Opened

from ..conftest import EXAMPLE

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMBERED = '<w:pPr><w:pStyle w:val="NumberedParagraph"/></w:pPr>'


def words(n: int, rng: random.Random) -> str:
    return " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(n))


def reviewed_file(built: Path, dst: Path, body: str, draft: str | None = None) -> Path:
    """The built paper with its body (and, if given, its draft) replaced; stored, not
    compressed, so that a large repetitive part is not taken for a zip bomb."""
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'
    replace = {"word/document.xml": document.encode()}
    if draft is not None:
        replace["customXml/item1.xml"] = draft.encode()
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as out:
        for info in src.infolist():
            out.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return dst


def refused(path: Path, capsys, words: str) -> str:
    """Refused in one line, before the paper is read: the paper's folder does not exist."""
    started = time.monotonic()
    assert main(["review", str(path), "--content", str(path.parent / "no-such-paper")]) == 2
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0], err
    assert err[0].startswith(f"{path}: error: ") and words in err[0], err[0]
    return err[0]


# -- past a bound: one line, the bound named ------------------------------------------


def test_more_paragraphs_than_review_reads(built_docx, tmp_path, capsys):
    """R11 made small: a valid file of more paragraphs than any paper has."""
    path = reviewed_file(built_docx, tmp_path / "paragraphs.docx", "<w:p/>" * 20_001)
    line = refused(path, capsys, f"review reads at most {bounds.MAX_PARAGRAPHS:,}")
    assert "20,00" in line and "paragraphs" in line


def test_more_runs_than_review_reads(built_docx, tmp_path, capsys):
    """R07: one paragraph of more runs than any paper has."""
    body = "<w:p>" + "<w:r/>" * (bounds.MAX_RUNS + 1) + "</w:p>"
    path = reviewed_file(built_docx, tmp_path / "runs.docx", body)
    refused(path, capsys, f"runs of text; review reads at most {bounds.MAX_RUNS:,}")


def test_more_characters_than_review_reads(built_docx, tmp_path, capsys):
    body = "<w:p><w:r><w:t>" + "x" * (bounds.MAX_CHARACTERS + 1) + "</w:t></w:r></w:p>"
    path = reviewed_file(built_docx, tmp_path / "characters.docx", body)
    refused(path, capsys, f"characters of text; review reads at most {bounds.MAX_CHARACTERS:,}")


def test_more_elements_than_review_reads_is_refused_before_parsing(built_docx, tmp_path, capsys):
    body = "<w:p>" + "<w:x/>" * (bounds.MAX_ELEMENTS + 1) + "</w:p>"
    path = reviewed_file(built_docx, tmp_path / "elements.docx", body)
    refused(path, capsys, f"XML elements; review reads at most {bounds.MAX_ELEMENTS:,}")


def test_a_draft_larger_than_review_reads(built_docx, tmp_path, capsys):
    draft = (
        '<bp:draft xmlns:bp="urn:boardpaper:draft:1" version="2">'
        + '<bp:p part="body" style="Normal">x</bp:p>' * (bounds.MAX_PARAGRAPHS + 1)
        + "</bp:draft>"
    )
    path = reviewed_file(built_docx, tmp_path / "draft.docx", "<w:p/>", draft)
    refused(path, capsys, f"paragraphs; review reads at most {bounds.MAX_PARAGRAPHS:,}")


# -- within the bounds: linear -----------------------------------------------------


def _reading_time(root) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        reviewed.paragraphs(root)
        accepted.paragraphs(root, "body")
        best = min(best, time.perf_counter() - started)
    return best


def test_reading_does_not_depend_on_how_deep_runs_are_nested():
    """Each text used to look up its ancestors (the change, link or deletion round it):
    runs 200 elements deep cost 200 times as much. One walk carries them down."""
    runs = "".join(f"<w:r><w:t>w{i} </w:t></w:r>" for i in range(5000))
    flat = f"<w:document {W}><w:body><w:p><w:ins w:author='a'>{runs}</w:ins></w:p></w:body></w:document>"
    deep = flat.replace("<w:ins w:author='a'>", "<w:ins w:author='a'>" + "<w:smartTag>" * 200)
    deep = deep.replace("</w:ins>", "</w:smartTag>" * 200 + "</w:ins>")
    flat_root, deep_root = (
        parse_untrusted(flat.encode(), "flat"),
        parse_untrusted(deep.encode(), "d"),
    )
    assert reviewed.paragraphs(deep_root)[0].segments == reviewed.paragraphs(flat_root)[0].segments
    assert accepted.paragraphs(deep_root, "body") == accepted.paragraphs(flat_root, "body")
    assert _reading_time(deep_root) < 5 * _reading_time(flat_root) + 0.05


def test_a_paragraph_of_many_runs_is_read_whole(built_docx, tmp_path):
    """R07 within the bounds: 200,000 runs of one paragraph, joined once."""
    rng = random.Random(1)
    pieces = ["".join(rng.choice(string.ascii_lowercase) for _ in range(4)) for _ in range(200_000)]
    body = "<w:p>" + "".join(f"<w:r><w:t>{p}</w:t></w:r>" for p in pieces) + "</w:p>"
    package = Opened(reviewed_file(built_docx, tmp_path / "runs.docx", body))
    started = time.monotonic()
    paragraphs, _ = read.load(package)
    _, theirs, _ = read.read_package(package, lambda: b"")
    assert time.monotonic() - started < 60  # about 3 s; the quadratic code took minutes
    assert paragraphs[0].text(accept=True) == "".join(pieces)
    assert theirs[0].text == "".join(pieces)


def test_a_paragraph_inside_a_paragraph_is_read_on_its_own():
    """A text box's paragraph is a paragraph of its own, not also part of the one it
    stands in (which would read nested boxes again and again)."""
    box = "<w:p><w:r><w:t>in the box</w:t></w:r></w:p>"
    xml = (
        f"<w:document {W}><w:body><w:p><w:r><w:t>outside </w:t></w:r><w:r><w:pict>"
        f"<w:txbxContent>{box}</w:txbxContent></w:pict></w:r></w:p></w:body></w:document>"
    )
    root = parse_untrusted(xml.encode(), "box")
    assert [p.text for p in accepted.paragraphs(root, "body")] == ["outside", "in the box"]
    assert [p.text(accept=True) for p in reviewed.paragraphs(root)] == ["outside ", "in the box"]


def test_numbered_paragraphs_without_bookmarks_are_placed_within_a_budget(tmp_path):
    """R10 made small: each numbered paragraph whose bookmark is gone used to be
    compared in full with every paragraph of the paper (minutes for a few hundred)."""
    paper = pipeline.prepare(EXAMPLE).paper
    rng = random.Random(2)
    texts = [words(300, rng) for _ in range(300)]
    known = [paper.paras()[5], paper.paras()[40]]
    texts[10] = read.m.plain_text(known[0].inlines)  # the same text: placed
    texts[20] = read.m.plain_text(known[1].inlines)[:-12] + " (edited)"  # alike: placed
    found = [reviewed.ReviewedParagraph("NumberedParagraph") for _ in texts]
    for para, text in zip(found, texts):
        para.segments.append(reviewed.Segment("", text))
    started = time.monotonic()
    with matching.budget(10**12) as spent:
        placed = read.place(found, paper)
    assert time.monotonic() - started < 60  # about 1 s
    assert spent.used <= read.PLACE_WORK
    where = {p.para_id: p.where for p in placed if p.where == "text"}
    assert where == {known[0].id: "text", known[1].id: "text"}


def test_equal_paragraphs_are_found_within_a_bound():
    """difflib finds the longest match first and searches again on each side of it:
    with 20,000 paragraphs each followed by one the other version lacks, that is
    quadratic (over a minute). Past its allowance the search pairs the paragraphs
    found once in each version instead (patience diff), so all are still found."""
    n = 20_000
    a = [f"paragraph {i}" for i in range(n)]
    b = [x for i in range(n) for x in (f"paragraph {i}", f"new {i}")]
    started = time.monotonic()
    with matching.budget(10**12) as spent:
        pairs = align(a, b, ratio, str)
    assert time.monotonic() - started < 30  # about 2 s
    assert spent.used <= ALIGN_WORK
    assert [(i, j) for i, j in pairs if i is not None and j is not None] == [
        (i, 2 * i) for i in range(n)
    ]


def test_a_comparison_spends_at_most_its_allowance():
    """Long runs of one letter are difflib's worst case; the comparison stays within
    PER_COMPARISON and is still a true matching, found word by word where letters cost
    too much."""
    x, y = "a" * 50_000, "b" + "a" * 49_998 + "b"  # no common head or tail to start from
    with matching.budget(10**12) as spent:
        found = matching.Comparison(x, y)
    assert spent.used <= matching.PER_COMPARISON
    assert all(x[i : i + k] == y[j : j + k] for i, j, k in found.get_matching_blocks())
    edited = (words(2000, random.Random(3)) + " ").split(" ")
    before, after = (
        " ".join(edited),
        " ".join(w if k % 10 else "changed" for k, w in enumerate(edited)),
    )
    with matching.budget(10**12) as spent:
        alike = matching.Comparison(before, after).ratio()
    assert spent.used <= matching.PER_COMPARISON and alike > 0.8  # by words


def test_comparisons_are_difflibs_within_the_allowance():
    """Within its allowance a comparison is difflib's; with a common head or tail,
    those are matched first (as diff tools do)."""
    rng = random.Random(4)
    for _ in range(500):
        x = "x" + "".join(rng.choice("ab c") for _ in range(rng.randint(0, 40))) + "x"
        y = "y" + "".join(rng.choice("ab c") for _ in range(rng.randint(0, 40))) + "y"
        for a, b in ((x, y), (x.split(), y.split())):
            expected = difflib.SequenceMatcher(None, a, b, autojunk=False)
            assert matching.Comparison(a, b).get_opcodes() == expected.get_opcodes()
        head = matching.Comparison("same " + x, "same " + y)
        assert head.get_matching_blocks()[0] == (0, 0, 5)
        assert "".join(("same " + y)[j1:j2] for *_, j1, j2 in head.get_opcodes()) == "same " + y


class _Looked(list):
    """A list that counts how often its items are looked at."""

    looks = 0

    def __getitem__(self, index):
        _Looked.looks += 1
        return super().__getitem__(index)


def test_a_run_of_new_paragraphs_is_planned_in_linear_time(monkeypatch):
    """Each new paragraph looked back through every one before it for its anchor, and
    through every deleted one for a paragraph it moved: quadratic in a run of them."""
    draft_paras = [
        merge.DraftPara("body", "NumberedParagraph", f"drafted paragraph number {i}", "paragraph")
        for i in range(50)
    ]
    rng = random.Random(5)

    def new(n):
        return [accepted.Para("body", "NumberedParagraph", words(8, rng)) for _ in range(n)]

    looks = []
    for n in (2000, 8000):
        theirs = [accepted.Para("body", p.style, p.text) for p in draft_paras[:25]]
        theirs += new(n)  # a run of new paragraphs in the middle, the rest deleted
        _Looked.looks = 0
        planner = merge._Planner(draft_paras, theirs, [])
        original = planner._align
        monkeypatch.setattr(
            planner, "_align", lambda b, t, original=original: _Looked(original(b, t))
        )
        planner.run()
        looks.append(_Looked.looks)
    assert looks[1] <= 5 * looks[0]  # four times the paragraphs: about four times the looks
