"""Tests for partial dates and periods: notation, calendar checks and ordering."""

from __future__ import annotations

import pytest
from hypothesis import given

from casefile.dates import DateError, PartialDate, Period, overlap, parse_when, when_sort_key
from casefile.strategies import partial_dates, periods
from casefile.values import compatible


@given(partial_dates())
def test_date_text_round_trips(date: PartialDate) -> None:
    """Printing a date and parsing it back gives the same date."""
    assert date == PartialDate.parse(str(date))


@given(periods())
def test_period_text_round_trips(period: Period) -> None:
    """Printing a period and parsing it back gives the same period."""
    assert period == Period.parse(str(period))


@pytest.mark.parametrize(
    "text",
    [
        *("2021-02-29", "2023-04-31", "2017-13", "2017-00", "17", "2017-9"),
        *("2019-25", "2019-20", "2019-21-01", "2019-21T10:00"),  # seasons: 21-24, alone
        *("2015-07-19T21", "2015-07-19T24:00", "2015-07-19T21:60", "2015-07-19T21:00:60"),
        *("2015-07T21:00", "2015-07-19 21:00", "2015-07-19T21:00~", "2015-07-19T21:00+15:00"),
    ],
)
def test_impossible_or_malformed_dates_are_refused(text: str) -> None:
    """Dates off the calendar or off the notation raise DateError with code invalid-date."""
    with pytest.raises(DateError) as info:
        PartialDate.parse(text)
    assert "invalid-date" == info.value.code


def test_leap_day_is_a_date() -> None:
    """29 February exists in leap years."""
    assert "2020-02-29" == str(PartialDate.parse("2020-02-29"))


def test_reversed_period_is_refused() -> None:
    """A period that ends before it starts raises with code reversed-period."""
    with pytest.raises(DateError) as info:
        Period.parse("2013/1997")
    assert "reversed-period" == info.value.code


def test_period_of_overlapping_precision_is_accepted() -> None:
    """2013-05/2013 is in order: the month falls within the year."""
    assert "2013-05/2013" == str(Period.parse("2013-05/2013"))


def test_open_ends() -> None:
    """`..` marks an open or unknown end on either side."""
    period = Period.parse("../2013")
    assert (None, PartialDate(2013)) == (period.start, period.end)


def test_qualifiers_round_trip() -> None:
    """~, ? and % mark approximate, uncertain and both."""
    assert ["2002~", "2002?", "2002%"] == [
        str(PartialDate.parse(t)) for t in ("2002~", "2002?", "2002%")
    ]
    assert PartialDate.parse("2002%").approximate and PartialDate.parse("2002%").uncertain


def test_less_precise_dates_sort_first() -> None:
    """A year sorts before its months, a month before its days (the documented order)."""
    texts = ["2022-01-02", "2022-01-01", "2022", "2021-12-31", "2022-01"]
    ordered = sorted((parse_when(t) for t in texts), key=when_sort_key)
    assert ["2021-12-31", "2022", "2022-01", "2022-01-01", "2022-01-02"] == [
        str(d) for d in ordered
    ]


def test_period_sorts_by_start_then_end() -> None:
    """Periods order by start (open first) then end; a date sorts as a one-day period."""
    texts = ["1999/2011", "1997/2013", "../2000", "1997", "1997/2001"]
    ordered = sorted((parse_when(t) for t in texts), key=when_sort_key)
    assert ["../2000", "1997", "1997/2001", "1997/2013", "1999/2011"] == [str(d) for d in ordered]


@pytest.mark.parametrize(
    "text",
    ["2015-07-19T21:00", "2015-07-19T21:00:05", "2015-07-19T21:00Z", "2015-07-19T21:00-05:30"],
)
def test_times_of_day_round_trip_as_written(text: str) -> None:
    """A time to the minute or second, with the source's offset or none, prints as written."""
    assert text == str(PartialDate.parse(text))


def test_a_time_without_an_offset_is_local_and_one_with_keeps_it() -> None:
    """No offset is added: local time stays naive; Z is an offset of zero, -05:30 is -330 min."""
    assert None is PartialDate.parse("2015-07-19T21:00").offset
    assert 0 == PartialDate.parse("2015-07-19T21:00Z").offset
    assert -330 == PartialDate.parse("2015-07-19T21:00-05:30").offset


def test_seasons_are_never_turned_into_months() -> None:
    """Summer 2019 is a season of 2019 with no month, whatever the hemisphere."""
    summer = PartialDate.parse("2019-22")
    assert (22, None, "season") == (summer.season, summer.month, summer.precision)


def test_seasons_and_times_sort_in_the_documented_order() -> None:
    """Year, then its seasons, then its months and days; a day before its times, by clock."""
    texts = [
        *("2022-01-01T09:00:30", "2022-01-02", "2022-24", "2022-01-01T09:00", "2022-01"),
        *("2022-21", "2022-01-01", "2022", "2022-01-01T10:00+05:00", "2021-12-31T23:59"),
    ]
    ordered = sorted((parse_when(t) for t in texts), key=when_sort_key)
    assert [
        *("2021-12-31T23:59", "2022", "2022-21", "2022-24", "2022-01", "2022-01-01"),
        *("2022-01-01T09:00", "2022-01-01T09:00:30", "2022-01-01T10:00+05:00", "2022-01-02"),
    ] == [str(d) for d in ordered]


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("2015-07-19T21:00", "2015-07-19", True),
        ("2015-07-19T21:00", "2015-07", True),
        ("2015-07-19T21:00", "2015-07-20", False),
        ("2015-07-19T21:00", "2015-07-19T21:00:30", True),
        ("2015-07-19T21:00", "2015-07-19T21:05", False),
        ("2015-07-19T21:00:30", "2015-07-19T21:00:31", False),
        ("2015-07-19T21:00Z", "2015-07-19T22:00+01:00", True),  # one instant
        ("2015-07-19T23:30Z", "2015-07-20T00:30+01:00", True),  # one instant, two days
        ("2015-07-19T21:00Z", "2015-07-19T21:00+01:00", False),
        ("2015-07-19T21:00", "2015-07-19T23:00+01:00", True),  # local against zoned: by day
        ("2019-22", "2019-07-04", True),
        ("2019-22", "2020-01-15", True),  # southern summer crosses the new year
        ("2019-21", "2020-01-15", False),
        ("2019-24", "2019-07-01", True),  # southern winter
        ("2019-22", "2018", False),
        ("2015-07-19T21:00/2015-07-19T23:00", "2015-07-19/2015-07-19", True),
        ("2015-07-19T21:00/2015-07-19T23:00", "2015-07-19/2015-07-20", False),  # ends differ
    ],
)
def test_dates_with_times_and_seasons_follow_the_conflict_rule(a: str, b: str, agree: bool) -> None:
    """Overlap decides agreement, both ways round, and compatible() applies the same rule."""
    first, second = parse_when(a), parse_when(b)
    assert agree == compatible(first, second) == compatible(second, first)
    if isinstance(first, PartialDate) and isinstance(second, PartialDate):
        assert agree == overlap(first, second) == overlap(second, first)


@given(partial_dates(), partial_dates())
def test_overlap_is_symmetric_and_reflexive(a: PartialDate, b: PartialDate) -> None:
    """Any date overlaps itself; overlap does not depend on the order of its arguments."""
    assert overlap(a, a)
    assert overlap(a, b) == overlap(b, a)
