"""The KPI framework and its scores → the scorecard model (Appendix A)."""

from __future__ import annotations

from ..content.framework import Framework
from ..measures.kpi import KpiResult
from . import model as m
from .traced import traced

ILLUSTRATIVE = (
    "Example data: the figures in this scorecard are illustrative, made for the "
    "boardpaper example paper, and are not West Midlands Police statistics."
)


def scorecard(
    framework: Framework,
    results: list[KpiResult],
    period: str,
    note: str = "",
    paper_baseline: str = "",
) -> m.Scorecard:
    """Rows in framework order: section, objective and group headings, then KPIs."""
    by_id = {r.kpi.id: r for r in results}
    rows: list[m.ScoreRow] = []
    for section in framework.sections:
        rows.append(m.ScoreRow("section", section.name))
        for objective in section.objectives:
            rows.append(m.ScoreRow("objective", f"Objective: {objective.name}"))
            for group in objective.groups:
                if group.name:
                    rows.append(m.ScoreRow("group", f"Sub-objective: {group.name}"))
                for kpi in group.kpis:
                    rows.append(_row("kpi", by_id[kpi.id]))
                    rows.extend(_row("item", by_id[item.id]) for item in kpi.items)
    return m.Scorecard(
        framework.title, period, framework.baseline, tuple(rows), note, paper_baseline
    )


def _row(kind: str, result: KpiResult) -> m.ScoreRow:
    kpi = result.kpi
    if not result.status:  # a KPI scored by its items
        return m.ScoreRow(kind, kpi.text, kpi.id, target="See below")
    return m.ScoreRow(
        kind,
        kpi.text,
        kpi.id,
        measure=result.measure_label,
        baseline=result.baseline,
        latest=result.latest,
        change=result.change,
        target=kpi.target.text,
        status=result.status,
        status_word=result.word,
        symbol=result.symbol,
        trend=result.trend,
        reference=result.reference,
        figures=tuple(traced(value, f"KPI {kpi.id}: {what}") for what, value in result.values),
    )
