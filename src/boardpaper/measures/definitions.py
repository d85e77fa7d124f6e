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

crime_rate:            # a rate: its own data (crimes) / population's × 1,000
  label: Recorded crime per 1,000 population
  unit: rate
  per: 1000
  denominator: population   # another measure, with its own data and periods

icv_accepted_pct:      # a ratio: no data of its own; one measure / another × 100
  label: Visits accepted
  unit: percent
  numerator: icv_accepted
  denominator: icv_detainees_present
  per: 100
  rounding: down       # cut to `decimals` (58.4 prints 58), not rounded
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.yamlmarks import MarkedMap, load
from ..errors import DataError, Location, did_you_mean, only_keys, shown

UNITS = ("count", "percent", "rate", "money")
COMBINE = ("sum", "mean", "latest")
GOOD = ("down", "up", "none")
ROUNDING = ("nearest", "down")  # half up (ONS), or cut toward zero (as some tables print)
KEYS = ("label", "short", "unit", "combine", "good", "source", "decimals", "per", "denominator")
KEYS += ("numerator", "rounding", "from")  # a ratio's; how it is cut; its data as published
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
    per: int = 1  # a rate: the value / the denominator's × per (1000: per 1,000 population)
    denominator: str = ""  # the measure it is divided by (population), or none
    shape: object | None = None  # `from:`: records or a wide table (shapes.py)
    numerator: str = ""  # a ratio: the measure divided (no data of its own), or none
    rounding: str = "nearest"  # down: its figures cut to `decimals`, not rounded
    numerator_loc: Location | None = None  # where `numerator:` is written, for errors


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
    _divisions(found)
    return found


#: the measures a measure is divided by or divides: (role, hint), checked in this order
DIVISIONS = (
    ("denominator", "divide by a measure of plain figures, such as a population"),
    ("numerator", "divide a measure of plain figures, such as a count"),
)


def _divisions(found: dict[str, Measure]) -> None:
    """A `denominator` or `numerator` names another measure, neither a rate nor a ratio
    itself."""
    for role, hint in DIVISIONS:
        for measure in found.values():
            name = getattr(measure, role)
            if not name:
                continue
            where = measure.numerator_loc if role == "numerator" else measure.loc
            if name == measure.id:
                raise DataError(f"measure '{name}' cannot be its own {role}", where)
            if name not in found:
                raise DataError(
                    f"the {role} of '{measure.id}' is '{name}', which is not a measure",
                    where,
                    did_you_mean(name, found, "define it in measures.yaml, with its own data"),
                )
            if found[name].denominator:
                what = "ratio" if found[name].numerator else "rate"
                raise DataError(
                    f"the {role} of '{measure.id}', '{name}', is itself a {what}", where, hint
                )


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
    only_keys(entry, KEYS, f"measure '{key}'", DataError)
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
    divided = _rate(key, entry, value_loc)  # before from:, which a ratio may not have
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
        shape=_shape(entry, loc),
        rounding=_choice(entry, "rounding", ROUNDING, "nearest"),
        **divided,
    )


def _choice(entry: MarkedMap, key: str, allowed: tuple[str, ...], default: str) -> str:
    value = entry.get(key, default)
    if value not in allowed:
        raise DataError(
            f"{key} must be one of {', '.join(allowed)}, not {shown(value)}", entry.value_loc[key]
        )
    return str(value)


def _rate(key: str, entry: MarkedMap, value_loc: Location) -> dict:
    """`per` (a positive whole number, 1 unless given) and `denominator` (a measure id)."""
    per, name = entry.get("per", 1), entry.get("denominator", "")
    if isinstance(per, bool) or not isinstance(per, int) or not 1 <= per <= 10**9:
        raise DataError(
            "per must be a positive whole number, like 1000 (per 1,000 population)",
            entry.value_loc.get("per", value_loc),
        )
    if not isinstance(name, str) or (name and not ID_RE.match(name)):
        raise DataError(
            "denominator must be the id of a measure, like population",
            entry.value_loc.get("denominator", value_loc),
        )
    if "per" in entry and not name:
        raise DataError(
            f"measure '{key}' has per: {per:,} but no denominator",
            entry.key_loc["per"],
            "add denominator: <the measure it is divided by>, such as population",
        )
    return {"per": per, "denominator": name, **_numerator(key, entry, bool(name))}


def _numerator(key: str, entry: MarkedMap, divided: bool) -> dict:
    """`numerator` (a measure id): the measure is that one divided by its denominator,
    with no data of its own (so no `from:`)."""
    if "numerator" not in entry:
        return {}
    name, where = entry["numerator"], entry.value_loc["numerator"]
    if not isinstance(name, str) or not ID_RE.match(name):
        raise DataError("numerator must be the id of a measure, like icv_accepted", where)
    if not divided:
        raise DataError(
            f"measure '{key}' has numerator: {name} but no denominator",
            entry.key_loc["numerator"],
            "add denominator: <the measure it is divided by>",
        )
    if "from" in entry:
        raise DataError(
            f"measure '{key}' is {name} divided by {entry['denominator']}, and has no data "
            "of its own to read from:",
            entry.key_loc["from"],
            f"declare from: on {name} (and on {entry['denominator']})",
        )
    return {"numerator": name, "numerator_loc": where}


def _shape(entry: MarkedMap, loc: Location):
    """The measure's `from:` (shapes.py), or None."""
    if "from" not in entry:
        return None
    from .shapes import parse

    return parse(entry["from"], entry.key_loc["from"], loc.path)
