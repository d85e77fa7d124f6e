#!/usr/bin/env python3
"""Write the example data of the October 2021 paper: measures.csv.

ILLUSTRATIVE DATA, like the May 2022 example's (whose splitting helpers this
uses): every total the paper states is reproduced exactly (43 homicides from
April 2020 to March 2021 against 55 in the year ending June 2019, 162 firearm
discharges in the baseline year, 18,161 burglaries and 6,495 robberies in
2020/21, …); how each total is split into months is made up. The October paper
reports the homicide baseline as 55 where the May 2022 paper, after revisions,
reports 52, so the two papers keep their own data.
"""
from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "2022-05-performance-report" / "data"))
from make_example_data import num, series, text  # noqa: E402

MONTHS = list(range(num(2018, 4), num(2021, 9) + 1))
BASE = (num(2018, 7), num(2019, 6))
FY2021 = (num(2020, 4), num(2021, 3))
Q2 = (num(2021, 7), num(2021, 9))


def build() -> dict[str, dict]:
    rng = random.Random(20211026)
    s = {
        "homicide": series(rng, [(*BASE, 55), (*FY2021, 43)], level=4.5, months=MONTHS),
        "admissions": series(rng, [(*BASE, 215), (*FY2021, 130)], level=13, months=MONTHS),
        "firearm_discharges": series(rng, [(*BASE, 162), (*FY2021, 157)], level=13,
                                     months=MONTHS),
        "burglary": series(rng, [(*BASE, 28675), (*FY2021, 18161)], level=1550, months=MONTHS,
                           fixed={num(2018, 11): 2950}),
        "robbery": series(rng, [(*BASE, 8945), (*FY2021, 6495)], level=600, months=MONTHS,
                          fixed={num(2018, 10): 905}),
        "vehicle_crime": series(rng, [(*BASE, 21400), (*FY2021, 14980)], level=1500,
                                months=MONTHS),
        "theft_person": series(rng, [(*BASE, 3112), (*FY2021, 1743)], level=150, months=MONTHS,
                               fixed={num(2021, 9): 330}),
        "firearm_recoveries": series(rng, [(num(2021, 4), num(2021, 6), 33), (*Q2, 41)], level=9,
                                     months=MONTHS),
    }
    for name, total in (("firearms_warrants", 61), ("drugs_warrants", 47),
                        ("captiva_visits", 184)):
        s[name] = series(rng, [(*Q2, total)], months=range(Q2[0], Q2[1] + 1))
    return s


def main() -> None:
    with open(HERE / "measures.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["measure", "period", "value"])
        for name, values in build().items():
            for m, v in values.items():
                writer.writerow([name, text(m), v])


if __name__ == "__main__":
    main()
