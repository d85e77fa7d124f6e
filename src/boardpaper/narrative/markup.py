"""Inline markup of the narrative → model inlines.

The markup is a small, familiar subset of Markdown:

    **bold**   *italic*   [link text](https://…)   [^note]   {{ placeholder }}

and a backslash makes the next character literal (`\\*`). Runs of blanks and
line breaks become one space. Errors point at the file, line and column of
the character at fault.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import ContentError, Location
from . import model as m

#: Resolves a placeholder: (expression, offset in the text) → the inline to print.
Resolver = Callable[[str, int], "m.Figure"]
#: Looks up a footnote by key: (key, offset) → the Note.
NoteLookup = Callable[[str, int], "m.Note"]

#: characters with no meaning in the markup: consumed as one run
_PLAIN = re.compile(r"(?:[^\\{*\[\s\x00-\x1f\x7f\ufffe\uffff]| (?=[^\s]))+")


class _Scanner:
    def __init__(
        self,
        text: str,
        locate: Callable[[int], Location],
        resolve: Resolver | None,
        note: NoteLookup | None,
        mapped: bool = False,
    ):
        self.text = text
        self.locate = locate
        self.resolve = resolve
        self.note = note
        self.out: list = []
        self.buf: list[str] = []
        self.bold: int | None = None  # offset of the open '**', or None
        self.italic: int | None = None
        #: with `mapped`, every printed character: (char, source start, source end,
        #: placeholder or None)
        self.mapped = mapped
        self.chars: list[tuple[str, int, int, str | None]] = []

    def emit(self, char: str, start: int, end: int) -> None:
        self.buf.append(char)
        if self.mapped:
            self.chars.append((char, start, end, None))

    def emit_run(self, start: int, end: int) -> None:
        """Plain characters text[start:end], printed as they are."""
        self.buf.append(self.text[start:end])
        if self.mapped:
            self.chars.extend(
                (ch, i, i + 1, None) for i, ch in enumerate(self.text[start:end], start)
            )

    def error(self, message: str, offset: int, hint: str | None = None) -> ContentError:
        return ContentError(message, self.locate(offset), hint)

    def flush(self) -> None:
        if self.buf:
            self.out.append(
                m.Text("".join(self.buf), self.bold is not None, self.italic is not None)
            )
            self.buf = []

    def run(self, start: int = 0, end: int | None = None, in_link: bool = False) -> list:
        text, i = self.text, start
        end = len(text) if end is None else end
        while i < end:
            plain = _PLAIN.match(text, i, end)
            if plain:  # a run of ordinary characters in one step
                self.emit_run(i, plain.end())
                i = plain.end()
                continue
            ch = text[i]
            if ch == "\\" and i + 1 < end:
                self.emit(text[i + 1], i, i + 2)
                i += 2
            elif text.startswith("{{", i):
                i = self.placeholder(i)
            elif text.startswith(("{%", "{#"), i):
                raise self.error(
                    "only {{ … }} placeholders are allowed in the text",
                    i,
                    "write the figure as {{ expression }}",
                )
            elif text.startswith("**", i):
                i = self.toggle("bold", i, 2)
            elif ch == "*":
                i = self.toggle("italic", i, 1)
            elif text.startswith("[^", i):
                i = self.noteref(i, in_link)
            elif ch == "[":
                i = self.link(i, in_link)
            elif (ch < " " and ch not in "\t\n\r") or ch in "\x7f\ufffe\uffff":
                raise self.error(
                    f"control character U+{ord(ch):04X} cannot stand in a paper",
                    i,
                    "delete it; it is often pasted in by accident",
                )
            elif ch.isspace():
                j = i
                while j < end and text[j].isspace():
                    j += 1
                self.emit(" ", i, j)
                i = j
            else:
                self.emit(ch, i, i + 1)
                i += 1
        return self.out

    def toggle(self, which: str, i: int, width: int) -> int:
        opened = getattr(self, which)
        after = self.text[i + width : i + width + 1]
        before = self.text[i - 1 : i] if i else ""
        if opened is None:
            if not after or after.isspace():
                raise self.error(
                    f"'{'*' * width}' must touch the text it makes {which}",
                    i,
                    "write \\* for a literal asterisk",
                )
            self.flush()
            setattr(self, which, i)
        else:
            if not before or before.isspace():
                raise self.error(f"'{'*' * width}' closing {which} must touch the text", i)
            self.flush()
            setattr(self, which, None)
        return i + width

    def placeholder(self, i: int) -> int:
        close = self.text.find("}}", i + 2)
        if close < 0:
            raise self.error("'{{' is never closed by '}}'", i)
        expression = self.text[i + 2 : close].strip()
        if not expression:
            raise self.error("empty placeholder '{{ }}'", i)
        if self.resolve is None:
            raise self.error(f"placeholder '{{{{ {expression} }}}}' is not allowed here", i)
        figure = self.resolve(expression, i)
        if self.mapped:
            self.chars += [(c, i, close + 2, expression) for c in figure.text]
        self.flush()
        self.out.append(
            m.Figure(figure.text, self.bold is not None, self.italic is not None, figure.attrs)
        )
        return close + 2

    def noteref(self, i: int, in_link: bool) -> int:
        close = self.text.find("]", i)
        key = self.text[i + 2 : close] if close > 0 else ""
        if close < 0 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", key):
            raise self.error("a footnote mark is written [^name]", i)
        if in_link:
            raise self.error("a footnote cannot stand inside link text", i)
        if self.note is None:
            raise self.error("footnotes cannot be cited here", i)
        note = self.note(key, i)
        # The mark follows the word it is attached to: drop blanks before it.
        if self.buf and self.buf[-1].endswith(" "):
            self.buf[-1] = self.buf[-1][:-1]
            if self.mapped:
                self.chars.pop()
        self.flush()
        self.out.append(m.NoteRef(note))
        return close + 1

    def link(self, i: int, in_link: bool) -> int:
        close = _matching_bracket(self.text, i)
        if close < 0 or not self.text.startswith("(", close + 1):
            raise self.error(
                "'[' starts a link, written [text](https://…)", i, "write \\[ for a literal bracket"
            )
        end = self.text.find(")", close + 2)
        url = self.text[close + 2 : end].strip() if end > 0 else ""
        if end < 0 or not re.fullmatch(r"(https?://|mailto:)\S+", url):
            raise self.error("a link needs a web address: [text](https://…)", close + 1)
        if in_link:
            raise self.error("a link cannot stand inside another link", i)
        self.flush()
        outer = self.out
        self.out = []
        self.run(i + 1, close, in_link=True)
        self.flush()
        children = tuple(self.out)
        self.out = outer
        if not children:
            raise self.error("a link needs text to click", i)
        self.out.append(m.Link(url, children))
        return end + 1

    def finish(self) -> tuple:
        for which in ("bold", "italic"):
            opened = getattr(self, which)
            if opened is not None:
                raise self.error(
                    f"{which} text is never closed",
                    opened,
                    "close it with the same asterisks, or write \\*",
                )
        self.flush()
        return _tidy(self.out)


def _matching_bracket(text: str, i: int) -> int:
    depth = 0
    j = i
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "[":
            depth += 1
        elif text[j] == "]":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _tidy(inlines: list) -> tuple:
    """Merge neighbouring runs of one style; trim blanks at both ends."""
    merged = m.merge_texts(inlines)
    if merged and isinstance(merged[0], m.Text):
        merged[0] = m.Text(merged[0].text.lstrip(), merged[0].bold, merged[0].italic)
    if merged and isinstance(merged[-1], m.Text):
        merged[-1] = m.Text(merged[-1].text.rstrip(), merged[-1].bold, merged[-1].italic)
    return tuple(i for i in merged if not (isinstance(i, m.Text) and not i.text))


def parse(
    text: str,
    locate: Callable[[int], Location],
    resolve: Resolver | None = None,
    note: NoteLookup | None = None,
) -> tuple:
    """Parse one text of the narrative into inlines."""
    return parse_mapped(text, locate, resolve, note, mapped=False)[0]


def parse_mapped(
    text: str,
    locate: Callable[[int], Location],
    resolve: Resolver | None = None,
    note: NoteLookup | None = None,
    mapped: bool = True,
) -> tuple[tuple, list]:
    """The inlines of `text` and, for each character they print, where it came from:
    (char, source start, source end, the placeholder it belongs to or None)."""
    scanner = _Scanner(text, locate, resolve, note, mapped)
    scanner.run()
    inlines = scanner.finish()
    chars = scanner.chars
    while chars and chars[0][0].isspace():  # finish() trims the printed text likewise
        chars = chars[1:]
    while chars and chars[-1][0].isspace():
        chars = chars[:-1]
    return inlines, chars


def escape(text: str) -> str:
    """`text` as literal markup: `*`, `[`, `\\` and `{` are escaped."""
    return re.sub(r"([\\*\[\]{])", r"\\\1", text)
