"""Tests for finding quotes in documents."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.anchoring import AmbiguousQuote, QuoteNotFound, Span, find_quote
from casefile.strategies import TEXT_ALPHABET


@given(st.text(TEXT_ALPHABET, min_size=1, max_size=60), st.data())
def test_found_quote_is_the_text_at_its_offsets(text: str, data: st.DataObject) -> None:
    """Whatever is found, text[start:end] is the quote; unique slices are always found."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    exact = text[start:end]
    try:
        span = find_quote(text, exact)
    except AmbiguousQuote:
        assert text.count(exact) > 1 or len(exact) < len(text)
        span = find_quote(text, exact, prefix=text[:start]) if text[:start] else Span(start, end)
    assert exact == text[span.start : span.end]


def test_offsets_count_code_points_not_bytes() -> None:
    """Offsets are code points: emoji and accents count one each."""
    assert Span(3, 8) == find_quote("é😀 “hi” there", "“hi” ")


def test_prefix_and_suffix_pick_one_occurrence() -> None:
    """A repeated quote is picked by the text just before or after it."""
    text = "He said no. She said no. They said yes."
    assert Span(21, 23) == find_quote(text, "no", prefix="She said ")
    assert Span(8, 10) == find_quote(text, "no", suffix=". She")


def test_repeated_quote_without_context_is_ambiguous() -> None:
    """Two occurrences and no context: AmbiguousQuote naming the offsets."""
    with pytest.raises(AmbiguousQuote, match=r"occurs 2 times \(at offsets 8, 21\)"):
        find_quote("He said no. She said no.", "no")


def test_curly_quote_difference_is_reported_never_accepted() -> None:
    """Straight quotes for curly ones: not found, with the reason and the closest text."""
    with pytest.raises(QuoteNotFound) as info:
        find_quote("She said “no indication” today.", 'said "no indication"')
    assert "differs only by white space or quote marks" in str(info.value)
    assert "said “no indication”" == info.value.closest


def test_absent_quote_names_closest_text() -> None:
    """A misspelt quote gives the nearest stretch of the document."""
    with pytest.raises(QuoteNotFound) as info:
        find_quote(
            "The force acknowledges and respects the decision.", "acknowledges and respect the"
        )
    assert info.value.closest is not None and info.value.closest.startswith(
        "acknowledges and respects"
    )
