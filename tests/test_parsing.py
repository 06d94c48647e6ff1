"""Tests for strict JSON parsing: problems with line and column, nothing silently lost."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile import parsing
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


# The quick road (orjson, the ``fast`` extra) must give exactly what the careful road gives.

#: Values that put the quick road's doubts to the test: long integers near and past 64 bits,
#: floats at the edges, strings of digits and colons, and keys that hold colons.
_edgy_atoms = (
    st.integers(-(2**70), 2**70)
    | st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**18, 10**19])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([5e-324, 1.7976931348623157e308, -0.0, 1e22, 1e23, 0.1])
    | st.text(st.sampled_from('0123456789:"\\ab-é😀'), max_size=30)
)
_edgy_values = st.recursive(
    _edgy_atoms | json_values,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(st.sampled_from(':ab0\\"'), max_size=3), inner, max_size=3)
    ),
    max_leaves=10,
)


@st.composite
def _json_texts(draw: st.DrawFn) -> bytes:
    """JSON text, often bent: members repeated, colons escaped, bytes changed or cut."""
    value = draw(_edgy_values)
    text = json.dumps(
        value,
        ensure_ascii=draw(st.booleans()),
        indent=draw(st.sampled_from([None, 0, 2])),
        separators=draw(st.sampled_from([None, (",", ":"), (" , ", " : ")])),
    )
    edits = draw(st.lists(st.integers(0, 4), max_size=3))
    for edit in edits:
        at = draw(st.integers(0, len(text)))
        if edit == 0 and "{" in text:  # repeat a member: the same key twice in one object
            opening = text.index("{", draw(st.integers(0, text.rindex("{"))))
            key = draw(st.sampled_from(['"a"', '"a:"', '""', '"\\u0061"']))
            text = f"{text[: opening + 1]}{key}: 1, {key}: [2],{text[opening + 1 :]}"
        elif edit == 1:
            text = (
                text[:at]
                + draw(st.sampled_from(["\\u003a", "\\u003A", ":", '"', "\\"]))
                + text[at:]
            )
        elif edit == 2:
            text = text[:at] + text[at + 1 :]
        elif edit == 3:
            text = (
                text[:at]
                + draw(st.sampled_from(["1234567890123456789", "-9", "[", "}", ","]))
                + text[at:]
            )
        else:
            text = text[:at]
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at:]
    return raw


@given(raw=_json_texts())
def test_the_quick_road_gives_what_the_careful_road_gives(raw: bytes) -> None:
    """Whatever orjson accepts on the quick road, the careful road reads the same: the same
    values of the same types in the same order, and no problem."""
    pytest.importorskip("orjson")
    quick = parsing._quick_parse(raw, parsing._Marks(raw))
    if quick is parsing._CAREFUL:
        return
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(parsing, "orjson", lambda: None)
        value, problems = parse_json(raw)
    assert ([], repr(value)) == (problems, repr(quick))


def test_a_casefile_takes_the_quick_road_when_orjson_is_installed() -> None:
    """The reference casefile, SHA-256 digests and all, is read by orjson: the quick road is
    not a dead branch that every real file avoids."""
    pytest.importorskip("orjson")
    import casefile

    raw = casefile.dumps(casefile.reference()).encode("utf-8")
    assert json.loads(raw) == parsing._quick_parse(raw, parsing._Marks(raw))


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        # a duplicate key, and an escaped colon that would balance its lost colon
        (b'{"a": 1, "a": 2, "b": "\\u003a"}', [("/a", "duplicate-key")]),
        (b'{"x": {"a": [1], "a": {"b": 1}}}', [("/x/a", "duplicate-key")]),
        (b'{"a": 123456789012345678901234567890}', []),
        (b'{"a": -12345678901234567890}', []),
        (b'{"a": "12345678901234567890", "b": 1.5}', []),
    ],
)
def test_what_orjson_would_lose_is_read_by_the_careful_road(
    raw: bytes, found: list[tuple[str, str]]
) -> None:
    """A duplicate key is reported and a long integer keeps every digit, with or without
    orjson installed."""
    value, problems = parse_json(raw)
    assert found == [(p.pointer, p.code) for p in problems]
    if not found:
        assert (repr(json.loads(raw)), []) == (repr(value), problems)


def test_a_duplicate_key_deep_in_a_long_array_is_found() -> None:
    """The quick road counts colons a slice of a long array at a time: a key repeated in one
    item of a long array, past the first slice, is still found and placed."""
    items = [f'{{"id": "r{i}", "n": {i}}}' for i in range(2_500)]
    items[1_700] = '{"id": "r1700", "id": "again"}'
    raw = ('{"records": [' + ", ".join(items) + '], "title": "t"}').encode()
    _, problems = parse_json(raw)
    assert [("/records/1700/id", "duplicate-key")] == [(p.pointer, p.code) for p in problems]
