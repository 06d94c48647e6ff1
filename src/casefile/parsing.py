"""Strict JSON parsing: bytes to Python data, or problems that say exactly where.

Python's ``json.loads`` is lenient where a casefile must not be: it keeps the last of two
duplicate keys (losing data silently), accepts ``NaN`` and ``Infinity`` (not JSON), and turns
``1e400`` into infinity. This module refuses all of these, and reports bytes that do not parse
with the line and column where the parser stopped.

Each refused value is reported at its JSON Pointer: the parser hooks put a marker where the
value stood, and a walk after parsing finds the markers. Strings holding lone surrogates
(``"\\ud800"``, which no UTF-8 file can carry) and nesting deeper than ``MAX_DEPTH`` are
refused the same way, so nothing downstream meets them.

A UTF-8 byte-order mark at the start is accepted and ignored, as RFC 8259 allows parsers to do;
the library never writes one.

With orjson installed (the ``fast`` extra), text that holds nothing it would read differently
(no integer of 19 digits, no escaped colon) is parsed by it, and its result is kept only when
it dropped no duplicate key (``_quick_parse``); everything else takes the careful road above,
so the result and the problems are the same either way.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from ._optional import orjson
from .errors import Problem, pointer
from .limits import EXPANSION, EXPANSION_ALLOWANCE, MAX_CONTAINERS, MAX_DEPTH

__all__ = ["MAX_DEPTH", "parse_json", "value_problems"]


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


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_lone_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _line_column(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def value_problems(value: Any, *, depth: int = 0) -> list[Problem]:
    """Check JSON-ready data made in Python: non-finite numbers, lone surrogates, deep nesting.

    Args:
        value: the data.
        depth: how deep ``value`` itself stands in the data it belongs to, for the nesting limit.
    """
    return _find_problems(value, depth)


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


#: Strings this long or longer are counted once however many places hold the same object;
#: shorter ones are counted at each place (sharing them multiplies the input by at most this).
_TRACKED = 64


def _find_problems(value: Any, depth: int = 0) -> list[Problem]:
    """Walk data for refused values and keys, duplicate keys, deep nesting and blow-ups.

    Data made in Python may hold one list, dict or long string in several places (a DAG), or a
    list or dict inside itself (a cycle). Each container is walked once: a cycle is reported
    where it closes (``too-deep``: the data is infinitely deep); a container met again is
    not walked again, but what it would add when written out is counted, and so is a long
    string met again. When that count passes ``EXPANSION`` times the data as held plus
    ``EXPANSION_ALLOWANCE`` (see ``casefile.limits``), the walk stops with ``too-many-values``:
    a few nested lists, each holding the last many times over, would otherwise stand for
    billions of values. Parsed JSON never shares, and is walked as before.
    """
    problems: list[Problem] = []
    # (node, place, parent's id, depth); a place is (parent place, key) as in casefile.plan.
    stack: list[tuple[Any, Any, int, int]] = [(value, None, 0, depth)]
    # What each container adds when written out: running while it is open, final once closed.
    open_sizes: dict[int, int] = {0: 0}
    sizes: dict[int, int] = {}
    strings: set[int] = set()
    written = held = 0
    pop, push = stack.pop, stack.append
    while stack:
        node, place, parent, depth = pop()
        if node is _CLOSE:
            key = place
            size = open_sizes.pop(key)
            sizes[key] = size
            open_sizes[parent] += size
            continue
        if isinstance(node, dict | list):
            key = id(node)
            if key in sizes:  # met before: count it again, walk it once
                open_sizes[parent] += sizes[key]
                written += sizes[key]
            elif key in open_sizes:
                problems.append(
                    Problem(
                        pointer=place_pointer(place),
                        code="too-deep",
                        message="this array or object holds itself: the data is infinitely deep",
                    )
                )
                continue
            else:
                found = _value_problem(node, depth)
                if found is not None:
                    problems.append(
                        Problem(pointer=place_pointer(place), code=found[0], message=found[1])
                    )
                    sizes[key] = 1
                    open_sizes[parent] += 1
                    continue
                open_sizes[key] = 1
                written += 1
                held += 1
                push((_CLOSE, key, parent, depth))
                if isinstance(node, dict):
                    _check_keys(node, place, problems)
                    items = list(node.items())
                    for k, v in reversed(items):
                        if isinstance(k, str):
                            push((v, (place, k), key, depth + 1))
                            open_sizes[key] += 1 + len(k)
                            written += 1 + len(k)
                            held += 1 + len(k)
                else:
                    for i in range(len(node) - 1, -1, -1):
                        push((node[i], (place, i), key, depth + 1))
        else:
            if type(node) is str:
                cost = 1 + len(node)
                found = None if node.isascii() else _value_problem(node, depth)
            else:
                cost = 1
                found = _value_problem(node, depth)
            written += cost
            if cost < _TRACKED or id(node) not in strings:
                held += cost
                if cost >= _TRACKED:
                    strings.add(id(node))
            open_sizes[parent] += cost
            if found is not None:
                problems.append(
                    Problem(pointer=place_pointer(place), code=found[0], message=found[1])
                )
        if written > EXPANSION * held + EXPANSION_ALLOWANCE:
            problems.append(
                Problem(
                    pointer="",
                    code="too-many-values",
                    message=f"written out, the data would hold more than {written:,} values "
                    f"and characters, over {EXPANSION} times the {held:,} it holds (plus "
                    f"{EXPANSION_ALLOWANCE:,}): lists, objects or long strings are used in many "
                    "places over",
                )
            )
            break
    return sorted(problems, key=lambda p: p.pointer)


#: Marks, on the walk's stack, where a container's items end.
_CLOSE = object()


def _check_keys(node: dict[Any, Any], place: Any, problems: list[Problem]) -> None:
    for key in node:
        found = _key_problem(key)
        if found is not None:
            problems.append(
                Problem(pointer=place_pointer((place, str(key))), code=found[0], message=found[1])
            )
    for key in getattr(node, "duplicates", ()):
        problems.append(
            Problem(
                pointer=place_pointer((place, key)),
                code="duplicate-key",
                message=f"key {key!r} appears more than once in this object; "
                "JSON parsers disagree on which value wins, so it is refused",
            )
        )


def place_pointer(place: Any) -> str:
    """Return the JSON Pointer of a place, (parent place, key) pairs ending in None."""
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key)
    return pointer(*reversed(keys))


def parse_json(data: bytes | str | Callable[[], bytes]) -> tuple[Any, list[Problem]]:
    """Parse JSON text strictly; return the data and the problems found.

    When the problems are not empty the data is None (the bytes did not parse) or must not be
    trusted (a duplicate key). Bytes must be UTF-8. ``data`` may also be a function that
    returns the bytes, called once: the parser then holds the only reference to them and lets
    them go as soon as they are decoded, so that a large file is never in memory three times
    over (bytes, text and parsed data) as it is for ``json.loads(bytes)``.

    Most files hold nothing to refuse, and are read in one pass of ``json.loads`` with a
    light duplicate-key check, after scans of the raw bytes (each a few milliseconds for
    megabytes) have shown that no integer is too long, no surrogate is escaped and no nesting is
    too deep. Only when a scan finds a suspect, or a value is refused, does parsing take the
    slower road that marks every refused value and walks the result for its pointer.
    """
    if callable(data):
        data = data()
    bom = 0
    text: str | None = None
    if isinstance(data, bytes):
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        raw: bytes | None = data[bom:] if bom else data
    else:
        text = data.removeprefix("\ufeff")
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:  # a raw lone surrogate: only a str can hold one
            raw = None
    del data  # the bytes are held by ``raw`` alone, to be let go once decoded
    crowded, suspect = None, True
    if raw is not None:
        marks = _Marks(raw)
        quick = _quick_parse(raw, marks)
        if quick is not _CAREFUL:
            return quick, []
        crowded, suspect = _scan(raw, marks)
        del marks
        if text is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                return None, [_utf8_problem(raw, error, bom)]
        raw = None
    assert text is not None
    if not text.strip():
        return None, [
            Problem(pointer="", code="empty", message="the file is empty; expected a JSON object")
        ]
    if crowded is not None:
        return None, [crowded]
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
    del text
    if not (marked or suspect):
        return value, []
    problems = _find_problems(value)
    return (None if problems else value), problems


def _scan(raw: bytes, marks: _Marks) -> tuple[Problem | None, bool]:
    """The scans of the raw bytes: a problem if too crowded, and whether a value is suspect."""
    crowded = _crowded(raw, marks.brackets)
    return crowded, crowded is None and _suspect(raw, marks.brackets)


class _Marks:
    """The brackets of JSON text in order, and how many colons it holds, from one pass.

    Brackets and colons inside strings are counted too: the scans that use them only ever
    over-estimate from that, and the colons are compared with text written from the parsed
    data, whose strings are the same.
    """

    __slots__ = ("brackets", "colons")

    def __init__(self, raw: bytes) -> None:
        kept = raw.translate(None, _NOT_MARKS)
        self.colons = kept.count(b":")
        self.brackets = kept.replace(b":", b"") if self.colons else kept


#: Returned by ``_quick_parse`` when the text must take the careful road.
_CAREFUL: Any = object()


def _quick_parse(raw: bytes, marks: _Marks) -> Any:
    """Parse UTF-8 JSON with orjson when it gives exactly what the careful road would.

    orjson (the ``fast`` extra) refuses by itself all that the careful road refuses but two
    things: it keeps the last of two duplicate keys, and it turns an integer beyond 64 bits
    into a float. So the quick road is taken only when no integer has 19 digits or more
    (``_long_integer``; every integer then fits in 64 bits), nothing is too deep or too
    crowded, and no colon is escaped (``\\u003a``). Its result is kept only when the text orjson
    writes from it holds as many colons as the input (``_colons``): each object member has one colon
    outside strings, and the strings are the same in both, so a duplicate key (whose member
    is dropped) always leaves fewer. Anything orjson refuses, or any doubt, returns
    ``_CAREFUL``, and the careful road reports it with its place.
    """
    encoder = orjson()
    if (
        encoder is None
        or _crowded_count(marks.brackets) > MAX_CONTAINERS
        or _too_deep(marks.brackets)
        or _ESCAPED_COLON in raw
        or _long_integer(raw)
    ):
        return _CAREFUL
    try:
        value = encoder.loads(raw)
    except encoder.JSONDecodeError:
        return _CAREFUL
    if _colons(encoder, value) != marks.colons:
        return _CAREFUL
    return value


#: Items of a long array written out at a time to count their colons.
_SLICE = 1_000


def _colons(encoder: Any, value: Any) -> int:
    """How many colons parsed data holds written out (one per object member, and those in
    strings). The members of the top object, and the items of each array in it, are written a
    slice at a time, so that the text written never stands in memory whole beside the data."""
    if type(value) is not dict:
        return int(encoder.dumps(value).count(b":"))
    count = len(value)
    for member in value.values():
        if type(member) is list:
            for start in range(0, len(member), _SLICE):
                count += encoder.dumps(member[start : start + _SLICE]).count(b":")
        else:
            count += encoder.dumps(member).count(b":")
    return count


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
# Integers of up to 18 digits fit in 64 bits, where orjson keeps them integers.
_LONG_INTEGER = b"0" * 19
_ESCAPED_COLON = b"\\u003"
_ZERO, _MINUS = ord("0"), ord("-")
_WHITE_SPACE = frozenset(b" \t\r\n")
_BEFORE_A_NUMBER = frozenset(b"[,:")
# Every byte but the four brackets, deleted to leave the nesting behind.
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_NOT_MARKS = bytes(set(range(256)) - set(b"[]{}:"))


# A JSON string, whatever it holds, for removing them all at once.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
# Both opening brackets as one, so that a run of them is one substring search.
_OPENERS_ALIKE = bytes.maketrans(b"{", b"[")
_TOO_DEEP_RUN = b"[" * (MAX_DEPTH + 1)


def _crowded(raw: bytes, brackets: bytes) -> Problem | None:
    """A problem when the text holds more than ``MAX_CONTAINERS`` arrays and objects.

    Each costs about sixty bytes once read, so a file of nothing but brackets would need thirty
    times its size in memory; it is refused before parsing. Brackets are counted first with
    those inside strings (a count that only ever over-estimates, and is quick), then, if that
    passes the limit, again with the strings taken out. A text refused that way whose brackets
    nest too deeply is reported as that instead (a run of opening brackets, once strings are
    out, nests as deep as it is long).
    """
    if _crowded_count(brackets) <= MAX_CONTAINERS:
        return None
    bare = _STRING.sub(b'""', raw)
    if bare.count(b"[") + bare.count(b"{") <= MAX_CONTAINERS:
        return None
    if _TOO_DEEP_RUN in bare.translate(_OPENERS_ALIKE, _NOT_BRACKETS):
        return Problem(
            pointer="",
            code="too-deep",
            message=f"arrays and objects are nested more than {MAX_DEPTH} deep",
        )
    return Problem(
        pointer="",
        code="too-many-values",
        message=f"the file holds more than {MAX_CONTAINERS:,} arrays and objects; each costs "
        "memory when read, so it is refused unread (a casefile holds about one per 45 bytes)",
    )


def _long_integer(raw: bytes) -> bool:
    """Whether JSON text may hold an integer of 19 digits or more; never wrongly says no.

    Digits are found as runs of zeros once each is turned into one. A run that long is most
    often inside a string (a SHA-256 digest in hex holds some): an integer's digits start
    after a bracket, a comma or a colon (with white space and a minus sign between), so a run
    that starts after anything else is not one, and the search goes on past it.
    """
    zeros = raw.translate(_DIGITS_TO_ZEROS)
    start = zeros.find(_LONG_INTEGER)
    while start != -1:
        end = start + len(_LONG_INTEGER)
        while start > 0 and zeros[start - 1] == _ZERO:
            start -= 1
        before = start - 1
        if before >= 0 and zeros[before] == _MINUS:
            before -= 1
        while before >= 0 and zeros[before] in _WHITE_SPACE:
            before -= 1
        if before < 0 or zeros[before] in _BEFORE_A_NUMBER:
            return True
        start = zeros.find(_LONG_INTEGER, end)
    return False


def _crowded_count(brackets: bytes) -> int:
    """How many arrays and objects the brackets open (strings' brackets included)."""
    return brackets.count(b"[") + brackets.count(b"{")


def _too_deep(brackets: bytes) -> bool:
    """Whether brackets may nest deeper than ``MAX_DEPTH``; never wrongly says no.

    Innermost pairs are deleted round by round, each round removing at least one level and
    at most two, so brackets that empty within ``MAX_DEPTH // 2`` rounds nest less deeply than
    the limit. Brackets that stop pairing up (some stood inside strings) are a doubt, and so a
    yes.
    """
    if _TOO_DEEP_RUN in brackets.translate(_OPENERS_ALIKE):
        return True  # one search settles the deepest files, which need no rounds
    for _ in range(MAX_DEPTH // 2 - 1):
        if not brackets:
            return False
        fewer = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if len(fewer) == len(brackets):
            return True
        brackets = fewer
    return bool(brackets)


def _suspect(raw: bytes, brackets: bytes) -> bool:
    """Whether UTF-8 JSON may hold something to refuse; never wrongly says no.

    A lone surrogate can only come from a ``\\u`` escape (UTF-8 cannot carry one raw); an
    integer beyond a double's range needs 309 digits; and nesting can only pass
    ``MAX_DEPTH`` if the brackets in the text nest as deep (``_too_deep``).
    """
    return (
        _ESCAPED_SURROGATE.search(raw) is not None
        or _LONG_NUMBER in raw.translate(_DIGITS_TO_ZEROS)
        or _too_deep(brackets)
    )
