import pytest

from boardpaper.content import model as c
from boardpaper.content.schema import validate
from boardpaper.content.yamlmarks import loads
from boardpaper.errors import ContentError

from ..conftest import MINIMAL


def paper(text: str) -> c.PaperSource:
    return validate(loads(text, "paper.yaml"), "paper.yaml", "test")


def error(text: str) -> ContentError:
    with pytest.raises(ContentError) as caught:
        paper(text)
    return caught.value


def test_minimal_paper_validates_with_derived_and_given_ids():
    p = paper(MINIMAL)
    paras = p.paragraphs()
    assert [x.id for x in paras] == ["purpose-of-paper-1", "second"]
    assert paras[1].id_given and not paras[0].id_given
    assert p.cover.meeting == "May 2022" and p.cover.meeting_date == "2022-05-01"


@pytest.mark.parametrize("written", ["2022-05-24", "'2022-05-24'"])
def test_a_meeting_date_quoted_or_not_is_a_date(written):
    p = paper(MINIMAL.replace("meeting: 2022-05", f"meeting: {written}"))
    assert (p.cover.meeting, p.cover.meeting_date) == ("24 May 2022", "2022-05-24")


def test_unknown_key_names_its_line_and_suggests_the_right_one():
    err = error(MINIMAL.replace("  title: A test paper", "  titel: A test paper"))
    assert (err.where.line, err.where.col) == (4, 3)
    assert "unknown key 'titel'" in err.message and "did you mean 'title'" in err.hint


def test_wrong_type_is_reported_at_the_value():
    err = error(MINIMAL.replace("title: A test paper", "title: [a, b]"))
    assert (err.where.line, err.where.col) == (4, 10)
    assert "'title' must be text, not a list" in err.message


def test_duplicate_id_points_at_the_second_and_names_the_first():
    text = MINIMAL + "  - id: second\n    para: Again.\n"
    err = error(text)
    assert err.where.line == 10 and "duplicate id 'second' (first at line 8)" in err.message


def test_derived_ids_never_clash_with_given_ones():
    text = MINIMAL + "  - id: purpose-of-paper-3\n    para: Given.\n  - Derived.\n"
    ids = [x.id for x in paper(text).paragraphs()]
    assert ids == ["purpose-of-paper-1", "second", "purpose-of-paper-3", "purpose-of-paper-4"]


def test_repeated_headings_get_distinct_ids():
    text = MINIMAL + "  - subheading: Next Steps\n  - A.\n  - subheading: Next Steps\n  - B.\n"
    ids = [x.id for x in paper(text).paragraphs()][2:]
    assert ids == ["next-steps-1", "next-steps-2-1"]


@pytest.mark.parametrize(
    "change, words, line",
    [
        (("meeting: 2022-05", "meeting: May"), "meeting must be a month like 2022-05", 3),
        (("  - The first paragraph.", "  - 42"), "must be text or a block, not a number", 7),
        (
            ("  - heading: Purpose of paper", "  - heading: X\n    subheading: Y"),
            "exactly one of",
            6,
        ),
        (("  - The first paragraph.", "  - bullets: []"), "at least one item", 7),
        (("  - The first paragraph.", "  - letters: appendices"), "lists no appendices", 7),
    ],
)
def test_structure_errors(change, words, line):
    text = MINIMAL.replace(*change)
    err = error(text)
    assert words in err.message and err.where.line == line


def test_a_citation_of_an_undefined_note_is_refused_by_the_narrative_stage():
    from boardpaper.errors import ContentError
    from boardpaper.narrative.build import build

    source = paper(MINIMAL.replace("  - The first paragraph.", "  - The [^nope] paragraph."))
    with pytest.raises(ContentError, match="no note named 'nope'") as caught:
        build(source)
    assert caught.value.where.line == 7


def test_bullets_nest_two_levels_and_no_deeper():
    text = MINIMAL + (
        "  - bullets:\n      - one\n      - text: two\n        bullets:\n          - two a\n"
    )
    block = paper(text).blocks[-1]
    assert isinstance(block, c.BulletList) and block.items[1].children[0].text == "two a"
    deeper = (
        text + "  - bullets:\n      - text: a\n        bullets:\n          - text: b\n"
        "            bullets: [c]\n"
    )
    assert "nest two levels" in error(deeper).message


def test_notes_must_be_cited():
    text = MINIMAL + "notes:\n  orphan: Some text\n"
    err = error(text)
    assert "note 'orphan' is never cited" in err.message and err.where.line == 11


def test_a_note_cited_only_in_the_author_block_is_cited():
    """The narrative stage prints a note cited in the author block, so the schema
    counts it (it was refused as never cited)."""
    text = MINIMAL.rstrip("\n").replace("body:\n", "body:\n  - authors: A. Writer[^who]\n", 1)
    text += "\nnotes:\n  who: Head of Performance\n"
    assert "body:\n  - authors: A. Writer[^who]" in text
    assert set(paper(text).notes) == {"who"}


def test_note_link_must_be_a_web_address():
    text = MINIMAL.replace("The first paragraph.", "The first[^n] paragraph.") + (
        "notes:\n  n:\n    text: A report\n    link: javascript:alert(1)\n"
    )
    assert "web address" in error(text).message


def test_appendices_are_lettered_in_order():
    text = MINIMAL + "appendices:\n  - First\n  - title: Second\n"
    assert [(a.letter, a.title) for a in paper(text).appendices] == [
        ("A", "First"),
        ("B", "Second"),
    ]


def test_the_author_block_says_author_for_one():
    from boardpaper.narrative.build import build

    text = MINIMAL + "  - authors: Harry Barton\n    label: Author\n"
    fields = [b for b in build(paper(text)).blocks if type(b).__name__ == "Fields"]
    assert fields[0].rows[0][0] == "Author"
