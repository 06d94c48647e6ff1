"""Anchoring quotes in documents: find the words, locate them, and check they are still there.

Offsets count Unicode code points of the document's text decoded from UTF-8, from 0, with the
end exclusive: the convention of W3C Web Annotation's TextPositionSelector and of Python
string slicing. (JavaScript strings count UTF-16 units: convert with ``Array.from(text)``.)

``find_quote`` is the step a builder uses: given the exact words, and optionally some text
just before or after them to pick one of several occurrences, it returns their position or
raises an error that names the quote and the closest text it found.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Protocol

import attrs

from .errors import (
    AmbiguousQuote,
    DocumentError,
    MissingDocument,
    QuoteError,
    QuoteNotFound,
    UnsafePath,
)

__all__ = [
    "CONTEXT_LENGTH",
    "AmbiguousQuote",
    "DocumentError",
    "MissingDocument",
    "QuoteError",
    "QuoteNotFound",
    "Span",
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


def read_document(root: Path | Traversable, relative: str) -> bytes:
    """Return the bytes of document ``relative`` in ``root``, or raise ``DocumentError``.

    Every way of failing (a path leaving the folder, no such file, a name the system refuses,
    no permission) becomes a DocumentError whose ``code`` a problem can carry.
    """
    try:
        file = document_path(root, relative)
        if not file.is_file():
            raise MissingDocument(f"document file {relative!r} is not in the documents folder")
        return file.read_bytes()
    except DocumentError:
        raise
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise DocumentError(f"cannot read document {relative!r}: {reason}") from None


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 digest of ``data`` in lower-case hexadecimal."""
    return hashlib.sha256(data).hexdigest()


def normalise(text: str) -> str:
    """Fold white space runs to one space and curly quote marks to straight ones."""
    return " ".join(text.translate(_QUOTE_MARKS).split())


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """Fold like ``normalise``, keeping for each folded character its original offset."""
    folded: list[str] = []
    positions: list[int] = []
    for i, ch in enumerate(text.translate(_QUOTE_MARKS)):
        if ch.isspace():
            if folded and folded[-1] == " ":
                continue
            ch = " "
        folded.append(ch)
        positions.append(i)
    return "".join(folded), positions


def closest_text(text: str, exact: str) -> str | None:
    """Return the stretch of ``text`` that looks most like ``exact``, or None if nothing does.

    Where ``exact`` differs from the text only by white space or quote marks, that stretch is
    returned exactly. Otherwise the stretch is aligned on the longest block the two share and is
    as long as ``exact``, which is cheap and points a person at the right place.
    """
    if not exact or not text:
        return None
    folded, positions = _folded_with_positions(text)
    needle = normalise(exact)
    at = folded.find(needle) if needle else -1
    if at >= 0:
        return text[positions[at] : positions[at + len(needle) - 1] + 1]
    matcher = difflib.SequenceMatcher(None, text, exact, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(exact))
    if block.size < min(len(exact), 4):
        return None
    start = max(block.a - block.b, 0)
    return text[start : start + len(exact)]


def context(text: str, span: Span, length: int = CONTEXT_LENGTH) -> tuple[str | None, str | None]:
    """Return up to ``length`` code points before and after ``span`` (None where there are none)."""
    before = text[max(span.start - length, 0) : span.start]
    after = text[span.end : span.end + length]
    return (before or None, after or None)


def find_quote(
    text: str, exact: str, *, prefix: str | None = None, suffix: str | None = None
) -> Span:
    """Locate ``exact`` in ``text``; ``prefix``/``suffix`` pick one of several occurrences.

    An occurrence matches the context when the text just before it ends with ``prefix`` and
    the text just after it starts with ``suffix``.

    Raises:
        QuoteNotFound: the words are not in the text. When they are there but for white space
            or the shape of quote marks, the message says so: such quotes are never accepted
            silently, since the casefile promises the exact words.
        AmbiguousQuote: they occur more than once and the context does not pick one.
    """
    if not exact:
        raise QuoteNotFound(exact, "the quote is empty")
    starts = []
    at = text.find(exact)
    while at >= 0:  # overlapping occurrences count too: "ha ha" is twice in "ha ha ha"
        starts.append(at)
        at = text.find(exact, at + 1)
    if prefix is not None:
        starts = [s for s in starts if text[:s].endswith(prefix)]
    if suffix is not None:
        starts = [s for s in starts if text[s + len(exact) :].startswith(suffix)]
    if len(starts) == 1:
        return Span(starts[0], starts[0] + len(exact))
    if not starts:
        if exact in text:
            raise QuoteNotFound(exact, "no occurrence has the given prefix and suffix")
        closest = closest_text(text, exact)
        if normalise(exact) in normalise(text):
            reason = "not in the document as written; it differs only by white space or quote marks"
        else:
            reason = "not in the document"
        raise QuoteNotFound(exact, reason, closest)
    offsets = ", ".join(str(s) for s in starts[:5])
    raise AmbiguousQuote(
        exact,
        f"occurs {len(starts)} times (at offsets {offsets}); add a prefix or suffix to pick one",
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
        resolved_root = root.resolve()
        if not target.resolve().is_relative_to(resolved_root):
            raise UnsafePath(f"document path {relative!r} resolves outside the documents folder")
    return target
