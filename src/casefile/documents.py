"""Documents and the quotes in them: read once, which sources each carries, quote checks.

Three rules live here and nowhere else, for validation and the builder alike:

- **Reading.** A documents folder is read through a ``DocumentFolder``, which reads, digests
  and decodes each file once, however many layers ask (the builder anchors quotes in a
  document, then validation checks them against the same text).
- **Carrying.** A document carries the sources it lists and, through ``derived_from``, every
  source they republish, quote or report from, at any depth (``carried``). A quote may be
  attributed to any source its document carries.
- **Quotes.** A quote's offsets span as many code points as its words; with the documents at
  hand, its words stand at its offsets and its prefix and suffix beside them
  (``quote_problems``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from . import model
from ._files import Identity, identity
from .anchoring import (
    TextSearch,
    Traversable,
    document_path,
    read_document,
    sha256_hex,
)
from .errors import DocumentError, FileError, Problem, difference, pointer
from .limits import DEFAULT_MAX_BYTES
from .locating import (
    LocateError,
    cell_name,
    csv_cells,
    delimiter_of,
    header_column,
    json_values,
)

__all__ = ["DocumentFolder", "DocumentText", "carried", "quote_problems", "undecodable"]


@attrs.frozen
class DocumentText:
    """A document as read: its digest, and its text when the bytes are UTF-8.

    Attributes:
        sha256: the SHA-256 digest of the file's bytes, lower-case hexadecimal.
        text: the decoded text, or None when the bytes are not UTF-8.
        bad_byte: where decoding failed, when it did.
    """

    sha256: str
    text: str | None
    bad_byte: int | None = None


class DocumentFolder:
    """A folder of documents, each file read, digested and decoded at most once.

    A file is known by its identity on the file system, not by how its path is spelt: a
    casefile that names one file as ``a.txt``, ``./a.txt`` and through a link has it read
    once, and its text held once.

    Args:
        root: the folder: a path, or an ``importlib.resources`` location.
        max_bytes: refuse a document larger than this, unread (``too-large``).

    Attributes:
        paths: each file read from a real folder, by its identity, as its path was first
            spelt; a command refuses to write its output over any of them.
    """

    def __init__(
        self,
        root: Path | Traversable | str | os.PathLike[str],
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.root: Path | Traversable = Path(root) if isinstance(root, str | os.PathLike) else root
        self.max_bytes = max_bytes
        self._read: dict[str, DocumentText | DocumentError] = {}
        self._files: dict[Identity, DocumentText] = {}
        self.paths: dict[Identity, Path] = {}

    def missing_problem(self) -> Problem | None:
        """A problem when the folder is a path that is not a folder; None otherwise."""
        root = self.root
        if isinstance(root, Path) and not root.is_dir():
            what = "is not a folder" if root.exists() else "does not exist"
            return Problem(
                pointer="",
                code="missing-documents-folder",
                message=f"the documents folder {str(root)!r} {what}; documents were not checked",
            )
        return None

    def read(self, path: str) -> DocumentText:
        """Return the document at ``path`` (relative to the folder), read once.

        Raises:
            DocumentError: the path is unsafe, names no file, or cannot be read.
        """
        found = self._read.get(path)
        if found is None:
            try:
                found = self._read_file(path)
            except DocumentError as error:
                found = error
            self._read[path] = found
        if isinstance(found, DocumentError):
            raise found
        return found

    def _read_file(self, path: str) -> DocumentText:
        file = document_path(self.root, path)
        key = None
        if isinstance(file, Path):
            try:
                key = identity(file)
            except OSError:
                pass  # read_document says why
            except FileError as error:
                raise DocumentError(f"document {path!r}: {error.reason}", error.code) from None
            if key is not None and key in self._files:
                return self._files[key]
        data = read_document(self.root, path, self.max_bytes)
        try:
            found = DocumentText(sha256_hex(data), data.decode("utf-8"))
        except UnicodeDecodeError as error:
            found = DocumentText(sha256_hex(data), None, error.start)
        if key is not None and isinstance(file, Path):
            self._files[key] = found
            self.paths[key] = file
        return found


def undecodable(path: str, document: DocumentText) -> str:
    """The message for a document whose bytes are not UTF-8."""
    return f"document {path!r} is not UTF-8 text (byte {document.bad_byte})"


def carried(sources: Iterable[str], upstream: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """Return the sources a document listing ``sources`` carries beyond them, nearest first.

    Args:
        sources: the sources the document lists.
        upstream: each source's direct upstream sources (its ``derived_from``).

    The document carries its own sources and these; cycles only stop the walk (they are
    reported elsewhere).
    """
    listed = list(sources)
    seen = set(listed)
    found: list[str] = []
    stack = [u for name in reversed(listed) for u in reversed(upstream.get(name, ()))]
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            found.append(name)
            stack.extend(reversed(upstream.get(name, ())))
    return tuple(found)


def quote_problems(casefile: model.Casefile, documents: DocumentFolder | None) -> Iterator[Problem]:
    """Check each quote's source, offsets and, with the documents at hand, its words."""
    texts: dict[str, str] = {}
    layouts: dict[str, _Layout] = {}
    carriers: dict[str, set[str]] = {}
    upstream = {s.id: [d.source for d in s.derived_from] for s in casefile.sources}
    for i, document in enumerate(casefile.documents):
        carriers[document.id] = {*document.sources, *carried(document.sources, upstream)}
        if documents is None:
            continue
        try:
            read = documents.read(document.path)
        except DocumentError as error:
            yield Problem(
                pointer=pointer("documents", i, "path"), code=error.code, message=str(error)
            )
            continue
        if read.sha256 != document.sha256:
            yield Problem(
                pointer=pointer("documents", i, "sha256"),
                code="digest-mismatch",
                message=f"the file's SHA-256 is {read.sha256}, not the {document.sha256} "
                "recorded: the document changed since its quotes were anchored",
            )
            if not _structured(document):
                continue  # its cells and values are still checked: they say what changed
        if read.text is None:
            yield Problem(
                pointer=pointer("documents", i, "path"),
                code="invalid-utf8",
                message=undecodable(document.path, read),
            )
            continue
        texts[document.id] = read.text
        layouts[document.id] = _Layout(document)
    source_ids = set(upstream)
    search = TextSearch()
    for i, attribution in enumerate(casefile.attributions):
        quote = attribution.quote
        where = ("attributions", i, "quote")
        carrying = carriers.get(quote.document)
        known_source = attribution.source in source_ids
        if carrying is not None and known_source and attribution.source not in carrying:
            yield Problem(
                pointer=pointer("attributions", i, "source"),
                code="source-not-in-document",
                message=f"source {attribution.source!r} is not carried by document "
                f"{quote.document!r}, directly or through a source it republishes or reports",
            )
        if quote.cell is not None or quote.pointer is not None:
            layout = layouts.get(quote.document)
            text = texts.get(quote.document)
            yield from _located_problems(quote, where, text, layout, search)
            continue
        text = texts.get(quote.document)
        if text is None and quote.end - quote.start == len(quote.exact):
            continue  # without the document, offsets that span the quote are all to check
        yield from _quote_text_problems(quote, where, text, search)


