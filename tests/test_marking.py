"""The protective marking cannot vanish: a Word template without the `{{ marking }}`
field where pages show it is refused, and `check` says when a paper has no marking.
(That every page of every PDF carries it: tests/writers/test_pack.py, test_charts.py,
tests/test_meeting.py.)"""

from __future__ import annotations

import pytest

from boardpaper.cli import main
from boardpaper.oxml.house import template_package
from boardpaper.writers.docx.template import unmarked_part

from .conftest import EXAMPLE, MINIMAL, edited_package, write_paper


@pytest.mark.parametrize(("part", "where"), [("header", "header1"), ("footer", "footer1")])
def test_a_template_without_the_marking_field_is_refused_naming_the_part(
    tmp_path, capsys, part, where
):
    template = tmp_path / "t.docx"
    template.write_bytes(
        edited_package(template_package(), f"word/{where}.xml", "{{ marking }}", "")
    )
    code = main(["build", str(EXAMPLE), "--template", str(template), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1, err
    assert err[0].startswith(
        f"{template}: error: the template's {part} carries no {{{{ marking }}}} field"
    ), err[0]
    assert not list((tmp_path / "o").glob("*.docx"))


def test_the_house_template_is_marked_and_a_first_page_with_no_header_of_its_own_is_not():
    assert unmarked_part(template_package()) is None
    first_page_apart = edited_package(
        template_package(), "word/document.xml", "<w:pgSz ", "<w:titlePg/><w:pgSz "
    )
    assert unmarked_part(first_page_apart) == "first-page header"


def test_check_says_when_a_paper_has_no_protective_marking(tmp_path):
    from boardpaper import checking

    unmarked = write_paper(tmp_path / "p", MINIMAL)
    findings = [f.message for f in checking.check(unmarked)]
    assert any("has no protective marking" in m for m in findings), findings
    marked = write_paper(
        tmp_path / "q",
        MINIMAL.replace("  title: A test paper\n", "  title: A test paper\n  marking: OFFICIAL\n"),
    )
    assert not any("protective marking" in f.message for f in checking.check(marked))
