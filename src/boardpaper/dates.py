"""The names of the months as the papers print them (en-GB), for every stage.

Like `errors`, this module imports nothing from the package."""

from __future__ import annotations

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