def _structured(document: model.Document) -> bool:
    media = document.media_type.split(";")[0].strip().lower()
    return media in _CSV or media == "application/json" or media.endswith("+json")


_CSV = ("text/csv", "text/tab-separated-values", "application/csv")


class _Layout:
    """A structured document's cells or values, read once when first asked for."""

    def __init__(self, document: model.Document) -> None:
        self.document = document
        self.cells: list[list[tuple[int, int]]] | None = None
        self.values: dict[str, tuple[int, int]] | None = None

    def csv(self, text: str) -> list[list[tuple[int, int]]]:
        if self.cells is None:
            document = self.document
            self.cells = csv_cells(text, delimiter_of(document.media_type, document.delimiter))
        return self.cells

    def json(self, text: str) -> dict[str, tuple[int, int]]:
        if self.values is None:
            self.values = json_values(text)
        return self.values


def _located_problems(
    quote: model.Quote,
    where: tuple[str | int, ...],
    text: str | None,
    layout: _Layout | None,
    search: TextSearch,
) -> Iterator[Problem]:
    """Check a quote of a cell or a JSON value: the cell or value is still the quote."""
    if quote.end - quote.start != len(quote.exact) or quote.end < quote.start:
        yield from _quote_text_problems(quote, where, None, search)
        return
    if text is None or layout is None:
        return
    if quote.cell is not None:
        found = _cell_span(quote.cell, text, layout, where)
        if isinstance(found, Problem):
            yield found
            return
        span, name = found
    else:
        assert quote.pointer is not None
        try:
            values = layout.json(text)
        except LocateError as error:
            yield Problem(
                pointer=pointer(*where, "pointer"),
                code="unreadable-structure",
                message=f"document {quote.document!r} cannot be read as JSON: {error}",
            )
            return
        if quote.pointer not in values:
            yield Problem(
                pointer=pointer(*where, "pointer"),
                code="no-such-value",
                message=f"document {quote.document!r} has no value at {quote.pointer!r}",
            )
            return
        span, name = values[quote.pointer], f"the value at {quote.pointer!r}"
    held = text[span[0] : span[1]]
    if held != quote.exact:
        yield Problem(
            pointer=pointer(*where, "exact"),
            code="cell-mismatch" if quote.cell is not None else "value-mismatch",
            message=f"{name} holds {held!r}, not the quote's {quote.exact!r}"
            + difference(quote.exact, held),
        )
        return
    if span != (quote.start, quote.end):
        yield Problem(
            pointer=pointer(*where, "start"),
            code="cell-mismatch" if quote.cell is not None else "value-mismatch",
            message=f"{name} is at {span[0]}-{span[1]}, not at the quote's offsets "
            f"{quote.start}-{quote.end}",
        )
        return
    yield from _quote_text_problems(quote, where, text, search)


