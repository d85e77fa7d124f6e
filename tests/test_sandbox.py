"""The one Jinja sandbox (boardpaper/sandbox.py): a Word template's fields and a
paper's placeholders under the same limits, and any text gives an output or one of
`render_errors`, never another exception, a hang or a runaway allocation."""

from __future__ import annotations

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpaper.errors import TemplateError
from boardpaper.narrative.jinja import environment
from boardpaper.sandbox import (
    LONGEST_FIELD,
    LONGEST_TEXT,
    Refused,
    TemplateSandbox,
    render_errors,
)

FIELDS = {"board": "SPCB", "items": [{"number": 1, "title": "A&B"}, {"number": 2, "title": "C"}]}


def _template(source: str, fields=FIELDS) -> str:
    return TemplateSandbox(autoescape=True).from_string(source).render(fields)


def _placeholder(expression: str):
    env = environment()
    with env.fresh():
        return env.compile_expression(expression, undefined_to_none=False)()


@pytest.mark.parametrize(
    ("expression", "refused"),
    [
        ("9**(9**9)", "a power that large"),
        ("10**20", "larger than any figure"),
        ("'x' * 10**9", "plain numbers only"),
        ("'%999999999d' % 1", "plain numbers only"),
        ("[1] * 10**9", "plain numbers only"),
        ("1/0", "division by zero"),
        ("lipsum(10**6)", "undefined"),
        ("range(10**9)", "undefined"),
        ("cycler.__init__.__globals__", "undefined|unsafe"),
    ],
)
def test_placeholders_and_template_fields_meet_the_same_limits(expression, refused):
    for evaluate in (lambda e: _template("{{ " + e + " }}"), _placeholder):
        with pytest.raises(render_errors, match=refused):
            evaluate(expression)


@pytest.mark.parametrize(
    ("source", "refused"),
    [
        ("{% include '/etc/passwd' %}", "include"),
        ("{% import '/etc/passwd' as x %}", "import"),
        ("{% from 'x' import y %}", "from"),
        ("{% extends 'x' %}", "extends"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "macro"),
        ("{% call f() %}x{% endcall %}", "call"),
        ("{% for i in items recursive %}{{ loop(i) }}{% endfor %}", "recursive"),
        ("{% autoescape false %}{{ '<w:p>' }}{% endautoescape %}", "autoescape"),
        ("{{ board.ljust(10**9) }}", "'ljust' cannot be looked up"),
        ("{{ board.__class__ }}", "cannot be looked up"),
        ("{{ board|center(10**9) }}", "No filter named 'center'"),
        ("{{ board|safe }}", "No filter named 'safe'"),
        ("{{ '{}'|format(1) }}", "No filter named 'format'"),
        ("{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a %}" * 40, "characters would be made"),
        (("{% for i in '" + "x" * 3000 + "' %}") * 3 + "{% endfor %}" * 3, "too much work"),
        (
            "{% for i in items %}{% for j in '" + "y" * 300_000 + "' %}{% endfor %}{% endfor %}",
            "work",
        ),
        ("{{ board + 1 }}", "plain numbers only"),
        ("{{ items|join(board * 2) }}", "plain numbers only"),
    ],
)
def test_a_template_cannot_read_recurse_or_run_away(source, refused):
    with pytest.raises(render_errors, match=refused):
        _template(source)


def test_what_a_template_needs_still_works():
    source = (
        "{{ board }}|{% for i in items %}{{ loop.index }}.{{ i.number }} {{ i.title|upper }}"
        "{{ ', ' if not loop.last }}{% endfor %}|{{ items|length }}|{{ items[1]['title'] }}"
        "|{{ board ~ ' ' ~ 2**10 }}|{{ missing|default('-') if false else 'x' }}"
    )
    assert _template(source) == "SPCB|1.1 A&amp;B, 2.2 C|2|C|SPCB 1024|x"


def test_strings_are_bounded_per_use():
    assert len(_template("{{ s ~ s }}", {"s": "x" * (LONGEST_FIELD // 2)})) == LONGEST_FIELD
    with pytest.raises(Refused):
        _template("{{ s ~ s ~ s }}", {"s": "x" * (LONGEST_FIELD // 2)})
    with pytest.raises(Refused):
        _placeholder(
            "'" + "x" * (LONGEST_TEXT // 2 + 1) + "' ~ '" + "x" * (LONGEST_TEXT // 2) + "'"
        )


def test_a_template_error_is_one_line_at_the_template(tmp_path):
    """The Word writer's door (writers/docx/template.render_fields) turns every
    failure of a field into a TemplateError at the template, with a did-you-mean."""
    from boardpaper.oxml.house import template_package
    from boardpaper.writers.docx.template import render_fields

    package = template_package()
    fields = dict.fromkeys(("boards", "meeting", "title", "priority", "presented_by"), "x")
    fields |= dict.fromkeys(("marking", "agenda_item", "body"), "x")
    with pytest.raises(
        TemplateError, match=r"'board' is undefined.*did you mean 'boards'"
    ) as error:
        render_fields(package, fields, "t.docx", "the Word template", "fields: board")
    assert str(error.value).startswith("t.docx: error: the Word template names a field")


TOKENS = st.sampled_from(
    [
        "{{ ",
        " }}",
        "{% ",
        " %}",
        "for ",
        " in ",
        "endfor",
        "if ",
        "endif",
        "set ",
        " = ",
        "board",
        "items",
        "i",
        "loop",
        ".index",
        ".title",
        "|upper",
        "|join(board)",
        "|length",
        " ~ ",
        " * ",
        " + ",
        " ** ",
        " / ",
        "9",
        "99",
        "(",
        ")",
        "[",
        "]",
        "0",
        "'x'",
        "'yy'",
        "macro",
        "include",
        "range(9)",
        "lipsum",
        "__class__",
        ",",
        ".",
        " ",
        "text",
        "{# ",
        " #}",
        "raw",
        "endraw",
        "filter ",
        "endfilter",
        "with ",
        "endwith",
        "not ",
    ]
)


@given(st.lists(TOKENS, max_size=40).map("".join))
def test_any_template_text_renders_or_is_refused(source):
    try:
        out = _template(source)
    except render_errors:
        return
    assert isinstance(out, str)


@given(st.lists(TOKENS, min_size=1, max_size=25).map("".join))
def test_any_placeholder_evaluates_or_is_refused(expression):
    try:
        _placeholder(expression)
    except (*render_errors, jinja2.TemplateSyntaxError):
        return
