"""Strict JSON parsing: bytes to Python data, or problems that say exactly where.

Python's ``json.loads`` is lenient where a casefile must not be: it keeps the last of two
duplicate keys (losing data silently), accepts ``NaN`` and ``Infinity`` (not JSON), and turns
``1e400`` into infinity. This module refuses all of these, and reports bytes that do not parse
with the line and column where the parser stopped.

Each refused value is reported at its JSON Pointer: the parser hooks put a marker where the
value stood, and a walk after parsing finds the markers. Strings holding lone surrogates
(``"\ud800"``, which no UTF-8 file can carry) and nesting deeper than ``MAX_DEPTH`` are
refused the same way, so nothing downstream meets them.

A UTF-8 byte-order mark at the start is accepted and ignored, as RFC 8259 allows parsers to do;
the library never writes one.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .errors import Problem, pointer

__all__ = ["MAX_DEPTH", "parse_json", "value_problems"]

#: The deepest nesting of arrays and objects accepted. A casefile needs about ten levels;
#: extensions get the rest. Far below Python's recursion limit, so no later step can exhaust it.
MAX_DEPTH = 256


class _DuplicateKeys(dict[str, Any]):
    """An object in which keys were repeated; found by a walk after parsing."""

    duplicates: list[str]


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    seen: set[str] = set()
    duplicates: list[str] = []
    for key, _ in pairs:
        if key in seen:
            duplicates.append(key)
        seen.add(key)
    if duplicates:
        marked = _DuplicateKeys(result)
        marked.duplicates = duplicates
        return marked
    return result


class _BadNumber(str):
    """Stands where a number was refused, carrying the message."""


def _reject_constant(name: str) -> Any:
    return _BadNumber(f"{name} is not a JSON number")


def _finite_float(text: str) -> Any:
    value = float(text)
    if math.isinf(value):
        return _BadNumber(f"number {text} is beyond the range of a double")
    return value


# The largest magnitude a double can hold; integers beyond it are refused like 1e400.
_DOUBLE_MAX = 2**1024


def _bounded_int(text: str) -> Any:
    digits = text.lstrip("-")
    if len(digits) > 309 or abs(int(text)) >= _DOUBLE_MAX:
        return _BadNumber(f"integer of {len(digits)} digits is beyond the range of a double")
    return int(text)


def _has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _line_column(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def value_problems(value: Any) -> list[Problem]:
    """Check JSON-ready data made in Python: non-finite numbers, lone surrogates, deep nesting."""
    return _find_problems(value)


def _value_problem(node: Any, depth: int) -> tuple[str, str] | None:
    """What is wrong with one parsed value itself, as (code, message); None if nothing."""
    if isinstance(node, _BadNumber):
        return "invalid-number", str(node)
    if isinstance(node, bool) or node is None:
        return None
    if isinstance(node, int):
        if abs(node) >= _DOUBLE_MAX:
            return "invalid-number", "integer beyond the range of a double"
        return None
    if isinstance(node, float):
        return None if math.isfinite(node) else ("invalid-number", f"{node} is not a JSON number")
    if isinstance(node, str):
        if _has_lone_surrogate(node):
            return (
                "lone-surrogate",
                "the string holds a lone surrogate (\\ud800-\\udfff escape), which is not a "
                "Unicode character and cannot be written as UTF-8",
            )
        return None
    if isinstance(node, dict | list):
        if depth >= MAX_DEPTH:
            return "too-deep", f"arrays and objects are nested more than {MAX_DEPTH} deep here"
        return None
    return "not-json", f"a {type(node).__name__} is not a JSON value"


def _key_problem(key: Any) -> tuple[str, str] | None:
    """What is wrong with one object key, as (code, message); None if nothing."""
    if not isinstance(key, str):
        return "not-json", f"object keys must be strings (got {type(key).__name__})"
    if _has_lone_surrogate(key):
        return "lone-surrogate", "the key holds a lone surrogate, which is not a character"
    return None


def _find_problems(value: Any, path: tuple[str | int, ...] = ()) -> list[Problem]:
    """Walk parsed data for refused values and keys, duplicate keys and deep nesting."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        found = _value_problem(node, len(where))
        if found is not None:
            problems.append(Problem(pointer=pointer(*where), code=found[0], message=found[1]))
            continue
        if isinstance(node, dict):
            for key in node:
                found = _key_problem(key)
                if found is not None:
                    problems.append(
                        Problem(pointer=pointer(*where, str(key)), code=found[0], message=found[1])
                    )
            for key in getattr(node, "duplicates", ()):
                problems.append(
                    Problem(
                        pointer=pointer(*where, key),
                        code="duplicate-key",
                        message=f"key {key!r} appears more than once in this object; "
                        "JSON parsers disagree on which value wins, so it is refused",
                    )
                )
            stack.extend((v, (*where, k)) for k, v in node.items() if isinstance(k, str))
        elif isinstance(node, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(node))
    return sorted(problems, key=lambda p: p.pointer)


