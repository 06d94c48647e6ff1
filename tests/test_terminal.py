"""Tests for the text layer every command prints through (casefile._terminal)."""

from __future__ import annotations

import io
import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile import _terminal as term

# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x9b2J", "\\x9b2J"),
        ("left\u202eright", "left\\u202eright"),
        ("isolate\u2066x\u2069", "isolate\\u2066x\\u2069"),
        ("del\x7f", "del\\x7f"),
        ("lone \ud800", "lone \\ud800"),
        ("line\nbreak", "line\\x0abreak"),
        ("[bold]not markup[/bold]", "[bold]not markup[/bold]"),
        ("café 東京 — “quoted”", "café 東京 — “quoted”"),
    ],
)
def test_escape_writes_every_control_character_as_an_escape(raw: str, shown: str) -> None:
    """C0, C1, DEL, bidirectional controls, separators and lone surrogates are escaped.

    Printable text, wide characters, typographic quotes and markup-like brackets are kept.
    """
    assert shown == term.escape(raw)


def test_escape_lines_keeps_newlines_only() -> None:
    """Text already laid out in lines keeps its newlines; every other control is escaped."""
    assert "a\nb\\x1b[2Jc\\x0d\n" == term.escape_lines("a\nb\x1b[2Jc\r\n")


def test_clean_collapses_white_space_and_escapes_the_rest() -> None:
    """Runs of white space (tabs, newlines, separators) become one space; ESC is shown."""
    assert "a b c \\x1b[1m d" == term.clean(" a\t\tb\n\u2028c \x1b[1m d ")


@given(st.text())
def test_escape_json_means_the_same_and_holds_no_raw_control(text: str) -> None:
    """JSON with controls escaped reads back as the same data, and nothing raw is left in it."""
    dumped = json.dumps({"value": text}, ensure_ascii=False)
    escaped = term.escape_json(dumped)
    assert {"value": text} == json.loads(escaped)
    assert escaped == term.escape_lines(escaped)


# ---------------------------------------------------------------- widths and wrapping


def test_width_counts_terminal_columns() -> None:
    """Wide characters take two columns, combining marks none."""
    assert (5, 4, 1) == (term.width_of("hello"), term.width_of("東京"), term.width_of("e\u0301"))


words = st.lists(
    st.text(alphabet="abcdefghij東-", min_size=1, max_size=30), min_size=0, max_size=40
)


@given(words, st.integers(min_value=1, max_value=100))
def test_wrap_fits_the_width_and_never_cuts_a_word(ws: list[str], width: int) -> None:
    """Every line fits, except a single word wider than the width, which is kept whole."""
    lines = term.wrap(" ".join(ws), width)
    assert ws == " ".join(lines).split()
    assert all(term.width_of(line) <= width or " " not in line for line in lines)


@given(st.text(), st.integers(min_value=2, max_value=200))
def test_shorten_fits_and_ends_with_an_ellipsis_when_it_cuts(text: str, limit: int) -> None:
    """Shortened text fits the limit; it ends in an ellipsis exactly when something was left out."""
    short = term.shorten(text, limit)
    assert term.width_of(short) <= limit
    assert (short != term.clean(text)) == short.endswith(term.ELLIPSIS)


def test_excerpt_shows_the_match_with_ellipses_where_text_is_left_out() -> None:
    """A long text is cut around the words searched for, an ellipsis at each cut end."""
    text = " ".join(["lead"] * 40 + ["needle"] + ["tail"] * 40)
    found = term.excerpt(text, "NEEDLE", 60)
    assert found.startswith(term.ELLIPSIS) and found.endswith(term.ELLIPSIS)
    assert "needle" in found and term.width_of(found) <= 60


# ---------------------------------------------------------------- tables

COLUMNS = [term.Column("id", wrap=False), term.Column("text"), term.Column("more")]


def test_table_has_a_header_and_columns_no_wider_than_their_longest_cell() -> None:
    """A table that fits is not padded out to the width, nor to the longest row's width."""
    out = term.table(COLUMNS, [["a-1", "short", "x"], ["b-22", "a longer cell", "y"]], 80)
    assert ["ID    TEXT           MORE", "a-1   short          x", "b-22  a longer cell  y"] == (
        out.splitlines()
    )


