"""More forms of a figure (`Value`): approximations in the author's words, a share as
an approximate fraction, thousands separators of its own, and two figures compared.

A mixin of `values.Value`; each form keeps the figure's provenance (a comparison of
two figures keeps both)."""

from __future__ import annotations

import re

from ..errors import shown
from . import fmt, values, words
from .checked import named_arguments, whole, word

#: the largest `comma_from` a figure may take: numbers up to it print without commas
MOST_COMMA_FROM = 10**15


class FigureForms:
    """The forms of a figure that take the author's words or settings."""

    FIELDS = ("approx_as", "fraction_as", "comma_from", "no_commas", "compared_with", "to")

    @named_arguments
    def approx_as(self, below: str, above: str | None = None) -> values.Phrase:
        """`approx` in your words: `approx_as('around')` "around 1,200" on either side;
        `approx_as('nearly', 'more than')` "nearly 150,000" below the rounded figure, "more
        than 3%" above it. A figure already round prints alone."""
        below = word(below, "approx_as()")
        above = below if above is None else word(above, "approx_as()")
        figures = 1 if abs(self.number) < 10 or self.unit == "money" else 2
        rounded, shown = self._about(figures)
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
