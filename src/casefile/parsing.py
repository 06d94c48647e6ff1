"""Strict JSON parsing: bytes to Python data, or problems that say exactly where.

Python's :func:`json.loads` is lenient where a casefile must not be: it keeps the last of two
duplicate keys (losing data silently), accepts ``NaN`` and ``Infinity`` (not JSON), and turns
``1e400`` into infinity. This module refuses all of these, and reports bytes that do not parse
with the line and column where the parser stopped.

Each refused value is reported at its JSON Pointer: the parser hooks put a marker where the
value stood, and a walk after parsing finds the markers. Strings holding lone surrogates
(``"\ud800"``, which no UTF-8 file can carry) and nesting deeper than :data:`MAX_DEPTH` are
refused the same way, so nothing downstream meets them.

A UTF-8 byte-order mark at the start is accepted and ignored, as RFC 8259 allows parsers to do;
the library never writes one.
"""

from __future__ import annotations

import json
import math
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
    result: dict[str, Any] = {}
    duplicates: list[str] = []
    for key, value in pairs:
        if key in result:
            duplicates.append(key)
        result[key] = value
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


def _has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _line_column(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def value_problems(value: Any) -> list[Problem]:
    """Check JSON-ready data made in Python: non-finite numbers, lone surrogates, deep nesting."""
    return _find_problems(value)


def _find_problems(value: Any, path: tuple[str | int, ...] = ()) -> list[Problem]:
    """Walk parsed data for duplicate keys, refused numbers, lone surrogates and deep nesting."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, _BadNumber):
            problems.append(
                Problem(pointer=pointer(*where), code="invalid-number", message=str(node))
            )
            continue
        if isinstance(node, float) and not math.isfinite(node):
            problems.append(
                Problem(
                    pointer=pointer(*where),
                    code="invalid-number",
                    message=f"{node} is not a JSON number",
                )
            )
            continue
        if isinstance(node, str):
            if _has_lone_surrogate(node):
                problems.append(
                    Problem(
                        pointer=pointer(*where),
                        code="lone-surrogate",
                        message="the string holds a lone surrogate (\\ud800-\\udfff escape), "
                        "which is not a Unicode character and cannot be written as UTF-8",
                    )
                )
            continue
        if isinstance(node, dict | list) and len(where) >= MAX_DEPTH:
            problems.append(
                Problem(
                    pointer=pointer(*where),
                    code="too-deep",
                    message=f"arrays and objects are nested more than {MAX_DEPTH} deep here",
                )
            )
            continue
        if isinstance(node, dict):
            for key in node:
                if _has_lone_surrogate(key):
                    problems.append(
                        Problem(
                            pointer=pointer(*where, key),
                            code="lone-surrogate",
                            message="the key holds a lone surrogate, which is not a character",
                        )
                    )
            if isinstance(node, _DuplicateKeys):
                for key in node.duplicates:
                    problems.append(
                        Problem(
                            pointer=pointer(*where, key),
                            code="duplicate-key",
                            message=f"key {key!r} appears more than once in this object; "
                            "JSON parsers disagree on which value wins, so it is refused",
                        )
                    )
            stack.extend((v, (*where, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(node))
    return sorted(problems, key=lambda p: p.pointer)


def _plain(value: Any) -> Any:
    """Replace marked objects by plain dicts, so callers never see the marker class."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if isinstance(v, _DuplicateKeys):
                    v = node[k] = dict(v)
                stack.append(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                if isinstance(v, _DuplicateKeys):
                    v = node[i] = dict(v)
                stack.append(v)
    return dict(value) if isinstance(value, _DuplicateKeys) else value


def parse_json(data: bytes | str) -> tuple[Any, list[Problem]]:
    """Parse JSON text strictly; return the data and the problems found.

    When the problems are not empty the data is None (the bytes did not parse) or must not be
    trusted (a duplicate key). Bytes must be UTF-8.
    """
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = _line_column(data[: error.start].decode("utf-8", "replace"), error.start)
            return None, [
                Problem(
                    pointer="",
                    code="invalid-utf8",
                    message=f"the bytes are not UTF-8: byte {error.start} "
                    f"(0x{data[error.start]:02x}) cannot be decoded",
                    line=line,
                    column=column,
                )
            ]
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        return None, [
            Problem(pointer="", code="empty", message="the file is empty; expected a JSON object")
        ]
    try:
        value = json.loads(
            text,
            object_pairs_hook=_object_pairs,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
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
    problems = _find_problems(value)
    return (None if problems else _plain(value)), problems
