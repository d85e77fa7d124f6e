"""`Comparison`: two values of a measure, the change between them in every form a
paper words it (per cent, points, fold, increase or reduction)."""

from __future__ import annotations

from types import MappingProxyType

from . import fmt, words
from .checked import MOST_PLACES, Checked, named_arguments, whole, word
from .values import Phrase, Value


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
        "nouns",
        "compared_with",
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
        places = whole(places, "dp()", 0, MOST_PLACES)
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
    def nouns(self) -> Phrase:
        """The noun in the plural: "increases", "decreases" (or "reductions") or "no
        change"."""
        noun = self.noun.text
        return self._text(noun if noun == "no change" else noun + "s")

    def _size(self):
        """The size of the change as printed, unsigned (a Decimal): its percentage, or its
        points for percentages."""
        if self.percent_unit:
            return abs(fmt.rounded(self.diff, self.current.decimals))
        return abs(fmt.rounded(self.pct.number, self.pct.decimals))

    @named_arguments
    def compared_with(
        self, other, higher: str = "higher", lower: str = "lower", same: str = "the same"
    ) -> Phrase:
        """The size of this change against another's, as both print (per cent, or points
        for percentages): "higher", "lower" or "the same", in your words if you give them:
        `compared_with(m.y.vs_baseline, 'a larger', 'a smaller')`; traced to both."""
        if not isinstance(other, Comparison):
            raise TypeError(
                "compared_with() compares a change with a change, like "
                "m.x.vs_baseline.compared_with(m.y.vs_baseline)"
            )
        if other.percent_unit != self.percent_unit:
            raise ValueError(
                "compared_with() compares a change in points with another in points, "
                "and a change in per cent with another in per cent"
            )
        text = words.compared(
            self._size(),
            other._size(),
            word(higher, "compared_with()"),
            word(lower, "compared_with()"),
            word(same, "compared_with()"),
        )
        return Phrase(text, self.provenance + other.provenance)

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
