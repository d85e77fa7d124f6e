"""More forms of a figure (`Value`): approximations in the author's words, a share as
an approximate fraction, thousands separators of its own, two figures compared, a
percentage in words ("45 per cent") and a number spelt out to one hundred.

A mixin of `values.Value`; each form keeps the figure's provenance (a comparison of
two figures keeps both)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from ..errors import shown
from . import fmt, values, words
from .checked import named_arguments, whole, word

#: the largest `comma_from` a figure may take: numbers up to it print without commas
MOST_COMMA_FROM = 10**15
MOST_FIGURES = 6  # significant figures `approx_as` may round to


class FigureForms:
    """The forms of a figure that take the author's words or settings."""

    FIELDS = (
        "approx_as",
        "fraction_as",
        "comma_from",
        "no_commas",
        "compared_with",
        "to",
        "per_cent",
        "spelled",
    )

    @named_arguments
    def approx_as(
        self, below: str, above: str | None = None, figures: int | None = None
    ) -> values.Phrase:
        """`approx` in your words: `approx_as('around')` "around 1,200" on either side;
        `approx_as('nearly', 'more than')` "nearly 150,000" below the rounded figure, "more
        than 3%" above it. A figure already round prints alone. `figures` (1 to 6) sets
        the significant figures, else two (one below 10, or for money): 809%
        `approx_as('almost', 'over', figures=1)` "over 800%"."""
        below = word(below, "approx_as()")
        above = below if above is None else word(above, "approx_as()")
        if figures is None:
            rounded, shown = self._about(self._approx_figures())
        else:
            figures = whole(figures, "approx_as()'s figures", 1, MOST_FIGURES)
            if self.unit == "money":
                figures = _money_figures(self.number, figures)
            rounded, shown = self._about(figures, _places(self.number, figures))
        text = words.approximately(self.number, shown, rounded.number, below, above)
        return values.Phrase(text, self.provenance)

    @named_arguments
    def fraction_as(self, below: str, above: str | None = None) -> values.Phrase:
        """A share as a fraction with your word for which side it lies: 24.6%
        `fraction_as('almost', 'over')` "almost one in four", 26.1% "over one in four",
        `fraction_as('around')` "around one in four"; a share on the fraction (to one
        decimal place) prints the fraction alone."""
        if self.unit != "percent":
            raise ValueError("'fraction_as' is for a percentage, such as a share_of")
        below = word(below, "fraction_as()")
        above = below if above is None else word(above, "fraction_as()")
        exact, text = words.nearest_fraction(self.number)
        mine, its = fmt.rounded(self.number, 1), fmt.rounded(exact, 1)
        if mine != its:
            text = f"{below if mine < its else above} {text}"
        return values.Phrase(text, self.provenance)

    def comma_from(self, number: int) -> values.Value:
        """This figure with a thousands separator only from `number`, whatever the house
        style: `comma_from(10000)` 2836 (but 28,675), `comma_from(1000)` 2,836."""
        number = whole(number, "comma_from()", 1000, MOST_COMMA_FROM)
        return self._styled(number)

    @property
    def no_commas(self) -> values.Value:
        """This figure without a thousands separator: 2836, 28675."""
        return self._styled(MOST_COMMA_FROM)

    @property
    def per_cent(self) -> values.Phrase:
        """A percentage with the words "per cent" for its sign: 45% "45 per cent", a
        change's `.pct` "1.9 per cent"."""
        if self.unit != "percent":
            raise ValueError("'per_cent' is for a percentage, such as a share_of or a change's pct")
        text = fmt.per_cent(self.number, self.decimals, self.separators_from)
        return values.Phrase(text, self.provenance, direction=self.direction)

    @property
    def spelled(self) -> values.Phrase:
        """Zero to one hundred in words, whole as the figure prints: "ten", "twenty-one",
        "one hundred"; other numbers in digits, as `words` prints them ("101", "10.5")."""
        text = fmt.spelled(self.number, self.decimals, self.separators_from)
        return values.Phrase(text, self.provenance, direction=self.direction)

    def _styled(self, comma_from: int) -> values.Value:
        return values.Value(
            self.number,
            self.unit,
            self.decimals,
            self.provenance,
            self.direction,
            separators_from=comma_from,
        )

    @named_arguments
    def compared_with(
        self, other, higher: str = "higher", lower: str = "lower", same: str = "the same"
    ) -> values.Phrase:
        """This figure against another, as both print: "higher", "lower" or "the same"
        (your words: `compared_with(m.y, 'more', 'fewer')`); traced to both."""
        theirs = _figure(other, "compared_with()")
        if theirs.unit != self.unit:
            raise ValueError(
                f"compared_with() compares figures of one unit, not {self.unit} with {theirs.unit}"
            )
        text = words.compared(
            fmt.rounded(self.number, self.decimals),
            fmt.rounded(theirs.number, theirs.decimals),
            word(higher, "compared_with()"),
            word(lower, "compared_with()"),
            word(same, "compared_with()"),
        )
        return values.Phrase(text, self.provenance + theirs.provenance)

    @named_arguments
    def to(self, other, between: str = "-") -> values.Phrase:
        """A range from this figure to another of its unit, the unit written once: "35-37%"
        (the % after the second), "£3,000-4,000" (the £ before the first), "45-48";
        `to(m.y, ' to ')` "35 to 37%". A negative figure takes " to " ("-5 to 3%");
        traced to both."""
        theirs = _figure(other, "to()", "takes")
        if theirs.unit != self.unit:
            raise ValueError(f"to() makes a range of one unit, not {self.unit} to {theirs.unit}")
        if not isinstance(between, str) or not between.strip():
            raise TypeError(
                f"to() takes the words between in quotes, like ' to ', not {shown(between)}"
            )
        between = re.sub(r"\s+", " ", between)
        word(between, "to()")  # the words' own bounds: length, no control characters
        low, high = str(self), str(theirs)
        if between == "-" and (low.startswith("-") or high.startswith("-")):
            between = " to "  # "-5-3%" would read as a sum
        text = fmt.span(low, high, self.unit, between)
        return values.Phrase(text, self.provenance + theirs.provenance)


def _places(number: float, figures: int) -> int:
    """The decimal places that print `number` rounded to `figures` significant figures
    in full, and no more: 0.046 to one, 0.05, takes two; 1,234.5 to five one; 909 to
    four, 909, none."""
    rounded = words.significant(number, figures)
    if rounded == 0 or not math.isfinite(rounded):
        return 0
    return max(0, -Decimal(repr(rounded)).normalize().as_tuple().exponent)


def _money_figures(number: float, figures: int) -> int:
    """At most the figures money prints: "£1.2 million" (to £0.1 million) has two of
    £1,234,567, "£12.3 million" three; below a million, all it is given."""
    size = abs(number)
    for power in (9, 6):  # billions and millions, to one decimal place
        if size >= 10**power:
            return max(1, min(figures, math.floor(math.log10(size)) - power + 2))
    return figures


def _figure(other, what: str, verb: str = "compares with") -> values.Value:
    """The figure of an argument: a figure, or a measure's value."""
    from .views import MeasureView  # views builds on values, which this module serves

    if isinstance(other, values.Value):
        return other
    if isinstance(other, MeasureView):
        return other.value
    raise TypeError(
        f"{what} {verb} a figure or a measure, like m.x.previous, not "
        f"{getattr(other, 'WHAT', type(other).__name__)}"
    )
