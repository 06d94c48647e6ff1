"""Words every rendering of a casefile shares: dates in words, field names as words, counts.

Format-neutral: these return plain text, which each rendering (the documentation's Markdown
page, the HTML site) escapes in its own way.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..dates import Period, When

__all__ = ["date_text", "label", "plural", "same"]

T = TypeVar("T")


def date_text(value: When) -> str:
    """Write a date or period in words: ``19 September 2025``, ``1997 to 2013``, ``by 2021``."""
    if isinstance(value, Period):
        if value.start is None and value.end is None:
            return "start and end not known"
        if value.start is None:
            return f"by {date_text(value.end)}"  # type: ignore[arg-type]
        if value.end is None:
            return f"from {date_text(value.start)}"
        return f"{date_text(value.start)} to {date_text(value.end)}"
    if value.day is not None and value.month is not None:
        words = f"{value.day} {calendar.month_name[value.month]} {value.year}"
    elif value.month is not None:
        words = f"{calendar.month_name[value.month]} {value.year}"
    else:
        words = str(value.year)
    if value.approximate:
        words = f"about {words}"
    if value.uncertain:
        words = f"{words} (uncertain)"
    return words


def same(items: Iterable[T], key: Callable[[T], Any]) -> list[list[T]]:
    """Group items that state the same thing (by ``key``), in the order first met."""
    groups: dict[Any, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.values())


def plural(count: int, word: str, plural: str | None = None) -> str:
    """``1 finding``, ``2 findings``; ``plural`` where adding an s is wrong."""
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def label(field: str) -> str:
    """A field or vocabulary term as words: ``period_examined`` -> ``period examined``."""
    return field.replace("_", " ")
