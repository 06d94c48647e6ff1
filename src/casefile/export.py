"""Casefiles out as tables: SQLite for Datasette, CSV with a data package, JSON Lines.

Every format writes the tables of ``casefile.tables`` (laid out from the model's field plan),
for any number of casefiles at once, each row carrying its casefile's id:

- ``sqlite``: one database file. Keys and foreign keys as the tables declare them (``(casefile,
  id)`` pairs), full-text search (FTS5) over each table's prose columns (quotes, summaries,
  names), and a ``support`` view: each ``refs`` row that names an attribution, with that
  attribution's columns (source, speaker, quote), so every value is one join away from who
  said it and in which words. Beside it, ``NAME.metadata.json`` for Datasette: table and column
  descriptions from the published schema, facets on terms and enumerations.
- ``csv``: a folder of ``TABLE.csv`` files, UTF-8 with a header, and a Frictionless
  ``datapackage.json`` (table schemas with types, descriptions, keys and foreign keys). JSON
  columns hold JSON text.
- ``jsonl``: a folder of ``TABLE.jsonl`` files, one row per line as a JSON object with
  ``record_kind`` (for tables of records with a kind) and ``casefile``; tuples and extensions
  stay JSON arrays and objects. DuckDB and Spark read the folder as it is.

Writes are atomic: everything is written beside the target under a temporary name and renamed
into place at the end, so an interrupted export leaves the previous one whole. A folder target
is replaced only when it holds nothing but files an export of that format writes. An output
that is one of the inputs, or a folder holding one, is refused (``UnsafeOutput``).

Sensitive values (see ``casefile.tables``) are left out unless ``include_sensitive`` is given;
the ``left_out`` table lists each, and the metadata says how many there were.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._files import check_output
from .errors import ExportError, UnsafeOutput
from .limits import DEFAULT_MAX_BYTES
from .model import Casefile
from .sensitive import redact
from .storage import load
from .tables import STATEMENT_KIND, ColumnType, Layout, Table, column_rows, layout, rows
from .version import SCHEMA_VERSION

__all__ = ["FORMATS", "ExportResult", "export", "export_files"]

#: The formats ``export`` writes.
FORMATS = ("sqlite", "csv", "jsonl", "ftm", "jsonld")
#: The formats written as one file of entities or nodes rather than as tables.
_LINKED = ("ftm", "jsonld")


@attrs.frozen(kw_only=True)
class ExportResult:
    """What an export wrote.

    Attributes:
        format: ``sqlite``, ``csv`` or ``jsonl``.
        target: the file or folder written.
        casefiles: the ids of the casefiles exported, in order.
        rows: the rows written to each table.
        left_out: the sensitive records and columns left out (the rows of ``left_out``).
        include_sensitive: whether sensitive values were asked for.
    """

    format: str
    target: Path
    casefiles: tuple[str, ...]
    rows: Mapping[str, int]
    left_out: int
    include_sensitive: bool


def export(
    casefiles: Casefile | Iterable[Casefile],
    target: str | os.PathLike[str],
    format: str,
    *,
    include_sensitive: bool = False,
) -> ExportResult:
    """Write casefiles as tables in one format (see the module docstring).

    Casefiles are taken as they are, as ``dumps`` takes them; ``export_files`` reads files
    validated, and a casefile whose references do not resolve fails the SQLite export's key
    check.

    Args:
        casefiles: a casefile, or any number of them (read one at a time, so a generator of
            loaded files keeps one in memory).
        target: the SQLite file, or the folder for ``csv`` and ``jsonl``.
        format: one of ``FORMATS``.
        include_sensitive: export sensitive values too.

    Raises:
        ExportError: an unknown format (``unknown-format``), two casefiles with one id
            (``duplicate-casefile``), a folder target holding other files (``not-empty``), or
            references that do not resolve (``broken-keys``, SQLite).
        UnsafeOutput: the target cannot be written (a pipe, a device; links that loop).
        OSError: the target cannot be written; it is left as it was.
    """
    if format not in FORMATS:
        raise ExportError(
            f"no export format {format!r} (choose from {', '.join(FORMATS)})", "unknown-format"
        )
    path = Path(target)
    check_output(path)
    _check_target(path, format)
    items = (casefiles,) if isinstance(casefiles, Casefile) else casefiles
    if format in _LINKED:
        return _export_linked(items, path, format, include_sensitive=include_sensitive)
    current = layout(include_sensitive=include_sensitive)
    writer = _WRITERS[format](current)
    counts = [0] * len(current.tables)
    seen: list[str] = []
    with _Staged(path, folder=format != "sqlite") as staged:
        writer.open(staged.path)
        try:
            for index, row in column_rows(current):
                counts[index] += 1
                writer.row(index, row)
            for casefile in items:
                if casefile.id in seen:
                    raise ExportError(
                        f"two casefiles have the id {casefile.id!r}: the rows of one would "
                        "not be told from the other's; export them separately",
                        "duplicate-casefile",
                    )
                seen.append(casefile.id)
                for index, row in _sensitive_aware_rows(casefile, current):
                    counts[index] += 1
                    writer.row(index, row)
            left = counts[-1]
            writer.close(tuple(seen), _summary(current, left))
        except BaseException:
            writer.abort()
            raise
        staged.commit()
        if format == "sqlite":
            _write_metadata(path, current, tuple(seen), _summary(current, left))
    return ExportResult(
        format=format,
        target=path,
        casefiles=tuple(seen),
        rows={t.name: n for t, n in zip(current.tables, counts, strict=True)},
        left_out=left,
        include_sensitive=include_sensitive,
    )


def export_files(
    paths: Sequence[str | os.PathLike[str]],
    target: str | os.PathLike[str],
    format: str,
    *,
    include_sensitive: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[str], None] | None = None,
) -> ExportResult:
    """Read casefile files one at a time, validated, and export them together.

    Args:
        paths: the casefile files.
        target: as for ``export``.
        format: as for ``export``.
        include_sensitive: as for ``export``.
        max_bytes: refuse larger files before reading them.
        progress: called with each path as it is read.

    Raises:
        UnsafeOutput: the target is one of the files, or a folder that holds one
            (``output-is-input``); nothing was written.
        InvalidCasefile: a file has problems; nothing was written.
        ExportError: as for ``export``.
    """
    out = Path(target)
    inputs = [Path(p) for p in paths]
    check_output(out, [(p, f"the casefile {p}") for p in inputs])
    if out.is_dir():
        folder = out.resolve()
        for path in inputs:
            if folder in path.resolve().parents:
                raise UnsafeOutput(
                    out,
                    f"this folder holds {path}, which the command reads: replacing it would "
                    "remove it; choose another output",
                    "output-is-input",
                )

    def loaded() -> Iterator[Casefile]:
        for path in inputs:
            if progress is not None:
                progress(str(path))
            yield load(path, max_bytes=max_bytes)

    return export(loaded(), out, format, include_sensitive=include_sensitive)


def _sensitive_aware_rows(
    casefile: Casefile, current: Layout
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The rows of one casefile, with what ``casefile.sensitive.redact`` leaves out left out.

    The layout's own rules leave out sensitive records and fields; ``redact`` also leaves out
    the attributions that only sensitive values cite (their quotes are the values) and the
    context of other quotes in those documents (in a table, the neighbouring cells). The
    ``left_out`` rows name the sensitive records (from the layout's rules, on the casefile as
    it was) and the attributions withheld with them.
    """
    if current.include_sensitive:
        yield from rows(casefile, current)
        return
    redacted = redact(casefile)
    if redacted.casefile is casefile:
        yield from rows(casefile, current)
        return
    left_index = len(current.tables) - 1
    for index, row in rows(casefile, current):
        if index == left_index:
            yield index, row
    for where in redacted.withheld:
        if where.startswith("/attributions/"):
            yield (
                left_index,
                (casefile.id, "attributions", where, None, "quote of a sensitive value"),
            )
    for index, row in rows(redacted.casefile, current):
        if index != left_index:
            yield index, row


