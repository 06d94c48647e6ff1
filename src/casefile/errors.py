"""Problems found in casefiles, and the exceptions that carry them.

Every exception the library raises on purpose is defined here, in this tree (a test holds
the drawing against the classes)::

    CasefileError                     every error the library raises on purpose
    ├── InvalidCasefile (ValueError)  a casefile with problems; ``.problems`` lists them all
    ├── BuildError (ValueError)       an extraction that cannot be built; ``.problems``
    │   └── MappingError              a mapping whose tables cannot be imported
    ├── UnknownId (KeyError)          a lookup of an id the casefile does not hold
    │   └── WrongKind                 an id it holds, of a kind the question does not take
    ├── InvalidValue (ValueError)     one value that cannot stand; ``.code`` names why
    │   ├── DateError                 a date or period (casefile.dates)
    │   └── QuantityError             a quantity (casefile.model)
    ├── QuoteError (ValueError)       a quote that cannot be anchored in its document
    │   ├── QuoteNotFound             its words are not in the document
    │   └── AmbiguousQuote            they are there more than once, and nothing says which
    ├── DocumentError (ValueError)    a document that cannot be read; ``.code`` names why
    │   ├── UnsafePath                its path would leave the documents folder
    │   └── MissingDocument           no file at its path
    ├── FileError (ValueError)        a file refused unread or unwritten; ``.code`` names why
    │   └── UnsafeOutput              an output that is an input, or that cannot be a file
    └── ExportError (ValueError)      casefiles that cannot be exported as asked; ``.code``

``ModelError`` (a ``TypeError``) is apart: it is a mistake in the model's own code, found when
``casefile.plan`` reads a class, never a problem with data.

A ``Problem`` is a small value: where (a JSON Pointer into the casefile, plus the line and
column when the bytes do not parse at all), a stable code for tools, and a plain message for
people that says what was expected and what was found.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable, Sequence

import attrs

from .limits import NEIGHBOURS

__all__ = [
    "AmbiguousQuote",
    "BuildError",
    "CasefileError",
    "DateError",
    "DocumentError",
    "ExportError",
    "FileError",
    "InvalidCasefile",
    "InvalidValue",
    "MappingError",
    "MissingDocument",
    "ModelError",
    "NearIds",
    "Problem",
    "QuantityError",
    "QuoteError",
    "QuoteNotFound",
    "UnknownId",
    "UnsafeOutput",
    "UnsafePath",
    "WrongKind",
    "pointer",
    "suggest",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a casefile.

    Attributes:
        pointer: where, as a JSON Pointer (RFC 6901); ``""`` is the whole document.
        code: a stable, lower-case code such as ``dangling-reference``.
        message: what was expected and what was found, in plain words.
        line: the 1-based line, where the problem is in bytes that do not parse.
        column: the 1-based column, with ``line``.
    """

    pointer: str
    code: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.pointer or "(document)"
        if self.line is not None:
            where += f" line {self.line} column {self.column}"
        return f"{where}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, object]:
        """Return the problem as the JSON object printed by ``casefile validate --format json``."""
        data: dict[str, object] = {
            "pointer": self.pointer,
            "code": self.code,
            "message": self.message,
        }
        if self.line is not None:
            data["line"] = self.line
            data["column"] = self.column
        return data