def test_table_wraps_prose_columns_to_the_width() -> None:
    """Too wide: the prose columns wrap, the id column does not; a blank line between rows."""
    long = "words " * 30
    out = term.table(COLUMNS, [["id-1", long, "more " * 10], ["id-2", "short", "x"]], 60)
    lines = out.splitlines()
    assert all(term.width_of(line) <= 60 for line in lines)
    assert lines[0].startswith("ID  ") and "" == lines[1]
    assert lines[2].startswith("id-1  words")
    assert lines[3].startswith("      words")


def test_table_too_narrow_for_its_columns_is_printed_as_blocks() -> None:
    """When prose would be squeezed under 20 columns, each row becomes a block of fields."""
    out = term.table(COLUMNS, [["id-1", "some text " * 8, "more"]], 30)
    assert "id-1\n  Text: some text some text\n    some text some text some\n" in out
    assert "  More: more\n" in out
    assert all(term.width_of(line) <= 30 for line in out.splitlines())


cells = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80
) | st.lists(st.text(alphabet="abc -東\x1b", max_size=30), max_size=3).map(tuple)


@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda n: st.tuples(
            st.lists(st.booleans(), min_size=n, max_size=n),
            st.lists(st.lists(cells, min_size=n, max_size=n), max_size=6),
        )
    ),
    st.integers(min_value=term.MIN_WIDTH, max_value=160),
)
def test_every_table_line_fits_unless_it_is_one_unbreakable_word(
    shape: tuple[list[bool], list[list[term.Cell]]], width: int
) -> None:
    """Whatever the cells, a line is within the width or holds one word (after its indent).

    And no control character comes out raw.
    """
    wraps, rows = shape
    columns = [term.Column(f"c{i}", wrap=w) for i, w in enumerate(wraps)]
    out = term.table(columns, rows, width)
    for line in out.splitlines():
        assert term.width_of(line) <= width or 1 == len(line.split()), line
    assert out == term.escape_lines(out)


# ---------------------------------------------------------------- width of the terminal


def test_width_is_the_option_then_columns_then_the_terminal_then_80(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--width wins; then COLUMNS; a pipe or a file is 80 wide; nothing is narrower than 20."""
    monkeypatch.setenv("COLUMNS", "132")
    assert 100 == term.terminal_width(io.StringIO(), 100)
    assert 132 == term.terminal_width(io.StringIO())
    monkeypatch.setenv("COLUMNS", "5")
    assert term.MIN_WIDTH == term.terminal_width(io.StringIO())
    monkeypatch.delenv("COLUMNS")
    assert 80 == term.terminal_width(io.StringIO())


# ---------------------------------------------------------------- progress


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_for_slow_work_on_a_terminal_and_cleared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After the delay a bar is drawn with its label; stopping clears the line."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("COLUMNS", "80")
    stream = _Terminal()
    with term.Progress(stream, delay=0.05, interval=0.01) as progress:
        progress.label = "reading big\x1b[2J.json"
        progress.total = 4
        progress.done = 1
        time.sleep(0.3)
    drawn = stream.getvalue()
    assert "reading big\\x1b[2J.json [=====               ] 1/4" in drawn
    assert drawn.endswith("\r")
    assert "\x1b" not in drawn


def test_progress_stays_silent_for_quick_work_and_off_a_terminal() -> None:
    """Work done before the delay draws nothing; a stream that is not a terminal never does."""
    quick = _Terminal()
    with term.Progress(quick, delay=5):
        pass
    piped = io.StringIO()
    with term.Progress(piped, delay=0, interval=0.01):
        time.sleep(0.05)
    assert ("", "") == (quick.getvalue(), piped.getvalue())


def test_progress_without_a_total_moves_and_counts_seconds() -> None:
    """With no total the bar is a moving block and the time spent."""
    progress = term.Progress(None)
    progress.label = "indexing"
    line = progress.line()
    assert line.startswith("indexing [") and line.endswith(" s")
