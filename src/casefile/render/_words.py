"""Words every rendering of a casefile shares: dates in words, field names as words, counts,
and how a statement is attributed.

Format-neutral: these return plain text, which each rendering (the documentation's Markdown
page, the HTML site) escapes in its own way.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

import attrs

from .. import model
from ..dates import Period, When

__all__ = [
    "Term",
    "attribution_legend",
    "attribution_terms",
    "date_text",
    "label",
    "language_name",
    "plural",
    "same",
]

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


# The languages a casefile's sources are most likely in, by ISO 639-1 code; any other code is
# shown as it is.
_LANGUAGES = {
    "ar": "Arabic",
    "bn": "Bengali",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "hi": "Hindi",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "no": "Norwegian",
    "pa": "Punjabi",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "so": "Somali",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "zh": "Chinese",
}


def language_name(tag: str) -> str | None:
    """A language tag's language in English (``en-GB`` -> ``English``), or None if unknown."""
    return _LANGUAGES.get(tag.split("-", 1)[0].lower())


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


# ------------------------------------------------------------------ how a statement is attributed


class Term(NamedTuple):
    """One detail of how a statement is attributed, said for a reader.

    Attributes:
        words: what the page says ("reported speech, as the source reports it").
        meaning: the model's description of the term, for a hover title or a legend.
    """

    words: str
    meaning: str


_MODE_WORDS = {
    model.Mode.DIRECT: "in the speaker's own words",
    model.Mode.INDIRECT: "reported speech, as the source reports it",
}
_KIND_WORDS = {
    model.AttributionKind.REPORT: "a report, not a comment",
    model.AttributionKind.COMMENTARY: "a comment, not a report",
}
# The model describes the stance field, not each of its values; each value's meaning is here.
_STANCE_WORDS = {
    model.Stance.ASSERTS: ("asserts", "says that what it states is so"),
    model.Stance.DISPUTES: ("disputes", "says that what it responds to is wrong or untrue"),
    model.Stance.ACCEPTS: ("accepts", "agrees with or accepts what it responds to"),
    model.Stance.QUESTIONS: (
        "questions",
        "casts doubt on what it responds to without saying that it is wrong",
    ),
}
_TERM = re.compile(r"(?:^|; )([a-z_]+): (.*?)(?=; [a-z_]+: |$)")


def _meanings(field: str) -> dict[str, str]:
    """Each value's description as an Attribution field's documentation gives it
    (``"direct: ...; indirect: ..."``), by value."""
    doc = attrs.fields_dict(model.Attribution)[field].metadata["doc"]
    return {term: f"{term}: {meaning.rstrip('.')}" for term, meaning in _TERM.findall(doc)}


def _mode(mode: model.Mode) -> Term:
    return Term(_MODE_WORDS[mode], _meanings("mode")[mode.value])


def _kind(kind: model.AttributionKind) -> Term:
    return Term(_KIND_WORDS[kind], _meanings("kind")[kind.value])


def _stance(stance: model.Stance) -> Term:
    words, meaning = _STANCE_WORDS[stance]
    return Term(words, f"{stance.value}: {meaning}")


def attribution_terms(attribution: model.Attribution, *, full: bool = False) -> list[Term]:
    """How a statement is attributed, in words: whose words they are, whether it reports or
    comments, and the position it takes.

    Without ``full``, what most statements are (a report that asserts) goes unsaid; a
    rendering shows the full record once, where the statement has its own place.
    """
    terms = [_mode(attribution.mode)]
    if full or attribution.kind is not model.AttributionKind.REPORT:
        terms.append(_kind(attribution.kind))
    if full or attribution.stance is not model.Stance.ASSERTS:
        terms.append(_stance(attribution.stance))
    return terms


def attribution_legend() -> list[Term]:
    """Every term :func:`attribution_terms` may say, with its meaning: a rendering's legend."""
    return (
        [_mode(m) for m in model.Mode]
        + [_kind(k) for k in model.AttributionKind]
        + [_stance(s) for s in model.Stance]
    )
