"""A chart in the web page: inline SVG (text as text), legible on a 320 px screen.

SVG scales text with the picture, so one drawing cannot be legible on a phone and
sensible on a desktop. The page carries two drawings of the chart, and CSS shows
one: a narrow one (bars drawn across, 22 ems wide: on a 320 px screen, less the
page's padding and a scrollbar, its text is at least 12 px; at most 17 px) and a wide
one (shown from 40 rem, where its text is at least 12 px). Each is `role="img"`,
named by a `<title>` holding the chart's alt text; the hidden one is out of the
accessibility tree (`display: none`). matplotlib's SVG is made fit to inline:
no XML prologue, no metadata, no page-wide style, ids prefixed per drawing (two
charts on one page must not share an id), unreferenced ids dropped.
"""

from __future__ import annotations

import re
from html import escape

from ..narrative import model as m
from .charts import Layout, render_svg

FONT = 12.0
NARROW_EMS = 22  # drawing width in ems: at 264 px or more its text is >= 12 px
WIDE = Layout(560, 280, FONT)  # at >= 40rem the page's column is >= 560 px wide

CSS = """
figure.chart { margin: 1rem 0; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart svg.narrow { max-width: 24rem; }
figure.chart svg.wide { display: none; max-width: 44rem; }
@media (min-width: 40rem) {
  figure.chart svg.narrow { display: none; }
  figure.chart svg.wide { display: block; }
}
@media print {
  figure.chart svg.narrow { display: none; }
  figure.chart svg.wide { display: block; }
}
"""


def narrow(chart: m.Chart) -> Layout:
    width = NARROW_EMS * FONT
    if chart.kind == "bar":  # one row a bar, and the unit above
        return Layout(width, FONT * (1.9 * len(chart.labels) + 2.6), FONT, across=True)
    return Layout(width, width * 0.75, FONT)


def inline(svg: str, prefix: str, label_id: str, label: str, css_class: str) -> str:
    """matplotlib's SVG document as an element for an HTML page."""
    body = svg[svg.index("<svg") :]
    body = re.sub(r"\s*<metadata>.*?</metadata>", "", body, flags=re.S)
    body = re.sub(r"\s*<style[^>]*>.*?</style>", "", body, flags=re.S)
    body = re.sub(r"\s*<defs>\s*</defs>", "", body)
    used = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', body))

    def ident(match: re.Match) -> str:
        name = match.group(1)
        return f' id="{prefix}-{name}"' if name in used else ""

    body = re.sub(r'\s+id="([^"]+)"', ident, body)
    body = re.sub(r'(url\(#|href="#)([^)"]+)', lambda g: f"{g.group(1)}{prefix}-{g.group(2)}", body)
    body = body.replace("xlink:href=", "href=").replace(
        ' xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    body = body.replace(
        "font-family: 'DejaVu Sans'", "font-family: 'DejaVu Sans', Verdana, Arial, sans-serif"
    )
    # one line a tag, no trailing blanks: a smaller page, the same drawing
    body = re.sub(r"\n\s+", "\n", body).strip()
    head, rest = body.split(">", 1)
    head = re.sub(r' (width|height)="[^"]*"', "", head)
    return (
        f'{head} class="{css_class}" role="img" aria-labelledby="{label_id}" focusable="false">'
        f'<title id="{label_id}">{escape(label)}</title>{rest}'
    )


def figure(chart: m.Chart, number: int) -> str:
    """The `<figure>` of a chart: its two drawings and its caption."""
    drawings = "".join(
        inline(
            render_svg(chart, layout),
            f"c{number}{kind[0]}",
            f"chart-{number}-{kind}",
            chart.alt,
            kind,
        )
        for kind, layout in (("narrow", narrow(chart)), ("wide", WIDE))
    )
    return (
        f'<figure class="chart">{drawings}<figcaption>{escape(chart.caption)}</figcaption></figure>'
    )
