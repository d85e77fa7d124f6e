"""A YAML loader that keeps the line and column of every node.

`load(path)` returns plain Python values in which every mapping is a `MarkedMap`,
every sequence a `MarkedList` and every string a `MarkedStr`; each knows where
it stands in the file, so later stages can report `file:line:col`. A string
also maps an offset inside its value back to the file (`MarkedStr.locate`),
even for folded (`>`) and multi-line plain scalars, so an error in the middle of
a paragraph points at the right line.

Duplicate keys, which PyYAML silently accepts, are an error here.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import ContentError, Location

#: characters XML 1.0 (and so Word) cannot hold
_NEWLINE = re.compile("\n")
_NESTING = re.compile("[\"'\\[\\]{}\n]")  # what `_depth` looks at
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


#: libyaml's C parser where PyYAML was built with it (the usual wheels are), else Python's
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Source:
    """The text of one YAML file and its line starts, for offset → line:col."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.starts = [0] + [found.end() for found in _NEWLINE.finditer(text)]

    def location(self, index: int) -> Location:
        line = bisect.bisect_right(self.starts, index) - 1
        return Location(self.path, line + 1, index - self.starts[line] + 1)


class MarkedStr(str):
    """A string from YAML that knows where it came from."""

    source: _Source
    start: int
    end: int
    loc: Location

    def locate(self, offset: int) -> Location:
        """The file location of character `offset` of this string's value.

        Walks the raw scalar text and the value side by side, matching
        non-blank characters in order; YAML folding and indentation only change
        blanks, so this finds the right line for plain, folded and literal
        scalars. An escape in a quoted scalar ends the walk at the best place
        found so far.
        """
        raw = self.source.text[self.start : self.end]
        pos = 0
        target = self[: max(0, offset) + 1]
        for ch in target:
            if ch.isspace():
                continue
            found = raw.find(ch, pos)
            if found < 0:
                break
            pos = found + 1
        index = self.start + max(0, pos - 1)
        if offset <= 0:
            index = self.start + _first_content(raw)
        return self.source.location(index)


def _first_content(raw: str) -> int:
    """Index of the value's first character in a raw scalar (skips `>`/`|` headers)."""
    if raw[:1] in ">|":
        nl = raw.find("\n")
        rest = raw[nl + 1 :] if nl >= 0 else ""
        return (nl + 1) + (len(rest) - len(rest.lstrip()))
    if raw[:1] in "\"'":
        return 1
    return 0


class MarkedMap(dict):
    """A mapping from YAML; `key_loc[k]` and `value_loc[k]` say where each entry is."""

    loc: Location

    def __init__(self) -> None:
        super().__init__()
        self.key_loc: dict[str, Location] = {}
        self.value_loc: dict[str, Location] = {}


class MarkedList(list):
    """A sequence from YAML; `item_loc[i]` says where item i is."""

    loc: Location

    def __init__(self) -> None:
        super().__init__()
        self.item_loc: list[Location] = []


_HINTS = {
    "mapping values are not allowed here": (
        "a colon followed by a space starts a key; put the whole text in quotes, "
        "or write '>' and the text on the next line"
    ),
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "found a tab character": "indent with spaces, not tabs",
    "could not find expected ':'": "a line may be indented differently from its neighbours",
}


MAX_BYTES = 8 * 1024 * 1024  # a paper's YAML is tens of kilobytes
MAX_DEPTH = 64  # nesting of mappings and lists; a paper needs fewer than ten
#: values (mappings, lists and scalars) the file stands for once every alias is expanded:
#: the annual report has a few thousand; an alias bomb has billions
MAX_VALUES = 200_000


def load(path: Path | str) -> object:
    """Read and parse one YAML file, keeping locations; errors are `ContentError`."""
    return loads(read_text(path), str(path))


def read_text(path: Path | str) -> str:
    """The text of one YAML file, read once within the bounds (a regular file of at
    most MAX_BYTES, UTF-8). `roundtrip.load` checks it with `loads` before editing."""
    from ..fsutil import read_regular

    path = Path(path)
    raw = read_regular(path, MAX_BYTES, ContentError, "a YAML file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            "the file is not UTF-8 text",
            Location(str(path), line, 1),
            hint="save it as UTF-8 in your editor",
        ) from None
    return text


def loads(text: str, path: str = "<string>") -> object:
    """Parse YAML text; `path` is used in locations.

    libyaml's C parser reads the file; when it finds an error, the Python parser reads it
    again to report it, with PyYAML's messages and positions (and our hints).
    """
    try:
        return _loads(text, path, _LOADER)
    except _Retry:
        return _loads(text, path, yaml.SafeLoader)


class _Retry(Exception):
    """The fast parser found an error: report it with the Python parser."""