def _summary(current: Layout, left: int) -> str:
    if current.include_sensitive:
        return "Sensitive values are included, as asked."
    if not left:
        return "Nothing was left out as sensitive."
    return f"{left} sensitive record(s) or column(s) were left out; the left_out table lists them."


# ------------------------------------------------------------------ entities and annotations


def _export_linked(
    casefiles: Iterable[Casefile], path: Path, format: str, *, include_sensitive: bool
) -> ExportResult:
    """Write FollowTheMoney entities (JSON Lines) or one JSON-LD document of annotations.

    ``rows`` counts the entities of each FollowTheMoney schema, or the nodes of each JSON-LD
    type; ``left_out`` counts the sensitive values and quotes ``redact`` left out.
    """
    from .annotations import context, nodes
    from .ftm import entities

    counts: dict[str, int] = {}
    seen: list[str] = []
    left = 0
    with _Staged(path, folder=False) as staged:
        with open(staged.path, "w", encoding="utf-8", newline="\n") as out:
            if format == "jsonld":
                out.write('{"@context":' + _json(context()) + ',"@graph":[')
            first = True
            for casefile in casefiles:
                if casefile.id in seen:
                    raise ExportError(
                        f"two casefiles have the id {casefile.id!r}: their records would "
                        "share ids; export them separately",
                        "duplicate-casefile",
                    )
                seen.append(casefile.id)
                if not include_sensitive:
                    redacted = redact(casefile)
                    casefile, left = redacted.casefile, left + len(redacted.withheld)
                items = entities(casefile) if format == "ftm" else nodes(casefile)
                for item in items:
                    kind = item["schema"] if format == "ftm" else item["type"]
                    kind = kind[0] if isinstance(kind, list) else kind
                    counts[kind] = counts.get(kind, 0) + 1
                    if format == "ftm":
                        out.write(_json(item) + "\n")
                    else:
                        out.write(("\n" if first else ",\n") + _json(item))
                        first = False
            if format == "jsonld":
                out.write("\n]}\n")
        staged.commit()
    return ExportResult(
        format=format,
        target=path,
        casefiles=tuple(seen),
        rows=dict(sorted(counts.items())),
        left_out=left,
        include_sensitive=include_sensitive,
    )


