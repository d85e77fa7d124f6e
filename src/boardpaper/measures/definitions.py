"""Measure definitions (`measures.yaml`): what each measure is and how it adds up.

```yaml
homicide:
  label: Homicides
  unit: count          # count, percent, rate or money
  combine: sum         # how months combine: sum, mean or latest
  good: down           # which way is better: down, up or none
  source: WMP crime recording system
  decimals: 0          # places when printed (default: 0, or 1 for percent and rate)
  short: Homicides     # a short heading for table columns (default: the label)
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.yamlmarks import MarkedMap, load
from ..errors import DataError, Location, did_you_mean, shown

UNITS = ("count", "percent", "rate", "money")
COMBINE = ("sum", "mean", "latest")
GOOD = ("down", "up", "none")
KEYS = ("label", "short", "unit", "combine", "good", "source", "decimals")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    unit: str = "count"
    combine: str = "sum"
    good: str = "none"
    source: str = ""
    decimals: int = 0
    loc: Location | None = None
    short: str = ""  # a short heading for table columns, e.g. "DA"


def load_definitions(paths: list[Path]) -> dict[str, Measure]:
    """All measures defined in `paths` (later files may not redefine earlier ids)."""
    found: dict[str, Measure] = {}
    for path in paths:
        doc = load(path)
        if doc is None:
            continue
        if not isinstance(doc, MarkedMap):
            raise DataError("measure definitions must be 'id:' entries", Location(str(path), 1, 1))
        for key, entry in doc.items():
            loc = doc.key_loc[key]
            if key in found:
                raise DataError(
                    f"measure '{key}' is defined twice (first at {found[key].loc})", loc
                )
            found[key] = _measure(key, entry, loc, doc.value_loc[key])
    return found


def _measure(key: str, entry, loc: Location, value_loc: Location) -> Measure:
    if not ID_RE.match(key):
        raise DataError(
            f"measure id '{key}' must be lower case letters, digits and '_', "
            "starting with a letter",
            loc,
            "ids are used in placeholders: {{ m." + re.sub(r"\W", "_", key.lower()) + " }}",
        )
    if not isinstance(entry, MarkedMap):
        raise DataError(f"measure '{key}' needs keys such as label, unit and source", value_loc)
    for name in entry:
        if name not in KEYS:
            raise DataError(
                f"unknown key '{name}' in measure '{key}'",
                entry.key_loc[name],
                did_you_mean(name, KEYS, f"known keys: {', '.join(KEYS)}"),
            )
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise DataError(f"measure '{key}' needs a label", entry.key_loc.get("label", value_loc))
    unit = _choice(entry, "unit", UNITS, "count")
    decimals = entry.get("decimals", 1 if unit in ("percent", "rate") else 0)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
        raise DataError(
            "decimals must be a whole number from 0 to 6",
            entry.value_loc.get("decimals", value_loc),
        )
    source = entry.get("source", "")
    if not isinstance(source, str):
        raise DataError("source must be text", entry.value_loc["source"])
    return Measure(
        id=key,
        label=str(label),
        unit=unit,
        combine=_choice(entry, "combine", COMBINE, "sum" if unit in ("count", "money") else "mean"),
        good=_choice(entry, "good", GOOD, "none"),
        source=str(source),
        decimals=decimals,
        loc=loc,
        short=str(entry.get("short") or ""),
    )


def _choice(entry: MarkedMap, key: str, allowed: tuple[str, ...], default: str) -> str:
    value = entry.get(key, default)
    if value not in allowed:
        raise DataError(
            f"{key} must be one of {', '.join(allowed)}, not {shown(value)}", entry.value_loc[key]
        )
    return str(value)
