"""The word-level diff behind redlines."""

from boardpaper.narrative import model as m
from boardpaper.review.diff import diff_inlines, redline


def T(text, **kw):
    return m.Text(text, **kw)


def test_a_changed_word_is_a_deletion_and_an_insertion():
    got = diff_inlines(
        (T("drive activity towards improving performance"),),
        (T("drive activity towards raising performance"),),
    )
    assert got == (
        T("drive activity towards "),
        m.Deleted((T("improving"),)),
        m.Inserted((T("raising"),)),
        T(" performance"),
    )


def test_a_figure_is_one_token():
    old = (T("saw "), m.Figure("53"), T(" homicides"))
    new = (T("saw "), m.Figure("58"), T(" homicides"))
    got = diff_inlines(old, new)
    assert got == (
        T("saw "),
        m.Deleted((m.Figure("53"),)),
        m.Inserted((m.Figure("58"),)),
        T(" homicides"),
    )


def test_links_keep_their_changes_inside():
    old = (T("see "), m.Link("https://x.org", (T("the old report"),)))
    new = (T("see "), m.Link("https://x.org", (T("the new report"),)))
    got = diff_inlines(old, new)
    assert got[0] == T("see ") and isinstance(got[1], m.Link)
    assert m.Deleted((T("old"),)) in got[1].children and m.Inserted((T("new"),)) in got[1].children


def _paper(*blocks):
    meta = m.Meta("T", "B", "May 2022", "2022-05-01")
    return m.Paper("p", meta, blocks)


def test_paragraphs_added_and_removed_are_tracked_whole():
    a = m.Paragraph("a", 1, (T("First."),))
    b = m.Paragraph("b", 2, (T("Second."),))
    c = m.Paragraph("c", 2, (T("New."),))
    out = redline(_paper(a, b), _paper(a, c), m.Revision("boardpaper", "2022-05-01T00:00:00Z"))
    changes = [(blk.id, blk.change) for blk in out.blocks]
    assert changes == [("a", ""), ("b", "deleted"), ("c", "inserted")]
    assert out.blocks[1].inlines == (m.Deleted((T("Second."),)),)
    assert out.revision.author == "boardpaper"
