"""The timeline figure's label fitting, held equal to the plain way of doing it."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from casefile.render._figure import fit, fit_middle, text_width


def _plain_width(text: str, size: float) -> float:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text) * size * 0.58


def _plain_fit(text: str, width: float, size: float) -> str:
    """Cut one character at a time, measuring the whole text again each time."""
    text = " ".join(text.split())
    if _plain_width(text, size) <= width:
        return text
    while text and _plain_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _plain_fit_middle(text: str, width: float, size: float) -> str:
    text = " ".join(text.split())
    if _plain_width(text, size) <= width:
        return text
    head, tail = text[: len(text) // 2], text[len(text) // 2 :]
    while (head or tail) and _plain_width(head + "…" + tail, size) > width:
        if len(head) >= len(tail):
            head = head[:-1]
        else:
            tail = tail[1:]
    return head.rstrip() + "…" + tail.lstrip()


# Narrow and wide letters, spaces and line breaks, in any mix.
_TEXT = st.text(alphabet=st.sampled_from("ab é漢字Ｆ \n\t…-"), max_size=80) | st.text(max_size=40)
_WIDTH = st.floats(min_value=-10, max_value=400, allow_nan=False)
_SIZE = st.sampled_from([9.0, 10.5, 11.0, 12.0])


@given(_TEXT, _WIDTH, _SIZE)
def test_fit_keeps_what_cutting_one_character_at_a_time_keeps(
    text: str, width: float, size: float
) -> None:
    assert _plain_fit(text, width, size) == fit(text, width, size)


@given(_TEXT, _WIDTH, _SIZE)
def test_fit_middle_keeps_what_cutting_one_character_at_a_time_keeps(
    text: str, width: float, size: float
) -> None:
    assert _plain_fit_middle(text, width, size) == fit_middle(text, width, size)


@given(_TEXT, _SIZE)
def test_text_width_counts_wide_characters_double(text: str, size: float) -> None:
    assert _plain_width(text, size) == text_width(text, size)


def test_a_long_label_is_cut_to_fit() -> None:
    label = fit("word " * 10_000, 240, 11.0)
    assert label.endswith("…") and text_width(label, 11.0) <= 240
    middle = fit_middle("漢" * 5_000 + "end", 240, 11.0)
    assert middle.endswith("end") and "…" in middle and text_width(middle, 11.0) <= 240


def test_a_cut_label_does_not_end_in_a_space_before_its_ellipsis() -> None:
    # "abc def" cut after "abc " (five units with the ellipsis) keeps "abc…", not "abc …".
    width = 5 * 10.0 * 0.58
    assert "abc…" == fit("abc def", width, 10.0) == _plain_fit("abc def", width, 10.0)
    assert "a…f" == fit_middle("abc def", 3 * 10.0 * 0.58, 10.0)
