"""Editing paper.yaml in place: ruamel.yaml's round trip, which keeps the file's
comments, key order, quoting and layout, so an edit touches only what it changes."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import ContentError, Location

#: indentation settings tried until one reproduces the file exactly
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (2, 4, 0))


def load(path: Path):
    """(yaml, document) for `path`, with the indentation that reproduces it."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from .yamlmarks import loads, read_text

    original = read_text(path)  # the one door: a regular file, its size and encoding …
    loads(original, str(path))  # … its nesting and aliases bounded, errors with line numbers
    first = None
    for mapping, sequence, offset in _INDENTS:
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            doc = yaml.load(original)
        except YAMLError as exc:
            raise ContentError(f"cannot read the YAML: {exc}", Location(str(path))) from None
        first = first or (yaml, doc)
        if dump(yaml, doc) == original:
            return yaml, doc
    return first


def dump(yaml, doc) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def folded(text: str, width: int = 88):
    """A `>` block scalar of `text`, folded at spaces into lines of about `width`,
    never inside a placeholder."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    text = text.rstrip("\n") + "\n"  # keep ">" (not ">-") like the author's paragraphs
    value = FoldedScalarString(text)
    inside = [range(p.start(), p.end()) for p in re.finditer(r"\{\{.*?\}\}", text)]
    folds, start, last = [], 0, -1
    for match in re.finditer(" ", text):
        if any(match.start() in span for span in inside):
            continue
        if match.start() - start > width and last > start:
            folds.append(last)
            start = last + 1
        last = match.start()
    if len(text) - start > width and last > start:
        folds.append(last)
    value.fold_pos = folds
    return value


def paths(doc) -> dict[tuple[int, int], tuple]:
    """(line, column) of every string value in the round-trip document (1-based, where
    the value starts) → its path of keys and indexes from the root, so a `MarkedStr`
    read by the content stage can be found and rewritten here."""
    found: dict[tuple[int, int], tuple] = {}

    def walk(node, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str):
                    line, col = node.lc.value(key)
                    found[(line + 1, col + 1)] = (*path, key)
                else:
                    walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                if isinstance(value, str):
                    line, col = node.lc.item(i)
                    found[(line + 1, col + 1)] = (*path, i)
                else:
                    walk(value, (*path, i))

    walk(doc, ())
    return found


def where(marked) -> tuple[int, int]:
    """The (line, column) where a `MarkedStr`'s value starts, as `paths` keys it."""
    loc = marked.source.location(marked.start)
    return loc.line, loc.col


def get(doc, path: tuple):
    for key in path:
        doc = doc[key]
    return doc


def set_text(doc, path: tuple, text: str) -> None:
    """Replace the string at `path`, in the style it was written: a `>` block stays a
    folded block; a short plain or quoted string stays one line."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    parent = get(doc, path[:-1])
    old = parent[path[-1]]
    if isinstance(old, (FoldedScalarString, LiteralScalarString)) or len(text) > 88:
        parent[path[-1]] = folded(text)
    else:
        parent[path[-1]] = text
