"""Where a value stands in a structured document: a CSV cell, or a JSON value by its pointer.

An attribution may quote a table's cell or a JSON record's value rather than words of prose.
Its quote then carries, beside the text and offsets every quote has, a ``cell`` or a
``pointer``, and validation re-reads the document and checks that the cell or value is still
exactly the quoted text at the quoted offsets. The meaning is pinned here so that a validator
in another language agrees (docs/interoperability.md states the same rules):

**CSV** (RFC 4180, numbered as RFC 7111 numbers fragments):

- the text is the document's UTF-8 text; a byte-order mark is the first code point of the
  text (offsets count it) but not part of the first header's name;
- records are separated by CRLF, LF or CR; a final line break ends the last record rather than
  starting another; a cell in double quotes may hold the delimiter, line breaks and doubled
  double quotes;
- rows count records from 1, the header line being row 1; columns count cells from 1; a
  column may also be named by its header (the text of row 1's cell), which must then be
  unique in the header row (``ambiguous-header`` otherwise), and agree with the column
  number where both are given;
- the delimiter is a comma unless the document says otherwise (``Document.delimiter``), or
  a tab for the media type ``text/tab-separated-values``;
- a cell's text, and so its quote's offsets, is what stands between the delimiters: for a
  quoted cell, what stands inside the quotes, doubled quotes as written. An empty cell is a
  quote of no characters at the cell's place: what was recorded as empty is itself data.

**JSON** (RFC 8259 text, RFC 6901 pointers):

- the pointer names a value; its text is the value's token as written in the document: a
  number as written (``1.0`` stays ``1.0``), ``true``, ``false`` or ``null``, a string's
  characters inside its quotes with escapes as written, an object or array whole;
- where an object has a member name twice, the pointer names the last (as most parsers keep).
"""

from __future__ import annotations

import json

__all__ = [
    "LocateError",
    "Spans",
    "cell_name",
    "csv_cells",
    "delimiter_of",
    "header_column",
    "json_values",
]


class LocateError(ValueError):
    """A structured document that cannot be read as its media type says."""


#: A span of code points, end exclusive.
Spans = tuple[int, int]


def csv_cells(text: str, delimiter: str = ",") -> list[list[Spans]]:
    """Every cell's span, row by row (see the module docstring for the rules).

    Raises:
        LocateError: a quoted cell never closes, or a closing quote is followed by text.
    """
    rows: list[list[Spans]] = []
    row: list[Spans] = []
    i, n = 0, len(text)
    if n == 0:
        return rows
    while True:
        if i < n and text[i] == '"':
            start = i + 1
            j = start
            while True:
                j = text.find('"', j)
                if j < 0:
                    raise LocateError(f"a quoted cell opened at {i} never closes")
                if j + 1 < n and text[j + 1] == '"':
                    j += 2
                    continue
                break
            row.append((start, j))
            i = j + 1
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                raise LocateError(f"text follows the closing quote of a cell at {j}")
        else:
            j = i
            while j < n and text[j] not in (delimiter, "\r", "\n"):
                j += 1
            row.append((i, j))
            i = j
        if i < n and text[i] == delimiter:
            i += 1
            continue
        rows.append(row)
        row = []
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        if i >= n:
            return rows


def delimiter_of(media_type: str, delimiter: str | None) -> str:
    """The delimiter of a document: its own, else a tab for tab-separated values, else ","."""
    if delimiter is not None:
        return delimiter
    return "\t" if "tab-separated-values" in media_type.lower() else ","


def header_column(text: str, cells: list[list[Spans]], header: str) -> list[int]:
    """The columns (from 1) whose header, in row 1, is ``header``."""
    if not cells:
        return []
    names = [text[a:b] for a, b in cells[0]]
    if names and names[0].startswith("\ufeff"):
        names[0] = names[0][1:]
    return [i + 1 for i, name in enumerate(names) if name == header]


def json_values(text: str) -> dict[str, Spans]:
    """Every value's span, by its JSON Pointer (see the module docstring for the rules).

    Raises:
        LocateError: the text is not JSON.
    """
    try:
        json.loads(text)
    except ValueError as error:
        raise LocateError(f"not JSON: {error}") from None
    spans: dict[str, Spans] = {}
    decoder = json.JSONDecoder()
    # An explicit stack of (pointer of the container, is object, next index, start offset).
    stack: list[list[object]] = []
    i = _skip(text, 0)
    pending = ""  # the pointer of the next value to read
    while True:
        char = text[i]
        if char in "{[":
            stack.append([pending, char == "{", 0, i])
            i = _skip(text, i + 1)
            closing = "}" if char == "{" else "]"
            if text[i] == closing:
                opened = stack.pop()
                spans[pending] = (int(str(opened[3])), i + 1)
                i = _skip(text, i + 1)
                following, i = _after_value(text, i, stack, spans)
                if following is None:
                    return spans
                pending = following
                continue
            if char == "{":
                pending, i = _member(text, i, stack, decoder)
            else:
                pending = f"{stack[-1][0]}/0"
            continue
        if char == '"':
            end = _string_end(text, i)
            spans[pending] = (i + 1, end - 1)
            i = end
        else:
            _, end = decoder.raw_decode(text, i)
            spans[pending] = (i, end)
            i = end
        i = _skip(text, i)
        pending_next, i = _after_value(text, i, stack, spans)
        if pending_next is None:
            return spans
        pending = pending_next


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _string_end(text: str, i: int) -> int:
    """The offset just past the string token starting at ``i``."""
    j = i + 1
    while True:
        j = text.find('"', j)
        backslashes = 0
        k = j - 1
        while text[k] == "\\":
            backslashes += 1
            k -= 1
        if backslashes % 2 == 0:
            return j + 1
        j += 1


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _member(
    text: str, i: int, stack: list[list[object]], decoder: json.JSONDecoder
) -> tuple[str, int]:
    """Read a member name at ``i`` and its colon; return the value's pointer and offset."""
    name, end = decoder.raw_decode(text, i)
    i = _skip(text, end)
    i = _skip(text, i + 1)  # the colon
    return f"{stack[-1][0]}/{_escape(str(name))}", i


def _after_value(
    text: str, i: int, stack: list[list[object]], spans: dict[str, Spans]
) -> tuple[str | None, int]:
    """After a value: the next value's pointer and offset, closing containers on the way."""
    decoder = json.JSONDecoder()
    while stack:
        frame = stack[-1]
        if text[i] == ",":
            i = _skip(text, i + 1)
            frame[2] = int(str(frame[2])) + 1
            if frame[1]:
                return _member(text, i, stack, decoder)
            return f"{frame[0]}/{frame[2]}", i
        # a closing bracket
        stack.pop()
        spans[str(frame[0])] = (int(str(frame[3])), i + 1)
        i = _skip(text, i + 1)
    return None, i


def cell_name(row: int, column: int | None, header: str | None) -> str:
    """A cell named for people: ``row 5, column 3 (Accused_Race_Code)``."""
    parts = [f"row {row}"]
    if column is not None:
        parts.append(f"column {column}")
    where = ", ".join(parts)
    if header is not None:
        where += f" ({header})" if column is not None else f", column {header!r}"
    return where
