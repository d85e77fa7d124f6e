"""The Police and Crime Plan KPI framework (YAML) → typed records.

Sections hold objectives; an objective holds KPIs directly or in groups
(the framework's sub-objectives); a KPI may hold items (its "o" lines), each
scored on its own. A KPI's target is `monitor`, a trajectory (`reduce`,
`increase`, against the framework's baseline year) or a numerical threshold
(`"> 6%"`, `">= 50%"`). See docs/authoring.md, "KPI framework".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Location, shown
from .checks import _keys, _kind, _mapping, _text
from .yamlmarks import MarkedList, MarkedMap, MarkedStr, load

_THRESHOLD = re.compile(r"^(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*(%?)$")


@dataclass(frozen=True)
class Target:
    kind: str  # monitor, trajectory, numerical
    direction: str = ""  # trajectory: reduce or increase
    op: str = ""  # numerical: > >= < <=
    threshold: float = 0.0
    percent: bool = False
    text: str = "Monitor"


MOST_LAG = 24  # months a KPI's data may be behind the paper: two years


@dataclass(frozen=True)
class Kpi:
    id: str
    text: str
    target: Target
    measure: str | None
    items: tuple[Kpi, ...]
    loc: Location
    lag: int = 0  # months the data is behind the paper's period (hospital admissions: 1)


@dataclass(frozen=True)
class Group:
    name: str | None  # a sub-objective, or None for KPIs straight under the objective
    kpis: tuple[Kpi, ...]


@dataclass(frozen=True)
class Objective:
    name: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Section:
    name: str
    objectives: tuple[Objective, ...]


@dataclass(frozen=True)
class Framework:
    path: str
    title: str
    baseline: str  # a financial year, e.g. 2019/20
    sections: tuple[Section, ...]

    def kpis(self):
        """Every KPI and item, in order."""
        for section in self.sections:
            for objective in section.objectives:
                for group in objective.groups:
                    for kpi in group.kpis:
                        yield kpi
                        yield from kpi.items


def load_framework(path: Path) -> Framework:
    doc = load(path)
    top = _mapping(doc, Location(str(path), 1, 1), "the framework")
    _keys(
        top, ("title", "baseline", "sections"), required=("title", "sections"), what="the framework"
    )
    baseline = str(top.get("baseline", "2019/20"))
    if not re.fullmatch(r"\d{4}/\d{2}", baseline):
        raise ContentError(
            f"baseline must be a financial year like 2019/20, not {shown(baseline)}",
            top.value_loc["baseline"],
        )
    builder = _FrameworkReader()
    sections = []
    for value, loc in _items(top, "sections"):
        section = _mapping(value, loc, "a section")
        _keys(section, ("section", "objectives"), ("section", "objectives"), "a section")
        objectives = tuple(builder.objective(o, ol) for o, ol in _items(section, "objectives"))
        sections.append(Section(str(_text(section, "section", True)), objectives))
    return Framework(str(path), str(_text(top, "title", True)), baseline, tuple(sections))


def _items(mapping: MarkedMap, key: str):
    value = mapping.get(key)
    if not isinstance(value, MarkedList) or not value:
        raise ContentError(
            f"'{key}' must be a list with at least one entry",
            mapping.value_loc.get(key, mapping.loc),
        )
    return list(zip(value, value.item_loc))


class _FrameworkReader:
    def __init__(self):
        self.ids: dict[str, Location] = {}

    def objective(self, value, loc: Location) -> Objective:
        o = _mapping(value, loc, "an objective")
        _keys(o, ("objective", "kpis", "groups"), ("objective",), "an objective")
        if ("kpis" in o) == ("groups" in o):
            raise ContentError("an objective has either kpis or groups", o.loc)
        if "kpis" in o:
            groups = (Group(None, self.kpis(o)),)
        else:
            groups = tuple(self.group(g, gl) for g, gl in _items(o, "groups"))
        return Objective(str(_text(o, "objective", True)), groups)

    def group(self, value, loc: Location) -> Group:
        g = _mapping(value, loc, "a group")
        _keys(g, ("group", "kpis"), ("group", "kpis"), "a group")
        return Group(str(_text(g, "group", True)), self.kpis(g))

    def kpis(self, mapping: MarkedMap, parent: str | None = None) -> tuple[Kpi, ...]:
        return tuple(
            self.kpi(v, loc, parent)
            for v, loc in _items(mapping, "kpis" if parent is None else "items")
        )

    def kpi(self, value, loc: Location, parent: str | None) -> Kpi:
        if isinstance(value, MarkedStr):
            text, entry = value, None
        else:
            entry = _mapping(value, loc, "a KPI")
            if "latest" in entry:
                raise ContentError(
                    "'latest' named a fixed month, which stays behind when the paper is "
                    "rolled forward to a new period",
                    entry.key_loc["latest"],
                    "write lag: N, the months the data is behind the paper's period "
                    "(lag: 1 for data published a month late)",
                )
            _keys(entry, ("text", "id", "target", "measure", "items", "lag"), ("text",), "a KPI")
            text = _text(entry, "text", True)
        given = entry.get("id") if entry is not None else None
        if given:
            kpi_id = str(given)
            if kpi_id in self.ids:
                raise ContentError(
                    f"duplicate KPI id '{kpi_id}' (first at line {self.ids[kpi_id].line})",
                    entry.value_loc["id"],
                )
        else:
            base = kpi_id = self.derive(text, parent)
            n = 1
            while kpi_id in self.ids:
                n += 1
                kpi_id = f"{base}-{n}"
        self.ids[kpi_id] = loc
        target = _target(entry, text)
        measure = _text(entry, "measure") if entry is not None else None
        items = self.kpis(entry, kpi_id) if entry is not None and "items" in entry else ()
        if items and measure:
            raise ContentError(
                "a KPI with items is scored by its items: give each item its measure",
                entry.key_loc["measure"],
            )
        lag = entry.get("lag", 0) if entry is not None else 0
        if isinstance(lag, bool) or not isinstance(lag, int) or not 0 <= lag <= MOST_LAG:
            raise ContentError(
                f"lag is a whole number of months from 0 to {MOST_LAG}, not {shown(lag)}",
                entry.value_loc["lag"],
            )
        return Kpi(
            kpi_id,
            " ".join(str(text).split()),
            target,
            str(measure) if measure else None,
            items,
            loc,
            lag,
        )

    @staticmethod
    def derive(text: str, parent: str | None) -> str:
        words = re.findall(r"[a-z0-9]+", text.lower())
        slug = "-".join(words[:8]) or "kpi"
        return f"{parent}.{slug}" if parent else slug


def _target(entry: MarkedMap | None, text: str) -> Target:
    raw = entry.get("target") if entry is not None else None
    if raw is None:
        first = str(text).split(" ", 1)[0].lower()
        raw = {"reduce": "reduce", "increase": "increase"}.get(first, "monitor")
    if not isinstance(raw, str):
        raise ContentError(
            f"target must be monitor, reduce, increase or a threshold like "
            f"'> 6%', not {_kind(raw)}",
            entry.value_loc["target"],
        )
    value = raw.strip()
    if value == "monitor":
        return Target("monitor", text="Monitor")
    if value in ("reduce", "increase"):
        return Target("trajectory", direction=value, text=value.capitalize())
    match = _THRESHOLD.match(value)
    if not match:
        raise ContentError(
            f"target {shown(value)} is not monitor, reduce, increase or a threshold like '> 6%'",
            entry.value_loc["target"],
            'quote a threshold: target: "> 6%"',
        )
    op, number, pct = match.groups()
    symbol = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}[op]
    return Target(
        "numerical",
        op=op,
        threshold=float(number),
        percent=bool(pct),
        text=f"{symbol} {number}{pct}",
    )
