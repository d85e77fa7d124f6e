"""Charts drawn with matplotlib to the Government Statistical Service's chart guidance:
one drawing for the Word paper and the PDF appendices (PNG at print resolution) and
for the web page (SVG whose text stays text, `chart_svg.py`).

matplotlib because it draws publication-quality charts with few lines, ships its
own font (DejaVu Sans, so every machine draws the same), and writes PNG and SVG
without a clock when told to; it is imported only when a paper has a chart.

The GSS style: its accessible categorical palette, in its order (one series is
dark blue); every label horizontal, the unit in a horizontal label above the
value axis rather than a rotated axis title; series labelled directly (values on
the bars, a line's name at its end) rather than in a legend; light gridlines; no
box round the plot, no 3D, no shadow. Nothing is carried by colour alone: a
baseline is dashed as well as coloured, and the chart's alt text states its data.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from ..narrative import model as m

# GSS accessible categorical palette, used in this order.
PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
# Colours dark enough (contrast >= 4.5:1 on white) to write a label in.
TEXT_SAFE = frozenset({"#12436D", "#801650", "#3D3D3D"})
INK, AXIS, GRID = "#0B0C0C", "#505A5F", "#E5E5E5"

WIDTH_CM, HEIGHT_CM = 15.0, 7.5  # as placed in Word and in the PDF appendix
PRINT_FONT_PT = 10
PRINT_DPI = 300


@dataclass(frozen=True)
class Layout:
    """A drawing size (points) and its one font size (points)."""

    width: float
    height: float
    font: float
    across: bool = False  # bars drawn across (horizontal): a phone's narrow screen


PRINT = Layout(WIDTH_CM / 2.54 * 72, HEIGHT_CM / 2.54 * 72, PRINT_FONT_PT)


def _rc() -> dict:
    return {
        "font.family": "DejaVu Sans",
        "svg.fonttype": "none",  # text stays text in SVG: selectable, read, scalable
        "svg.hashsalt": "boardpaper",  # ids the same on every run
        "path.simplify": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.spines.left": False,
        "axes.edgecolor": AXIS,
        "axes.labelcolor": INK,
        "xtick.color": AXIS,
        "ytick.color": AXIS,
        "xtick.labelcolor": INK,
        "ytick.labelcolor": INK,
        "ytick.major.size": 0,
        "text.color": INK,
    }


def _label_colour(colour: str) -> str:
    return colour if colour in TEXT_SAFE else INK


def _draw(chart: m.Chart, layout: Layout):
    """The figure of `chart` at `layout`; the caller closes it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.ticker
    from matplotlib import pyplot as plt

    font = layout.font
    figure, axes = plt.subplots(figsize=(layout.width / 72, layout.height / 72), dpi=72)
    x = list(range(len(chart.labels)))
    top = max((v for s in chart.series for v in s.values), default=0) or 1
    if chart.kind == "bar" and layout.across:
        _across(axes, chart, font)
    elif chart.kind == "bar":
        _columns(axes, chart, x, font)
        axes.set_xticks(x)
        axes.set_xticklabels(chart.labels, fontsize=font)
        axes.tick_params(axis="x", length=0, pad=font * 0.4)
    else:
        _lines(axes, chart, x, font)
        axes.set_ylim(0, top * 1.25)  # room for the labels at the lines' ends
        axes.set_xticks(x[:: _step(chart.labels, layout)])
        axes.set_xticklabels([chart.labels[i] for i in axes.get_xticks()], fontsize=font)
        axes.tick_params(axis="x", length=4, width=0.8, pad=4)
        axes.tick_params(axis="y", labelsize=font, pad=4)
        axes.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(nbins=4, min_n_ticks=3))
        axes.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_tick))
        axes.grid(axis="y", color=GRID, linewidth=0.8)
        axes.set_axisbelow(True)
        axes.margins(x=0.03)
    axes.spines["bottom"].set_linewidth(0.8)
    # The unit: a horizontal label above the value axis, not a rotated axis title.
    axes.annotate(
        chart.unit,
        xy=(0, 1),
        xycoords="axes fraction",
        xytext=(0, font * 0.6),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=font,
        color=INK,
    )
    figure.tight_layout(pad=0.4)
    return figure


