import pytest

from boardpaper.content.yamlmarks import MarkedList, MarkedMap, MarkedStr, loads
from boardpaper.errors import ContentError


def test_every_value_knows_its_line_and_column():
    doc = loads("a: 1\nbody:\n  - first\n  - heading: Second\n", "p.yaml")
    assert isinstance(doc, MarkedMap) and isinstance(doc["body"], MarkedList)
    assert doc.key_loc["body"].line == 2
    assert doc["body"].item_loc[1].line == 4 and doc["body"].item_loc[1].col == 5
    first = doc["body"][0]
    assert isinstance(first, MarkedStr) and (first.loc.line, first.loc.col) == (3, 5)


def test_an_offset_in_a_folded_paragraph_maps_to_its_source_line():
    doc = loads("body:\n  - >\n    one two\n    three {{ x }} four\n", "p.yaml")
    text = doc["body"][0]
    where = text.locate(text.index("{{"))
    assert (where.line, where.col) == (4, 11)
    assert text.locate(0).line == 3


@pytest.mark.parametrize(
    "source, line, col, words",
    [
        ("a: 1\na: 2\n", 2, 1, "duplicate key 'a' (first at line 1)"),
        ("title: Measure: Reduce\n", 1, 15, "mapping values are not allowed"),
        ("a:\n\t- b\n", 2, 1, "YAML syntax"),
        ("a: [1, 2\n", 2, 1, "YAML syntax"),
    ],
)
def test_yaml_errors_name_file_line_and_column(source, line, col, words):
    with pytest.raises(ContentError) as caught:
        loads(source, "content/p/paper.yaml")
    err = caught.value
    assert (err.where.path, err.where.line, err.where.col) == ("content/p/paper.yaml", line, col)
    assert words in err.render()
    assert err.render().startswith(f"content/p/paper.yaml:{line}:{col}: error: ")


def test_a_colon_in_text_gets_a_hint():
    with pytest.raises(ContentError) as caught:
        loads("subheading: Measure: Reduce Murder\n", "p.yaml")
    assert "quotes" in caught.value.hint


def test_aliases_share_one_value_and_a_bomb_is_refused_before_it_is_built():
    def laughs(levels: int) -> str:
        return "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh"[:levels], "bcdefghi"[:levels])
        )

    doc = loads(laughs(3), "laughs.yaml")  # 9**4 values once expanded: shared, not copied
    assert doc["d"][0] is doc["c"]
    with pytest.raises(ContentError, match=r"laughs.yaml:6:4: error: .* more than 200,000 values"):
        loads(laughs(8), "laughs.yaml")  # 9**9


def test_non_utf8_file_is_an_error(tmp_path):
    from boardpaper.content.yamlmarks import load

    path = tmp_path / "paper.yaml"
    path.write_bytes(b"a: caf\xe9\n")
    with pytest.raises(ContentError, match="not UTF-8"):
        load(path)
