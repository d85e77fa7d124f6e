"""A measure as placeholders name it (`m.homicide`): `MeasureView` and its windows,
`PeakView`, and `Measures` (`m`), with the arguments that name months and years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import fmt
from .checked import Checked, UnknownName, whole
from .comparison import Comparison
from .measure_forms import MeasureForms
from .values import MonthView, Phrase, Value, WindowView

if TYPE_CHECKING:
    from .registry import Figures
from .windows import LONGEST, Window, month_label, month_number


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


def _period(argument) -> tuple[int, int]:
    """A period argument, any form of a data file's period column (periods.py): its
    last month and how many months it spans."""
    from .periods import parse_one

    if isinstance(argument, Phrase) and argument.window is not None:
        return argument.window.last, argument.window.months
    return parse_one(argument)


def _financial_year(argument) -> str | int:
    """A financial year argument: '2021/22', or the one holding a month of the paper."""
    if isinstance(argument, Phrase) and argument.window is not None:
        return (argument.window.last - 3) // 12  # April starts it
    return argument


class MeasureView(MeasureForms, Checked):
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
        "quarter",
        "period",
        "between",
        "share_of",
        "area",
        "rank",
        "window",
        "label",
        *MeasureForms.FIELDS,
        # and its value's own fields, which it passes on (`m.homicide.words`)
        *(name for name in Value.FIELDS if name not in ("value", "abs")),
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
        found, _ = self._f.store.peak(self.measure, self.area_, self.window_)
        return PeakView(self._at(found), self.window_)

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
        return self._at(Window.ending(_month(month), whole(months, "ending()", 1, LONGEST)))

    def last(self, months: int) -> MeasureView:
        """The last `months` months of this window (3: the last quarter)."""
        return self._at(Window.ending(self.window_.last, whole(months, "last()", 1, LONGEST)))

    def fy(self, label) -> MeasureView:
        """A financial year: `fy('2020/21')`, or the one holding a month, `fy(period.last)`."""
        return self._at(Window.financial_year(_financial_year(label)))

    def year(self, year) -> MeasureView:
        """A calendar year: `year(2021)`, or the one holding a month, which moves with the
        period: `year(period.last.back(12))`."""
        return self._at(Window.calendar_year(_year(year)))

    def quarter(self, label) -> MeasureView:
        """A quarter: `quarter('2021/22 Q1')` April to June 2021, `quarter('2021 Q1')`
        January to March 2021, or the financial quarter holding a month of the paper,
        which moves with the period: `quarter(period.last)`."""
        if isinstance(label, Phrase) and label.window is not None:
            last = label.window.last
            return self._at(Window(last - (last - 3) % 3, last + 2 - (last - 3) % 3))
        last, months = _period(label)
        if months != 3:
            raise ValueError(f"{label!r} is not a quarter: write 2021/22 Q1 or 2021 Q1")
        return self._at(Window(last - 2, last))

    def period(self, first, last=None) -> MeasureView:
        """A period as data files write them: `period('2020/21')`, `period('2021/22
        Q1')`, `period('year ending June 2021')`, `period('2021')`; with two, from the
        start of the first to the end of the second: `period('2019/20', '2020/21')`."""
        end, months = _period(first)
        start = end - months + 1
        if last is not None:
            end, _ = _period(last)
        return self._at(Window.between(start, end))

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
        # each measure over the month found (a rate's or ratio's two) searched the window
        provenance = tuple(
            (measure, area, self.searched if window == self.window_ else window, files)
            for measure, area, window, files in found.provenance
        )
        return Value(found.number, found.unit, found.decimals, provenance)

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
