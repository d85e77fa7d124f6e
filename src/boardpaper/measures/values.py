"""Values and phrases with their provenance: `Value` (a number in its unit),
`Phrase` (words made from figures), `MonthView` (a month of the paper) and
`WindowView` (a window of months, such as the period)."""

from __future__ import annotations

from . import fmt, words
from .calendar_forms import MonthForms, WindowForms
from .checked import MOST_PLACES, Checked, choice, whole
from .forms import FigureForms
from .windows import LONGEST, Window, month_label


class Value(FigureForms, Checked):
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
        *FigureForms.FIELDS,
    )
    WHAT = "a figure"

    def __init__(
        self,
        value: float,
        unit: str,
        decimals: int,
        provenance: tuple,
        direction: str = "",
        separators_from: int | None = None,
    ):
        self.number = float(value)
        self.unit = unit
        self.decimals = decimals
        self.provenance = provenance
        self.direction = direction  # "up", "down" or "same" for a change; "" otherwise
        self.separators_from = separators_from  # `comma_from(n)`; None: the house style

    def __str__(self) -> str:
        return fmt.printed(self.number, self.unit, self.decimals, self.separators_from)

    def dp(self, places: int) -> Value:
        """The same figure printed with `places` decimal places."""
        places = whole(places, "dp()", 0, MOST_PLACES)
        return Value(
            self.number, self.unit, places, self.provenance, self.direction, self.separators_from
        )

    @property
    def words(self) -> Phrase:
        """Zero to nine in words ("four"), exact halves and quarters too ("two and a
        half"); other numbers in digits, as the figure prints."""
        return Phrase(
            fmt.words(self.number, self.decimals, self.separators_from),
            self.provenance,
            direction=self.direction,
        )

    @property
    def value(self) -> Value:
        """The figure itself, so that `.value` reads the same on a figure and a measure."""
        return self

    @property
    def abs(self) -> Value:
        """The figure without its sign: -12 prints 12."""
        return Value(
            abs(self.number),
            self.unit,
            self.decimals,
            self.provenance,
            self.direction,
            self.separators_from,
        )

    def sf(self, figures: int) -> Value:
        """The figure rounded to `figures` significant figures: 148,921 `sf(2)` 150,000."""
        figures = whole(figures, "sf()", 1, 15)
        return Value(
            words.significant(self.number, figures),
            self.unit,
            0 if self.unit != "percent" else self.decimals,
            self.provenance,
            self.direction,
            self.separators_from,
        )

    def _about(self, figures: int, places: int = 0) -> tuple[Value, str]:
        rounded = Value(
            words.significant(self.number, figures),
            self.unit,
            places,
            self.provenance,
            separators_from=self.separators_from,
        )
        return rounded, str(rounded)

    def _approx_figures(self) -> int:
        """The significant figures of `approx`: two, one below 10 or for money."""
        return 1 if abs(self.number) < 10 or self.unit == "money" else 2

    @property
    def approx(self) -> Phrase:
        """Rounded to two significant figures (one below 10), and which side the figure
        lies: "almost 150,000", "over 3%", "over £1 million"."""
        rounded, shown = self._about(self._approx_figures())
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


class MonthView(MonthForms, Phrase):
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
        *MonthForms.FIELDS,
    )
    WHAT = "a month"

    def __init__(self, number: int, provenance: tuple):
        super().__init__(month_label(number), provenance, Window(number, number))
        self.number = number

    def _as(self, text: str) -> Phrase:
        return Phrase(text, self.provenance, self.window)

    def format(self, pattern: str, day: str | int = "last") -> Phrase:
        """The month by a pattern: %B March, %b Mar, %Y 2022, %y 22, %m 03, %d its last
        day (31), %j the same without a leading zero, %o as an ordinal (31st):
        `format('%d/%m/%Y')` 31/03/2022; `day` 'first' or a day of the month:
        `format('%o %B %Y', 'first')` 1st March 2022, `format('%o %B', 3)` 3rd March."""
        if not isinstance(pattern, str):
            raise TypeError("format() takes a pattern in quotes, like '%d/%m/%Y'")
        return self._as(words.month_as(self.number, pattern, _day(day)))

    def back(self, months: int) -> MonthView:
        """The month `months` before this one, so that a paper rolled forward moves with
        its period: `period.last.back(1)` February 2022, `m.x.ending(period.last.back(1))`
        the 12 months to then, `m.x.year(period.last.back(12))` the calendar year 2021."""
        months = whole(months, "back()", 0, LONGEST)
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


class WindowView(WindowForms, Checked):
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
        *WindowForms.FIELDS,
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


def _day(day) -> str | int:
    """The day of `format(pattern, day)`: 'first', 'last' or a day of the month."""
    if isinstance(day, str):
        return choice(day, "format()'s day", ("first", "last"))
    return whole(day, "format()'s day", 1, 31)
