"""The paper on the web: one self-contained, accessible HTML page per paper, from the
same model as the Word paper, checked in a real browser (Chromium, driven by
selenium) with the axe-core engine's WCAG 2.2 A and AA rules."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import docx
import html5lib
import pytest

from boardpaper import pipeline

from ..conftest import ROOT

EXAMPLES = ["2022-05-performance-report", "2021-10-pcp-kpi-report", "2021-09-annual-report"]
AXE = ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
H = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    return {name: pipeline.build(ROOT / "content" / name, out, html=True) for name in EXAMPLES}


def page(built, name: str) -> Path:
    return next(p for p in built[name].outputs if p.suffix == ".html")


def tree(path: Path):
    """The page parsed by html5lib in strict mode: any parse error fails."""
    return html5lib.HTMLParser(strict=True).parse(path.read_bytes())


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def prose(element) -> str:
    """The text a reader reads, footnote marks (`sup`) left out, as Word's text is."""

    def walk(node) -> str:
        out = node.text or ""
        for child in node:
            if child.tag != f"{H}sup":
                out += walk(child)
            out += child.tail or ""
        return out

    return " ".join(walk(element).split())


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_page_is_valid_self_contained_and_deterministic(built, name, tmp_path):
    path = page(built, name)
    root = tree(path)
    assert root.get("lang") == "en-GB"
    assert len(list(root.iter(f"{H}h1"))) == 1
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["'](https?:)?//""", source.replace('href="http', ""))
    assert all(s.startswith("data:") for s in re.findall(r'src="([^"]*)"', source))
    assert "<script" not in source and "<link" not in source
    again = pipeline.build(ROOT / "content" / name, tmp_path, html=True)
    assert page({name: again}, name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_page_says_what_the_word_paper_says(built, name):
    """Numbered paragraphs (with their numbers), bullets and footnotes read the same in
    the web page as in the Word file (read with python-docx; the numbers are Word's
    live numbering, so they are the model's)."""
    root = tree(page(built, name))
    document = docx.Document(str(built[name].outputs[0]))
    words = [
        " ".join(p.text.split())
        for p in document.paragraphs
        if p.style.style_id == "NumberedParagraph"
    ]
    web = [
        f"{text(div[0])} {prose(div[1])}"
        for div in root.iter(f"{H}div")
        if div.get("class") == "para"
    ]
    # the numbers the model gives (a theme with `restart: yes` starts again at 1; Word
    # numbers the same paragraphs live, from the same restarts)
    numbers = [paragraph.number for paragraph in built[name].paper.paras()]
    assert web == [f"{n}. {t}" for n, t in zip(numbers, words, strict=True)]
    bullets = [
        " ".join(p.text.split())
        for p in document.paragraphs
        if p.style.style_id in ("ListBullet", "ListBullet2")
    ]
    parents = {child: parent for parent in root.iter() for child in parent}
    items = []
    for li in root.iter(f"{H}li"):  # document order: an item, then the items under it
        if parents[li].tag != f"{H}ul" or _in_appendix(li, parents):
            continue
        own = (li.text or "") + "".join(
            "".join(child.itertext()) + (child.tail or "") for child in li if child.tag != f"{H}ul"
        )
        items.append(" ".join(own.split()))
    assert items == bullets
    anchors = {e.get("id") for e in root.iter() if e.get("id")}
    for paragraph in built[name].paper.paras():
        assert f"p-{paragraph.id}" in anchors
    for link in root.iter(f"{H}a"):
        href = link.get("href", "")
        if href.startswith("#"):
            assert href[1:] in anchors, href


def _in_appendix(element, parents) -> bool:
    while element in parents:
        element = parents[element]
        if element.tag == f"{H}section":
            return True
    return False


def test_footnotes_link_both_ways(built):
    root = tree(page(built, "2022-05-performance-report"))
    anchors = {e.get("id") for e in root.iter() if e.get("id")}
    notes = [li for li in root.iter(f"{H}li") if (li.get("id") or "").startswith("fn-")]
    assert len(notes) == 5
    from lxml import etree

    document = docx.Document(str(built["2022-05-performance-report"].outputs[0]))
    part = next(p for p in document.part.package.parts if p.partname.endswith("footnotes.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    word = [
        " ".join("".join(t.text or "" for t in note.iter(f"{w}t")).split())
        for note in etree.fromstring(part.blob).iter(f"{w}footnote")
        if note.get(f"{w}type") is None
    ]
    assert sorted(text(li).removesuffix("↩").strip() for li in notes) == sorted(word)
    for note in notes:
        back = [a for a in note.iter(f"{H}a") if a.get("class") == "back"]
        assert back and back[0].get("href")[1:] in anchors


def test_tables_have_captions_and_header_scopes(built):
    root = tree(page(built, "2021-09-annual-report"))
    tables = list(root.iter(f"{H}table"))
    assert tables
    for table in tables:
        assert table.find(f"{H}caption") is not None
        assert all(th.get("scope") in ("col", "row", "rowgroup") for th in table.iter(f"{H}th"))


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver and AXE.is_file()):
        if os.environ.get("CI"):
            pytest.fail("chromium, chromedriver or axe-core missing: `make test` installs them")
        pytest.skip("chromium, chromedriver or axe-core (make test installs them) is missing")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(flag)
    options.binary_location = chromium
    session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_script_timeout(120)
    yield session
    session.quit()


@pytest.mark.parametrize("name", EXAMPLES)
def test_axe_finds_no_wcag_violation_and_the_page_reflows_at_320px(built, browser, name):
    browser.set_window_size(1200, 900)
    browser.get(page(built, name).as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(function (r) { done(r); }).catch(function (e) { done({error: String(e)}); });",
        RULES,
    )
    assert "error" not in result, result
    violations = [(v["id"], v["nodes"][0]["html"][:200]) for v in result["violations"]]
    assert violations == []
    browser.set_window_size(320, 800)
    width, client = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client, "horizontal scrolling at 320 px"


CHART_TEXT = """return [...document.querySelectorAll('svg text')]
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => { const c = t.getScreenCTM();
    return [t.textContent, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(c.a, c.b)]; })"""


@pytest.mark.parametrize("width", [320, 1000])
def test_chart_text_is_at_least_12px_and_each_chart_is_named_by_its_alt_text(built, browser, width):
    """The charts are inline SVG drawn to the GSS guidance: no text under 12 px as
    rendered (font size times the SVG's scale), each drawing named by its alt text."""
    result = built["2021-09-annual-report"]
    browser.set_window_size(width, 900)
    browser.get(page(built, "2021-09-annual-report").as_uri())
    sizes = browser.execute_script(CHART_TEXT)
    assert len(sizes) > 20
    assert [(t, s) for t, s in sizes if s < 12] == []
    names = browser.execute_script(
        "return [...document.querySelectorAll('svg[role=img]')]"
        ".filter(s => s.getBoundingClientRect().width > 0)"
        ".map(s => document.getElementById(s.getAttribute('aria-labelledby')).textContent)"
    )
    charts = [b for b in result.paper.blocks if type(b).__name__ == "Chart"]
    assert names == [c.alt for c in charts]
    source = page(built, "2021-09-annual-report").read_text(encoding="utf-8")
    assert "#12436d" in source and "rotate(-90" not in source and "<image" not in source
    ids = re.findall(r' id="([^"]+)"', source)
    assert len(ids) == len(set(ids)), "an id used twice"