def pointer(*parts: str | int) -> str:
    """Join path parts into a JSON Pointer, escaping ``~`` and ``/`` as RFC 6901 requires.

    A lone surrogate in a key (which no UTF-8 output can carry) is written as its ``\\uXXXX``
    escape, so that every problem can be printed.
    """
    text = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = "".join(f"\\u{ord(ch):04x}" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


class NearIds:
    """Ids sorted forwards and backwards, to find those close to a given one quickly.

    Finding close ids by comparing a misspelt one with every id costs the product of the two
    counts; here each lookup compares it with at most ``4 * NEIGHBOURS`` ids, after one sort: a
    slip leaves the beginning or the end of an id as it was, and the ids that share the longest
    beginning or end with it sort right beside it. Build one for many lookups in the same ids.
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        pool = list(dict.fromkeys(candidates))
        self._exact = {c.casefold(): c for c in reversed(pool)}
        self._forward = sorted((c.casefold(), c) for c in pool)
        self._backward = sorted((c.casefold()[::-1], c) for c in pool)

    @staticmethod
    def _beside(
        ordered: list[tuple[str, str]], key: str, limit: int
    ) -> tuple[list[str], list[str]]:
        """The ids that begin with ``key`` (at most ``limit``), and those sorting beside it."""
        at = bisect.bisect_left(ordered, (key,))
        starting = []
        for folded, original in ordered[at : at + limit]:
            if not folded.startswith(key):
                break
            starting.append(original)
        near = [original for _, original in ordered[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS]]
        return starting, near

    def suggest(self, id: str, limit: int = 3) -> list[str]:
        """Return up to ``limit`` ids close to ``id``, best first (see ``suggest``)."""
        needle = id.casefold()
        if not needle:
            return []
        first, forward = self._beside(self._forward, needle, limit)
        last, backward = self._beside(self._backward, needle[::-1], limit)
        same = [self._exact[needle]] if needle in self._exact else []
        alike = difflib.get_close_matches(id, list(dict.fromkeys(forward + backward)), n=limit)
        return list(dict.fromkeys(same + first + last + alike))[:limit]


def suggest(id: str, candidates: Iterable[str] | NearIds, limit: int = 3) -> list[str]:
    """Return ids close to ``id``: equal but for case, beginning or ending with it, spelt alike.

    The "did you mean" of every message about an unknown id; tools that report their own
    lookups can use it to suggest the same way. Ids spelt alike are looked for among those that
    share the longest beginning or end with ``id`` (see ``NearIds``), so the cost does not grow
    with the number of candidates beyond one sort; pass a ``NearIds`` to share that sort
    between lookups.
    """
    index = candidates if isinstance(candidates, NearIds) else NearIds(candidates)
    return index.suggest(id, limit)


class CasefileError(Exception):
    """The base of every exception casefile raises on purpose."""


class InvalidValue(CasefileError, ValueError):
    """One value that cannot stand, raised where it is made; validation reports it at its place.

    Attributes:
        code: the stable problem code it is reported under.
    """

    default_code = "invalid-value"
    """The code when none is given."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code or self.default_code


class _WithProblems(CasefileError):
    def __init__(self, problems: Iterable[Problem], what: str) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems[:20])
        more = f"\n  ... and {count - 20} more" if count > 20 else ""
        plural = "" if count == 1 else "s"
        super().__init__(f"{what}: {count} problem{plural}\n{lines}{more}")


class InvalidCasefile(_WithProblems, ValueError):
    """A casefile failed validation; ``problems`` holds every problem found."""

    def __init__(self, problems: Iterable[Problem], what: str = "invalid casefile") -> None:
        super().__init__(problems, what)


class BuildError(_WithProblems, ValueError):
    """An extraction could not be built into a casefile; ``problems`` says why."""

    def __init__(self, problems: Iterable[Problem], what: str = "cannot build casefile") -> None:
        super().__init__(problems, what)


class MappingError(BuildError):
    """A mapping whose tables cannot be imported (``casefile.mapping``); ``problems`` holds
    every problem, each at the mapping's line and column, with the table's row."""

    def __init__(self, problems: Iterable[Problem], what: str = "cannot import") -> None:
        super().__init__(problems, what)


