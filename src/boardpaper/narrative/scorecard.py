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


def with_data(rows) -> list:
    """The rows to set out in full: KPIs with data (and a KPI scored by its items, when one
    of its items has data), under the bands of the sections, objectives and groups that
    still hold any."""
    rank = {"section": 0, "objective": 1, "group": 2}
    rows = list(rows)
    scored = []
    for n, row in enumerate(rows):
        if row.kind in rank or (row.kind in ("kpi", "item") and row.status not in ("", "no-data")):
            scored.append(row)
        elif row.kind == "kpi" and not row.status:  # scored by the items that follow it
            items = []
            for item in rows[n + 1 :]:
                if item.kind != "item":
                    break
                items.append(item)
            if any(item.status not in ("", "no-data") for item in items):
                scored.append(row)
    kept: list = []
    for row in scored:
        if row.kind in rank:
            while kept and kept[-1].kind in rank and rank[kept[-1].kind] >= rank[row.kind]:
                kept.pop()  # a band left with nothing under it
        kept.append(row)
    while kept and kept[-1].kind in rank:
        kept.pop()
    return kept


def waiting_by_section(card: m.Scorecard) -> list[tuple[str, list[str]]]:
    """Each section's KPIs and items not set out in the table (no data yet), in order."""
    shown = {id(row) for row in with_data(card.rows)}
    found: list[tuple[str, list[str]]] = []
    for row in card.rows:
        if row.kind == "section":
            found.append((row.text, []))
        elif row.kind in ("kpi", "item") and id(row) not in shown and found:
            found[-1][1].append(row.text)
    return [(section, texts) for section, texts in found if texts]
