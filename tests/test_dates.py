"""Tests for partial dates and periods: notation, calendar checks and ordering."""

from __future__ import annotations

import pytest
from hypothesis import given

from casefile.dates import DateError, PartialDate, Period, parse_when, when_sort_key
from casefile.strategies import partial_dates, periods


@given(partial_dates())
def test_date_text_round_trips(date: PartialDate) -> None:
    """Printing a date and parsing it back gives the same date."""
    assert date == PartialDate.parse(str(date))


@given(periods())
def test_period_text_round_trips(period: Period) -> None:
    """Printing a period and parsing it back gives the same period."""
    assert period == Period.parse(str(period))


@pytest.mark.parametrize("text", ["2021-02-29", "2023-04-31", "2017-13", "2017-00", "17", "2017-9"])
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
