"""The JSON Schemas for editors (`boardpaper schema`): committed as generated, the
examples valid, and the schema refusing what the program refuses."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardpaper.cli import main
from boardpaper.content import kinds
from boardpaper.content.cover import ABOUT_KEYS, COVER_KEYS
from boardpaper.content.jsonschema_help import HELP
from boardpaper.content.schema import TOP_KEYS, validate
from boardpaper.content.sections import DATA_KEYS
from boardpaper.content.yamlmarks import load, loads
from boardpaper.errors import ContentError
from boardpaper.jsonschemas import SCHEMAS, plain, render

from ..conftest import MINIMAL

ROOT = Path(__file__).resolve().parents[2]
PAPER = jsonschema.Draft7Validator(SCHEMAS["paper"]())
MEASURES = jsonschema.Draft7Validator(SCHEMAS["measures"]())


@pytest.mark.parametrize("which", sorted(SCHEMAS))
def test_the_committed_schema_is_what_the_code_generates(which):
    committed = ROOT / "schemas" / f"{which}.schema.json"
    assert committed.read_text(encoding="utf-8") == render(which), (
        f"schemas/{which}.schema.json is out of date: run "
        f"`boardpaper schema {which} > schemas/{which}.schema.json`"
    )
    jsonschema.Draft7Validator.check_schema(json.loads(committed.read_text(encoding="utf-8")))


def test_the_command_prints_the_schema(capsys):
    assert main(["schema", "measures"]) == 0
    assert capsys.readouterr().out == render("measures")


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("content/*/paper.yaml")), ids=lambda p: p.parent.name
)
def test_every_example_paper_is_valid(path):
    assert [e.message for e in PAPER.iter_errors(plain(load(path)))] == []


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("content/*/measures.yaml")), ids=lambda p: p.parent.name
)
def test_every_example_measures_file_is_valid(path):
    assert [e.message for e in MEASURES.iter_errors(plain(load(path)))] == []


def test_every_key_has_help():
    keys = [f"paper.{k}" for k in TOP_KEYS]
    keys += [f"cover.{k}" for k in COVER_KEYS] + [f"about.{k}" for k in ABOUT_KEYS]
    keys += [f"data.{k}" for k in DATA_KEYS]
    for kind in kinds.KINDS.values():
        if kind.name in kinds.BUILT_IN:
            keys += [f"body.{k}" for k in (*kind.keys, *kind.extra)]
    assert [k for k in keys if k not in HELP] == []


def _program_accepts(doc: dict, tmp: Path) -> bool:
    try:
        validate(loads(yaml.safe_dump(doc, sort_keys=False), "paper.yaml"), "paper.yaml", "t", tmp)
    except ContentError:
        return False
    return True


def _schema_accepts(doc: dict) -> bool:
    return PAPER.is_valid(plain(loads(yaml.safe_dump(doc, sort_keys=False), "paper.yaml")))


WRONG = {
    "a misspelt key": ("  title: A test paper", "  titel: A test paper", ["cover"]),
    "an unknown block kind": ("  - heading: Purpose", "  - quote: Purpose", ["body", 0]),
    "a month written 05/2022": ("cover:", "period: 05/2022\ncover:", ["period"]),
    "a chart kind not allowed": (
        "  - heading: Purpose of paper",
        "  - chart: C\n    kind: pie\n    measure: homicide\n    months: 2020-04..2022-03",
        ["body", 0],
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_what_the_program_refuses_the_schema_refuses_at_its_path(case, tmp_path):
    old, new, path = WRONG[case]
    assert old in MINIMAL
    text = MINIMAL.replace(old, new)
    with pytest.raises(ContentError):
        validate(loads(text, "paper.yaml"), "paper.yaml", "t", tmp_path)
    errors = list(PAPER.iter_errors(plain(loads(text, "paper.yaml"))))
    assert errors and any(list(e.absolute_path)[: len(path)] == path for e in errors)


# -- the property: on generated papers, the schema and the program agree --------------

#: a valid block of each kind the test can write without files (not `framework:`)
SAMPLES = {
    "para": {"para": "A numbered paragraph."},
    "heading": {"heading": "Purpose of paper", "new_page": True},
    "subheading": {"subheading": "Measure", "restart": False},
    "bullets": {"bullets": ["one", {"text": "two", "bullets": ["three"]}]},
    "letters": {"letters": ["one", {"text": "two"}]},
    "authors": {"authors": "Harry Barton", "job_title": "Head of Strategy"},
    "text": {"text": "An unnumbered paragraph."},
    "case_study": {"case_study": "A case", "text": ["First.", "Second."]},
    "table": {"table": "T", "measures": ["homicide"], "columns": ["2020/21", 2021]},
    "chart": {"chart": "C", "kind": "bar", "measure": "homicide", "columns": ["2020/21"]},
    "line": {"chart": "C", "measure": "homicide", "months": "2020-04..2022-03"},
    "areas": {"table": "T", "measure": "crime", "areas": ["West Midlands"], "columns": ["2022-03"]},
}
KNOWN = sorted(
    {k for kind in kinds.KINDS.values() for k in (*kind.keys, *kind.extra)}
    | set(TOP_KEYS)
    | set(COVER_KEYS)
)
VALUES = st.sampled_from(["x", 3, True, ["2020/21"], "2022-03", "homicide"])
NAMES = st.one_of(
    st.sampled_from(KNOWN),
    st.sampled_from(KNOWN).map(lambda k: k[:-1] or "x"),  # a misspelling
    st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8),
)


def _samples():
    keyed = kinds.by_key()
    return [s for s in SAMPLES.values() if next(iter(s)) in keyed]


@st.composite
def papers(draw):
    blocks = [dict(b) for b in draw(st.lists(st.sampled_from(_samples()), min_size=1, max_size=4))]
    doc = {
        "cover": {"board": "B", "meeting": "2022-05", "title": "T", "priority": "R"},
        "body": blocks,
    }
    target = draw(st.sampled_from([doc, doc["cover"], *blocks]))
    change = draw(st.sampled_from(["add", "drop", "none"]))
    if change == "add":
        target[draw(NAMES)] = draw(VALUES)  # a key added, or a value changed
    elif change == "drop" and target:
        del target[draw(st.sampled_from(sorted(target)))]  # a key dropped
    return doc


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(papers())
def test_the_schema_and_the_program_agree_on_keys(tmp_path, doc):
    assert _schema_accepts(doc) == _program_accepts(doc, tmp_path), yaml.safe_dump(doc)


def test_the_meeting_file_is_valid_and_a_misspelt_key_or_purpose_is_refused_at_its_path():
    validator = jsonschema.Draft7Validator(SCHEMAS["meeting"]())
    meeting = plain(load(ROOT / "meetings" / "2022-05-10.yaml"))
    assert [e.message for e in validator.iter_errors(meeting)] == []
    meeting["items"][1]["presentr"] = "Chief Executive"
    meeting["items"][2]["purpose"] = "for decisions"
    del meeting["venue"]
    found = {(tuple(e.path), e.validator) for e in validator.iter_errors(meeting)}
    assert found == {
        (("items", 1), "additionalProperties"),
        (("items", 2, "purpose"), "enum"),
        ((), "required"),
    }


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("content/*/paper.yaml")), ids=lambda p: p.parent.name
)
def test_a_papers_own_schema_names_its_measures_and_refuses_a_misspelt_one(path, capsys):
    assert main(["schema", "paper", str(path.parent)]) == 0
    schema = json.loads(capsys.readouterr().out)
    validator = jsonschema.Draft7Validator(schema)
    paper = plain(load(path))
    assert [e.message for e in validator.iter_errors(paper)] == []
    blocks = [b for b in paper["body"] if isinstance(b, dict) and ("table" in b or "chart" in b)]
    if not blocks:
        return  # a paper without tables or charts names no measure outside its text
    block = blocks[0]
    key = "measures" if "measures" in block else "measure"
    if key == "measures":
        block["measures"] = [block["measures"][0] + "x", *block["measures"][1:]]
    else:
        block["measure"] += "x"
    errors = list(validator.iter_errors(paper))
    assert [list(e.path)[:1] for e in errors] == [["body"]], errors
    assert "m.homicide" in json.dumps(schema) or "This paper's measures" in json.dumps(schema)


def test_paper_is_only_for_the_paper_schema(capsys):
    assert main(["schema", "measures", str(ROOT / "content" / "2022-05-performance-report")]) == 2
    assert "PAPER is for the schema of paper.yaml" in capsys.readouterr().err
