"""A date's words are joined by a no-break space in the model (issue 29), typed or
computed, so that no writer breaks "March 2023" across lines; the plain text and the
audit trail read it as a space."""

from __future__ import annotations

from boardpaper.narrative import model as m
from boardpaper.narrative.build import build
from boardpaper.narrative.jinja import Resolver
from boardpaper.narrative.phrasing import NO_BREAK
from boardpaper.pipeline import load

from ..conftest import write_paper
from ..measures.test_vocabulary_more import _figures

PAPER = (
    "cover:\n  board: A board\n  meeting: 2022-05\n  title: A test paper\n"
    "body:\n  - heading: Purpose of paper\n"
    "  - 'Typed on 23 March 2023; computed {{ period.end }} and {{ baseline.last }}.'\n"
    "  - 'A link: [in May 2022](https://example.org/).'\n"
)


def test_dates_in_the_model_are_bound_typed_and_computed(tmp_path):
    paper = build(load(write_paper(tmp_path / "p", PAPER)), Resolver(_figures()))
    first, second = [b for b in paper.blocks if isinstance(b, m.Paragraph)]
    texts = [i.text for i in first.inlines]
    assert texts == [
        f"Typed on 23{NO_BREAK}March{NO_BREAK}2023; computed ",
        f"31{NO_BREAK}March{NO_BREAK}2022",
        " and ",
        f"June{NO_BREAK}2019",
        ".",
    ]
    assert first.inlines[1].attrs["expression"] == "period.end"  # still traced
    assert second.inlines[1].children[0].text == f"in May{NO_BREAK}2022"
    # the text a reader sees (review compares it with Word's) reads it as a space
    assert m.plain_text(first.inlines) == (
        "Typed on 23 March 2023; computed 31 March 2022 and June 2019."
    )
