"""Text for terminals: the one layer every command's text output goes through.

The rules, for every command that prints text:

- **Data is never printed raw.** Runs of white space in a value become one space (the text
  is wrapped afresh); every other control character (C0 and C1 controls, DEL, the line and
  paragraph separators, the bidirectional overrides and isolates, lone surrogates) is written
  as its escape, ``\\x1b`` or ``\\u202e``, so a name or a quote cannot move the cursor, change
  colours, set a window title or reorder what follows it. Nothing is read as markup: a
  ``[bold]`` in a quote is printed as it is.
- **Width** is the ``--width`` given, else ``COLUMNS``, else the width of the terminal being
  written to, else 80 (a pipe or a file).
- **Tables** have a header row; a column is as wide as its longest cell and no wider, and
  columns are two spaces apart. When a table is wider than the width, the columns that
  hold prose are wrapped at spaces, and words are never cut: the room left by the columns that
  are never wrapped (ids, dates, numbers) is shared among them in proportion to their longest
  lines.
  When that cannot fit, or leaves a column of prose too narrow to read (under 20 columns),
  each row is printed as a block instead: its first cell, then ``Header: value`` lines. A
  table whose rows take more than one line has a blank line between rows.
- **Shortened text ends with an ellipsis** (…).
- **Progress**: work that is still running after a second shows a bar on standard error,
  when standard error is a terminal, and the bar is cleared before anything else is printed.

Widths are counted in terminal columns: wide (East Asian) characters take two, combining
marks none.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    import threading

__all__ = [
    "DEFAULT_WIDTH",
    "ELLIPSIS",
    "MIN_WIDTH",
    "Column",
    "Progress",
    "clean",
    "escape",
    "escape_json",
    "escape_lines",
    "excerpt",
    "paragraph",
    "shorten",
    "table",
    "terminal_width",
    "width_of",
    "wrap",
]

DEFAULT_WIDTH = 80
"""The width when neither ``--width``, ``COLUMNS`` nor a terminal says otherwise."""
MIN_WIDTH = 20
"""The narrowest width laid out; a narrower one is taken as this."""
ELLIPSIS = "\u2026"
GAP = "  "
#: A column of prose narrower than this (and than its longest line) is too narrow to read:
#: the table is printed as blocks instead.
READABLE = 20

# Control characters as the module docstring lists them, but the newline, which ``escape``
# handles apart: one pattern to compile, at start-up.
_CONTROL_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape(text: str) -> str:
    """Return ``text`` with every control character, newlines included, written as an escape."""
    return _CONTROL_BUT_NEWLINE.sub(_escaped, text).replace("\n", "\\x0a")


def escape_lines(text: str) -> str:
    """Return laid-out ``text`` with every control character but the newline escaped."""
    return _CONTROL_BUT_NEWLINE.sub(_escaped, text)


def escape_json(text: str) -> str:
    """Return JSON text with the control characters ``json.dumps`` leaves raw as ``\\uXXXX``.

    ``json.dumps`` escapes C0 controls but, with ``ensure_ascii=False``, leaves C1 controls,
    bidirectional controls, separators and lone surrogates as they are. Outside strings JSON
    text holds none of them, so each is inside a string and its ``\\u`` escape means the same.
    """
    return _CONTROL_BUT_NEWLINE.sub(_json_escaped, text)


def clean(text: str) -> str:
    """Return a value ready to lay out: white space collapsed to single spaces, controls escaped."""
    return escape(" ".join(text.split()))


def width_of(text: str) -> int:
    """Return how many terminal columns ``text`` takes."""
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """Wrap cleaned ``text`` at spaces into lines of at most ``width`` columns.

    A word wider than its line stands alone on it, whole: ids, numbers and addresses are never
    cut. ``first`` is the width of the first line, where it differs; a word that does not fit
    there but would on the others leaves the first line empty.
    """
    lines: list[str] = []
    current: list[str] = []
    used = 0
    room = width if first is None else first
    for word in text.split(" "):
        if not word:
            continue
        size = width_of(word)
        if current and used + 1 + size > room:
            lines.append(" ".join(current))
            current, used, room = [], 0, width
        elif not current and not lines and size > room and room < width:
            lines.append("")
            room = width
        used += size + (1 if current else 0)
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines or [""]


def paragraph(text: str, width: int, first: str = "", rest: str | None = None) -> str:
    """Return ``text`` cleaned and wrapped to ``width``, each line ending in a newline.

    Args:
        text: the text (data: it is cleaned here).
        width: the width of the whole line, prefixes included.
        first: written before the first line (an indent, or a label).
        rest: written before the other lines; as many spaces as ``first`` by default.
    """
    if rest is None:
        rest = " " * width_of(first)
    text = clean(text)
    room = max(width - width_of(first), 1)
    if first.strip() and width_of(text.split(" ", 1)[0]) > room:
        # A label, then a word too long to go beside it: the word starts the next line, so
        # that a line too long for the width is that one word alone.
        room = 0
    lines = wrap(text, max(width - width_of(rest), 1), room)
    out = [first + lines[0]] + [rest + line for line in lines[1:]]
    return "".join(line.rstrip() + "\n" for line in out)


def shorten(text: str, limit: int) -> str:
    """Return cleaned ``text`` cut to at most ``limit`` columns, ending in an ellipsis if cut.

    The cut falls at a space where one is near the end, so words stay whole.
    """
    text = clean(text)
    if width_of(text) <= limit:
        return text
    cut = ""
    used = 0
    for ch in text:
        size = width_of(ch)
        if used + size > limit - 1:
            break
        cut += ch
        used += size
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ELLIPSIS


def excerpt(text: str, needle: str, limit: int) -> str:
    """Return the part of cleaned ``text`` around the first match of ``needle`` (any case).

    At most about ``limit`` columns; an ellipsis marks text left out at either end.
    """
    text = clean(text)
    if width_of(text) <= limit:
        return text
    at = text.casefold().find(needle.casefold())
    start = max(0, at - limit // 3) if at > 0 else 0
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
        return shorten(ELLIPSIS + text[start:], limit)
    return shorten(text, limit)


class Column(NamedTuple):
    """One column of a table (a named tuple: quicker to define at start-up than an attrs class).

    Attributes:
        header: its heading, in capitals in the header row.
        wrap: whether its cells may be wrapped; ids, dates and numbers are not.
    """

    header: str
    wrap: bool = True


#: A cell: a value (cleaned when laid out), or several, each starting a line of its own; a
#: value of several that is wrapped goes on indented by ``HANG``, so each start stands out.
Cell = str | tuple[str, ...]
HANG = "  "


def _parts(cell: Cell) -> list[str]:
    parts = [cell] if isinstance(cell, str) else list(cell)
    return [c for c in (clean(p) for p in parts) if c]


def _hangs(cell: Cell) -> bool:
    return not isinstance(cell, str) and len(cell) > 1


def _wrap_part(text: str, width: int, hang: bool) -> list[str]:
    if not hang:
        return wrap(text, width)
    first, *rest = wrap(text, width)
    rest = wrap(" ".join(rest), width - len(HANG)) if rest else []
    return [first] + [HANG + line for line in rest]


def table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int) -> str:
    """Lay out a table with a header row to fit ``width`` columns (see the module docstring).

    Returns the lines, each ending in a newline; nothing for no rows.
    """
    if not rows:
        return ""
    cells = [[_parts(cell) for cell in row] for row in rows]
    hangs = [[_hangs(cell) for cell in row] for row in rows]
    headers = [c.header.upper() for c in columns]
    natural = [
        max([width_of(h)] + [width_of(p) for row in cells for p in row[i]])
        for i, h in enumerate(headers)
    ]
    minimum = [
        natural[i]
        if not column.wrap
        else max(
            [width_of(headers[i])]
            + [
                width_of(w) + (len(HANG) if hang[i] else 0)
                for row, hang in zip(cells, hangs, strict=True)
                for p in row[i]
                for w in p.split(" ")
            ]
        )
        for i, column in enumerate(columns)
    ]
    room = width - len(GAP) * (len(columns) - 1)
    # A column of prose gets at least READABLE columns (or its longest line, if shorter).
    readable = [
        max(m, min(n, READABLE)) if column.wrap else m
        for column, m, n in zip(columns, minimum, natural, strict=True)
    ]
    if sum(readable) > room:
        return _blocks(columns, cells, hangs, width)
    widths = _share(natural, readable, room)
    laid = [_row([[h] for h in headers], [False] * len(headers), widths)]
    laid += [_row(row, hang, widths) for row, hang in zip(cells, hangs, strict=True)]
    separate = any(len(lines) > 1 for lines in laid[1:])
    out = [*laid[0]]
    for lines in laid[1:]:
        if separate:
            out.append("")
        out.extend(lines)
    return "".join(line + "\n" for line in out)


def _share(natural: list[int], minimum: list[int], room: int) -> list[int]:
    """Give each column its minimum, then share what is left among those wanting more.

    Each gets a share in proportion to what it wants beyond its minimum, never more than its
    longest line; what a column cannot use goes round again to the others.
    """
    widths = list(minimum)
    spare = room - sum(widths)
    while spare > 0:
        wanting = {i: natural[i] - widths[i] for i in range(len(widths)) if natural[i] > widths[i]}
        if not wanting:
            break
        total = sum(wanting.values())
        given = 0
        for i, want in wanting.items():
            give = min(want, spare * want // total)
            widths[i] += give
            given += give
        if given == 0:  # shares rounded down to nothing: one column at a time
            i = max(wanting, key=wanting.__getitem__)
            widths[i] += 1
            given = 1
        spare -= given
    return widths


def _row(row: Sequence[list[str]], hangs: Sequence[bool], widths: Sequence[int]) -> list[str]:
    wrapped = [
        [line for p in parts for line in _wrap_part(p, w, hang)]
        for parts, hang, w in zip(row, hangs, widths, strict=True)
    ]
    height = max(len(lines) for lines in wrapped)
    out = []
    for n in range(height):
        cells = []
        for lines, w in zip(wrapped, widths, strict=True):
            line = lines[n] if n < len(lines) else ""
            cells.append(line + " " * (w - width_of(line)))
        out.append(GAP.join(cells).rstrip())
    return out


def _blocks(
    columns: Sequence[Column],
    cells: list[list[list[str]]],
    hangs: list[list[bool]],
    width: int,
) -> str:
    """Each row as a block: its first cell, then ``Header: value`` lines; blank lines between."""
    blocks = []
    for row, hang in zip(cells, hangs, strict=True):
        text = "".join(paragraph(p, width) for p in row[0])
        for column, parts, hanging in zip(columns[1:], row[1:], hang[1:], strict=True):
            label = f"  {column.header.capitalize()}: "
            under = " " * len(label)
            rest = under + HANG if hanging else "    "
            for i, part in enumerate(parts):
                text += paragraph(part, width, label if i == 0 else under, rest)
        blocks.append(text)
    return "\n".join(blocks)


def terminal_width(stream: TextIO, requested: int | None = None) -> int:
    """Return the width to lay out text for ``stream`` (see the module docstring)."""
    if requested:
        return max(requested, MIN_WIDTH)
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    try:
        if stream.isatty():
            size = os.get_terminal_size(stream.fileno()).columns
            if size > 0:
                return max(size, MIN_WIDTH)
    except (AttributeError, OSError, ValueError):  # no file descriptor, or not a terminal
        pass
    return DEFAULT_WIDTH


class Progress:
    """A progress bar on a terminal, for work that takes more than a moment.

    Nothing is drawn unless ``stream`` is a terminal (and ``TERM`` is not ``dumb``), nor before
    ``delay`` seconds have passed, so quick commands and pipes never see it. A thread redraws
    the bar every ``interval`` seconds: a filled bar with a count when ``total`` is known,
    else a block moving to and fro with the seconds spent. ``stop`` (or leaving the ``with``
    block) clears it; call it before printing anything else.

    Attributes:
        label: what is being done; shown before the bar, escaped.
        done: how much of ``total`` is done.
        total: how much there is to do, if known.
    """

    def __init__(self, stream: TextIO | None, *, delay: float = 1.0, interval: float = 0.1) -> None:
        self.label = ""
        self.done = 0
        self.total: int | None = None
        self._stream = stream
        self._delay = delay
        self._interval = interval
        self._started = time.monotonic()
        self._drawn = 0
        self._thread: threading.Thread | None = None
        self._stopping: threading.Event | None = None

    @property
    def enabled(self) -> bool:
        """Whether the bar can be drawn at all: the stream is a terminal."""
        stream = self._stream
        if stream is None or os.environ.get("TERM") == "dumb":
            return False
        try:
            return bool(stream.isatty())
        except (AttributeError, ValueError):
            return False

    def start(self) -> Progress:
        """Start timing, and the thread that draws the bar once ``delay`` has passed."""
        self._started = time.monotonic()
        if self.enabled and self._thread is None:
            import threading  # only where a bar may be drawn: it costs start-up time

            self._stopping = threading.Event()
            self._thread = threading.Thread(target=self._run, name="casefile-progress")
            self._thread.daemon = True
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop drawing and clear the bar, if it was drawn; safe to call more than once."""
        if self._thread is not None and self._stopping is not None:
            self._stopping.set()
            self._thread.join()
            self._thread = None
        if self._drawn and self._stream is not None:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()
            self._drawn = 0

    def __enter__(self) -> Progress:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        assert self._stopping is not None
        if self._stopping.wait(self._delay):
            return
        while not self._stopping.is_set():
            self._draw()
            self._stopping.wait(self._interval)

    def line(self, width: int = DEFAULT_WIDTH) -> str:
        """The bar as it would be drawn now, its label shortened to fit ``width``."""
        size = 20
        elapsed = time.monotonic() - self._started
        if self.total:
            filled = min(size, size * self.done // self.total)
            bar = "=" * filled + " " * (size - filled)
            count = f"{self.done}/{self.total}"
        else:
            block = 4
            step = int(elapsed / self._interval) % (2 * (size - block))
            at = step if step < size - block else 2 * (size - block) - step
            bar = " " * at + "=" * block + " " * (size - block - at)
            count = f"{elapsed:.0f} s"
        tail = f"[{bar}] {count}"
        label = shorten(self.label, max(width - width_of(tail) - 1, 1))
        return f"{label} {tail}".lstrip()

    def _draw(self) -> None:
        assert self._stream is not None
        width = terminal_width(self._stream) - 1
        text = self.line(width)
        if width_of(text) > width:
            text = shorten(text, width)
        self._stream.write("\r" + text + " " * max(self._drawn - width_of(text), 0))
        self._stream.flush()
        self._drawn = max(self._drawn, width_of(text))
