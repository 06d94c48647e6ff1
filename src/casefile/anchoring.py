"""Anchoring quotes in documents: find the words, locate them, and check they are still there.

Offsets count Unicode code points of the document's text decoded from UTF-8, from 0, with the
end exclusive: the convention of W3C Web Annotation's TextPositionSelector and of Python
string slicing. (JavaScript strings count UTF-16 units: convert with ``Array.from(text)``.)

``find_quote`` is the step a builder uses: given the exact words, and optionally some text
just before or after them to pick one of several occurrences, it returns their position or
raises an error that names the quote and the closest text it found.
"""

from __future__ import annotations

import errno
import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Protocol

import attrs

from ._files import read_regular
from .errors import (
    AmbiguousQuote,
    DocumentError,
    FileError,
    MissingDocument,
    QuoteError,
    QuoteNotFound,
    UnsafePath,
)
from .limits import (
    CLOSEST_BUDGET,
    CLOSEST_WINDOW,
    DEFAULT_MAX_BYTES,
    MAX_OCCURRENCES,
    PROBE_HITS,
    PROBES,
)

__all__ = [
    "CONTEXT_LENGTH",
    "AmbiguousQuote",
    "Closest",
    "DocumentError",
    "MissingDocument",
    "QuoteError",
    "QuoteNotFound",
    "Span",
    "TextSearch",
    "UnsafePath",
    "closest_text",
    "context",
    "document_path",
    "find_quote",
    "normalise",
    "read_document",
    "sha256_hex",
]

#: How many code points of context a quote keeps on each side.
CONTEXT_LENGTH = 32

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


class Traversable(Protocol):
    """A file-like location: a ``pathlib.Path`` or an ``importlib.resources`` resource."""

    def joinpath(self, *child: str) -> Traversable: ...  # pragma: no cover
    def read_bytes(self) -> bytes: ...  # pragma: no cover
    def is_file(self) -> bool: ...  # pragma: no cover


@attrs.frozen
class Span:
    """Where a quote stands in a document: code point offsets, end exclusive."""

    start: int
    end: int


