"""Charts as PNG with matplotlib: one style for the Word paper and the PDF appendices.

matplotlib because it draws publication-quality charts with few lines, ships its
own font (DejaVu Sans, so every machine draws the same), and writes PNG without
a clock when told to; it is imported only when a paper has a chart. The style is
readable in black and white: a solid dark line or dark bars, a dashed grey
baseline, values written on the bars, no meaning carried by colour.
"""

from __future__ import annotations

import io

from ..narrative import model as m

WIDTH_CM, HEIGHT_CM = 15.0, 7.5
INK, GREY = "#1A1A1A", "#707070"


def render_png(chart: m.Chart, dpi: int = 200) -> bytes:
    """The chart as PNG bytes, the same for the same chart on every run."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.ticker
    from matplotlib import pyplot as plt

    with matplotlib.rc_context(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "svg.hashsalt": "boardpaper",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        figure, axes = plt.subplots(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=dpi)
        try:
            x = list(range(len(chart.labels)))
            if chart.kind == "bar":
                values = chart.series[0].values
                bars = axes.bar(x, values, color=INK, width=0.6)
                axes.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=2, fontsize=8)
            else:
                for series in chart.series:
                    axes.plot(
                        x,
                        series.values,
                        color=GREY if series.dashed else INK,
                        linestyle="--" if series.dashed else "-",
                        linewidth=1.6,
                        label=series.name,
                    )
                if len(chart.series) > 1:
                    axes.legend(frameon=False, fontsize=8, loc="lower left")
            step = max(1, len(x) // 8)
            axes.set_xticks(x[::step], [chart.labels[i] for i in x[::step]])
            axes.set_ylabel(chart.unit)
            axes.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
            axes.set_ylim(bottom=0)
            axes.grid(axis="y", color="#D0D0D0", linewidth=0.5)
            axes.set_axisbelow(True)
            figure.tight_layout()
            out = io.BytesIO()
            figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
            return out.getvalue()
        finally:
            plt.close(figure)
