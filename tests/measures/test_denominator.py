"""Rates with a denominator: `per: 1000` and `denominator: population` in measures.yaml.
The value over a window is the measure's own value / the denominator's latest value up
to the window's end × per; both are traced. Values hand-worked."""

from __future__ import annotations

import pytest

from boardpaper.errors import DataError, Location
from boardpaper.measures.compute import NoData, Store
from boardpaper.measures.data import read_tables
from boardpaper.measures.definitions import load_definitions
from boardpaper.measures.jsonschema import measures_schema
from boardpaper.measures.registry import Figures
from boardpaper.measures.windows import Window
from boardpaper.narrative.jinja import Resolver
from boardpaper.narrative.traced import traced

DEFINITIONS = """\
crime_rate:
  label: Crimes per 1,000 population
  unit: rate
  combine: sum
  per: 1000
  denominator: population
population:
  label: Population
  combine: latest
"""
DATA = """\
measure,period,value,area
crime_rate,year ending September 2020,870,
crime_rate,year ending June 2020,850,
crime_rate,2020/21,900,
crime_rate,year ending September 2020,500,Shire
population,2019,10000,
population,2020,12000,
population,2019,4000,Shire
"""


def load(tmp_path, definitions=DEFINITIONS, data=DATA) -> Figures:
    (tmp_path / "measures.yaml").write_text(definitions, encoding="utf-8")
    (tmp_path / "d.csv").write_text(data, encoding="utf-8")
    measures = load_definitions([tmp_path / "measures.yaml"])
    frame, sources = read_tables([tmp_path / "d.csv"], measures, "Force")
    return Figures(Store(frame, measures, sources, "Force"), "2021-03")


def test_a_rate_is_its_value_per_the_latest_denominator(tmp_path):
    fig = load(tmp_path)
    # 870 crimes in the year to September 2020 over the mid-2019 population of 10,000
    assert fig.value("crime_rate", "Force", Window.ending("2020-09")).number == 87.0
    assert fig.value("crime_rate", "Force", Window.ending("2020-06")).number == 85.0
    # the year to March 2021: the 2020 estimate (ending December 2020) is the latest
    assert fig.value("crime_rate", "Force", Window.financial_year("2020/21")).number == 75.0
    assert fig.value("crime_rate", "Shire", Window.ending("2020-09")).number == 125.0
    assert str(fig.value("crime_rate", "Force", Window.ending("2020-09"))) == "87.0"


def test_both_measures_are_traced(tmp_path):
    fig = load(tmp_path)
    found = fig.value("crime_rate", "Force", Window.ending("2020-09"))
    files = (str(tmp_path / "d.csv"),)
    assert found.provenance == (
        ("crime_rate", "Force", Window.ending("2020-09"), files),
        ("population", "Force", Window.calendar_year(2019), files),
    )
    attrs = traced(found, "m.crime_rate").attrs
    assert attrs["measure"] == "crime_rate population"
    assert attrs["window"] == "2019-10..2020-09 vs 2019-01..2019-12"
    assert attrs["files"] == files


def test_placeholders_and_ranks_use_the_rate(tmp_path):
    fig = load(tmp_path)
    resolve = Resolver(fig).resolve
    at = Location("p.yaml", 3, 5)
    assert resolve("m.crime_rate.ending('2020-09')", at, "p1").text == "87.0"
    assert resolve("m.crime_rate.period('year ending September 2020')", at, "p1").text == "87.0"
    assert resolve("m.crime_rate.ending('2020-09').rank", at, "p1").text == "2nd of 2"
    assert resolve("m.population.year(2019)", at, "p1").text == "10,000"


def test_a_denominator_without_data_for_the_window(tmp_path):
    data = "measure,period,value,area\ncrime_rate,2020/21,9,\npopulation,2022,10,\n"
    fig = load(tmp_path, data=data)
    with pytest.raises(NoData, match="population has no data up to March 2021"):
        fig.value("crime_rate", "Force", Window.financial_year("2020/21"))
    zero = "measure,period,value,area\ncrime_rate,2020/21,9,\npopulation,2020,0,\n"
    with pytest.raises(ZeroDivisionError, match="which is zero for January 2020 to December"):
        load(tmp_path, data=zero).value("crime_rate", "Force", Window.financial_year("2020/21"))


@pytest.mark.parametrize(
    "lines, where, words",
    [
        ("  per: 1000\n  denominator: populaton\n", (1, 1), "'populaton', which is not a measure"),
        ("  per: 1000\n  denominator: crime_rate\n", (1, 1), "cannot be its own denominator"),
        ("  per: 0\n  denominator: population\n", (3, 8), "per must be a positive whole number"),
        ("  per: -5\n  denominator: population\n", (3, 8), "per must be a positive whole number"),
        ("  per: 1.5\n  denominator: population\n", (3, 8), "per must be a positive whole number"),
        ("  per: yes\n  denominator: population\n", (3, 8), "per must be a positive whole number"),
        ("  per: '1000'\n  denominator: population\n", (3, 8), "per must be a positive"),
        ("  per: 1000\n", (3, 3), "has per: 1,000 but no denominator"),
        ("  denominator: [population]\n", (3, 16), "denominator must be the id of a measure"),
    ],
)
def test_bad_rates_are_located(tmp_path, lines, where, words):
    text = "crime_rate:\n  label: Rate\n" + lines + "population:\n  label: Population\n"
    (tmp_path / "measures.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_definitions([tmp_path / "measures.yaml"])
    err = caught.value
    assert words in err.message
    assert (err.where.path, err.where.line, err.where.col) == (
        str(tmp_path / "measures.yaml"),
        *where,
    )


def test_a_denominator_is_not_itself_a_rate(tmp_path):
    text = "a:\n  label: A\n  denominator: b\nb:\n  label: B\n  denominator: c\nc:\n  label: C\n"
    (tmp_path / "measures.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="the denominator of 'a', 'b', is itself a rate"):
        load_definitions([tmp_path / "measures.yaml"])


def test_the_schema_knows_per_and_denominator():
    measure = measures_schema()["additionalProperties"]["properties"]
    assert measure["per"]["type"] == "integer" and measure["per"]["minimum"] == 1
    assert measure["denominator"]["type"] == "string"
    assert "denominator" in measure["per"]["description"]
