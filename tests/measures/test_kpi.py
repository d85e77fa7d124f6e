"""KPI status on hand-worked cases."""

import pytest

from boardpaper.content.framework import Framework, Group, Kpi, Objective, Section, Target, _target
from boardpaper.errors import Location
from boardpaper.measures.kpi import score_kpi

from .helpers import figures, months


def kpi(target: Target, measure="rate", lag=0) -> Kpi:
    return Kpi("k", "A KPI", target, measure, (), Location("f.yaml", 1, 1), lag)


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


def _framework_file(tmp_path, kpi_lines: str):
    path = tmp_path / "framework.yaml"
    path.write_text(
        "title: T\nbaseline: 2019/20\nsections:\n  - section: S\n    objectives:\n"
        "      - objective: O\n        kpis:\n          - text: Monitor admissions\n"
        "            measure: crime\n" + kpi_lines,
        encoding="utf-8",
    )
    return path


def test_a_kpi_whose_data_lags_is_scored_on_the_months_it_has(tmp_path):
    """lag: 1 scores the 12 months ending a month before the paper's period, and moves
    with it; a fixed month (the old `latest:`) is refused, as it would not."""
    from boardpaper.content.framework import load_framework
    from boardpaper.errors import ContentError

    framework_ = load_framework(_framework_file(tmp_path, "            lag: 1\n"))
    (kpi_,) = [
        k for s in framework_.sections for o in s.objectives for g in o.groups for k in g.kpis
    ]
    assert kpi_.lag == 1
    # crime: 10 a month to March 2022, then 20 in April 2022 (the paper's last month)
    rows = months("crime", "2019-04", [10] * 36) + months("crime", "2022-04", [20])
    on_time = score_kpi(
        kpi(Target("monitor"), "crime"), framework(kpi(Target("monitor"))), figures(rows, "2022-04")
    )
    late = score_kpi(
        kpi(Target("monitor"), "crime", lag=1),
        framework(kpi(Target("monitor"))),
        figures(rows, "2022-04"),
    )
    assert (on_time.latest, late.latest) == ("130", "120")
    with pytest.raises(ContentError) as caught:
        load_framework(_framework_file(tmp_path, "            latest: 2022-02\n"))
    assert "'latest' named a fixed month" in caught.value.render()
    assert "lag: N" in caught.value.render() and ":10:13:" in caught.value.render()
    with pytest.raises(ContentError, match="lag is a whole number of months from 0 to 24"):
        load_framework(_framework_file(tmp_path, "            lag: -1\n"))
