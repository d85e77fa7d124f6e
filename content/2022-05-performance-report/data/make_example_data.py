#!/usr/bin/env python3
"""Write the example measure data of the May 2022 paper: measures.csv and surveys.xlsx.

ILLUSTRATIVE DATA. The published paper gives totals (53 homicides from April
2021 to March 2022, 52 in the year ending June 2019, 28,675 burglaries in the
year ending June 2019, …). Every total the paper states is reproduced exactly
here; how each total is split into months is made up, with a seasonal shape
and a fixed random seed, so the build is reproducible. Where the paper gives a
percentage change but not the counts (violence with injury +20%, knife crime
+28%, …), the counts are made up to give that change.

Run from anywhere: python make_example_data.py  (needs pandas and openpyxl)
"""
from __future__ import annotations

import csv
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIRST, LAST = (2018, 4), (2022, 3)


def num(year: int, month: int) -> int:
    return year * 12 + month - 1


MONTHS = list(range(num(*FIRST), num(*LAST) + 1))
BASE = (num(2018, 7), num(2019, 6))
PREV = (num(2020, 4), num(2021, 3))
CUR = (num(2021, 4), num(2022, 3))
QTR = (num(2022, 1), num(2022, 3))


def split(total: int, months: list[int], rng: random.Random, low=None, high=None) -> dict:
    """`total` over `months` with a seasonal shape, as integers that add up exactly."""
    weights = [1 + 0.12 * math.sin((m % 12) / 12 * 2 * math.pi) + rng.uniform(-0.08, 0.08)
               for m in months]
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    values = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - values[i], reverse=True)
    for i in order[: total - sum(values)]:
        values[i] += 1
    if low is not None or high is not None:  # move units until every month is in bounds
        lo, hi = low if low is not None else -10**9, high if high is not None else 10**9
        for _ in range(10_000):
            over = [i for i, v in enumerate(values) if v > hi]
            under = [i for i, v in enumerate(values) if v < lo]
            if not over and not under:
                break
            if over:
                i = over[0]
                j = min(range(len(values)), key=lambda k: values[k])
                values[i] -= 1
                values[j] += 1
            if under:
                i = under[0]
                j = max(range(len(values)), key=lambda k: values[k])
                values[i] += 1
                values[j] -= 1
    return dict(zip(months, values))


def series(rng: random.Random, segments, level: float | None = None, fixed=None,
           low=None, high=None, months=MONTHS) -> dict:
    """Monthly values: each (first, last, total) segment adds up to its total; months
    in `fixed` take their value and count towards their segment; other months take
    about `level`."""
    fixed = dict(fixed or {})
    out = dict(fixed)
    covered = set(fixed)
    for first, last, total in segments:
        span = [m for m in range(first, last + 1) if m not in fixed]
        rest = total - sum(v for m, v in fixed.items() if first <= m <= last)
        out.update(split(rest, span, rng, low, high))
        covered.update(range(first, last + 1))
    for m in months:
        if m not in covered:
            out[m] = max(0, round((level or 0) * rng.uniform(0.9, 1.1)))
    return {m: out[m] for m in months if m in out}


