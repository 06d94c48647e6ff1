"""Tests for strict JSON parsing: problems with line and column, nothing silently lost."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.parsing import parse_json
from casefile.strategies import json_values


def test_malformed_json_gives_line_and_column() -> None:
    """Bytes that do not parse give the empty pointer with the line and column."""
    _, (problem,) = parse_json(b'{\n  "id": "x",\n  "title": \n}')
    assert ("", "invalid-json", 4, 1) == (
        problem.pointer,
        problem.code,
        problem.line,
        problem.column,
    )


def test_duplicate_keys_are_refused_with_their_pointer() -> None:
    """A repeated key is reported at the pointer of the key, however deep."""
    _, problems = parse_json(b'{"a": [{"b": 1, "b": 2}], "c": 1, "c": 2}')
    assert [("/a/0/b", "duplicate-key"), ("/c", "duplicate-key")] == [
        (p.pointer, p.code) for p in problems
    ]


@pytest.mark.parametrize(
    "text", [b'{"a": NaN}', b'{"a": Infinity}', b'{"a": -Infinity}', b'{"a": 1e400}']
)
def test_non_finite_numbers_are_refused(text: bytes) -> None:
    """NaN, Infinity and numbers beyond a double's range are not JSON numbers here."""
    _, (problem,) = parse_json(text)
    assert "invalid-number" == problem.code


def test_invalid_utf8_is_reported_with_position() -> None:
    """Bytes that are not UTF-8 give invalid-utf8 with where they are."""
    _, (problem,) = parse_json(b'{\n "a": "\xff"}')
    assert ("invalid-utf8", 2, 8) == (problem.code, problem.line, problem.column)


def test_byte_order_mark_is_accepted() -> None:
    """A UTF-8 byte-order mark is skipped, as RFC 8259 allows."""
    assert ({"a": 1}, []) == parse_json(b'\xef\xbb\xbf{"a": 1}')


@pytest.mark.parametrize("text", [b"", b"   \n"])
def test_empty_input_is_reported(text: bytes) -> None:
    """An empty file gives code empty."""
    _, (problem,) = parse_json(text)
    assert "empty" == problem.code


def test_deep_nesting_is_reported_not_raised() -> None:
    """Nesting deep enough to exhaust the parser is a problem, not a crash."""
    _, (problem,) = parse_json(b"[" * 100_000 + b"]" * 100_000)
    assert "too-deep" == problem.code


@given(json_values)
def test_strict_parser_agrees_with_json_on_ordinary_json(value: object) -> None:
    """Where JSON holds nothing to refuse, the strict parser reads what json.loads reads."""
    text = json.dumps(value, ensure_ascii=False)
    assert (json.loads(text), []) == parse_json(text.encode("utf-8"))


@given(st.integers(0, 20))
def test_escaped_surrogate_pairs_are_characters_not_problems(n: int) -> None:
    """An escaped pair (an emoji written as two \\u escapes) is one character, accepted."""
    text = json.dumps({"a": "x" * n + "😀"}, ensure_ascii=True)
    assert ({"a": "x" * n + "😀"}, []) == parse_json(text)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": [1, 2.5, "x"]}',
        b'\xef\xbb\xbf{"a": 1}',
        b'{"a": 1, "a": 2}',
        b'{"a": NaN}',
        b'{\n "a": "\xff"}',
        b'{"a": "\\ud800"}',
        b"",
        b"[" * 300 + b"]" * 300,
    ],
)
def test_bytes_handed_over_by_a_function_parse_as_the_bytes_do(raw: bytes) -> None:
    """``parse_json(read)``, which lets the bytes go once decoded, gives what the bytes give."""
    assert parse_json(raw) == parse_json(lambda: raw)


def test_load_lets_go_of_the_bytes_it_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's bytes are not held through the load: only the parser has them."""
    import casefile
    from casefile import validation

    path = tmp_path / "c.json"
    casefile.dump(casefile.reference(), path)
    held: list[int] = []

    def parse(read: Any) -> Any:
        raw = read()
        held.append(sys.getrefcount(raw))
        return parse_json(lambda: raw)

    monkeypatch.setattr(validation, "parse_json", parse)
    casefile.load(path)
    # getrefcount's argument and the local name: nothing else holds the bytes.
    assert [2] == held