class UnknownId(CasefileError, KeyError):
    """An id that the casefile does not hold, with the closest ids it does.

    Attributes:
        id: the id asked for.
        suggestions: close matches, best first.
    """

    def __init__(self, id: str, suggestions: Sequence[str] = (), kind: str = "entity") -> None:
        self.id = id
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(map(repr, self.suggestions))}?" if suggestions else ""
        super().__init__(f"no {kind} with id {id!r}{hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class WrongKind(UnknownId):
    """An id the casefile holds, given where another kind of id is expected.

    A ``KeyError`` like ``UnknownId``: the lookup found nothing of the kinds asked for.

    Attributes:
        id: the id given.
        actual: the kind of record it is (``actor``, ``claim``...).
        expected: the kinds that were accepted.
    """

    def __init__(self, id: str, actual: str, expected: Sequence[str]) -> None:
        self.actual = actual
        self.expected = tuple(expected)
        super().__init__(id)
        self.args = (f"{id!r} is {_a(actual)}; expected the id of {_a(_either(self.expected))}",)


def _either(kinds: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"


def _a(words: str) -> str:
    return f"{'an' if words[:1] in tuple('aeiou') else 'a'} {words}"


class DateError(InvalidValue):
    """A date or period that cannot be read, is not on the calendar, or runs backwards.

    Its ``code`` is ``invalid-date`` or ``reversed-period``.
    """

    default_code = "invalid-date"


class QuantityError(InvalidValue):
    """A quantity that states no number, or whose minimum is above its maximum.

    Its ``code`` is ``reversed-range`` or ``empty-quantity``.
    """

    default_code = "reversed-range"


def _short(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")


class QuoteError(CasefileError, ValueError):
    """A quote that cannot be anchored in its document.

    Attributes:
        exact: the quote looked for.
        closest: the closest text found in the document, if any.
        reason: a short plain reason.
    """

    code = "quote-error"

    def __init__(self, exact: str, reason: str, closest: str | None = None) -> None:
        self.exact = exact
        self.closest = closest
        self.reason = reason
        message = f"quote {_short(exact)}: {reason}"
        if closest is not None:
            message += f"; closest text found: {_short(closest)}" + difference(exact, closest)
        super().__init__(message)


def _character(text: str, at: int) -> str:
    if at >= len(text):
        return "nothing (it ends)"
    char = text[at]
    return f"{char!r} (U+{ord(char):04X})"


def difference(expected: str, found: str, around: int = 12) -> str:
    """Where two strings first differ, for a message: the character offset, each side's
    character with its code point, and a few characters around it in each; "" if equal.

    Shortened strings hide a difference past the cut (a straight apostrophe against a curly
    one at character 85); this names it wherever it is.
    """
    if expected == found:
        return ""
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b),
        min(len(expected), len(found)),
    )
    start = max(at - around, 0)

    def window(text: str) -> str:
        before = "..." if start else ""
        after = "..." if at + around < len(text) else ""
        return f"{before}{text[start : at + around]}{after}"

    return (
        f"; they first differ at character {at}: the quote has {_character(expected, at)} "
        f"where the document has {_character(found, at)} (quote: {window(expected)!r}; "
        f"document: {window(found)!r})"
    )


class QuoteNotFound(QuoteError):
    """The quote's words do not occur in the document."""

    code = "quote-not-found"


class AmbiguousQuote(QuoteError):
    """The quote's words occur more than once, and no context tells which is meant."""

    code = "ambiguous-quote"


class DocumentError(CasefileError, ValueError):
    """A document that cannot be read; ``code`` says why (a problem code).

    Besides its subclasses' codes: ``too-large`` (over the byte limit), ``not-a-file`` (a
    folder, a pipe, a device), ``symlink-loop`` (symbolic links that lead round in a circle).
    """

    code = "unreadable-document"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class UnsafePath(DocumentError):
    """A document path that would leave the documents folder; such a file is never read."""

    code = "unsafe-path"


class MissingDocument(DocumentError):
    """A document path that names no file in the documents folder."""

    code = "missing-document"


class FileError(CasefileError, ValueError):
    """A file refused before it is read or written; ``code`` says why, the message names it.

    Codes: ``too-large`` (over the byte limit), ``not-a-file`` (a pipe, a device, a socket: a
    read would block or never end), ``symlink-loop`` (symbolic links that lead round in a
    circle). Readers of casefiles and extractions report these as problems of the file read
    (``InvalidCasefile``, ``BuildError``), as documents do (``DocumentError``).

    Attributes:
        path: the file.
        reason: the message without the path.
    """

    code = "unreadable"

    def __init__(self, path: object, reason: str, code: str | None = None) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        if code is not None:
            self.code = code


class UnsafeOutput(FileError):
    """An output path that would overwrite an input, or that no file can be written to.

    Codes: ``output-is-input`` (the extraction, a document, or the casefile being read, other
    than by an in-place migration), ``not-a-file`` and ``symlink-loop``. Nothing was written.
    """

    code = "output-is-input"


class ExportError(CasefileError, ValueError):
    """Casefiles that cannot be exported as asked (``casefile.export``); nothing was written.

    Codes: ``unknown-format``, ``duplicate-casefile`` (two casefiles with one id, whose rows
    could not be told apart), ``not-a-folder`` and ``not-empty`` (a folder target that is a
    file, or that holds files an export does not write and would remove), ``broken-keys``
    (references that do not resolve, in casefiles given unchecked).
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class ModelError(TypeError):
    """A model class whose fields ``casefile.plan`` cannot classify: a change to finish.

    Raised when the model is read, never for data: a string field with no ``text`` class, a
    type no layer knows how to walk.
    """