def build() -> dict[str, dict]:
    rng = random.Random(20220524)
    s: dict[str, dict] = {}
    s["homicide"] = series(rng, [(*BASE, 52), (*CUR, 53)], level=4.5)
    s["homicide_ocg"] = series(rng, [(*CUR, 7)], months=range(CUR[0], CUR[1] + 1))
    s["homicide_domestic"] = series(rng, [(*CUR, 14)], months=range(CUR[0], CUR[1] + 1))
    s["homicide_drugs"] = series(rng, [(*CUR, 25)], months=range(CUR[0], CUR[1] + 1))
    # hospital admissions, under 25, sharp object: published to February 2022
    s["admissions"] = {
        **series(rng, [(*BASE, 215)], level=17, months=range(MONTHS[0], num(2021, 2) + 1)),
        **series(rng, [(num(2021, 3), num(2022, 2), 160)], low=10, high=15,
                 fixed={num(2021, 9): 10}, months=range(num(2021, 3), num(2022, 2) + 1)),
    }
    s["vwi"] = series(rng, [(*BASE, 30540), (*CUR, 36648)], level=2900)
    s["knife"] = series(rng, [(*BASE, 3310), (*CUR, 4237)], level=310)
    s["weapons"] = series(rng, [(*BASE, 1562), (*CUR, 3499)], level=190)
    s["firearm_discharges"] = series(rng, [(*PREV, 157), (CUR[0], num(2021, 12), 112),
                                           (*QTR, 36)], level=13)
    for name, total in (("firearm_injury", 13), ("firearm_fatal", 4), ("firearm_gang", 11),
                        ("firearm_drugs", 9), ("firearm_shotgun", 24), ("firearms_warrants", 38),
                        ("drugs_warrants", 46), ("captiva_visits", 185)):
        s[name] = series(rng, [(*QTR, total)], months=range(*QTR[:1], QTR[1] + 1))
    s["firearm_recoveries"] = series(rng, [(*PREV, 124), (*CUR, 140)], level=10)
    s["treatment_referrals"] = series(rng, [(*PREV, 1315), (*CUR, 1723)], level=100)
    s["drr"] = series(rng, [(*CUR, 199)], months=range(CUR[0], CUR[1] + 1))
    s["atr"] = series(rng, [(*CUR, 157)], months=range(CUR[0], CUR[1] + 1))
    tests = {m: 0 for m in range(CUR[0], num(2021, 10) + 1)}  # paused until November 2021
    s["drug_tests"] = series(rng, [(num(2021, 11), CUR[1], 1784)], fixed=tests,
                             months=range(CUR[0], CUR[1] + 1))
    s["drug_tests_positive"] = series(rng, [(num(2021, 11), CUR[1], 1142)], fixed=tests,
                                      months=range(CUR[0], CUR[1] + 1))
    for name, total in (("drug_disruptions", 580), ("county_lines_disruptions", 427),
                        ("county_lines_arrests", 661), ("county_lines_charges", 188),
                        ("county_lines_closed", 379), ("nrm_referrals", 10),
                        ("safeguarding_engaged", 80), ("specialist_referrals", 24)):
        s[name] = series(rng, [(*CUR, total)], months=range(CUR[0], CUR[1] + 1))
    s["burglary"] = series(rng, [(*BASE, 28675), (*CUR, 19987)], level=2200,
                           fixed={num(2018, 11): 2950})
    s["robbery"] = series(rng, [(*BASE, 8945), (*CUR, 7868)], level=700,
                          fixed={num(2018, 10): 905})
    s["robbery_u25"] = series(rng, [(*BASE, 3650), (*CUR, 3030)], level=280)
    s["vehicle_crime"] = series(rng, [(*BASE, 21400), (*CUR, 19474)], level=1650)
    s["theft_person"] = series(rng, [(*BASE, 3112), (*CUR, 3703)], level=200,
                               fixed={num(2022, 2): 420})
    s["cyber_enabled"] = series(rng, [(*BASE, 6000), (*CUR, 30400)], level=1200,
                                fixed={num(2022, 2): 2836}, high=2835)
    s["total_crime"] = series(rng, [(*BASE, 318000), (*CUR, 337800)], level=25000)
    fraud = (num(2019, 4), num(2022, 3))
    for name, (y20, y21) in (("fraud_victims", (13331, 15555)), ("fraud_boiler_room", (150, 219)),
                             ("fraud_romance", (300, 432)), ("fraud_rental", (200, 286)),
                             ("fraud_advance_fee", (500, 710)), ("fraud_ticket", (400, 520))):
        s[name] = series(rng, [(num(2020, 1), num(2020, 12), y20),
                               (num(2021, 1), num(2021, 12), y21)],
                         level=y21 / 12, months=range(fraud[0], fraud[1] + 1))
    s.update(scorecard(rng))
    return s


FY1920 = (num(2019, 4), num(2020, 3))


def rates(rng: random.Random, level: float, latest: float, spread: float = 0.4) -> dict:
    """Monthly percentages about `level`, whose reporting-year mean is exactly `latest`."""
    out = {m: round(level + rng.uniform(-spread, spread), 1) for m in MONTHS}
    cur = list(range(CUR[0], CUR[1] + 1))
    step = (latest * 12 - sum(out[m] for m in cur)) / 12
    for m in cur:
        out[m] = round(out[m] + step, 1)
    out[cur[-1]] = round(out[cur[-1]] + latest * 12 - sum(out[m] for m in cur), 1)
    return out


def scorecard(rng: random.Random) -> dict[str, dict]:
    """Measures of the KPI scorecard (Appendix A): all illustrative."""
    return {
        "outcome_rate_da": rates(rng, 6.5, 6.8),
        "outcome_rate_rape": rates(rng, 4.2, 4.6),
        "outcome_rate_sh": rates(rng, 7.6, 8.0),  # exactly at the threshold: not above it
        "stop_search_outcome_rate": rates(rng, 49.0, 52.3, 1.5),
        "sms_satisfaction": rates(rng, 67.0, 68.0, 1.0),
        "burglary_residential": series(rng, [(*FY1920, 14000), (*CUR, 10600)], level=1100),
        "robbery_personal": series(rng, [(*FY1920, 7900), (*CUR, 6950)], level=620),
        "vehicle_theft": series(rng, [(*FY1920, 9000), (*CUR, 10200)], level=760),
        "asb_incidents": series(rng, [(*FY1920, 61000), (*CUR, 58200)], level=5000),
    }


def surveys(rng: random.Random) -> dict[str, dict]:
    months = range(CUR[0], CUR[1] + 1)
    return {
        "sms_surveys_sent": series(rng, [(*CUR, 135090)], months=months),
        "sms_surveys": series(rng, [(*CUR, 13509)], months=months),
        "sms_score_8_plus": series(rng, [(*CUR, 9186)], months=months),
    }


def text(m: int) -> str:
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def main() -> None:
    data = build()
    with open(HERE / "measures.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["measure", "period", "value"])
        for name, values in data.items():
            for m, v in values.items():
                writer.writerow([name, text(m), v])
    import pandas as pd

    rows = [{"measure": n, "period": text(m), "value": v}
            for n, values in surveys(random.Random(7)).items() for m, v in values.items()]
    pd.DataFrame(rows).to_excel(HERE / "surveys.xlsx", index=False, sheet_name="surveys")


if __name__ == "__main__":
    main()
