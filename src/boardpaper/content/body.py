"""paper.yaml's `body:`: blocks in order, each checked against its kind's keys, with
paragraph ids derived from the nearest heading."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from ..errors import ContentError, Location, did_you_mean, shown
from . import kinds
from . import model as m
from .checks import ID_RE, _as_text, _flag, _keys, _kind, _text
from .sections import _existing
from .yamlmarks import MarkedList, MarkedMap, MarkedStr

_PERIOD = re.compile(r"^(\d{4}/\d{2}|\d{4}|\d{4}-\d{2})$")
CHART_KINDS = ("line", "bar")  # a chart's kinds: months along the x axis, or a bar a period
#: how a table may write the financial year 2020/21 (`years:`); the first is the default
YEAR_FORMS = ("2020/21", "2020/2021", "2020-21", "2020-2021", "20/21", "20-21")


class Body:
    """Validates `body:` in order, deriving ids from the nearest heading."""

    def __init__(self, appendices, folder: Path):
        self.appendices = appendices
        self.folder = folder
        self.section = "paper"
        self.count = 0
        self.sections_seen: dict[str, int] = {}
        self.ids: dict[str, Location] = {}

    def build(self, value, where: Location) -> list:
        if not isinstance(value, MarkedList) or not value:
            raise ContentError("body must be a list of paragraphs, headings and lists", where)
        raw = []
        for index, (item, loc) in enumerate(zip(value, value.item_loc)):
            block = self.block(item, loc)
            raw.append(
                block + (index,)
                if isinstance(block, tuple)
                else replace(block, index=index)
                if isinstance(block, m.Paragraph)
                else block
            )
        # Derived ids are made after all given ids are known, so they never clash.
        return [self.derive(b) if isinstance(b, tuple) else b for b in raw]

    def block(self, item, loc: Location):
        if isinstance(item, MarkedStr):
            return self.paragraph(item, None, loc)
        if not isinstance(item, MarkedMap):
            raise ContentError(f"a body entry must be text or a block, not {_kind(item)}", loc)
        keyed = kinds.by_key()
        found = [k for k in item if k in keyed]
        # a key that another found kind allows is that kind's (a case study's `text`)
        found = [k for k in found if not any(k in keyed[o].extra for o in found if o != k)]
        for other in found[1:]:  # a table's `heading:` for its `headings:`
            near = did_you_mean(other, keyed[found[0]].extra)
            if near:
                raise ContentError(
                    f"'{other}' starts a block of its own, not a key of a '{found[0]}' block",
                    item.key_loc[other],
                    near,
                )
        if len(found) != 1:
            _keys(item, tuple(keyed) + ("id", "job_title"), what="a body entry")
            raise ContentError("a body entry needs exactly one of: " + ", ".join(keyed), loc)
        key = found[0]
        kind = keyed[key]
        _keys(item, (key,) + kind.extra, what=f"a '{key}' block")
        return kind.read(self, item, key, loc)

    # -- one reader per block kind (content/kinds.py): read_<kind>(item, key, loc) --

    def read_paragraph(self, item: MarkedMap, key: str, loc: Location):
        return self.paragraph(_text(item, key, True), item, loc)

    def read_heading(self, item: MarkedMap, key: str, loc: Location) -> m.Heading:
        text = _text(item, key, True)
        self.new_section(str(text))
        flags = {flag: _flag(item, flag) for flag in ("new_page", "restart")}
        return m.Heading(1 if key == "heading" else 2, text, loc, **flags)

    def read_bullet_list(self, item: MarkedMap, key: str, loc: Location) -> m.BulletList:
        return m.BulletList(self.items(item[key], item.value_loc[key], 2), loc)

    def read_lettered_list(self, item: MarkedMap, key: str, loc: Location) -> m.LetteredList:
        return self.letters(item, loc)

    def read_table_spec(self, item: MarkedMap, key: str, loc: Location) -> m.TableSpec:
        return self.table(item, loc)

    def read_chart_spec(self, item: MarkedMap, key: str, loc: Location) -> m.ChartSpec:
        return self.chart(item, loc)

    def read_plain(self, item: MarkedMap, key: str, loc: Location) -> m.Plain:
        return m.Plain(_text(item, key, True), loc)

    def read_case_study(self, item: MarkedMap, key: str, loc: Location) -> m.CaseStudy:
        title = _text(item, key, True)
        value = item.get("text")
        where = item.value_loc.get("text", loc)
        paras = (value,) if isinstance(value, MarkedStr) else value
        if not isinstance(paras, (tuple, MarkedList)) or not paras:
            raise ContentError("a case study needs 'text:', one text or a list of them", where)
        for para in paras:
            if not isinstance(para, MarkedStr) or not para.strip():
                raise ContentError("each paragraph of a case study must be text", where)
        return m.CaseStudy(title, tuple(paras), loc)

    def read_framework_text(self, item: MarkedMap, key: str, loc: Location) -> m.FrameworkText:
        from .framework import load_framework

        path = _existing(item, key, self.folder, (".yaml", ".yml"))
        return m.FrameworkText(load_framework(path), loc)

    def read_authors(self, item: MarkedMap, key: str, loc: Location) -> m.Authors:
        label = _text(item, "label")
        return m.Authors(
            _text(item, key, True),
            _text(item, "job_title"),
            loc,
            str(label) if label else "Author(s)",
        )

    def table(self, item: MarkedMap, loc: Location) -> m.TableSpec:
        caption = _text(item, "table", True)
        if ("measures" in item) == ("measure" in item):
            raise ContentError(
                "a table names its rows: 'measures: [a, b]', or 'measure: x' with 'areas: [...]'",
                loc,
            )
        if "measure" in item and "areas" not in item:
            raise ContentError("a table of one measure needs 'areas: [...]'", loc)
        flags = {key: _flag(item, key) for key in ("change", "transpose", "blanks", "total")}
        columns = self.periods(item, "columns", required=True)
        return m.TableSpec(
            caption,
            columns,
            loc,
            measures=self.names(item, "measures"),
            measure=str(_text(item, "measure")) if "measure" in item else None,
            areas=self.names(item, "areas", words=True),
            source=str(_text(item, "source") or ""),
            commas=_commas(item),
            percent_sign="percent_sign" not in item or _flag(item, "percent_sign"),
            years=_years(item),
            corner=str(_text(item, "corner") or ""),
            headings=_headings(item, columns, flags["change"] and not flags["transpose"]),
            where=tuple(item.value_loc.items()),
            **flags,
        )

    def chart(self, item: MarkedMap, loc: Location) -> m.ChartSpec:
        caption = _text(item, "chart", True)
        kind = str(_text(item, "kind") or "line")
        if kind not in CHART_KINDS:
            raise ContentError(f"kind must be line or bar, not '{kind}'", item.value_loc["kind"])
        if "measure" not in item:
            raise ContentError("a chart needs 'measure: …'", loc)
        months = str(_text(item, "months") or "")
        if kind == "line" and not re.fullmatch(r"\d{4}-\d{2}\.\.\d{4}-\d{2}", months):
            raise ContentError(
                "a line chart needs 'months: YYYY-MM..YYYY-MM'", item.value_loc.get("months", loc)
            )
        if kind == "bar" and "columns" not in item:
            raise ContentError("a bar chart needs 'columns: [2019/20, 2020/21, …]'", loc)
        baseline = _flag(item, "baseline")
        return m.ChartSpec(
            caption,
            kind,
            str(_text(item, "measure")),
            loc,
            months,
            self.periods(item, "columns", required=kind == "bar"),
            baseline,
            str(_text(item, "source") or ""),
        )

    @staticmethod
    def names(item: MarkedMap, key: str, words: bool = False) -> tuple[str, ...]:
        value = item.get(key)
        if value is None:
            return ()
        if (
            not isinstance(value, MarkedList)
            or not value
            or not all(
                isinstance(v, str) and (words or re.fullmatch(r"[a-z][a-z0-9_]*", v)) for v in value
            )
        ):
            what = "area names" if words else "measure ids"
            raise ContentError(f"{key} must be a list of {what}", item.value_loc[key])
        return tuple(str(v) for v in value)

    @staticmethod
    def periods(item: MarkedMap, key: str, required: bool) -> tuple[str, ...]:
        value = item.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, MarkedList) or not value:
            raise ContentError(
                f"{key} must be a list of periods: 2020/21 (a financial year), "
                "2021 (a calendar year) or 2022-03 (12 months ending)",
                item.value_loc.get(key, item.loc),
            )
        out = []
        for v, where in zip(value, value.item_loc):
            text = str(v).strip()
            if not _PERIOD.match(text):
                raise ContentError(
                    f"'{text}' is not a period: write 2020/21, 2021 or 2022-03", where
                )
            out.append(text)
        return tuple(out)

    def new_section(self, heading: str) -> None:
        slug = "-".join(re.findall(r"[a-z0-9]+", heading.lower())) or "section"
        while len(slug) > 32 and "-" in slug:
            slug = slug.rsplit("-", 1)[0]
        seen = self.sections_seen.get(slug, 0) + 1
        self.sections_seen[slug] = seen
        self.section = slug if seen == 1 else f"{slug}-{seen}"
        self.count = 0

    def paragraph(self, text, item, loc: Location):
        if not isinstance(text, MarkedStr) or not text.strip():
            raise ContentError("a paragraph needs text", loc)
        self.count += 1
        if item is not None and "id" in item:
            given = item["id"]
            id_loc = item.value_loc["id"]
            if not isinstance(given, str) or not ID_RE.match(given):
                raise ContentError(
                    f"id {shown(given)} must start with a letter and hold only letters, digits, "
                    "'-' and '_' (at most 64)",
                    id_loc,
                )
            if given in self.ids:
                raise ContentError(
                    f"duplicate id '{given}' (first at line {self.ids[given].line})", id_loc
                )
            self.ids[given] = id_loc
            return m.Paragraph(str(given), text, loc, id_given=True)
        return (f"{self.section}-{self.count}", text, loc)

    def derive(self, pending) -> m.Paragraph:
        base, text, loc, index = pending
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{chr(ord('a') + n - 2)}" if n <= 27 else f"{base}-{n}"
        self.ids[candidate] = loc
        return m.Paragraph(candidate, text, loc, index=index)

    def items(self, value, where: Location, depth: int) -> tuple[m.Item, ...]:
        if not isinstance(value, MarkedList) or not value:
            raise ContentError(
                "a list needs at least one item, each on a line starting '- '", where
            )
        found = []
        for item, loc in zip(value, value.item_loc):
            if isinstance(item, MarkedStr) and item.strip():
                found.append(m.Item(item))
            elif isinstance(item, MarkedMap):
                _keys(item, ("text", "bullets"), required=("text",), what="a list item")
                children = ()
                if "bullets" in item:
                    if depth <= 1:
                        raise ContentError("lists nest two levels at most", item.key_loc["bullets"])
                    children = self.items(item["bullets"], item.value_loc["bullets"], depth - 1)
                found.append(m.Item(_text(item, "text", True), children))
            else:
                raise ContentError(f"a list item must be text, not {_kind(item)}", loc)
        return tuple(found)

    def letters(self, item: MarkedMap, loc: Location) -> m.LetteredList:
        value = item["letters"]
        if isinstance(value, MarkedStr) and value.strip() == "appendices":
            if not self.appendices:
                raise ContentError(
                    "'letters: appendices' but the paper lists no appendices",
                    item.value_loc["letters"],
                    "add an 'appendices:' list at the top level",
                )
            return m.LetteredList(tuple(m.Item(a.title) for a in self.appendices), loc, True)
        return m.LetteredList(self.items(value, item.value_loc["letters"], 1), loc)


def _commas(item: MarkedMap) -> bool | int:
    """`commas:` yes (the house style), no (none: 2836, 28675), or from which number, as
    the paper's `style: comma_from`: 1000 (2,836) or 10000 (28,675 but 2836)."""
    value = item.get("commas", True)
    if isinstance(value, bool) or (isinstance(value, int) and value in (1000, 10000)):
        return value
    raise ContentError(
        "commas is yes (the house style), no (2836, 28675), 1000 (2,836) or "
        "10000 (28,675 but 2836)",
        item.value_loc["commas"],
    )