def _depth(text: str, path: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before a parser recurses into it (libyaml
    crashes, Python's parser runs out of stack): flow brackets and block indentation.
    Only the characters that open or close a level, a quote or a line are looked at."""
    depth, deepest, at = 0, 0, 0
    while (found := _NESTING.search(text, at)) is not None:
        index = found.start()
        ch, at = text[index], index + 1
        if ch in "\"'" and (index == 0 or text[index - 1] in " [{,:-\n"):
            end = text.find(ch, at)  # a quoted scalar: nothing in it opens a level
            if end < 0:
                break
            at = end + 1
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "\n":
            depth = 0 if depth and index + 1 < len(text) and text[index + 1] not in " \t" else depth
    indents = {len(line) - len(line.lstrip(" -")) for line in text.splitlines() if line.strip()}
    if deepest > MAX_DEPTH or len(indents) > MAX_DEPTH:
        raise ContentError(
            f"the YAML nests more than {MAX_DEPTH} levels deep; a paper needs a few",
            Location(path, 1, 1),
        )


def _loads(text: str, path: str, loader_class) -> object:
    _depth(text, path)
    source = _Source(path, text)
    loader = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        if node is None:
            return None
        _bounded(node, source)
        return _MarkedValues(source, loader).build(node)
    except yaml.YAMLError as exc:
        if loader_class is not yaml.SafeLoader:
            raise _Retry() from None
        if isinstance(exc, yaml.reader.ReaderError):
            raise ContentError(
                f"character U+{exc.character:04X} cannot stand in YAML or a Word document",
                source.location(exc.position),
                "delete it; it is often pasted in by accident",
            ) from None
        if not isinstance(exc, yaml.MarkedYAMLError):
            raise ContentError(f"YAML: {exc}", Location(path)) from None
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        hint = next((h for k, h in _HINTS.items() if k in problem), None)
        raise ContentError(f"YAML syntax: {problem}", where, hint) from None
    finally:
        if loader is not None:
            loader.dispose()


def _bounded(root, source: _Source) -> None:
    """Refuse a node graph that nests deeper than MAX_DEPTH or stands for more than
    MAX_VALUES values once its aliases are expanded, before any value is built or
    printed. An alias is the same node object met again, so this is one walk of the
    distinct nodes (iterative: a chain of aliases may nest deeper than the text shows)."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in size and not children_done:
            continue
        children = _children(node)
        if not children_done:
            size[key] = 0  # on the stack: an alias to an ancestor is counted once
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in size)
            continue
        size[key] = 1 + sum(size[id(c)] for c in children)
        depth[key] = 1 + max((depth.get(id(c), 0) for c in children), default=0)
        if depth[key] > MAX_DEPTH:
            raise ContentError(
                f"the YAML nests more than {MAX_DEPTH} levels deep (through its aliases); "
                "a paper needs a few",
                source.location(node.start_mark.index),
            )
        if size[key] > MAX_VALUES:
            raise ContentError(
                f"the YAML stands for more than {MAX_VALUES:,} values once its aliases "
                "(*name) are expanded; a paper has a few thousand",
                source.location(node.start_mark.index),
                "write the value out, or name it once",
            )


def _children(node) -> list:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


class _MarkedValues:
    """Turns composed YAML nodes into marked Python values."""

    def __init__(self, source: _Source, loader: yaml.SafeLoader):
        self.source = source
        self.loader = loader
        self.done: dict[int, object] = {}  # aliases share one value: no blow-up

    def loc(self, node) -> Location:
        return self.source.location(node.start_mark.index)

    def build(self, node):
        key = id(node)
        if key in self.done:
            return self.done[key]
        if isinstance(node, MappingNode):
            value = self._mapping(node)
        elif isinstance(node, SequenceNode):
            value = MarkedList()
            value.loc = self.loc(node)
            self.done[key] = value
            for item in node.value:
                value.append(self.build(item))
                value.item_loc.append(self.loc(item))
        else:
            value = self._scalar(node)
        self.done[key] = value
        return value

    def _scalar(self, node: ScalarNode):
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:  # e.g. 2022-06-31, a date that is not
            raise ContentError(
                f"{node.value[:40]!r} cannot be read ({exc})",
                self.source.location(node.start_mark.index),
                "write a real date, or quote the text",
            ) from None
        if isinstance(value, str):
            bad = NOT_XML.search(value)
            if bad:
                marked = MarkedStr(value)
                marked.source, marked.start, marked.end = (
                    self.source,
                    node.start_mark.index,
                    node.end_mark.index,
                )
                raise ContentError(
                    f"character U+{ord(bad.group()):04X} cannot stand in a Word document",
                    marked.locate(bad.start()),
                    "delete it; it is often pasted in by accident",
                )
            marked = MarkedStr(value)
            marked.source = self.source
            marked.start = node.start_mark.index
            marked.end = node.end_mark.index
            marked.loc = self.source.location(
                node.start_mark.index
                + _first_content(self.source.text[node.start_mark.index : node.end_mark.index])
            )
            return marked
        return value

    def _mapping(self, node: MappingNode) -> MarkedMap:
        value = MarkedMap()
        value.loc = self.loc(node)
        self.done[id(node)] = value
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ContentError("merge keys ('<<') are not supported", self.loc(key_node))
            if not isinstance(key_node, ScalarNode):
                raise ContentError("a key must be a plain word", self.loc(key_node))
            key = str(self.loader.construct_object(key_node))
            if key in value:
                first = value.key_loc[key]
                raise ContentError(
                    f"duplicate key '{key}' (first at line {first.line})", self.loc(key_node)
                )
            value[key] = self.build(value_node)
            value.key_loc[key] = self.loc(key_node)
            value.value_loc[key] = self.loc(value_node)
        return value
