"""Dates of varying precision, and periods between them.

Sources rarely give a full date: "in 2017", "last Friday (September 19)", "the early 2000s",
"between 1997 and 2013". Casefiles write these in a small, documented subset of the Library of
Congress Extended Date/Time Format (EDTF, ISO 8601-2), which any language can parse with one
regular expression:

- ``2017``, ``2017-09``, ``2017-09-19``: a year, a month or a day.
- a suffix ``~`` (approximate), ``?`` (uncertain) or ``%`` (both): ``2002~``.
- ``1997/2013``: a period from the first to the last, both included, each end of any precision;
  ``..`` for an end that is open or not known (``../2013``, ``2022/..``).

The source's own words for a date ("the early 2000s") are kept beside the value, in a claim's
``phrase``, because no notation captures them without loss.

Ordering (used for timelines): a date sorts by the first day it covers, and where two share that
day the less precise sorts first, so ``2022`` < ``2022-01`` < ``2022-01-01`` < ``2022-01-02``. A
period sorts by its start (an open start first), then by its end, ends compared by the same
rule as dates (so ``2020/2021`` sorts before ``2020/2021-06``); an open end sorts last.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from typing import Final

import attrs

from .errors import DateError

__all__ = [
    "DATE_PATTERN",
    "PERIOD_PATTERN",
    "DateError",
    "PartialDate",
    "Period",
    "When",
    "parse_when",
    "span",
    "when_sort_key",
]

_YEAR: Final = r"(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_DATE_BODY: Final = _YEAR + r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?[~?%]?"
#: The JSON Schema pattern of a date, portable across regular-expression dialects.
DATE_PATTERN: Final = f"^{_DATE_BODY}$"
#: The JSON Schema pattern of a period.
PERIOD_PATTERN: Final = rf"^({_DATE_BODY}|\.\.)/({_DATE_BODY}|\.\.)$"

_DATE_RE: Final = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<q>[~?%]?)",
    re.ASCII,
)


@attrs.frozen(order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Attributes:
        year: the year, 1 to 9999 (the proleptic Gregorian calendar has no year 0).
        month: the month, 1 to 12, or None when only the year is known.
        day: the day of the month, or None when only the year or month is known.
        approximate: the source gives the date as approximate (EDTF ``~``).
        uncertain: the source is unsure of the date (EDTF ``?``).
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year must be 1 to 9999 (got {self.year})")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month must be 1 to 12 (got {self.month})")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(f"{self.year:04d}-{self.month:02d} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read a date written as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with an EDTF suffix."""
        match = _DATE_RE.fullmatch(text)
        if match is None:
            raise DateError(f"{text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        q = match["q"]
        return cls(
            year=int(match["year"]),
            month=int(match["month"]) if match["month"] else None,
            day=int(match["day"]) if match["day"] else None,
            approximate=q in ("~", "%"),
            uncertain=q in ("?", "%"),
        )

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            text += "%"
        elif self.approximate:
            text += "~"
        elif self.uncertain:
            text += "?"
        return text

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def earliest(self) -> _dt.date:
        """The first day this date may mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        """The last day this date may mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return _dt.date(self.year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """Order by first day covered, less precise first (see the module docstring)."""
        return (self.year, self.month or 0, self.day or 0)


@attrs.frozen
class Period:
    """A stretch of time between two dates, both included; either end may be open.

    Attributes:
        start: the first date, or None when open or unknown (written ``..``).
        end: the last date, or None when open or unknown (written ``..``).
    """

    start: PartialDate | None
    end: PartialDate | None

    def __attrs_post_init__(self) -> None:
        if (
            self.start is not None
            and self.end is not None
            and self.start.earliest() > self.end.latest()
        ):
            raise DateError(f"period {self} ends before it starts", code="reversed-period")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period written ``START/END``, each end a date or ``..``."""
        parts = text.split("/")
        if len(parts) != 2:
            raise DateError(f"{text!r} is not a period (expected START/END)")
        start, end = (None if p == ".." else PartialDate.parse(p) for p in parts)
        return cls(start, end)

    def __str__(self) -> str:
        return f"{self.start or '..'}/{self.end or '..'}"

    def sort_key(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """Order by start (open first), then by end (open last)."""
        start = self.start.sort_key() if self.start else (-1, 0, 0)
        end = self.end.sort_key() if self.end else (10_000, 0, 0)
        return (start, end)


When = PartialDate | Period
"""A point in time or a period: what a milestone or a finding's time can be."""


def parse_when(text: str) -> When:
    """Read a date or, when it holds a ``/``, a period."""
    return Period.parse(text) if "/" in text else PartialDate.parse(text)


def when_sort_key(value: When) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """One ordering for dates and periods: a date sorts as a period starting and ending on it."""
    if isinstance(value, Period):
        return value.sort_key()
    return (value.sort_key(), value.sort_key())


def span(value: When) -> tuple[_dt.date | None, _dt.date | None]:
    """Return the first and last day a date or period may cover; None for an open end."""
    if isinstance(value, PartialDate):
        return value.earliest(), value.latest()
    return (
        value.start.earliest() if value.start else None,
        value.end.latest() if value.end else None,
    )