# ------------------------------------------------------------------ atomic targets


def _export_files(current: Layout, format: str) -> set[str]:
    """The names of the files an export of ``format`` writes in its folder."""
    suffix = {"csv": ".csv", "jsonl": ".jsonl"}[format]
    names = {t.name + suffix for t in current.tables}
    return names | ({"datapackage.json"} if format == "csv" else set())


def _check_target(path: Path, format: str) -> None:
    if format == "sqlite" or format in _LINKED:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        return
    if path.exists() and not path.is_dir():
        raise ExportError(
            f"{path}: a {format} export is a folder, and this is a file; choose another output",
            "not-a-folder",
        )
    if path.is_dir():
        suffix = "." + format
        strays = sorted(
            e.name
            for e in os.scandir(path)
            if not e.is_file(follow_symlinks=False)
            or not (e.name.endswith(suffix) or e.name == "datapackage.json")
        )
        if strays:
            raise ExportError(
                f"{path}: the folder holds {', '.join(strays[:3])}"
                f"{' ...' if len(strays) > 3 else ''}, which an export does not write; an "
                "export replaces its folder whole, so choose an empty or new one",
                "not-empty",
            )


class _Staged:
    """A temporary file or folder beside the target, renamed over it on ``commit``."""

    def __init__(self, target: Path, *, folder: bool) -> None:
        self.target = target
        self.folder = folder
        parent = target.parent
        parent.mkdir(parents=True, exist_ok=True)
        if folder:
            self.path = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
        else:
            handle, name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
            os.close(handle)
            os.unlink(name)  # sqlite (and the other one-file writers) make it afresh
            self.path = Path(name)
        self.done = False

    def __enter__(self) -> _Staged:
        return self

    def commit(self) -> None:
        if self.folder:
            for entry in os.scandir(self.path):
                _fsync(entry.path)
            if self.target.is_dir():
                old = Path(
                    tempfile.mkdtemp(dir=self.target.parent, prefix=f".{self.target.name}.old.")
                )
                os.replace(self.target, old / "export")
                os.replace(self.path, self.target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(self.path, self.target)
            os.chmod(self.target, 0o777 & ~_umask())
        else:
            _fsync(self.path)
            os.chmod(self.path, 0o666 & ~_umask())
            os.replace(self.path, self.target)
        self.done = True

    def __exit__(self, *exc: object) -> None:
        if not self.done:
            if self.folder:
                shutil.rmtree(self.path, ignore_errors=True)
            else:
                for suffix in ("", "-journal", "-wal", "-shm"):
                    Path(str(self.path) + suffix).unlink(missing_ok=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _fsync(path: str | Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ------------------------------------------------------------------ writers


class _Writer:
    """Writes rows of the layout's tables to a staged target."""

    def __init__(self, current: Layout) -> None:
        self.layout = current
        self.json_columns = [
            tuple(i for i, c in enumerate(t.columns) if c.type is ColumnType.JSON)
            for t in current.tables
        ]

    def open(self, path: Path) -> None:
        raise NotImplementedError

    def row(self, table: int, row: tuple[Any, ...]) -> None:
        raise NotImplementedError

    def close(self, casefiles: tuple[str, ...], summary: str) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        """Release what ``open`` took; the staged target is removed after."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_SQL_TYPES = {
    ColumnType.TEXT: "TEXT",
    ColumnType.INTEGER: "INTEGER",
    ColumnType.NUMBER: "REAL",
    ColumnType.BOOLEAN: "INTEGER",
    ColumnType.JSON: "TEXT",
}
#: Rows held per table before they are inserted together.
_BATCH = 5000


class _SqliteWriter(_Writer):
    def open(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("BEGIN")
        for table in self.layout.tables:
            self.db.execute(_create(table))
        self.inserts = [
            f"INSERT INTO {_quoted(t.name)} VALUES ({', '.join('?' * len(t.columns))})"
            for t in self.layout.tables
        ]
        self.pending: list[list[tuple[Any, ...]]] = [[] for _ in self.layout.tables]

    def row(self, table: int, row: tuple[Any, ...]) -> None:
        columns = self.json_columns[table]
        if columns:
            cells = list(row)
            for i in columns:
                if cells[i] is not None:
                    cells[i] = _json(cells[i])
            row = tuple(cells)
        pending = self.pending[table]
        pending.append(row)
        if len(pending) >= _BATCH:
            self.db.executemany(self.inserts[table], pending)
            pending.clear()

    def close(self, casefiles: tuple[str, ...], summary: str) -> None:
        for insert, pending in zip(self.inserts, self.pending, strict=True):
            if pending:
                self.db.executemany(insert, pending)
        for table in self.layout.tables:
            searched = [c.name for c in table.columns if c.search]
            if searched:
                fts = _quoted(table.name + "_fts")
                self.db.execute(
                    f"CREATE VIRTUAL TABLE {fts} USING FTS5 "
                    f"({', '.join(map(_quoted, searched))}, "
                    f"content={_quoted(table.name)})"
                )
                self.db.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
            for column in table.columns:
                if column.references and column.name != "casefile":
                    self.db.execute(
                        f"CREATE INDEX {_quoted(f'{table.name}_{column.name}')} ON "
                        f"{_quoted(table.name)} (casefile, {_quoted(column.name)})"
                    )
        self.db.execute('CREATE INDEX "refs_target" ON "refs" (casefile, target)')
        self.db.execute('CREATE INDEX "refs_record" ON "refs" (casefile, record)')
        self.db.execute(_support_view(self.layout))
        self.db.execute("COMMIT")
        problems = self.db.execute("PRAGMA foreign_key_check").fetchall()
        self.db.close()
        if problems:  # valid casefiles have none; an unchecked object given to export may
            table, _, parent, _ = problems[0]
            raise ExportError(
                f"a reference in {table} names no row of {parent} ({len(problems)} in all): the "
                "casefiles' references do not all resolve; check them with casefile.check",
                "broken-keys",
            )

    def abort(self) -> None:
        self.db.close()


def _create(table: Table) -> str:
    lines = [
        f"{_quoted(c.name)} {_SQL_TYPES[c.type]}"
        + (" PRIMARY KEY" if table.key == (c.name,) else "")
        for c in table.columns
    ]
    if len(table.key) > 1:
        lines.append(f"PRIMARY KEY ({', '.join(map(_quoted, table.key))})")
    for column in table.columns:
        if column.references is None:
            continue
        if column.name == "casefile":
            lines.append('FOREIGN KEY ("casefile") REFERENCES "casefiles" ("id")')
        else:
            lines.append(
                f'FOREIGN KEY ("casefile", {_quoted(column.name)}) REFERENCES '
                f'{_quoted(column.references)} ("casefile", "id")'
            )
    if table.holder is not None:
        lines.append(
            f'FOREIGN KEY ("casefile", "holder") REFERENCES {_quoted(table.holder)} '
            '("casefile", "id")'
        )
    return f"CREATE TABLE {_quoted(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _statements(current: Layout) -> Table:
    return next(t for t in current.tables if t.kind == STATEMENT_KIND)


def _support_view(current: Layout) -> str:
    statements = _statements(current)
    own = [c.name for c in statements.columns if c.name not in ("casefile", "id", "pointer")]
    return (
        'CREATE VIEW "support" AS SELECT r."casefile", r."table", r."record", r."record_kind", '
        'r."column", r."target" AS "attribution", '
        + ", ".join(f"a.{_quoted(name)}" for name in own)
        + f' FROM "refs" r JOIN {_quoted(statements.name)} a ON a."casefile" = r."casefile" '
        f'AND a."id" = r."target" WHERE r."target_kind" = {_literal(STATEMENT_KIND)}'
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _write_metadata(path: Path, current: Layout, casefiles: tuple[str, ...], summary: str) -> None:
    """Write Datasette's metadata beside the database (``NAME.metadata.json``)."""
    from .storage import write_atomic

    tables: dict[str, Any] = {}
    for table in current.tables:
        facets = [c.name for c in table.columns if c.facet and c.name != "casefile"]
        if len(casefiles) > 1 and any(c.name == "casefile" for c in table.columns):
            facets.insert(0, "casefile")
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {c.name: c.description for c in table.columns},
        }
        if facets:
            entry["facets"] = facets
        tables[table.name] = entry
    statements = _statements(current).name
    tables["support"] = {
        "description": "Each record with each attribution that supports it: the attribution's "
        f"source, speaker and quote, from {statements} by way of refs.",
        "facets": ["record_kind", "stance"],
    }
    metadata = {
        "title": "Casefiles: " + ", ".join(casefiles),
        "description": f"Accountability casefiles exported as tables (schema "
        f"{SCHEMA_VERSION}). {summary}",
        "databases": {path.stem: {"tables": tables}},
    }
    write_atomic(path.with_name(path.stem + ".metadata.json"), _pretty(metadata))


def _pretty(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class _CsvWriter(_Writer):
    def open(self, path: Path) -> None:
        self.path = path
        self.handles = [
            open(path / f"{t.name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
            for t in self.layout.tables
        ]
        self.writers = [csv.writer(h) for h in self.handles]
        for writer, table in zip(self.writers, self.layout.tables, strict=True):
            writer.writerow([c.name for c in table.columns])
        self.booleans = [
            tuple(i for i, c in enumerate(t.columns) if c.type is ColumnType.BOOLEAN)
            for t in self.layout.tables
        ]

    def row(self, table: int, row: tuple[Any, ...]) -> None:
        cells = list(row)
        for i in self.json_columns[table]:
            if cells[i] is not None:
                cells[i] = _json(cells[i])
        for i in self.booleans[table]:
            if cells[i] is not None:
                cells[i] = "true" if cells[i] else "false"
        self.writers[table].writerow(cells)

    def close(self, casefiles: tuple[str, ...], summary: str) -> None:
        for handle in self.handles:
            handle.close()
        package = _datapackage(self.layout, casefiles, summary)
        (self.path / "datapackage.json").write_text(_pretty(package), encoding="utf-8")

    def abort(self) -> None:
        for handle in self.handles:
            handle.close()


_FRICTIONLESS_TYPES = {
    ColumnType.TEXT: "string",
    ColumnType.INTEGER: "integer",
    ColumnType.NUMBER: "number",
    ColumnType.BOOLEAN: "boolean",
}


def _datapackage(current: Layout, casefiles: tuple[str, ...], summary: str) -> dict[str, Any]:
    """A Frictionless data package describing the CSV tables."""
    resources = []
    for table in current.tables:
        fields = []
        for column in table.columns:
            field: dict[str, Any] = {
                "name": column.name,
                "description": column.description,
                "type": _FRICTIONLESS_TYPES.get(column.type, "any"),
            }
            if column.type is ColumnType.JSON:
                field["type"] = "string"
                field["format"] = "default"
                field["description"] += " (JSON text)"
            if column.type is ColumnType.BOOLEAN:
                field["trueValues"] = ["true"]
                field["falseValues"] = ["false"]
            fields.append(field)
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if table.key:
            schema["primaryKey"] = list(table.key)
        foreign = []
        for column in table.columns:
            if column.references is None:
                continue
            if column.name == "casefile":
                foreign.append(
                    {
                        "fields": ["casefile"],
                        "reference": {"resource": "casefiles", "fields": ["id"]},
                    }
                )
            elif column.required:
                foreign.append(
                    {
                        "fields": ["casefile", column.name],
                        "reference": {"resource": column.references, "fields": ["casefile", "id"]},
                    }
                )
            else:
                # Frictionless takes a key with one empty part for a broken one (SQL skips
                # it): an optional reference is checked by its id alone.
                foreign.append(
                    {
                        "fields": [column.name],
                        "reference": {"resource": column.references, "fields": ["id"]},
                    }
                )
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "title": table.name,
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "casefiles",
        "title": "Casefiles: " + ", ".join(casefiles),
        "description": f"Accountability casefiles exported as tables (schema {SCHEMA_VERSION}). "
        + summary,
        "resources": resources,
    }


class _JsonLinesWriter(_Writer):
    def open(self, path: Path) -> None:
        self.handles = [
            open(path / f"{t.name}.jsonl", "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            for t in self.layout.tables
        ]
        self.names = [tuple(c.name for c in t.columns) for t in self.layout.tables]
        self.kinds = [t.kind for t in self.layout.tables]

    def row(self, table: int, row: tuple[Any, ...]) -> None:
        data = dict(zip(self.names[table], row, strict=True))
        kind = self.kinds[table]
        if kind is not None:
            data = {"record_kind": kind, **data}
        self.handles[table].write(_json(data) + "\n")

    def close(self, casefiles: tuple[str, ...], summary: str) -> None:
        for handle in self.handles:
            handle.close()

    def abort(self) -> None:
        for handle in self.handles:
            handle.close()


_WRITERS: dict[str, Callable[[Layout], _Writer]] = {
    "sqlite": _SqliteWriter,
    "csv": _CsvWriter,
    "jsonl": _JsonLinesWriter,
}