def parse_json(data: bytes | str) -> tuple[Any, list[Problem]]:
    """Parse JSON text strictly; return the data and the problems found.

    When the problems are not empty the data is None (the bytes did not parse) or must not be
    trusted (a duplicate key). Bytes must be UTF-8.

    Most files hold nothing to refuse, and are read in one pass of ``json.loads`` with a
    light duplicate-key check, after scans of the raw bytes (each a few milliseconds for
    megabytes) have shown that no integer is too long, no surrogate is escaped and no nesting is
    too deep. Only when a scan finds a suspect, or a value is refused, does parsing take the
    slower road that marks every refused value and walks the result for its pointer.
    """
    if isinstance(data, bytes):
        raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return None, [_utf8_problem(raw, error, len(data) - len(raw))]
    else:
        text = data.removeprefix("\ufeff")
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:  # a raw lone surrogate: only a str can hold one
            raw = None
    if not text.strip():
        return None, [
            Problem(pointer="", code="empty", message="the file is empty; expected a JSON object")
        ]
    suspect = raw is None or _suspect(raw)
    try:
        value, marked = _loads(text, careful=suspect)
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                pointer="",
                code="invalid-json",
                message=f"not valid JSON: {error.msg}",
                line=error.lineno,
                column=error.colno,
            )
        ]
    except RecursionError:
        return None, [
            Problem(pointer="", code="too-deep", message="the JSON is nested too deeply to read")
        ]
    if not (marked or suspect):
        return value, []
    problems = _find_problems(value)
    return (None if problems else value), problems


def _utf8_problem(raw: bytes, error: UnicodeDecodeError, bom: int) -> Problem:
    before = raw[: error.start].decode("utf-8")  # valid up to the bad byte
    line, column = _line_column(before, len(before))
    return Problem(
        pointer="",
        code="invalid-utf8",
        message=f"the bytes are not UTF-8: byte {error.start + bom} "
        f"(0x{raw[error.start]:02x}) cannot be decoded",
        line=line,
        column=column,
    )


def _loads(text: str, *, careful: bool) -> tuple[Any, bool]:
    """Parse with hooks that mark refused values; return the value and whether any was marked.

    Integers are checked one by one only when ``careful``: otherwise a scan of the bytes has
    already shown that none has the 309 digits it takes to pass the range of a double.
    """
    marked = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal marked
        result = dict(pairs)
        if len(result) == len(pairs):  # the common case, decided without a Python loop
            return result
        marked = True
        return _object_pairs(pairs)

    def constant_hook(name: str) -> Any:
        nonlocal marked
        marked = True
        return _reject_constant(name)

    def float_hook(number: str) -> Any:
        nonlocal marked
        result = _finite_float(number)
        marked |= isinstance(result, _BadNumber)
        return result

    def int_hook(number: str) -> Any:
        nonlocal marked
        result = _bounded_int(number)
        marked |= isinstance(result, _BadNumber)
        return result

    value = json.loads(
        text,
        object_pairs_hook=pairs_hook,
        parse_constant=constant_hook,
        parse_float=float_hook,
        parse_int=int_hook if careful else None,
    )
    return value, marked


# An escaped surrogate, in any case.
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
# Digits to zeros, so that a run of 309 digits is one plain substring search (a regular
# expression for it takes twenty times longer).
_DIGITS_TO_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 309
# Every byte but the four brackets, deleted to leave the nesting behind.
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def _suspect(raw: bytes) -> bool:
    """Whether UTF-8 JSON may hold something to refuse; never wrongly says no.

    A lone surrogate can only come from a ``\\u`` escape (UTF-8 cannot carry one raw); an
    integer beyond a double's range needs 309 digits; and nesting can only pass
    ``MAX_DEPTH`` if the brackets in the text nest as deep. Brackets are counted with those
    inside strings, which only ever over-estimates: innermost pairs are deleted round by round,
    each round removing at least one level and at most two, so text that empties within
    ``MAX_DEPTH // 2`` rounds nests less deeply than the limit.
    """
    if _ESCAPED_SURROGATE.search(raw) or _LONG_NUMBER in raw.translate(_DIGITS_TO_ZEROS):
        return True
    brackets = raw.translate(None, _NOT_BRACKETS)
    for _ in range(MAX_DEPTH // 2 - 1):
        if not brackets:
            return False
        fewer = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if len(fewer) == len(brackets):
            return True  # brackets inside strings that do not pair up: take the careful road
        brackets = fewer
    return bool(brackets)
