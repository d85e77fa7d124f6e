"""Named measures → values with provenance: the vocabulary of placeholders.

    {{ m.homicide }}                      53             (the reporting year, 12 months)
    {{ m.homicide.baseline }}             52             (the year ending June 2019)
    a {{ m.homicide.vs_baseline }}        a 1.9% increase
    a {{ m.robbery.vs_baseline.reduction }}  a 12% reduction
    {{ m.firearms.previous }}             157            (the 12 months before)
    {{ m.recoveries.fy("2020/21") }}      124
    {{ m.cyber.month("2022-02") }}        2,836
    {{ m.tests.share_of(m.all_tests) }}   64%
    {{ period }}                          April 2021 to March 2022

Every value keeps the measure, area, window and files it came from
(`provenance`), for the audit trail. Attribute names are checked: a misspelt
one raises `UnknownName` with the nearest right one.
"""

from __future__ import annotations

from types import MappingProxyType

from ..errors import did_you_mean, shown
from . import fmt, words
from .compute import Store
from .windows import LONGEST, Window, month_label, month_number


class UnknownName(Exception):
    """A placeholder names a measure or field that does not exist."""

    def __init__(self, what: str, name: str, choices):
        self.hint = did_you_mean(name, choices, f"fields: {', '.join(sorted(choices))}")
        super().__init__(f"{what} has no '{name}'")


class Checked:
    """Attribute access limited to the public vocabulary (`FIELDS`)."""

    FIELDS: tuple[str, ...] = ()
    WHAT = "this value"

    def __getattr__(self, name: str):
        if name.startswith("_") or name in _PROBES:  # Python's and jinja's own probes
            raise AttributeError(name)
        raise UnknownName(self.WHAT, name, self.FIELDS)


#: attributes jinja's sandbox looks for on anything called; never a field
_PROBES = frozenset(("unsafe_callable", "alters_data", "jinja_pass_arg"))


MOST_PLACES = 10  # decimal places a figure may be printed with