def _cell_span(
    cell: model.Cell, text: str, layout: _Layout, where: tuple[str | int, ...]
) -> tuple[tuple[int, int], str] | Problem:
    here = pointer(*where, "cell")
    try:
        rows = layout.csv(text)
    except LocateError as error:
        return Problem(
            pointer=here,
            code="unreadable-structure",
            message=f"the document cannot be read as CSV: {error}",
        )
    column = cell.column
    if cell.header is not None:
        columns = header_column(text, rows, cell.header)
        if len(columns) > 1:
            return Problem(
                pointer=pointer(*where, "cell", "header"),
                code="ambiguous-header",
                message=f"the header {cell.header!r} names columns "
                f"{', '.join(map(str, columns))}: give the column's number",
            )
        if not columns:
            return Problem(
                pointer=pointer(*where, "cell", "header"),
                code="no-such-cell",
                message=f"row 1 has no header {cell.header!r}",
            )
        if column is not None and column != columns[0]:
            return Problem(
                pointer=pointer(*where, "cell", "column"),
                code="cell-mismatch",
                message=f"the header {cell.header!r} is column {columns[0]}, not {column}",
            )
        column = columns[0]
    assert column is not None
    name = cell_name(cell.row, column, cell.header)
    if cell.row > len(rows) or column > len(rows[cell.row - 1]):
        size = f"{len(rows)} rows" if cell.row > len(rows) else f"{len(rows[cell.row - 1])} cells"
        return Problem(
            pointer=here, code="no-such-cell", message=f"no {name}: the table has {size}"
        )
    return rows[cell.row - 1][column - 1], name


def _quote_text_problems(
    quote: model.Quote, where: tuple[str | int, ...], text: str | None, search: TextSearch
) -> Iterator[Problem]:
    if quote.end < quote.start:
        yield Problem(
            pointer=pointer(*where, "end"),
            code="reversed-offsets",
            message=f"end {quote.end} comes before start {quote.start}",
        )
        return
    if quote.end - quote.start != len(quote.exact):
        yield Problem(
            pointer=pointer(*where, "end"),
            code="quote-length-mismatch",
            message=f"offsets {quote.start}-{quote.end} span {quote.end - quote.start} code "
            f"points but the quote has {len(quote.exact)}",
        )
        return
    if text is None:
        return
    if quote.end > len(text):
        yield Problem(
            pointer=pointer(*where, "end"),
            code="offset-out-of-range",
            message=f"end {quote.end} is past the end of the document ({len(text)} code points)",
        )
        return
    found = text[quote.start : quote.end]
    if found != quote.exact:
        yield Problem(
            pointer=pointer(*where, "exact"),
            code="quote-mismatch",
            message=f"the quote {_mismatch(quote, text, search)}" + difference(quote.exact, found),
        )
        return
    if quote.prefix is not None and not text.endswith(quote.prefix, 0, quote.start):
        yield Problem(
            pointer=pointer(*where, "prefix"),
            code="context-mismatch",
            message="the text before the quote is not its recorded prefix",
        )
    if quote.suffix is not None and not text.startswith(quote.suffix, quote.end):
        yield Problem(
            pointer=pointer(*where, "suffix"),
            code="context-mismatch",
            message="the text after the quote is not its recorded suffix",
        )


def _mismatch(quote: model.Quote, text: str, search: TextSearch) -> str:
    """What is wrong with a quote whose words are not at its offsets, and where they may be."""
    found = text[quote.start : quote.end]
    at_offsets = f"the document has {found!r} at {quote.start}-{quote.end}"
    at = search.find(text, quote.exact)
    if at >= 0:
        return (
            f"is not at its offsets (they have drifted): {at_offsets}; the quote's words are at "
            f"{at}-{at + len(quote.exact)}"
        )
    closest = search.closest(text, quote.exact, near=quote.start) if at == -1 else None
    if closest is None or not closest.searched:
        return (
            f"is not at its offsets: {at_offsets} (the rest of the document was not searched: "
            "the budget for such searches is spent)"
        )
    if closest.loose:
        what = "differs from the document only by white space or quote marks"
    else:
        what = "is not in the document"
    hint = ""
    if closest.span is not None:
        near = text[closest.span.start : closest.span.end]
        hint = f"; the closest text is at {closest.span.start}: {near!r}"
    return f"{what}: {at_offsets}{hint}"