def read_document(
    root: Path | Traversable, relative: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """Return the bytes of document ``relative`` in ``root``, or raise ``DocumentError``.

    Every way of failing (a path leaving the folder, no such file, a name the system refuses,
    no permission, a file over ``max_bytes``, a pipe or a device, links that loop) becomes a
    DocumentError whose ``code`` a problem can carry.
    """
    try:
        file = document_path(root, relative)
        if isinstance(file, Path):
            return read_regular(file, max_bytes)
        if not file.is_file():
            raise MissingDocument(f"document file {relative!r} is not in the documents folder")
        return file.read_bytes()
    except DocumentError:
        raise
    except FileError as error:
        raise DocumentError(f"document {relative!r}: {error.reason}", error.code) from None
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise MissingDocument(
            f"document file {relative!r} is not in the documents folder"
        ) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise DocumentError(f"cannot read document {relative!r}: {reason}") from None


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 digest of ``data`` in lower-case hexadecimal."""
    return hashlib.sha256(data).hexdigest()


def normalise(text: str) -> str:
    """Fold white space runs to one space and curly quote marks to straight ones."""
    return " ".join(text.translate(_QUOTE_MARKS).split())


_SPACES = re.compile(r"\s+")
# How far from where earlier probes put it a probe is looked for first.
_SLACK = 64


def _probe_length(exact: str) -> int:
    return max(min(len(exact) // 8, 32), min(len(exact), 4))


@attrs.frozen
class Closest:
    """What a search for the closest text to a quote found.

    Attributes:
        span: where the closest stretch stands, or None when nothing in the text is alike.
        loose: the quote is in the text but for white space or the shape of quote marks; the
            span is then exactly where.
        searched: False when the search budget was spent before this search (``span`` is then
            None and ``loose`` unknown).
    """

    span: Span | None
    loose: bool = False
    searched: bool = True


class TextSearch:
    """Closest-text searches sharing one budget, and each text's folded form, made once.

    A quote that is not in its document is reported with the stretch most like it. Comparing
    the quote with every stretch costs the product of their lengths; instead a few short
    stretches of the quote (``PROBES``) are looked up, first near where the quote was recorded
    (``CLOSEST_WINDOW``), and the place most of them agree on is taken. All searches through
    one ``TextSearch`` read at most ``budget`` code points between them (``CLOSEST_BUDGET``),
    so a casefile of many bad quotes in big documents still costs a bounded amount.

    Args:
        budget: the code points all searches may read together.
    """

    def __init__(self, budget: int = CLOSEST_BUDGET) -> None:
        self.budget = budget
        self.spent = 0
        self.exhausted = False
        self._folded: dict[int, tuple[str, str]] = {}

    def _spend(self, amount: int) -> bool:
        if self.spent + amount > self.budget:
            self.exhausted = True
            return False
        self.spent += amount
        return True

    def find(self, text: str, exact: str) -> int:
        """Where ``exact`` first stands in ``text``, -1 if nowhere, -2 if the budget is spent."""
        if not self._spend(len(text)):
            return -2
        return text.find(exact)

    def closest(self, text: str, exact: str, near: int | None = None) -> Closest:
        """Find the stretch of ``text`` most like ``exact``, looking near ``near`` first."""
        if not exact or not text:
            return Closest(None)
        loose = self._loose(text, exact)
        if loose is None:
            return Closest(None, searched=False)
        if loose.span is not None:
            return loose
        if near is not None:
            low = max(near - CLOSEST_WINDOW, 0)
            high = min(near + len(exact) + CLOSEST_WINDOW, len(text))
            found = self._aligned(text, exact, low, high, near)
            if found is not None:
                return Closest(found)
        found = self._aligned(text, exact, 0, len(text), near or 0)
        return Closest(found, searched=found is not None or not self.exhausted)

    def _loose(self, text: str, exact: str) -> Closest | None:
        """The quote's place when only white space or quote marks differ; None if out of budget."""
        needle = normalise(exact)
        if not needle:
            return Closest(None)
        key = id(text)
        cached = self._folded.get(key)
        if cached is None or cached[0] is not text:
            if not self._spend(len(text)):
                return None
            cached = (text, _SPACES.sub(" ", text.translate(_QUOTE_MARKS)))
            self._folded[key] = cached
        folded = cached[1]
        if not self._spend(len(folded)):
            return None
        at = folded.find(needle)
        if at < 0:
            return Closest(None)
        # Map the folded offsets back: each run of white space became one space.
        if not self._spend(at + len(needle)):
            return None
        first, last = at, at + len(needle) - 1
        shift = 0
        start = end = None
        for run in _SPACES.finditer(text):
            begin, stop = run.span()
            if start is None and first < begin - shift:
                start = first + shift
            if last < begin - shift:
                end = last + shift + 1
                break
            shift += stop - begin - 1
        start = first + shift if start is None else start
        end = last + shift + 1 if end is None else end
        return Closest(Span(start, end), loose=True)

    def _aligned(self, text: str, exact: str, low: int, high: int, prefer: int) -> Span | None:
        """The stretch of ``text[low:high]`` as long as ``exact`` that most probes agree on.

        Each probe is looked for first where the places found so far put it (within
        ``_SLACK`` code points, for the letters a slip adds or drops), then, if it is not
        there, through the whole range. So a quote with a slip costs about one scan of the
        range, and one that matches nothing at most one scan a probe. Where several places get
        as many votes, the one nearest ``prefer`` wins.
        """
        length = _probe_length(exact)
        if high - low < length:
            return None
        last = len(exact) - length
        count = min(PROBES, last + 1)
        offsets = sorted({round(k * last / max(count - 1, 1)) for k in range(count)})
        votes: dict[int, int] = {}
        for offset in offsets:
            leaders = sorted(votes, key=votes.__getitem__, reverse=True)[:2]
            if any(self._near(text, exact, offset, length, d, low, high, votes) for d in leaders):
                continue
            at = low
            for _ in range(PROBE_HITS):
                found = text.find(exact[offset : offset + length], at, high)
                if not self._spend((found if found >= 0 else high) - at + length) or found < 0:
                    break
                votes[found - offset] = votes.get(found - offset, 0) + 1
                at = found + 1
        if not votes:
            return None
        best = max(votes, key=lambda d: (votes[d], -abs(d - prefer), -d))
        start = min(max(best, 0), max(len(text) - len(exact), 0))
        return Span(start, min(start + len(exact), len(text)))

    def _near(
        self,
        text: str,
        exact: str,
        offset: int,
        length: int,
        diagonal: int,
        low: int,
        high: int,
        votes: dict[int, int],
    ) -> bool:
        """Look for one probe where ``diagonal`` puts it; vote and say yes if it is there."""
        start = max(diagonal + offset - _SLACK, low)
        end = min(diagonal + offset + length + _SLACK, high)
        if end - start < length or not self._spend(end - start):
            return False
        found = text.find(exact[offset : offset + length], start, end)
        if found < 0:
            return False
        votes[found - offset] = votes.get(found - offset, 0) + 1
        return True


def closest_text(text: str, exact: str) -> str | None:
    """Return the stretch of ``text`` that looks most like ``exact``, or None if nothing does.

    Where ``exact`` differs from the text only by white space or quote marks, that stretch is
    returned exactly. Otherwise it is as long as ``exact``, placed where most of a few short
    stretches of ``exact`` stand in the text (see ``TextSearch``): cheap, and it points a person
    at the right place.
    """
    span = TextSearch().closest(text, exact).span
    return None if span is None else text[span.start : span.end]


def context(text: str, span: Span, length: int = CONTEXT_LENGTH) -> tuple[str | None, str | None]:
    """Return up to ``length`` code points before and after ``span`` (None where there are none)."""
    before = text[max(span.start - length, 0) : span.start]
    after = text[span.end : span.end + length]
    return (before or None, after or None)


def find_quote(
    text: str,
    exact: str,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    search: TextSearch | None = None,
    occurrence: int | None = None,
    near: int | None = None,
) -> Span:
    """Locate ``exact`` in ``text``; ``prefix``/``suffix``, ``occurrence`` or ``near`` pick
    one of several occurrences.

    An occurrence matches the context when the text just before it ends with ``prefix`` and
    the text just after it starts with ``suffix``. Of the occurrences that match, ``occurrence``
    takes the N-th (from 1), ``near`` the one starting closest to an offset (the earlier of
    two as close).

    Args:
        text: the document's text.
        exact: the words.
        prefix: text just before the words, to pick one occurrence.
        suffix: text just after the words, to pick one occurrence.
        search: where a builder anchoring many quotes keeps the budget of its closest-text
            searches (see ``TextSearch``); a fresh one by default.
        occurrence: take the N-th matching occurrence, counting from 1.
        near: take the matching occurrence that starts closest to this offset.

    Raises:
        QuoteNotFound: the words are not in the text. When they are there but for white space
            or the shape of quote marks, the message says so: such quotes are never accepted
            silently, since the casefile promises the exact words.
        AmbiguousQuote: they occur more than once and nothing picks one.
        QuoteNotFound: ``occurrence`` is past the last occurrence.
    """
    if occurrence is not None and occurrence < 1:
        raise ValueError(f"occurrence counts from 1 (got {occurrence})")
    if not exact:
        raise QuoteNotFound(exact, "the quote is empty")
    before = prefix or ""
    needle = before + exact + (suffix or "")
    starts: list[int] = []
    at = text.find(needle)
    # Overlapping occurrences count too: "ha ha" is twice in "ha ha ha".
    while at >= 0 and len(starts) < MAX_OCCURRENCES:
        starts.append(at + len(before))
        at = text.find(needle, at + 1)
    if starts and occurrence is not None:
        if occurrence > len(starts):
            raise QuoteNotFound(exact, f"occurs {len(starts)} times, not {occurrence}")
        return Span(starts[occurrence - 1], starts[occurrence - 1] + len(exact))
    if starts and near is not None:
        start = min(starts, key=lambda s: (abs(s - near), s))
        return Span(start, start + len(exact))
    if len(starts) == 1:
        return Span(starts[0], starts[0] + len(exact))
    if not starts:
        if needle != exact and exact in text:
            raise QuoteNotFound(exact, "no occurrence has the given prefix and suffix")
        found = (search or TextSearch()).closest(text, exact)
        closest = None if found.span is None else text[found.span.start : found.span.end]
        if found.loose:
            reason = "not in the document as written; it differs only by white space or quote marks"
        else:
            reason = "not in the document"
        if not found.searched:
            reason += " (the closest text was not looked for: the search budget is spent)"
        raise QuoteNotFound(exact, reason, closest)
    offsets = ", ".join(str(s) for s in starts[:5])
    times = f"at least {len(starts)}" if at >= 0 else str(len(starts))
    raise AmbiguousQuote(
        exact,
        f"occurs {times} times (at offsets {offsets}); add a prefix or suffix, an occurrence "
        "or a nearby offset to pick one",
    )


def document_path(root: Path | Traversable, relative: str) -> Path | Traversable:
    """Return the file ``relative`` inside ``root``, refusing any path that leaves ``root``.

    Refused: absolute paths, backslashes, ``..`` parts, and (for real folders) symbolic links
    that resolve outside ``root``. Such a file is never read.
    """
    posix = PurePosixPath(relative)
    if (
        not relative
        or "\\" in relative
        or posix.is_absolute()
        or ".." in posix.parts
        or re.match(r"^[A-Za-z]:", relative)
    ):
        raise UnsafePath(f"document path {relative!r} leaves the documents folder")
    target = root.joinpath(*posix.parts)
    if isinstance(root, Path) and isinstance(target, Path):
        try:
            inside = target.resolve().is_relative_to(root.resolve())
        except (RuntimeError, OSError, ValueError) as error:  # 3.11: RuntimeError for a loop
            if isinstance(error, ValueError) or (
                isinstance(error, OSError) and error.errno != errno.ELOOP
            ):
                reason = getattr(error, "strerror", None) or str(error)
                raise DocumentError(f"cannot read document {relative!r}: {reason}") from None
            raise DocumentError(
                f"document {relative!r}: its symbolic links lead round in a circle",
                "symlink-loop",
            ) from None
        if not inside:
            raise UnsafePath(f"document path {relative!r} resolves outside the documents folder")
    return target
