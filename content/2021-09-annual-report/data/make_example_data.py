#!/usr/bin/env python3
"""Write the example data of the 2020/21 annual report: measures.csv.

The published report gives annual figures (tables of indicators 1, 2, 8 and 9);
every one is reproduced exactly. Counts published by year are split into months
for the example (ILLUSTRATIVE); rates and survey results published once a year
are stored at the last month they cover and read with `combine: latest`.
Indicator 12's burglary and robbery by financial year are drawn as charts in the
published report without their numbers, so those series are ILLUSTRATIVE.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fy_months(label: str) -> list[str]:
    start = int(label[:4])
    return [f"{start}-{m:02d}" for m in range(4, 13)] + [f"{start + 1}-{m:02d}" for m in (1, 2, 3)]


def year_months(year: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def split(total: int, months: list[str], rng: random.Random, zero=()) -> dict[str, int]:
    """`total` over `months` (none in `zero`), integers adding up exactly."""
    live = [m for m in months if m not in zero]
    weights = [rng.uniform(0.85, 1.15) for _ in live]
    raw = [total * w / sum(weights) for w in weights]
    values = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - values[i], reverse=True)[
            : total - sum(values)]:
        values[i] += 1
    out = {m: 0 for m in zero}
    out.update(dict(zip(live, values)))
    return {m: out[m] for m in months}


HIDDEN_CRIMES = {  # financial year: DA CA HA VA CSE FGM HBV FM MS Trafficking
    "2016/17": (22549, 7114, 4042, 754, 291, 12, 139, 21, 219, None),
    "2017/18": (25672, 8728, 4645, 909, 479, 2, 134, 29, 398, 8),
    "2018/19": (33513, 10738, 5502, 1085, 396, 5, 197, 39, 364, 6),
    "2019/20": (41546, 12098, 6436, 1198, 339, 5, 206, 59, 535, 12),
    "2020/21": (51650, 10883, 8105, 1494, 280, 5, 241, 47, 725, 5),
}
HIDDEN_NON_CRIME = {  # DA CA HA VA CSE FGM HBV FM MS
    "2016/17": (30910, 14273, 723, 1191, 1608, 159, 125, 65, 0),
    "2017/18": (30182, 13027, 493, 1208, 1556, 145, 97, 49, 0),
    "2018/19": (28165, 11742, 382, 1386, 1189, 84, 101, 62, 0),
    "2019/20": (29220, 10509, 285, 1326, 733, 60, 77, 43, 20),
    "2020/21": (30086, 10722, 323, 1456, 469, 21, 80, 43, 459),
}
TYPES = ("da", "ca", "ha", "va", "cse", "fgm", "hbv", "fm", "ms", "trafficking")
COMPLAINTS = {  # calendar year: complaint, conduct, miscellaneous, other
    2015: (1210, 278, 2160, 411), 2016: (921, 185, 2356, 294), 2017: (836, 143, 2893, 308),
    2018: (530, 139, 3166, 310), 2019: (408, 144, 3180, 284), 2020: (3710, 174, 2456, 256),
}
CRIME_RATE = {  # per 1,000 population, year ending September 2020 (two places, as computed)
    "England and Wales": 83.46, "West Midlands": 86.94, "Metropolitan Police": 91.7,
    "Merseyside": 94.2, "Greater Manchester": 98.1, "West Yorkshire": 115.3,
}


def rows():
    rng = random.Random(20210930)
    for fy, values in HIDDEN_CRIMES.items():
        for kind, total in zip(TYPES, values):
            if total is not None:
                yield from ((f"hidden_{kind}", m, v, "") for m, v in
                            split(total, fy_months(fy), rng).items())
    for fy, values in HIDDEN_NON_CRIME.items():
        for kind, total in zip(TYPES, values):
            yield from ((f"noncrime_{kind}", m, v, "") for m, v in
                        split(total, fy_months(fy), rng).items())
    for year, values in COMPLAINTS.items():
        for kind, total in zip(("complaint", "conduct", "miscellaneous", "other"), values):
            yield from ((f"complaints_{kind}", m, v, "") for m, v in
                        split(total, year_months(year), rng).items())
    for area, rate in CRIME_RATE.items():
        yield ("crime_rate", "2020-09", rate, "" if area == "West Midlands" else area)
    yield ("crime_rate", "2020-06", 85.5, "")
    # victim satisfaction survey: no surveys in February or April 2020
    yield from (("victims_invited", m, v, "") for m, v in
                split(48428, year_months(2019), rng).items())
    yield from (("victims_invited", m, v, "") for m, v in
                split(39507, year_months(2020), rng, zero=("2020-02", "2020-04")).items())
    for year, rate in ((2019, 9.6), (2020, 6.3)):
        yield ("victims_response_rate", f"{year}-12", rate, "")
    for year, answers, satisfied, pct in ((2018, 3081, 1412, 45.8), (2019, 3806, 1793, 47.1),
                                          (2020, 1916, 819, 42.7)):
        yield from (("victims_answers", m, v, "") for m, v in
                    split(answers, year_months(year), rng).items())
        yield from (("victims_satisfied", m, v, "") for m, v in
                    split(satisfied, year_months(year), rng).items())
        yield ("victims_satisfied_pct", f"{year}-12", pct, "")
    # indicator 12, illustrative
    for name, totals in (("burglary_residential", (13200, 15100, 14900, 14000, 9800)),
                         ("burglary_business", (6900, 5400, 5100, 4800, 3600)),
                         ("robbery", (6600, 8300, 9000, 8100, 6200))):
        for fy, total in zip(("2016/17", "2017/18", "2018/19", "2019/20", "2020/21"), totals):
            yield from ((name, m, v, "") for m, v in split(total, fy_months(fy), rng).items())


def main() -> None:
    with open(HERE / "measures.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["measure", "period", "value", "area"])
        for row in rows():
            writer.writerow(row)


if __name__ == "__main__":
    main()
