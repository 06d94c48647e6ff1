"""Strict JSON parsing: bytes to Python data, or problems that say exactly where.

Python's :func:`json.loads` is lenient where a casefile must not be: it keeps the last of two
duplicate keys (losing data silently), accepts ``NaN`` and ``Infinity`` (not JSON), and turns
``1e400`` into infinity. This module refuses all of these, and reports bytes that do not parse
with the line and column where the parser stopped.

A UTF-8 byte-order mark at the start is accepted and ignored, as RFC 8259 allows parsers to do;
the library never writes one.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import Problem, pointer

__all__ = ["parse_json"]


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


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"number {text} is beyond the range of a double")
    return value


def _line_column(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def _find_duplicates(value: Any, path: tuple[str | int, ...] = ()) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
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
    except ValueError as error:
        # Raised by the hooks above, which do not know the position; the message names the value.
        return None, [Problem(pointer="", code="invalid-number", message=str(error))]
    except RecursionError:
        return None, [
            Problem(pointer="", code="too-deep", message="the JSON is nested too deeply to read")
        ]
    problems = _find_duplicates(value)
    return _plain(value), problems
