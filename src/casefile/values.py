"""Stated values compared and written: when two versions of one value can both be true.

The rule ``Index.conflicts`` applies to every group of competing values:

- Dates and periods conflict when their spans cannot overlap (``2025`` and ``2025-09-19``
  agree; ``2022`` and ``../2021`` do not; ``2015-07-19T21:00`` agrees with ``2015-07-19`` and
  not with ``2015-07-19T21:05``: ``casefile.dates.overlap``); two periods conflict when their
  starts or their ends cannot be the same day, or when no period could have both's start and
  end.
- Quantities conflict when their units differ or their ranges cannot overlap (``14 years``
  agrees with ``more than 10 years``; ``about`` allows 10% either way).
- A figure given only in words (no value) conflicts with nothing: its words are kept, and no
  number is made up to compare.
- Anything else (references, text, whether a proposition holds) conflicts when it differs.
- A question's answers (``x-casefile-accounts``) are compared by the same rule, but the
  conflict they make is marked not exclusive (``Conflict.exclusive``): the accounts differ,
  and they may all hold.

A value the casefile inferred (``inferred`` on a claim or milestone) is left out of the
comparison: an inference never makes a conflict by itself.
"""

from __future__ import annotations

from typing import Any

from . import model
from .dates import PartialDate, Period, overlap

__all__ = ["compatible", "format_value"]


_INF = float("inf")


def _range(quantity: model.Quantity) -> tuple[float, float, bool, bool]:
    """The values a quantity allows: (low, high, low included, high included)."""
    q, v = quantity.qualifier, quantity.value
    Q = model.Qualifier
    if v is None:
        low = -_INF if quantity.minimum is None else float(quantity.minimum)
        high = _INF if quantity.maximum is None else float(quantity.maximum)
        if q is Q.ABOUT:
            low, high = low - abs(low) * 0.1, high + abs(high) * 0.1
        return low, high, True, True
    v = float(v)
    if q is Q.ABOUT:
        return v - abs(v) * 0.1, v + abs(v) * 0.1, True, True
    return {
        Q.EXACT: (v, v, True, True),
        Q.AT_LEAST: (v, _INF, True, True),
        Q.MORE_THAN: (v, _INF, False, True),
        Q.AT_MOST: (-_INF, v, True, True),
        Q.FEWER_THAN: (-_INF, v, True, False),
    }[q]


def compatible(a: Any, b: Any) -> bool:
    """Whether two stated values can both be true (the conflict rule in the module docstring)."""
    if isinstance(a, PartialDate | Period) and isinstance(b, PartialDate | Period):
        if isinstance(a, Period) and isinstance(b, Period):
            if not (overlap(a.start, b.start) and overlap(a.end, b.end)):
                return False
            # One period must fit both: its start no later than its end.
            starts = [p.start.earliest() for p in (a, b) if p.start is not None]
            ends = [p.end.latest() for p in (a, b) if p.end is not None]
            return not (starts and ends and max(starts) > min(ends))
        return overlap(a, b)
    if a is None or b is None:  # a figure given only in words: no number to contradict
        return True
    if isinstance(a, model.Quantity) and isinstance(b, model.Quantity):
        if a.unit.casefold() != b.unit.casefold():
            return False
        a_low, a_high, a_low_in, a_high_in = _range(a)
        b_low, b_high, b_low_in, b_high_in = _range(b)
        below = a_high < b_low or (a_high == b_low and not (a_high_in and b_low_in))
        above = b_high < a_low or (b_high == a_low and not (b_high_in and a_low_in))
        return not (below or above)
    return bool(a == b)


def format_value(value: Any) -> str:
    """Write a stated value for people: dates as EDTF, quantities as 'at least 24 officers'."""
    if isinstance(value, model.Quantity):
        return _quantity_text(value)
    if isinstance(value, bool):
        return "affirmed" if value else "denied"
    return str(value)


def _quantity_text(quantity: model.Quantity) -> str:
    if quantity.value is not None:
        number = f"{quantity.value:g}" if isinstance(quantity.value, float) else str(quantity.value)
    else:
        low = "" if quantity.minimum is None else str(quantity.minimum)
        high = "" if quantity.maximum is None else str(quantity.maximum)
        number = f"{low}-{high}"
    qualifier = (
        ""
        if quantity.qualifier is model.Qualifier.EXACT
        else quantity.qualifier.value.replace("_", " ") + " "
    )
    return f"{qualifier}{number} {quantity.unit}"
