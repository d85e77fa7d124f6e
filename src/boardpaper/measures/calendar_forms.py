"""More forms of a month (`MonthView`) and a window (`WindowView`): ordinal days
("1st April 2021") and the length of a window in words ("five months", "two years",
"the first five months").

Mixins of `values.MonthView` and `values.WindowView`; each form keeps its provenance."""

from __future__ import annotations

from . import values, words


class MonthForms:
    """A month's days as ordinals."""

    FIELDS = ("start_ordinal", "end_ordinal")

    @property
    def start_ordinal(self) -> values.Phrase:
        """Its first day, as an ordinal: "1st March 2022"."""
        return self._as(words.month_as(self.number, "%o %B %Y", "first"))

    @property
    def end_ordinal(self) -> values.Phrase:
        """Its last day, as an ordinal: "31st March 2022"."""
        return self._as(words.month_as(self.number, "%o %B %Y"))


class WindowForms:
    """A window's first and last days as ordinals, and its length in words."""

    FIELDS = ("start_ordinal", "end_ordinal", "length", "years", "first_months")

    @property
    def start_ordinal(self) -> values.Phrase:
        """Its first day, as an ordinal: "1st April 2021"."""
        return self._text(words.month_as(self.window.first, "%o %B %Y", "first"))

    @property
    def end_ordinal(self) -> values.Phrase:
        """Its last day, as an ordinal: "31st March 2022"."""
        return self._text(words.month_as(self.window.last, "%o %B %Y"))

    @property
    def length(self) -> values.Phrase:
        """How long it is, in months: "one month", "five months", "12 months" (one to
        nine in words)."""
        return self._text(words.months_long(self.window.months))

    @property
    def years(self) -> values.Phrase:
        """How long it is, in whole years: "one year", "two years" (an error for a window
        of 18 months: write `.length`)."""
        return self._text(words.years_long(self.window.months))

    @property
    def first_months(self) -> values.Phrase:
        """ "the first five months" (of the year): for a window that starts a financial
        year (April) or a calendar year (January), else an error."""
        return self._text(words.first_months(self.window.first, self.window.months))
