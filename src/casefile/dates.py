"""Dates of varying precision, and periods between them.

Sources rarely give a full date: "in 2017", "last Friday (September 19)", "the early 2000s",
"between 1997 and 2013", "summer 2019"; a complaints table gives "2015-07-19 21:00:00". Casefiles
write these in a small, documented subset of the Library of Congress Extended Date/Time Format
(EDTF, ISO 8601-2), which any language can parse with one regular expression:

- ``2017``, ``2017-09``, ``2017-09-19``: a year, a month or a day.
- ``2015-07-19T21:00`` or ``2015-07-19T21:00:30``: a day with a time of day, to the minute or
  the second. A time is local time at the place, as the source gives it, unless the source
  gives a zone offset, which is then kept: ``2015-07-19T21:00+01:00`` or ``...Z``. A casefile
  never adds an offset the source does not give.
- ``2019-21`` to ``2019-24``: spring, summer, autumn and winter of a year (EDTF level 1). A
  season is never turned into months: which months it means depends on the hemisphere.
- a suffix ``~`` (approximate), ``?`` (uncertain) or ``%`` (both) on a date without a time:
  ``2002~``, ``2019-22?``.
- ``1997/2013``: a period from the first to the last, both included, each end of any precision;
  ``..`` for an end that is open or not known (``../2013``, ``2022/..``).

The source's own words for a date ("the early 2000s") are kept beside the value, in a claim's
``phrase``, because no notation captures them without loss.

Ordering (used for timelines): a date sorts by the first day it covers, and where two share that
day the less precise sorts first, so ``2022`` < ``2022-22`` (summer) < ``2022-01`` <
``2022-01-01`` < ``2022-01-01T09:00`` < ``2022-01-02``. Seasons sort after their year and before
its months, in the order spring, summer, autumn, winter; times sort by the clock time written
(an offset does not move a time in the ordering). A period sorts by its start (an open start
first), then by its end, ends compared by the same rule as dates (so ``2020/2021`` sorts before
``2020/2021-06``); an open end sorts last.

Comparison (``overlap``, used by the conflict rule): two dates agree when the days they may
cover overlap, so ``2015-07-19T21:00`` agrees with ``2015-07-19`` and ``2015-07``; two times on
the same day agree when the minutes (or seconds) they name overlap, so ``21:00`` agrees with
``21:00:30`` and not with ``21:05``. Two times with offsets are compared as instants; a time
with an offset and one without are compared by their days only. For comparison a season spans
its whole year and, for summer and winter (which cross the new year in one hemisphere or the
other), the first three months of the next: wide enough for either hemisphere, never a mapping.
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
    "SEASONS",
    "DateError",
    "PartialDate",
    "Period",
    "When",
    "overlap",
    "parse_when",
    "span",
    "when_sort_key",
]

_YEAR: Final = r"(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_DAY: Final = r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME: Final = (
    r"T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
)
_DATE_ONLY: Final = _YEAR + r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?|-2[1-4])?[~?%]?"
_DATE_BODY: Final = f"({_DATE_ONLY}|{_YEAR}{_DAY}{_TIME})"
#: The JSON Schema pattern of a date, portable across regular-expression dialects.
DATE_PATTERN: Final = f"^{_DATE_BODY}$"
#: The JSON Schema pattern of a period.
PERIOD_PATTERN: Final = rf"^({_DATE_BODY}|\.\.)/({_DATE_BODY}|\.\.)$"

_DATE_RE: Final = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
    r"(?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?(?P<q>[~?%]?)",
    re.ASCII,
)

#: Season codes (EDTF level 1) and their names.
SEASONS: Final = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


@attrs.frozen(order=False)
class PartialDate:
    """A calendar date known to the year, a season, the month, the day or a time of that day.

    Attributes:
        year: the year, 1 to 9999 (the proleptic Gregorian calendar has no year 0).
        month: the month, 1 to 12, or None when only the year (or a season) is known.
        day: the day of the month, or None when only the year or month is known.
        approximate: the source gives the date as approximate (EDTF ``~``).
        uncertain: the source is unsure of the date (EDTF ``?``).
        hour: the hour of the day, 0 to 23, where the source gives a time; needs a day.
        minute: the minute, 0 to 59; given with the hour.
        second: the second, 0 to 59, where the source gives one.
        offset: the zone offset in minutes east of UTC, where the source gives one (``Z`` is
            0); None means local time at the place, as the source gives it.
        season: 21 to 24 (spring, summer, autumn, winter) of the year, where a source names a
            season; never with a month.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: int | None = None
    season: int | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year must be 1 to 9999 (got {self.year})")
        if self.season is not None:
            if self.season not in SEASONS:
                raise DateError(f"season must be 21 to 24 (got {self.season})")
            if self.month is not None or self.day is not None:
                raise DateError("a season is never given with a month or a day")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
        elif not 1 <= self.month <= 12:
            raise DateError(f"month must be 1 to 12 (got {self.month})")
        elif self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(f"{self.year:04d}-{self.month:02d} has no day {self.day}")
        self._check_time()

    def _check_time(self) -> None:
        if self.hour is None:
            if self.minute is not None or self.second is not None or self.offset is not None:
                raise DateError("minutes, seconds and a zone offset need an hour")
            return
        if self.day is None:
            raise DateError("a time of day needs a day")
        if self.minute is None:
            raise DateError("a time of day is given to the minute or the second")
        if self.approximate or self.uncertain:
            raise DateError("a date with a time of day takes no ~, ? or % mark")
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise DateError(f"{self.hour:02d}:{self.minute:02d} is not a time of day")
        if self.second is not None and not 0 <= self.second <= 59:
            raise DateError(f"second must be 0 to 59 (got {self.second})")
        if self.offset is not None and not -14 * 60 <= self.offset <= 14 * 60:
            raise DateError(f"zone offset must be within 14 hours of UTC (got {self.offset} min)")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read a date as written in casefiles (see the module docstring)."""
        match = _DATE_RE.fullmatch(text)
        if match is None:
            raise DateError(
                f"{text!r} is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, a season YYYY-21 "
                "to YYYY-24, or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm])"
            )
        q, month, zone = match["q"], match["month"], match["zone"]
        if q and match["hour"]:
            raise DateError(f"{text!r}: a date with a time of day takes no ~, ? or % mark")
        season = int(month) if month and int(month) in SEASONS and not match["day"] else None
        offset = None
        if zone == "Z":
            offset = 0
        elif zone:
            offset = (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[4:6]))
        return cls(
            year=int(match["year"]),
            month=int(month) if month and season is None else None,
            day=int(match["day"]) if match["day"] else None,
            approximate=q in ("~", "%"),
            uncertain=q in ("?", "%"),
            hour=int(match["hour"]) if match["hour"] else None,
            minute=int(match["minute"]) if match["minute"] else None,
            second=int(match["second"]) if match["second"] else None,
            offset=offset,
            season=season,
        )

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.season is not None:
            text += f"-{self.season}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}"
            if self.second is not None:
                text += f":{self.second:02d}"
            if self.offset == 0:
                text += "Z"
            elif self.offset is not None:
                sign, minutes = ("+" if self.offset > 0 else "-"), abs(self.offset)
                text += f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
        if self.approximate and self.uncertain:
            text += "%"
        elif self.approximate:
            text += "~"
        elif self.uncertain:
            text += "?"
        return text

    @property
    def precision(self) -> str:
        """``"year"``, ``"season"``, ``"month"``, ``"day"``, ``"minute"`` or ``"second"``."""
        if self.hour is not None:
            return "minute" if self.second is None else "second"
        if self.season is not None:
            return "season"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def earliest(self) -> _dt.date:
        """The first day this date may mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        """The last day this date may mean (a season's: see the module docstring)."""
        if self.season in (22, 24) and self.year < 9999:  # may cross into the next year
            return _dt.date(self.year + 1, 3, 31)
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return _dt.date(self.year, month, day)

    def moments(self) -> tuple[_dt.datetime, _dt.datetime] | None:
        """The first and last instant a date with a time may mean (end exclusive); else None.

        A time without an offset gives naive (local) datetimes; with one, aware datetimes.
        """
        if self.hour is None or self.day is None or self.month is None:
            return None
        zone = None if self.offset is None else _dt.timezone(_dt.timedelta(minutes=self.offset))
        first = _dt.datetime(
            self.year, self.month, self.day, self.hour, self.minute or 0, self.second or 0,
            tzinfo=zone,
        )  # fmt: skip
        step = _dt.timedelta(minutes=1) if self.second is None else _dt.timedelta(seconds=1)
        return first, first + step

    def sort_key(self) -> tuple[int, ...]:
        """Order by first day covered, less precise first (see the module docstring)."""
        clock = 0
        if self.hour is not None:
            seconds = self.hour * 3600 + (self.minute or 0) * 60 + (self.second or 0)
            clock = 1 + 2 * seconds + (self.second is not None)
        return (self.year, self.month or 0, self.day or 0, self.season or 0, clock)


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

    def sort_key(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Order by start (open first), then by end (open last)."""
        start = self.start.sort_key() if self.start else (-1, 0, 0, 0, 0)
        end = self.end.sort_key() if self.end else (10_000, 0, 0, 0, 0)
        return (start, end)


When = PartialDate | Period
"""A point in time or a period: what a milestone or a finding's time can be."""


def parse_when(text: str) -> When:
    """Read a date or, when it holds a ``/``, a period."""
    return Period.parse(text) if "/" in text else PartialDate.parse(text)


def when_sort_key(value: When) -> tuple[tuple[int, ...], tuple[int, ...]]:
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


def overlap(a: When | None, b: When | None) -> bool:
    """Whether two dates or periods may cover a common moment (see the module docstring).

    None (an open end) overlaps everything. Two dates with times are compared to the minute or
    second they name; otherwise by the days they may cover.
    """
    if a is None or b is None:
        return True
    if isinstance(a, PartialDate) and isinstance(b, PartialDate):
        a_moments, b_moments = a.moments(), b.moments()
        if a_moments is not None and b_moments is not None:
            a_aware, b_aware = a.offset is not None, b.offset is not None
            if a_aware and b_aware:
                return a_moments[0] < b_moments[1] and b_moments[0] < a_moments[1]
            if not a_aware and not b_aware:
                if a.earliest() != b.earliest():
                    return False
                return a_moments[0] < b_moments[1] and b_moments[0] < a_moments[1]
    a_first, a_last = span(a)
    b_first, b_last = span(b)
    return (a_last is None or b_first is None or b_first <= a_last) and (
        b_last is None or a_first is None or a_first <= b_last
    )
