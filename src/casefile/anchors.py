"""Typed construction of documents and quotes, with no offset or digest arithmetic by hand.

A converter that builds a casefile in code needs, for each file, a ``Document`` with its
digest and media type, and for each value, a ``Quote`` whose text, offsets and context agree
with the file. These functions make them from the file and what a person knows: the words
(and which occurrence), the cell (row and column or header), or the JSON Pointer::

    text = anchors.read_text(path)
    doc = anchors.document(path, id="complaints", sources=["complaints-table"], folder=root)
    quote = anchors.cell_quote(text, doc, row=5, header="Accused_Star")

Each quote is located exactly as validation will check it (``casefile.locating``,
``casefile.anchoring``), so a casefile made this way validates against its documents.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from . import model
from .anchoring import Span, context, find_quote, sha256_hex
from .errors import QuoteNotFound
from .locating import Spans, cell_name, csv_cells, delimiter_of, header_column, json_values

__all__ = ["cell_quote", "document", "read_text", "text_quote", "value_quote"]

_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".tsv": "text/tab-separated-values; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


def read_text(path: str | Path) -> str:
    """A document's text as validation reads it: its bytes decoded from UTF-8, line endings
    and any byte-order mark kept (``Path.read_text`` would turn CRLF into LF and shift every
    offset after it).

    Raises:
        UnicodeDecodeError: the file is not UTF-8.
    """
    return Path(path).read_bytes().decode("utf-8")


def document(
    path: str | Path,
    *,
    id: str,
    sources: list[str] | tuple[str, ...],
    folder: str | Path | None = None,
    media_type: str | None = None,
    delimiter: str | None = None,
) -> model.Document:
    """A ``Document`` for a file: its digest read from the file, its path relative to
    ``folder`` (the casefile's documents folder; the file's parent by default), its media type
    from its suffix unless given."""
    file = Path(path)
    root = Path(folder) if folder is not None else file.parent
    relative = PurePosixPath(file.resolve().relative_to(root.resolve()).as_posix())
    if media_type is None:
        media_type = _TYPES.get(file.suffix.lower())
    if media_type is None:
        guessed = mimetypes.guess_type(file.name)[0]
        media_type = guessed or "text/plain; charset=utf-8"
    return model.Document(
        id=id,
        path=str(relative),
        sha256=sha256_hex(file.read_bytes()),
        media_type=media_type,
        sources=tuple(sources),
        delimiter=delimiter,
    )


def _document_id(doc: model.Document | str) -> str:
    return doc if isinstance(doc, str) else doc.id


def _quote(
    text: str,
    doc: model.Document | str,
    span: Span,
    cell: model.Cell | None = None,
    pointer: str | None = None,
) -> model.Quote:
    prefix, suffix = context(text, span)
    return model.Quote(
        document=_document_id(doc),
        exact=text[span.start : span.end],
        start=span.start,
        end=span.end,
        prefix=prefix,
        suffix=suffix,
        cell=cell,
        pointer=pointer,
    )


def text_quote(
    text: str,
    doc: model.Document | str,
    exact: str,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    occurrence: int | None = None,
    near: int | None = None,
) -> model.Quote:
    """A quote of words in prose, located as ``anchoring.find_quote`` locates them.

    Raises:
        QuoteNotFound: the words are not there (the message names the closest text).
        AmbiguousQuote: they are there more than once and nothing given picks one.
    """
    span = find_quote(text, exact, prefix=prefix, suffix=suffix, occurrence=occurrence, near=near)
    return _quote(text, doc, span)


def cell_quote(
    text: str,
    doc: model.Document | str,
    *,
    row: int,
    column: int | None = None,
    header: str | None = None,
    delimiter: str | None = None,
) -> model.Quote:
    """A quote of a CSV cell: its whole text (empty for an empty cell) at its offsets.

    ``row`` counts from 1, the header line being row 1; name the column by number, by
    header, or both. The delimiter is the document's (a comma unless it says otherwise).

    Raises:
        QuoteNotFound: no such cell, or a header that is missing or names several columns.
    """
    if delimiter is None and isinstance(doc, model.Document):
        delimiter = delimiter_of(doc.media_type, doc.delimiter)
    return _cell_quote(text, doc, csv_cells(text, delimiter or ","), row, column, header)


def _cell_quote(
    text: str,
    doc: model.Document | str,
    rows: list[list[Spans]],
    row: int,
    column: int | None,
    header: str | None,
) -> model.Quote:
    """``cell_quote`` over cells already read (``locating.csv_cells``): a builder that quotes
    many cells of one table reads the table once."""
    name = cell_name(row, column, header)
    if header is not None:
        columns = header_column(text, rows, header)
        if len(columns) != 1:
            found = "no such header" if not columns else f"columns {columns}"
            raise QuoteNotFound(header, f"the header names {found}: give the column's number")
        if column is not None and column != columns[0]:
            raise QuoteNotFound(header, f"the header is column {columns[0]}, not {column}")
        column = columns[0]
    if column is None:
        raise ValueError("name the cell's column by number or header")
    if not (1 <= row <= len(rows) and 1 <= column <= len(rows[row - 1])):
        raise QuoteNotFound(name, "no such cell in the table")
    start, end = rows[row - 1][column - 1]
    cell = model.Cell(row=row, column=column, header=header)
    return _quote(text, doc, Span(start, end), cell=cell)


def value_quote(text: str, doc: model.Document | str, pointer: str) -> model.Quote:
    """A quote of a JSON value: its token as written (a string's characters inside its
    quotes), named by its JSON Pointer.

    Raises:
        QuoteNotFound: the document has no value at the pointer.
    """
    return _value_quote(text, doc, json_values(text), pointer)


def _value_quote(
    text: str, doc: model.Document | str, values: dict[str, Spans], pointer: str
) -> model.Quote:
    """``value_quote`` over values already read (``locating.json_values``)."""
    if pointer not in values:
        raise QuoteNotFound(pointer, "the document has no value at this pointer")
    start, end = values[pointer]
    return _quote(text, doc, Span(start, end), pointer=pointer)