def _years(item: MarkedMap) -> str:
    """`years:` how the table writes the financial year 2020/21: one of `YEAR_FORMS`. A
    form written for another year (2021/2022) is pointed to the same form for 2020/21."""
    value = item.get("years", YEAR_FORMS[0])
    if isinstance(value, str) and value.strip() in YEAR_FORMS:
        return value.strip()
    forms = ", ".join(YEAR_FORMS[:-1]) + f" or {YEAR_FORMS[-1]}"
    text = "" if isinstance(value, bool) else str(value).strip()
    hint = did_you_mean(text, YEAR_FORMS, f"write 2020/21 as it should print: {forms}")
    same = _year_form(text)
    if same is not None:
        hint = f"write the form for 2020/21: years: {same}"
    said = shown(value) if isinstance(value, str) else _kind(value)
    raise ContentError(
        f"years is how 2020/21 is written ({forms}), not {said}",
        item.value_loc["years"],
        hint,
    )


def _headings(item: MarkedMap, columns: tuple[str, ...], change: bool) -> tuple[str, ...]:
    """`headings:` the author's own heading of each period of `columns:`, in its place in
    the header (or the first column, transposed): as many as the periods, each plain text.
    `years:` then writes only a `change:` column's heading, so it needs one."""
    if "headings" not in item:
        return ()
    value, where = item["headings"], item.value_loc["headings"]
    need = f"{len(columns)} heading{'s' * (len(columns) != 1)}, one per entry of columns:"
    if not isinstance(value, MarkedList):
        hint = f"write headings: [{', '.join(['…'] * len(columns))}]"
        if isinstance(value, str) and value.strip() and len(columns) == 1:
            hint = (
                f"write it as a list: headings: [{json.dumps(value.strip(), ensure_ascii=False)}]"
            )
        raise ContentError(f"headings must be a list of {need}, not {_kind(value)}", where, hint)
    if len(value) != len(columns):
        raise ContentError(
            f"headings needs {need} ({', '.join(columns)}), not {len(value)}",
            where,
            'a comma in [ ] starts another heading: quote one with a comma, ["Rate per 1,000"]'
            if len(value) > len(columns)
            else None,
        )
    out = tuple(
        str(_as_text(v, at, f"heading {n} of 'headings'"))
        for n, (v, at) in enumerate(zip(value, value.item_loc), 1)
    )
    if "years" in item and not change:
        raise ContentError(
            "years: writes the periods' headings, which headings: replaces, so it does nothing "
            "here (only a change: column's heading would use it)",
            item.value_loc["years"],
            "leave out years:, writing the years in headings: as they should print",
        )
    return out


def _year_form(text: str) -> str | None:
    """The form of `YEAR_FORMS` that `text` is, written for another financial year
    (2021/2022 is 2020/2021's form); None if it is none of them."""
    found = re.fullmatch(r"([0-9]{2}|[0-9]{4})([/-])([0-9]{2}|[0-9]{4})", text)
    if not found:
        return None
    first, between, second = found.groups()
    following = int(second) == int(first) + 1 if len(first) == len(second) == 4 else None
    if not (following or (following is None and (int(first) + 1) % 100 == int(second) % 100)):
        return None
    form = ("2020" if len(first) == 4 else "20") + between + ("2021" if len(second) == 4 else "21")
    return form if form in YEAR_FORMS else None