def _columns(axes, chart: m.Chart, x: list[int], font: float) -> None:
    """Columns in dark blue, each with its value on top: no value axis is needed."""
    values = chart.series[0].values
    bars = axes.bar(x, values, color=PALETTE[0], width=0.6)
    axes.bar_label(bars, labels=[_value(v) for v in values], padding=3, fontsize=font)
    axes.set_ylim(0, (max(values, default=0) or 1) * 1.15)
    axes.yaxis.set_visible(False)


def _across(axes, chart: m.Chart, font: float) -> None:
    """Bars across, first category at the top, each value at its bar's end: every
    label horizontal and whole on a narrow screen."""
    values = chart.series[0].values
    y = list(range(len(values)))
    bars = axes.barh(y, values, color=PALETTE[0], height=0.62)
    axes.bar_label(bars, labels=[_value(v) for v in values], padding=4, fontsize=font)
    axes.set_yticks(y)
    axes.set_yticklabels(chart.labels, fontsize=font)
    axes.tick_params(axis="y", length=0, pad=font * 0.4)
    axes.invert_yaxis()
    widest = max((len(_value(v)) for v in values), default=1)
    axes.set_xlim(0, (max(values, default=0) or 1) * (1 + 0.11 * widest))
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    axes.spines["left"].set_visible(True)
    axes.spines["left"].set_linewidth(0.8)


def _lines(axes, chart: m.Chart, x: list[int], font: float) -> None:
    """Each series in its palette colour, named at its right-hand end (no legend)."""
    ends = sorted(range(len(chart.series)), key=lambda i: chart.series[i].values[-1])
    for i, series in enumerate(chart.series):
        colour = PALETTE[i % len(PALETTE)]
        axes.plot(
            x,
            series.values,
            color=colour,
            linestyle=(0, (4, 2)) if series.dashed else "-",
            linewidth=2.2,
            solid_capstyle="butt",
        )
        if len(chart.series) > 1:
            below = ends.index(i) == 0  # the lowest line's name sits under its end
            axes.annotate(
                series.name,
                xy=(x[-1], series.values[-1]),
                xytext=(0, -font * 0.5 if below else font * 0.5),
                textcoords="offset points",
                ha="right",
                va="top" if below else "bottom",
                fontsize=font,
                color=_label_colour(colour),
                # a white ground where the name crosses another line
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1},
            )


def _step(labels: tuple[str, ...], layout: Layout) -> int:
    """Every n-th category label, so that horizontal labels never overlap."""
    if not labels:
        return 1
    widest = max(len(label) for label in labels) * layout.font * 0.62 + layout.font
    room = max(1, int((layout.width - 4 * layout.font) // widest))
    return max(1, math.ceil(len(labels) / room))


def _value(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _tick(value: float, _position) -> str:
    return _value(value)


def render_png(chart: m.Chart, dpi: int = PRINT_DPI) -> bytes:
    """The chart for print (Word, PDF) as PNG bytes, the same on every run."""
    import matplotlib
    from matplotlib import pyplot as plt

    with matplotlib.rc_context(_rc()):
        figure = _draw(chart, PRINT)
        try:
            out = io.BytesIO()
            figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
            return out.getvalue()
        finally:
            plt.close(figure)


def render_svg(chart: m.Chart, layout: Layout) -> str:
    """The chart as matplotlib's SVG text (no date, stable ids), drawn at `layout`."""
    import matplotlib
    from matplotlib import pyplot as plt

    with matplotlib.rc_context(_rc()):
        figure = _draw(chart, layout)
        try:
            out = io.StringIO()
            figure.savefig(
                out, format="svg", metadata={"Date": None, "Creator": None, "Format": None}
            )
            return out.getvalue()
        finally:
            plt.close(figure)
