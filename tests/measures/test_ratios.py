"""Ratio measures (`numerator:` with `denominator:` and `per:`), a denominator that sums
over the numerator's own window, and `rounding: down`. Values hand-worked."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpaper.errors import DataError, Location
from boardpaper.measures import fmt
from boardpaper.measures.compute import Store
from boardpaper.measures.data import read_tables
from boardpaper.measures.definitions import load_definitions
from boardpaper.measures.jsonschema import measures_schema
from boardpaper.measures.registry import Figures
from boardpaper.measures.windows import Window
from boardpaper.narrative.jinja import Resolver
from boardpaper.narrative.traced import traced

DEFINITIONS = """\
icv_accepted:
  label: Visits accepted
icv_present:
  label: Detainees present
icv_accepted_pct:
  label: Share accepted
  unit: percent
  decimals: 0
  numerator: icv_accepted
  denominator: icv_present
  per: 100
  rounding: down
icv_nearest:
  label: Share accepted, rounded
  unit: percent
  decimals: 0
  numerator: icv_accepted
  denominator: icv_present
  per: 100
calls:
  label: Calls for service
crimes:
  label: Crimes per 100 calls
  unit: rate
  per: 100
  denominator: calls
"""
#: 4,778 / 7,060 = 67.68%; 2,188 / 3,746 = 58.41%; 1,933 / 4,038 = 47.87%;
#: 675 / 1,300 = 51.92%; the four: 9,574 / 16,144 = 59.30%
DATA = """\
measure,period,value,area
icv_accepted,2017/18,4778,
icv_accepted,2018/19,2188,
icv_accepted,2019/20,1933,
icv_accepted,2020/21,675,
icv_present,2017/18,7060,
icv_present,2018/19,3746,
icv_present,2019/20,4038,
icv_present,2020/21,1300,
icv_accepted,2020/21,30,Shire
icv_present,2020/21,40,Shire
crimes,2021-01,10,
crimes,2021-02,30,
crimes,2021-03,20,
calls,2021-01,100,
calls,2021-02,50,
calls,2021-03,250,
"""
YEARS = ("2017/18", "2018/19", "2019/20", "2020/21")


def load(tmp_path, definitions=DEFINITIONS, data=DATA) -> Figures:
    (tmp_path / "measures.yaml").write_text(definitions, encoding="utf-8")
    (tmp_path / "d.csv").write_text(data, encoding="utf-8")
    measures = load_definitions([tmp_path / "measures.yaml"])
    frame, sources = read_tables([tmp_path / "d.csv"], measures, "Force")
    return Figures(Store(frame, measures, sources, "Force"), "2021-03")


def fy(label: str) -> Window:
    return Window.financial_year(label)


def test_a_ratio_is_its_numerator_over_its_denominator_cut_down(tmp_path):
    fig = load(tmp_path)
    cut = [fig.value("icv_accepted_pct", "Force", fy(y)) for y in YEARS]
    assert [v.number for v in cut] == [67, 58, 47, 51]
    assert [str(v) for v in cut] == ["67%", "58%", "47%", "51%"]
    rounded = [str(fig.value("icv_nearest", "Force", fy(y))) for y in YEARS]
    assert rounded == ["68%", "58%", "48%", "52%"]  # half up, as ever
    assert str(fig.value("icv_accepted_pct", "Shire", fy("2020/21"))) == "75%"


def test_a_ratio_is_traced_to_both_measures(tmp_path):
    fig = load(tmp_path)
    found = fig.value("icv_accepted_pct", "Force", fy("2018/19"))
    files = (str(tmp_path / "d.csv"),)
    assert found.provenance == (
        ("icv_accepted", "Force", fy("2018/19"), files),
        ("icv_present", "Force", fy("2018/19"), files),
    )
    attrs = traced(found, "m.icv_accepted_pct").attrs
    assert (attrs["measure"], attrs["window"]) == ("icv_accepted icv_present", "2018-04..2019-03")


def test_the_total_is_the_ratio_of_the_sums(tmp_path):
    fig = load(tmp_path)
    total = fig.total("icv_accepted_pct", "Force", [fy(y) for y in YEARS])
    assert (total.number, str(total)) == (59, "59%")  # 59.30, not 223 nor 55.75
    two = fig.total("icv_nearest", "Force", [fy(y) for y in YEARS[:2]])
    assert str(two) == "64%"  # 6,966 / 10,806 = 64.46%, rounded
    assert len(total.provenance) == 8  # each year of each measure
    assert str(fig.total("icv_accepted", "Force", [fy(y) for y in YEARS])) == "9,574"


def test_a_denominator_that_sums_is_taken_over_the_same_window(tmp_path):
    fig = load(tmp_path)
    # a rate of its own data: crimes per 100 calls, each over the same months
    assert fig.value("crimes", "Force", Window.between("2021-01", "2021-03")).number == 15.0
    assert fig.value("crimes", "Force", Window.ending("2021-02", 1)).number == 60.0
    found = fig.value("crimes", "Force", Window.between("2021-02", "2021-03"))
    assert found.number == pytest.approx(50 / 300 * 100)
    window = Window.between("2021-02", "2021-03")
    assert [p[:3] for p in found.provenance] == [
        ("crimes", "Force", window),
        ("calls", "Force", window),
    ]


def test_the_months_of_a_divided_measure_are_each_divided(tmp_path):
    fig = load(tmp_path)
    say = Resolver(fig).resolve
    at = Location("p.yaml", 3, 5)
    # crimes per 100 calls a month: 10, 60, 8
    assert say("m.crimes.last(3).peak.month", at, "p1").text == "February 2021"
    assert say("m.crimes.last(3).peak", at, "p1").text == "60.0"
    assert say("m.crimes.last(3).max", at, "p1").text == "60.0"
    assert say("m.crimes.last(3).min", at, "p1").text == "8.0"
    assert say("m.crimes.last(3).latest", at, "p1").text == "8.0"
    assert say("m.crimes.last(3).stable", at, "p1").text == "not stable"
    history = fig.store.history("crimes", "Force", Window.ending("2021-03", 3).first, 24254)
    assert history.tolist() == [10.0, 60.0, 8.0]


def test_placeholders_name_a_ratio_like_any_measure(tmp_path):
    say = Resolver(load(tmp_path)).resolve
    at = Location("p.yaml", 3, 5)
    assert say("m.icv_accepted_pct", at, "p1").text == "51%"
    assert say("m.icv_accepted_pct.fy('2019/20')", at, "p1").text == "47%"
    # the change of the figures as cut: 51 - 47
    assert say("m.icv_accepted_pct.vs_previous", at, "p1").text == "4 percentage point increase"
    assert say("m.icv_accepted_pct.rank", at, "p1").text == "2nd of 2"  # Shire's 75%
    assert say("m.icv_accepted_pct.area('Shire')", at, "p1").text == "75%"


def test_data_for_a_ratio_is_an_error_at_its_row(tmp_path):
    with pytest.raises(DataError) as caught:
        load(tmp_path, data=DATA + "icv_accepted_pct,2020/21,51,\n")
    error = caught.value
    assert (error.where.path, error.where.line, error.where.col) == (
        str(tmp_path / "d.csv"),
        len(DATA.splitlines()) + 1,
        1,
    )
    assert "'icv_accepted_pct' is icv_accepted divided by icv_present" in error.message


PLAIN = "a:\n  label: A\nb:\n  label: B\n"


@pytest.mark.parametrize(
    "lines, where, words",
    [
        ("  numerator: aa\n  denominator: b\n", (7, 14), "'aa', which is not a measure"),
        ("  numerator: r\n  denominator: b\n", (7, 14), "cannot be its own numerator"),
        ("  numerator: a\n", (7, 3), "has numerator: a but no denominator"),
        ("  numerator: [a]\n  denominator: b\n", (7, 14), "numerator must be the id of"),
        ("  numerator: A\n  denominator: b\n", (7, 14), "numerator must be the id of"),
        ("  numerator: c\n  denominator: b\n", (7, 14), "'c', is itself a rate"),
        ("  numerator: q\n  denominator: b\n", (7, 14), "'q', is itself a ratio"),
        ("  numerator: a\n  denominator: q\n", (5, 1), "'q', is itself a ratio"),
        (
            "  numerator: a\n  denominator: b\n  from:\n    table: t.csv\n",
            (9, 3),
            "has no data of its own to read from:",
        ),
        ("  rounding: up\n", (7, 13), "rounding must be one of nearest, down, not 'up'"),
    ],
)
def test_bad_ratios_are_located(tmp_path, lines, where, words):
    others = "c:\n  label: C\n  denominator: b\nq:\n  label: Q\n  numerator: a\n  denominator: b\n"
    text = PLAIN + "r:\n  label: R\n" + lines + others
    (tmp_path / "measures.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_definitions([tmp_path / "measures.yaml"])
    err = caught.value
    assert words in err.message
    assert (err.where.path, err.where.line, err.where.col) == (
        str(tmp_path / "measures.yaml"),
        *where,
    )
    assert len(err.render().splitlines()) == 1


def test_a_misspelt_numerator_is_pointed_to_the_measure(tmp_path):
    (tmp_path / "measures.yaml").write_text(
        "icv_accepted:\n  label: A\nb:\n  label: B\nr:\n  label: R\n"
        "  numerator: icv_acepted\n  denominator: b\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_definitions([tmp_path / "measures.yaml"])
    assert caught.value.hint == "did you mean 'icv_accepted'?"


def test_the_schema_knows_numerator_and_rounding():
    schema = measures_schema()["additionalProperties"]
    measure = schema["properties"]
    assert measure["numerator"]["type"] == "string"
    assert measure["rounding"]["enum"] == ["nearest", "down"]
    assert schema["dependencies"] == {"numerator": ["denominator"]}


def test_cut_on_the_published_values():
    assert fmt.cut(2188 / 3746 * 100, 0) == 58  # 58.41
    assert fmt.cut(1933 / 4038 * 100, 0) == 47  # 47.87
    assert fmt.cut(675 / 1300 * 100, 0) == 51  # 51.92
    assert fmt.cut(9574 / 16144 * 100, 0) == 59  # 59.30
    assert fmt.cut(29 / 100 * 100, 0) == 29  # 28.999999999999996 in binary
    assert fmt.cut(-2.56, 1) == -2.5  # toward zero
    assert fmt.cut(58.49, 1) == 58.4


@given(
    part=st.integers(0, 10**6),
    whole=st.integers(1, 10**6),
    per=st.sampled_from([1, 100, 1000]),
    places=st.integers(0, 3),
)
def test_cut_is_the_exact_quotient_cut(part, whole, per, places):
    """A ratio as boardpaper computes it (part / whole × per, in binary) and cut, is the
    exact quotient cut to the places: never a unit below because of binary rounding."""
    exact = Fraction(part * per, whole)
    scale = 10**places
    expected = Fraction(int(exact * scale), scale)  # int() cuts toward zero
    assert Fraction(fmt.cut(part / whole * per, places)).limit_denominator(scale) == expected
