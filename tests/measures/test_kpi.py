"""KPI status on hand-worked cases."""

import pytest

from boardpaper.content.framework import Framework, Group, Kpi, Objective, Section, Target, _target
from boardpaper.errors import Location
from boardpaper.measures.kpi import score_kpi

from .helpers import figures, months


def kpi(target: Target, measure="rate", latest=None) -> Kpi:
    return Kpi("k", "A KPI", target, measure, (), Location("f.yaml", 1, 1), latest)


def framework(*kpis) -> Framework:
    return Framework(
        "f.yaml", "F", "2019/20", (Section("S", (Objective("O", (Group(None, kpis),)),)),)
    )


def result(target: Target, rows, measure="rate"):
    k = kpi(target, measure)
    return score_kpi(k, framework(k), figures(rows))


RATE = months("rate", "2019-04", [5.0] * 12) + months("rate", "2021-04", [6.0] * 12)


@pytest.mark.parametrize(
    "target, status",
    [
        ("> 6%", "not-met"),  # exactly at the threshold is not above it
        (">= 6%", "met"),  # … but is at least it
        ("> 5.9%", "met"),
        ("< 6%", "not-met"),
        ("<= 6%", "met"),
    ],
)
def test_numerical_target_at_the_threshold(target, status):
    r = result(_parse(target), RATE)
    assert r.status == status
    assert r.latest == "6.0%" and r.baseline == "5.0%" and r.change == "+1.0 pts"


def _parse(text: str) -> Target:
    from boardpaper.content.yamlmarks import loads

    return _target(loads(f'target: "{text}"', "f.yaml"), "x")


def test_numerical_judges_the_printed_value():
    rows = months("rate", "2021-04", [6.04] * 12)  # prints 6.0%: not above 6%
    assert result(_parse("> 6%"), rows).status == "not-met"


@pytest.mark.parametrize(
    "direction, latest, status",
    [
        ("reduce", [9] * 12, "improving"),
        ("reduce", [11] * 12, "worsening"),
        ("reduce", [10] * 12, "no-change"),
        ("increase", [11] * 12, "improving"),
        ("increase", [9] * 12, "worsening"),
    ],
)
def test_trajectory_against_the_baseline_year(direction, latest, status):
    rows = months("crime", "2019-04", [10] * 12) + months("crime", "2021-04", latest)
    r = result(Target("trajectory", direction=direction), rows, "crime")
    assert r.status == status and r.baseline == "120"


def test_trajectory_with_a_zero_baseline():
    rows = months("crime", "2019-04", [0] * 12) + months("crime", "2021-04", [1] * 12)
    r = result(Target("trajectory", direction="reduce"), rows, "crime")
    assert r.status == "worsening" and r.change == "n/a (baseline 0)"
    flat = months("crime", "2019-04", [0] * 12) + months("crime", "2021-04", [0] * 12)
    assert result(Target("trajectory", direction="reduce"), flat, "crime").status == "no-change"
    up = result(Target("trajectory", direction="increase"), rows, "crime")
    assert up.status == "improving"


def test_monitor_shows_the_trend_without_judging():
    rows = months("crime", "2019-04", [10] * 12) + months("crime", "2020-04", [12] * 24)
    r = result(Target("monitor"), rows, "crime")
    assert (r.status, r.word, r.symbol) == ("monitor", "Monitor", "dot")
    assert r.change == "+20%" and len(r.trend) == 24


def test_monitor_without_a_baseline_year_still_shows_the_latest():
    rows = months("crime", "2021-04", [3] * 12)
    r = result(Target("monitor"), rows, "crime")
    assert r.latest == "36" and r.baseline == "–" and r.change == "–"


def test_a_kpi_without_a_measure_has_no_data_yet():
    k = kpi(Target("monitor"), measure=None)
    r = score_kpi(k, framework(k), figures(RATE))
    assert (r.status, r.word) == ("no-data", "No data yet")


def test_a_trajectory_kpi_without_baseline_data_is_an_error():
    from boardpaper.errors import DataError

    rows = months("crime", "2021-04", [3] * 12)
    with pytest.raises(DataError, match=r"KPI 'k'.*no data for 2019-04"):
        result(Target("trajectory", direction="reduce"), rows, "crime")