def _whole(value, what: str, low: int, high: int) -> int:
    """A whole-number argument of a placeholder (`back(1)`, `dp(1)`), within its bounds:
    1.5 is refused, not cut to 1."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise ValueError(f"{what} takes a whole number, not {shown(value)}")
    if not low <= int(value) <= high:
        raise ValueError(f"{what} takes a number from {low} to {high:,}, not {int(value):,}")
    return int(value)


def _month(argument) -> int:
    """A month argument: "2022-02", or a month of the paper (`period.last.back(1)`)."""
    if isinstance(argument, MonthView):
        return argument.number
    if isinstance(argument, (MeasureView, WindowView)) or (
        isinstance(argument, Phrase) and argument.window is not None
    ):
        raise TypeError("name one month here, like '2022-02' or period.last.back(1)")
    return month_number(argument)


def _year(argument) -> int:
    """A calendar year argument: 2021, or the year of a month (`period.last.back(12)`)."""
    if isinstance(argument, Phrase) and argument.window is not None:
        return argument.window.last // 12
    if isinstance(argument, str) and argument.strip().isdigit():
        return int(argument)
    if isinstance(argument, bool) or not isinstance(argument, int):
        raise TypeError("name a year here, like 2021 or period.last.back(12)")
    return argument


def _financial_year(argument) -> str | int:
    """A financial year argument: '2021/22', or the one holding a month of the paper."""
    if isinstance(argument, Phrase) and argument.window is not None:
        return (argument.window.last - 3) // 12  # April starts it
    return argument


class Value(Checked):
    """A number with its unit, places and provenance; prints per ONS style."""

    FIELDS = (
        "dp",
        "words",
        "value",
        "abs",
        "sf",
        "approx",
        "close_to",
        "short",
        "fraction",
        "a",
        "one",
    )
    WHAT = "a figure"

    def __init__(
        self, value: float, unit: str, decimals: int, provenance: tuple, direction: str = ""
    ):
        self.number = float(value)
        self.unit = unit
        self.decimals = decimals
        self.provenance = provenance
        self.direction = direction  # "up", "down" or "same" for a change; "" otherwise

    def __str__(self) -> str:
        return fmt.printed(self.number, self.unit, self.decimals)

    def dp(self, places: int) -> Value:
        """The same figure printed with `places` decimal places."""
        places = _whole(places, "dp()", 0, MOST_PLACES)
        return Value(self.number, self.unit, places, self.provenance, self.direction)

    @property
    def words(self) -> Phrase:
        """Zero to nine in words ("four"), exact halves and quarters too ("two and a
        half"); other numbers in digits, as the figure prints."""
        return Phrase(
            fmt.words(self.number, self.decimals), self.provenance, direction=self.direction
        )

    @property
    def value(self) -> Value:
        """The figure itself, so that `.value` reads the same on a figure and a measure."""
        return self

    @property
    def abs(self) -> Value:
        """The figure without its sign: -12 prints 12."""
        return Value(abs(self.number), self.unit, self.decimals, self.provenance, self.direction)

    def sf(self, figures: int) -> Value:
        """The figure rounded to `figures` significant figures: 148,921 `sf(2)` 150,000."""
        figures = _whole(figures, "sf()", 1, 15)
        return Value(
            words.significant(self.number, figures),
            self.unit,
            0 if self.unit != "percent" else self.decimals,
            self.provenance,
            self.direction,
        )

    def _about(self, figures: int) -> tuple[Value, str]:
        rounded = Value(words.significant(self.number, figures), self.unit, 0, self.provenance)
        return rounded, str(rounded)

    @property
    def approx(self) -> Phrase:
        """Rounded to two significant figures (one below 10), and which side the figure
        lies: "almost 150,000", "over 3%", "over £1 million"."""
        figures = 1 if abs(self.number) < 10 or self.unit == "money" else 2
        rounded, shown = self._about(figures)
        return Phrase(words.approximately(self.number, shown, rounded.number), self.provenance)

    @property
    def close_to(self) -> Phrase:
        """ "close to 150,000": two significant figures."""
        return Phrase(f"close to {self._about(2)[1]}", self.provenance)

    @property
    def short(self) -> Phrase:
        """Money in the short form: "£10.4m", "£1.2bn", "£850k"."""
        if self.unit != "money":
            raise ValueError("'short' is for money; numbers print in full")
        return Phrase(words.money_short(self.number), self.provenance)

    @property
    def a(self) -> Phrase:
        """A count of one as "a" ("a homicide"), any other as printed ("53 homicides")."""
        return Phrase("a" if self._is_one() else str(self), self.provenance)

    @property
    def one(self) -> Phrase:
        """A count of one as "one" ("one homicide"), any other as printed."""
        return Phrase("one" if self._is_one() else str(self), self.provenance)

    def _is_one(self) -> bool:
        return self.unit == "count" and float(fmt.rounded(self.number, self.decimals)) == 1

    @property
    def fraction(self) -> Phrase:
        """A share as a fraction: 24.6% "one in four", 66.9% "two thirds", 50% "half"."""
        if self.unit != "percent":
            raise ValueError("'fraction' is for a percentage, such as a share_of")
        return Phrase(words.fraction(self.number), self.provenance)


class Phrase(Checked):
    """A computed phrase ("increase", "February 2022") with its provenance."""

    WHAT = "a phrase"

    def __init__(
        self, text: str, provenance: tuple, window: Window | None = None, direction: str = ""
    ):
        self.text = text
        self.provenance = provenance
        self.window = window  # for a phrase naming a period: the period
        self.direction = direction  # "up", "down" or "same" for a change; "" otherwise

    def __str__(self) -> str:
        return self.text


def _formatted(pattern: str, doc: str, day: str = "last") -> property:
    """A month's field printed by `pattern` (words.month_as), with its docstring."""
    return property(lambda self: self._as(words.month_as(self.number, pattern, day)), doc=doc)


class MonthView(Phrase):
    """One month, printed "March 2022", with its other forms as fields."""

    FIELDS = (
        "name",
        "short",
        "year",
        "year_short",
        "fy",
        "quarter",
        "start",
        "end",
        "format",
        "back",
    )
    WHAT = "a month"

    def __init__(self, number: int, provenance: tuple):
        super().__init__(month_label(number), provenance, Window(number, number))
        self.number = number

    def _as(self, text: str) -> Phrase:
        return Phrase(text, self.provenance, self.window)

    def format(self, pattern: str) -> Phrase:
        """The month by a pattern: %B March, %b Mar, %Y 2022, %y 22, %m 03, %d its last
        day (31), %j the same without a leading zero: `format('%d/%m/%Y')` 31/03/2022."""
        return self._as(words.month_as(self.number, str(pattern)))

    def back(self, months: int) -> MonthView:
        """The month `months` before this one, so that a paper rolled forward moves with
        its period: `period.last.back(1)` February 2022, `m.x.ending(period.last.back(1))`
        the 12 months to then, `m.x.year(period.last.back(12))` the calendar year 2021."""
        months = _whole(months, "back()", 0, LONGEST)
        return MonthView(self.number - months, self.provenance)

    name = _formatted("%B", 'The month\'s name: "March".')
    short = _formatted("%b %y", 'The month short, with a two-digit year: "Mar 22".')
    year = _formatted("%Y", 'Its calendar year: "2022".')
    year_short = _formatted("%B %y", 'The month with a two-digit year: "March 22".')
    fy = property(
        doc='The financial year it falls in: "2021/22".',
        fget=lambda self: self._as(words.financial_year(self.number)),
    )
    quarter = property(
        doc='Its quarter of the financial year: "Q4".',
        fget=lambda self: self._as(words.quarter(self.number)),
    )
    start = _formatted("1 %B %Y", 'Its first day: "1 March 2022".', day="first")
    end = _formatted("%j %B %Y", 'Its last day: "31 March 2022".')


class WindowView(Checked):
    """A window of months, printed "April 2021 to March 2022"."""

    FIELDS = (
        "label",
        "year_ending",
        "fy",
        "first",
        "last",
        "months",
        "short",
        "quarter",
        "year",
        "start",
        "end",
    )
    WHAT = "a period"

    def __init__(self, window: Window, provenance: tuple = ()):
        # its provenance: the setting that defines it (period: in paper.yaml), or the
        # measure whose window it is
        self.window = window
        self.provenance = provenance

    def __str__(self) -> str:
        return self.window.label()

    def _text(self, text: str) -> Phrase:
        return Phrase(text, self.provenance, self.window)

    label = property(
        doc='The period in full: "April 2021 to March 2022" (what `{{ period }}` prints).',
        fget=lambda self: self._text(self.window.label()),
    )
    year_ending = property(
        doc='"the year ending March 2022".', fget=lambda self: self._text(self.window.year_ending())
    )
    fy = property(
        doc='The financial year it ends in: "2021/22".',
        fget=lambda self: self._text(self.window.fy_label()),
    )
    first = property(
        doc="Its first month, a month with all a month's fields.",
        fget=lambda self: MonthView(self.window.first, self.provenance),
    )
    last = property(
        doc="Its last month, a month with all a month's fields: `period.last.back(1)` is the month before.",
        fget=lambda self: MonthView(self.window.last, self.provenance),
    )
    #: how many months: `{{ m.x.last(5).window.months.words }}` five
    months = property(
        doc='How many months it spans, a figure: `.words` gives "five".',
        fget=lambda self: Value(self.window.months, "count", 0, self.provenance),
    )
    short = property(
        doc='Short months: "Apr 21–Mar 22" ("Apr–Dec" within one year).',
        fget=lambda self: self._text(words.span_short(self.window.first, self.window.last)),
    )
    quarter = property(
        doc='The financial quarter it ends in, with the year: "Q4 2021/22".',
        fget=lambda self: self._text(
            f"{words.quarter(self.window.last)} {words.financial_year(self.window.last)}"
        ),
    )
    year = property(
        doc='The calendar year of its last month: "2022".',
        fget=lambda self: self._text(words.month_as(self.window.last, "%Y")),
    )
    start = property(
        doc='Its first day: "1 April 2021".',
        fget=lambda self: self._text(words.month_as(self.window.first, "1 %B %Y", "first")),
    )
    end = property(
        doc='Its last day: "31 March 2022".',
        fget=lambda self: self._text(words.month_as(self.window.last, "%j %B %Y")),
    )


class Comparison(Checked):
    """`current` against `base`: "1.9% increase", with its parts as fields."""

    #: the fields that are plain attributes, for the reference
    ATTRIBUTES = MappingProxyType(
        {
            "current": "The figure compared: this window's.",
            "base": "The figure it is compared with: the baseline's, the previous window's.",
        }
    )

    FIELDS = (
        "pct",
        "signed_pct",
        "change",
        "signed",
        "noun",
        "verb",
        "up_down",
        "fold",
        "reduction",
        "current",
        "base",
        "status",
        "dp",
        "increasing",
        "increases",
        "has_been",
        "band",
        "banded",
    )
    WHAT = "a comparison"

    def __init__(
        self,
        current: Value,
        base: Value,
        good: str,
        decrease: str = "decrease",
        places: int | None = None,
    ):
        self.current, self.base, self.good = current, base, good
        self.decrease = decrease
        self.places = places
        self.diff = current.number - base.number
        self.provenance = current.provenance + base.provenance
        self.percent_unit = current.unit == "percent"
        self._zero: bool | None = None  # whether the change rounds to nothing, once worked out

    def _ratio_pct(self) -> float:
        if self.base.number == 0:
            raise ZeroDivisionError(
                "a percentage change from a baseline of zero is undefined; "
                "print the change itself ('.change') or the two values"
            )
        return self.diff / abs(self.base.number) * 100

    def _rounded_diff_is_zero(self) -> bool:
        if self._zero is None:
            self._zero = self._compute_zero()
        return self._zero

    def _compute_zero(self) -> bool:
        if self.percent_unit or self.base.number == 0:
            return float(fmt.rounded(self.diff, self.current.decimals)) == 0
        places = self.places if self.places is not None else fmt.change_decimals(self._ratio_pct())
        return float(fmt.rounded(self._ratio_pct(), places)) == 0

    @property
    def direction(self) -> str:
        """ "up", "down" or "same" (as printed: a change that rounds to nothing is "same")."""
        if self._rounded_diff_is_zero():
            return "same"
        return "up" if self.diff > 0 else "down"

    def _text(self, text: str) -> Phrase:
        return Phrase(text, self.provenance, direction=self.direction)

    @property
    def increasing(self) -> Phrase:
        """ "increasing", "reducing" or "stable"."""
        return self._text(words.PROGRESSIVE[self.direction])

    @property
    def increases(self) -> Phrase:
        """ "increases", "reduces" or "is unchanged"."""
        return self._text(words.PRESENT[self.direction])

    @property
    def has_been(self) -> Phrase:
        """ "has been increasing", "has been reducing" or "has been stable"."""
        return self._text(f"has been {words.PROGRESSIVE[self.direction]}")

    @property
    def band(self) -> Phrase:
        """The change in words against a comparator: "broadly in line" (under 1%),
        "slightly above/below" (under 5%), "above/below" (under 15%), "well above/below"."""
        return self.banded(1, 5, 15)

    def banded(self, stable: float, slight: float, well: float) -> Phrase:
        """`band` with thresholds of the author's (per cent, or points for percentages)."""
        if not 0 <= float(stable) <= float(slight) <= float(well):
            raise ValueError("banded(stable, slight, well) needs 0 ≤ stable ≤ slight ≤ well")
        size = self.diff if self.percent_unit else self._ratio_pct()
        return self._text(words.band(size, (float(stable), float(slight), float(well))))

    def pct_change(self) -> float | None:
        """The signed percentage change (None from a baseline of zero), for checks."""
        return self.diff / abs(self.base.number) * 100 if self.base.number else None

    def dp(self, places: int) -> Comparison:
        """The same comparison with the percentage printed to `places` places."""
        places = _whole(places, "dp()", 0, MOST_PLACES)
        return Comparison(self.current, self.base, self.good, self.decrease, places)

    @property
    def reduction(self) -> Comparison:
        """The same comparison calling a fall a "reduction"."""
        return Comparison(self.current, self.base, self.good, "reduction", self.places)

    @property
    def pct(self) -> Value:
        """The size of the percentage change, unsigned: "1.9%"."""
        value = abs(self._ratio_pct())
        places = self.places if self.places is not None else fmt.change_decimals(value)
        return Value(value, "percent", places, self.provenance, self.direction)

    @property
    def signed_pct(self) -> Phrase:
        """ "+28%" or "-17%"."""
        pct = self.pct
        sign = (
            ""
            if float(fmt.rounded(pct.number, pct.decimals)) == 0
            else ("+" if self.diff > 0 else "-")
        )
        return self._text(sign + str(pct))

    @property
    def change(self) -> Value | Phrase:
        """The size of the difference, unsigned: "55" (percentage points for percentages)."""
        size = Value(
            abs(self.diff),
            self.current.unit,
            self.current.decimals,
            self.provenance,
            self.direction,
        )
        if self.percent_unit:
            return self._text(f"{fmt.number(size.number, size.decimals)} percentage points")
        return size

    @property
    def signed(self) -> Phrase:
        """ "+55" or "-55"."""
        sign = "+" if self.diff > 0 else "-" if self.diff < 0 else ""
        return self._text(sign + str(self.change))

    @property
    def noun(self) -> Phrase:
        """ "increase", "decrease" (or "reduction") or "no change"."""
        if self._rounded_diff_is_zero():
            return self._text("no change")
        return self._text("increase" if self.diff > 0 else self.decrease)

    @property
    def verb(self) -> Phrase:
        """ "increased", "decreased" (or "reduced") or "not changed"."""
        word = {
            "increase": "increased",
            "decrease": "decreased",
            "reduction": "reduced",
            "no change": "not changed",
        }[self.noun.text]
        return self._text(word)

    @property
    def up_down(self) -> Phrase:
        """ "up", "down" or "unchanged"."""
        return self._text({"increase": "up", "no change": "unchanged"}.get(self.noun.text, "down"))

    @property
    def fold(self) -> Phrase:
        """The current value as a multiple of the base: "five-fold"."""
        if self.base.number <= 0:
            raise ZeroDivisionError("a multiple of a baseline of zero is undefined")
        return self._text(fmt.fold(self.current.number / self.base.number))

    @property
    def status(self) -> Phrase:
        """ "improving", "worsening" or "stable", by which way is good for the measure."""
        noun = self.noun.text
        if noun == "no change" or self.good == "none":
            return Phrase("stable" if noun == "no change" else "changing", self.provenance)
        better = (noun == "increase") == (self.good == "up")
        return Phrase("improving" if better else "worsening", self.provenance)

    def __str__(self) -> str:
        noun = self.noun.text
        if noun == "no change":
            return "no change"
        if self.percent_unit:
            return f"{fmt.number(abs(self.diff), self.current.decimals)} percentage point {noun}"
        return f"{self.pct} {noun}"


class MeasureView(Checked):
    """One measure, one area, one window; prints its value over the window."""

    FIELDS = (
        "value",
        "total",
        "mean",
        "min",
        "max",
        "latest",
        "peak",
        "baseline",
        "previous",
        "vs_baseline",
        "vs_previous",
        "vs",
        "month",
        "ending",
        "last",
        "fy",
        "year",
        "between",
        "share_of",
        "area",
        "rank",
        "window",
        "label",
        "dp",
        "words",
        "sf",
        "approx",
        "close_to",
        "short",
        "fraction",
        "a",
        "one",
    )
    WHAT = "a measure"

    def __init__(self, figures: Figures, measure: str, window: Window, area: str):
        self._f, self.measure, self.window_, self.area_ = figures, measure, window, area
        self.definition = figures.store.measures[measure]

    def _value(self, how: str | None = None) -> Value:
        return self._f.value(self.measure, self.area_, self.window_, how)

    def _at(self, window: Window) -> MeasureView:
        return MeasureView(self._f, self.measure, window, self.area_)

    def __str__(self) -> str:
        return str(self.value)

    # -- the figure over this window --
    value = property(
        doc="The figure over the window, by the measure's rule (sum, mean or latest).",
        fget=lambda self: self._value(),
    )
    total = property(doc="The sum of the window's months.", fget=lambda self: self._value("sum"))
    mean = property(doc="The mean of the window's months.", fget=lambda self: self._value("mean"))
    min = property(
        doc="The lowest month's figure in the window.", fget=lambda self: self._value("min")
    )
    max = property(
        doc="The highest month's figure in the window.", fget=lambda self: self._value("max")
    )
    latest = property(
        doc="The window's last month's figure.", fget=lambda self: self._value("latest")
    )
    label = property(
        doc="The measure's label, from measures.yaml.",
        fget=lambda self: Phrase(self.definition.label, self.provenance),
    )
    window = property(
        doc="The window of months, as a period: `.window.short`, `.window.months`.",
        fget=lambda self: WindowView(
            self.window_,
            (
                (
                    self.measure,
                    self.area_,
                    self.window_,
                    self._f.store.files.get((self.measure, self.area_), ()),
                ),
            ),
        ),
    )
    provenance = property(lambda self: self.value.provenance)

    def dp(self, places: int) -> Value:
        return self.value.dp(places)

    @property
    def words(self) -> Phrase:
        return self.value.words

    def sf(self, figures: int) -> Value:
        return self.value.sf(figures)

    approx = property(lambda self: self.value.approx)
    close_to = property(lambda self: self.value.close_to)
    short = property(lambda self: self.value.short)
    fraction = property(lambda self: self.value.fraction)
    a = property(lambda self: self.value.a)
    one = property(lambda self: self.value.one)

    @property
    def peak(self) -> PeakView:
        """The highest month in the window: `.peak` is its value, `.peak.month` its name."""
        month, _ = self._f.store.peak(self.measure, self.area_, self.window_)
        return PeakView(self._at(Window(month, month)), self.window_)

    # -- other windows --
    baseline = property(
        doc="The same measure over the baseline year.", fget=lambda self: self._at(self._f.baseline)
    )
    previous = property(
        doc="The same measure over the window of the same length just before.",
        fget=lambda self: self._at(self.window_.previous()),
    )

    def month(self, month) -> MeasureView:
        """One month of the measure: `month('2022-02')`, `month(period.last.back(1))`."""
        return self._at(Window.ending(_month(month), 1))

    def ending(self, month, months: int = 12) -> MeasureView:
        """The `months` months (12 unless given) ending with a month: data published
        late, `ending(period.last.back(1))`."""
        return self._at(Window.ending(_month(month), _whole(months, "ending()", 1, LONGEST)))

    def last(self, months: int) -> MeasureView:
        """The last `months` months of this window (3: the last quarter)."""
        return self._at(Window.ending(self.window_.last, _whole(months, "last()", 1, LONGEST)))

    def fy(self, label) -> MeasureView:
        """A financial year: `fy('2020/21')`, or the one holding a month, `fy(period.last)`."""
        return self._at(Window.financial_year(_financial_year(label)))

    def year(self, year) -> MeasureView:
        """A calendar year: `year(2021)`, or the one holding a month, which moves with the
        period: `year(period.last.back(12))`."""
        return self._at(Window.calendar_year(_year(year)))

    def between(self, first, last) -> MeasureView:
        """The months from one to another, both included: `between('2021-11', period.last)`."""
        return self._at(Window.between(_month(first), _month(last)))

    def area(self, name: str) -> MeasureView:
        """The same measure for another area of the data."""
        if name not in self._f.store.areas(self.measure):
            raise UnknownName(f"measure '{self.measure}'", name, self._f.store.areas(self.measure))
        return MeasureView(self._f, self.measure, self.window_, name)

    # -- comparisons --
    def vs(self, other: MeasureView) -> Comparison:
        """This measure against another, or another window of it: a comparison."""
        return Comparison(self.value, _view(other).value, self.definition.good)

    vs_baseline = property(
        doc="This window against the baseline year, a comparison.",
        fget=lambda self: self.vs(self.baseline),
    )
    vs_previous = property(
        doc="This window against the one before, a comparison.",
        fget=lambda self: self.vs(self.previous),
    )

    def share_of(self, other: MeasureView) -> Value:
        """This value as a percentage of `other` over the same window: "64%"."""
        other = _view(other)._at(self.window_) if isinstance(other, MeasureView) else other
        mine, theirs = self.value, _view(other).value
        if theirs.number == 0:
            raise ZeroDivisionError(f"a share of {other.measure}, which is zero, is undefined")
        return Value(
            mine.number / theirs.number * 100, "percent", 0, mine.provenance + theirs.provenance
        )

    @property
    def rank(self) -> Phrase:
        """ "2nd of 8": the area's place among all areas of the measure (1st = highest)."""
        place, count = self._f.store.rank(self.measure, self.area_, self.window_)
        return Phrase(f"{fmt.ordinal(place)} of {count}", self.value.provenance)


class PeakView(MeasureView):
    """The highest month of a window; prints its value; `.month` names it."""

    FIELDS = MeasureView.FIELDS + ("month_name",)

    def __init__(self, view: MeasureView, searched: Window):
        # its provenance is the whole window searched, not only the month found
        super().__init__(view._f, view.measure, view.window_, view.area_)
        self.searched = searched

    def _value(self, how: str | None = None) -> Value:
        found = super()._value(how)
        ((measure, area, _, files),) = found.provenance
        return Value(
            found.number, found.unit, found.decimals, ((measure, area, self.searched, files),)
        )

    @property
    def month(self) -> MonthView:  # type: ignore[override]
        """ "February 2022", with its forms: `.month.year` 2022, `.month.short` Feb 22."""
        return MonthView(self.window_.first, self.value.provenance)

    @property
    def month_name(self) -> Phrase:
        """ "February": the month without its year."""
        return Phrase(month_label(self.window_.first).split()[0], self.value.provenance)


def _view(other) -> MeasureView:
    if not isinstance(other, MeasureView):
        raise TypeError("compare a measure with a measure, e.g. m.x.vs(m.x.fy('2020/21'))")
    return other


class Measures(Checked):
    """The `m` of placeholders: `m.<measure id>` over the reporting year."""

    WHAT = "the measures"

    def __init__(self, figures: Figures):
        self._f = figures
        self.FIELDS = tuple(sorted(figures.store.measures))

    def __getattr__(self, name: str) -> MeasureView:
        if name.startswith("_") or name not in self._f.store.measures:
            raise UnknownName("the measures", name, self.FIELDS)
        return MeasureView(self._f, name, self._f.period, self._f.store.area)


class Figures:
    """Everything a placeholder can name, for one paper and reporting period."""

    def __init__(self, store: Store, period: str, baseline: str = "2019-06", origin: str = ""):
        self.store = store
        self.period = Window.ending(month_number(period), 12)
        self.baseline = Window.ending(month_number(baseline), 12)
        self.origin = origin  # the file that sets the period and baseline (paper.yaml)

    def value(self, measure: str, area: str, window: Window, how: str | None = None) -> Value:
        """A measure's value over `window`, by its rule unless `how` (sum, mean, latest,
        min, max), in its unit and places: the one computation behind every figure,
        table cell, chart value, KPI and `boardpaper measures`."""
        agg = self.store.aggregate(measure, area, window, how)
        d = self.store.measures[measure]
        return Value(agg.value, d.unit, d.decimals, ((measure, area, window, agg.files),))

    def _setting(self, name: str, window: Window) -> tuple:
        return ((name, "", window, (self.origin,) if self.origin else ()),)

    def context(self) -> dict:
        return {
            "m": Measures(self),
            "period": WindowView(self.period, self._setting("period", self.period)),
            "baseline": WindowView(self.baseline, self._setting("baseline", self.baseline)),
        }
