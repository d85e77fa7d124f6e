"""More forms of a measure (`MeasureView`): whether its series was stable over its
window, its place among the areas of the data or among other measures in words, how
often a counted event happens over its window (`every`), and the forms of its figure
that take the author's words (`approx_as`, `compared_with` …).

A mixin of `views.MeasureView`; each form keeps the provenance of every series it read."""

from __future__ import annotations

from . import fmt, values, words
from .checked import choice, named_arguments, number_within, word

#: the default rule of `stable`: every month within 10% of the window's mean
STABLE_WITHIN = 10.0
MOST_RANKED = 100  # measures `ranked_among` compares


class MeasureForms:
    """A measure's series and places in words."""

    FIELDS = ("stable", "stable_within", "ranked", "ranked_among", "every")

    def _series_provenance(self, measure: str, area: str) -> tuple:
        files = self._f.store.files.get((measure, area), ())
        return ((measure, area, self.window_, files),)

    @property
    def stable(self) -> values.Phrase:
        """ "stable" if every month of the window lies within 10% of the window's mean
        (above or below it), else "not stable"; `stable_within` sets the per cent."""
        return self.stable_within(STABLE_WITHIN)

    def stable_within(self, percent: float) -> values.Phrase:
        """ "stable" or "not stable" by your rule: every month within `percent` per cent of
        the window's mean: `stable_within(5)`."""
        percent = number_within(percent, "stable_within()", 0, 100)
        series = self._f.store.months(self.measure, self.area_, self.window_)
        steady = words.is_stable(series.to_numpy(), percent)
        return values.Phrase(
            "stable" if steady else "not stable", self._series_provenance(self.measure, self.area_)
        )

    @property
    def ranked(self) -> values.Phrase:
        """Its place among all areas of the measure in words, by value (1 = highest):
        "the most", "the second most", "the joint third most"."""
        areas = self._f.store.areas(self.measure)
        found = {a: self._f.value(self.measure, a, self.window_) for a in areas}
        provenance = tuple(p for a in areas for p in found[a].provenance)
        mine = found[self.area_].number
        others = [v.number for a, v in found.items() if a != self.area_]
        return values.Phrase(_place(mine, others, "most"), provenance)

    @named_arguments
    def ranked_among(self, *others, most: str = "most") -> values.Phrase:
        """Its place among other measures over the same window, in words (1 = highest):
        `m.firearm_shotgun.ranked_among(m.firearm_handgun, m.firearm_rifle)` "the most",
        "the second most"; your word for "most": `ranked_among(m.x, most='highest')`."""
        from .views import MeasureView

        if not others:
            raise TypeError("ranked_among() takes the measures to rank among, like m.x, m.y")
        if len(others) > MOST_RANKED:
            raise ValueError(f"ranked_among() takes at most {MOST_RANKED} measures")
        if any(not isinstance(o, MeasureView) for o in others):
            raise TypeError("ranked_among() ranks among measures, like m.x, m.y")
        mine = self.value
        theirs = [o._at(self.window_).value for o in others]
        if any(t.unit != mine.unit for t in theirs):
            raise ValueError("ranked_among() ranks measures of one unit (counts with counts)")
        provenance = mine.provenance + tuple(p for t in theirs for p in t.provenance)
        text = _place(mine.number, [t.number for t in theirs], word(most, "ranked_among()"))
        return values.Phrase(text, provenance)

    @named_arguments
    def every(self, unit: str) -> values.Phrase:
        """How often one event happens, for a count over the window: 121 deaths in 2019
        `every('day')` "every three days" (365 / 121), 2,500 `every('hour')` "every four
        hours" (8,760 / 2,500, half up), "every 12 days", "every day"; `unit` 'hour',
        'day', 'week' or 'month' (a day: the window's calendar days). On a measure, whose
        window it reads; not on a bare figure."""
        unit = choice(unit, "every()", words.EVERY)
        if self.definition.unit != "count":
            raise ValueError(
                f"every() is for a count of events; {self.measure} is a "
                f"{self.definition.unit} measure"
            )
        if self.definition.combine != "sum":
            raise ValueError(
                f"every() is for events counted over a window: {self.measure} is the "
                f"{self.definition.combine} of its months, not their sum"
            )
        value = self.value
        count = float(fmt.rounded(value.number, value.decimals))
        if count < 0:
            raise ValueError(f"every() is for a count of events, not {value}")
        if count == 0:
            raise ValueError(f"{self.measure} never happened in {self.window_.label()}")
        days = self.window_.days
        length = {"hour": days * 24, "day": days, "week": days / 7, "month": self.window_.months}
        return values.Phrase(words.every(length[unit], count, unit), value.provenance)

    # -- the figure's forms that take words or settings, on the measure's value --
    def approx_as(self, *args, **kwargs) -> values.Phrase:
        return self.value.approx_as(*args, **kwargs)

    def fraction_as(self, *args, **kwargs) -> values.Phrase:
        return self.value.fraction_as(*args, **kwargs)

    def comma_from(self, number: int) -> values.Value:
        return self.value.comma_from(number)

    no_commas = property(lambda self: self.value.no_commas)

    def compared_with(self, *args, **kwargs) -> values.Phrase:
        return self.value.compared_with(*args, **kwargs)

    def to(self, *args, **kwargs) -> values.Phrase:
        return self.value.to(*args, **kwargs)

    per_cent = property(lambda self: self.value.per_cent)
    spelled = property(lambda self: self.value.spelled)


def _place(mine: float, others: list[float], most: str) -> str:
    """The place of `mine` among `others` in words (ties share the higher place)."""
    place = 1 + sum(1 for o in others if o > mine)
    return words.ranked(place, any(o == mine for o in others), most)
