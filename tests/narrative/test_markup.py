import pytest

from boardpaper.errors import ContentError, Location
from boardpaper.narrative import model as m
from boardpaper.narrative.markup import parse


def here(offset: int) -> Location:
    return Location("p.yaml", 1, offset + 1)


def test_plain_text_collapses_blanks():
    assert parse("  one\n  two   three \n", here) == (m.Text("one two three"),)


def test_bold_italic_and_links():
    got = parse("a **b** *c* [d **e**](https://x.org/y) f", here)
    assert got == (
        m.Text("a "),
        m.Text("b", bold=True),
        m.Text(" "),
        m.Text("c", italic=True),
        m.Text(" "),
        m.Link("https://x.org/y", (m.Text("d "), m.Text("e", bold=True))),
        m.Text(" f"),
    )


def test_escapes_are_literal():
    assert parse(r"5 \* 3 \[x\]", here) == (m.Text("5 * 3 [x]"),)


def test_footnote_mark_hugs_the_word_before_it():
    note = m.Note("n", (m.Text("t"),))
    got = parse("Guide [^n].", here, note=lambda key, off: note)
    assert got == (m.Text("Guide"), m.NoteRef(note), m.Text("."))


def test_placeholders_go_to_the_resolver_with_their_offset():
    seen = []

    def resolve(expression, offset):
        seen.append((expression, offset))
        return m.Figure("53")

    got = parse("saw **{{ m.homicide.total }}** homicides", here, resolve)
    assert seen == [("m.homicide.total", 6)]
    assert got[1] == m.Figure("53", bold=True)


@pytest.mark.parametrize(
    "text, col, words",
    [
        ("an **open bold", 4, "bold text is never closed"),
        ("a * b", 3, "must touch the text"),
        ("see [the report]", 5, "starts a link"),
        ("see [x](not a url)", 8, "needs a web address"),
        ("{% if x %}", 1, "only {{ … }} placeholders"),
        ("a {{ x", 3, "never closed"),
        ("bad \x07 bell", 5, "control character U+0007"),
    ],
)
def test_markup_errors_point_at_the_character(text, col, words):
    with pytest.raises(ContentError) as caught:
        parse(text, here, lambda e, o: m.Figure("1"), lambda k, o: m.Note(k, ()))
    assert words in caught.value.message and caught.value.where.col == col
