"""Importing published tables into a casefile through a mapping file, with no code.

A *mapping* (YAML, checked against ``schema/mapping.schema.json``) names the data files and
says, for each table, which records each row makes. The importer reads the tables, makes an
extraction (``casefile.building``) in which every value is a quote of its cell
(``{document, cell: {row, header}}``) or JSON value (``{document, pointer}``), and builds it,
so anchoring, validation and determinism are the builder's. The rules, stated once:

- **Templates.** Any string in a record is a template: ``cr-{Complaint_Number}`` puts the
  row's cell in place; ``{{`` and ``}}`` are literal braces. A reference may pass through
  filters, ``{Accused_Star|int}``: ``date:FORMAT`` and ``datetime:FORMAT`` (``strptime``
  formats, giving ``2019-03-15`` and ``2015-07-19T21:00:00``), ``number`` (a JSON number when
  it is the whole template), ``int`` (``14636.0`` gives ``14636``), ``slug`` (an id part),
  ``term`` (a snake_case vocabulary term), ``match:REGEX`` (the first group, or the match),
  ``map:NAME`` (through the mapping's ``values`` table NAME, whose ``"*"`` entry is the
  default), ``contains:NAME`` (the entry of NAME whose key appears first in the text, ignoring
  case) and ``lookup:NAME.COLUMN`` (the COLUMN of the row of lookup table NAME whose key is
  the value, compared as numbers when both are numbers). ``let`` names values of a table
  (including ``first:`` of several templates, the first not empty) for templates to use as
  ``{name}``; ``{join: SEP, of: [...]}`` joins the templates that are not empty.
- **Empty cells** make nothing: a template that reads an empty cell (or a filter that finds
  nothing) is empty, a field whose value is empty is left out, and a record, claim or other
  item left without a required field is not made. ``if`` and ``unless`` (a column, meaning
  "is filled", or ``{column: value or [values]}``) make a record or item only on some rows.
- **Attributions** are made, one per cell (``at.<document>.r<row>.c<column>``), never
  written: a claim or other nested item is attributed to every cell its templates read; a
  record that needs attributions (an allegation, finding, outcome, incident) to the cells
  its own fields read, except its id and references; ``cite: [columns]`` says otherwise.
  A value read through a lookup also cites the lookup table's cell.
- **Ids** come from templates, so the same data always gives the same ids; the nested ids are
  the builder's. Rows that make a record with the same id make one record: the first row gives
  its single values, every row adds to its lists (a claim stated again adds attributions).
- **References** to records the import does not make are ``join-missing`` problems, except a
  reference written with a final ``?`` (``{allegation}.recommended?``), which is left out when
  nothing made that record: how a final decision supersedes a recommendation that may be absent.
- **Summaries** may be left out: a record that needs one and has none is summarised by its id.
  A characteristic's ``sensitive`` defaults to whether its attribute is always sensitive;
  a civilian's must say ``sensitive: true`` (validation checks it).
- **Columns**: every column of a table (and of a lookup) is read by the mapping or listed
  under ``skip``; one that is neither is ``column-unmapped``.

Every problem (a mapping that does not fit its schema, an unknown column, a code missing from
its lookup, a join to nothing, a cell that does not parse) is collected in one run and raised
together as ``MappingError``, each at the mapping's line and column with the table's row in its
message; nothing is written.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import functools
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

import attrs

from ._files import check_output, read_regular
from .building import _build, _extraction_loader
from .documents import DocumentFolder
from .errors import BuildError, DocumentError, FileError, MappingError, Problem, pointer
from .limits import DEFAULT_MAX_BYTES
from .model import Casefile
from .model import Characteristic as _Characteristic
from .plan import ClassPlan, FieldPlan, Holds, collections, field_types, item_type, plan
from .storage import dumps, write_atomic
from .version import SCHEMA_VERSION
from .vocabulary import SENSITIVE_CHARACTERISTICS

__all__ = ["extraction", "import_file", "mapping_schema", "read_mapping"]

_EMPTY: Any = type("_Empty", (), {"__repr__": lambda self: "<empty>"})()
_DIRECTIVES = ("if", "unless", "cite")
_TYPES = {".csv": "text/csv", ".tsv": "text/tab-separated-values", ".json": "application/json"}
_PLACE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class Progress(Protocol):
    """What the importer reports its progress to (the command line's progress bar)."""

    label: str
    done: int
    total: int | None


@functools.cache
def mapping_schema() -> dict[str, Any]:
    """The mapping file's JSON Schema (draft 2020-12), as shipped in the package."""
    text = resources.files("casefile").joinpath("data/mapping.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# ------------------------------------------------------------------ reading the mapping


@attrs.frozen
class Mapping_:
    """A mapping as read: its data, each place's line and column, and its own path."""

    data: dict[str, Any]
    places: dict[str, tuple[int, int]]
    path: Path


def _positions(node: Any, where: str, into: dict[str, tuple[int, int]]) -> None:
    import yaml

    stack = [(node, where)]
    while stack:
        current, at = stack.pop()
        into.setdefault(at, (current.start_mark.line + 1, current.start_mark.column + 1))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    stack.append((value, at + pointer(key.value)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, f"{at}/{i}") for i, item in enumerate(current.value))


def read_mapping(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, Any]:
    """Read a mapping file and check it against the mapping schema.

    Raises:
        MappingError: it is not YAML, or does not fit the schema (each problem at its line).
    """
    return _read_mapping(Path(path), max_bytes).data


def _read_mapping(path: Path, max_bytes: int) -> Mapping_:
    import jsonschema
    import yaml

    try:
        raw = read_regular(path, max_bytes)
    except FileError as error:
        problem = Problem(pointer="", code=error.code, message=str(error))
        raise MappingError([problem], f"cannot read {path}") from None
    loader = _extraction_loader()(raw)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = Problem(
            pointer="",
            code="invalid-yaml",
            message=f"not valid YAML: {getattr(error, 'problem', None) or error}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        )
        raise MappingError([problem], f"cannot read {path}") from None
    finally:
        loader.dispose()
    places: dict[str, tuple[int, int]] = {}
    if node is not None:
        _positions(node, "", places)
    mapping = Mapping_(data if isinstance(data, dict) else {}, places, path)
    validator = jsonschema.Draft202012Validator(mapping_schema())
    problems = [
        _problem(
            mapping,
            pointer(*error.absolute_path),
            "mapping-schema",
            f"{error.message} (the mapping schema, at {error.json_path})",
        )
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    ]
    if problems:
        raise MappingError(problems, f"cannot read {path}")
    return mapping


def _problem(mapping: Mapping_, where: str, code: str, message: str) -> Problem:
    """A problem at a place in the mapping, with the line and column of it (or of the nearest
    place above it)."""
    at = where
    while at not in mapping.places and at:
        at = at.rsplit("/", 1)[0]
    line, column = mapping.places.get(at, (None, None))
    return Problem(pointer=where, code=code, message=message, line=line, column=column)


# ------------------------------------------------------------------ tables


@attrs.define
class _Table:
    """A table's rows, each a tuple of cell texts, and how to name each cell."""

    document: str
    name: str
    columns: list[str]
    rows: list[list[str]]
    pointers: list[str] | None  # a JSON table's entry pointers; None for CSV
    numbers: list[int] = attrs.field(factory=list)  # each row's number, for messages and quotes

    def locate(self, i: int, column: int) -> tuple[str, dict[str, Any], str]:
        """The attribution id, quote and place in words of a cell."""
        header = self.columns[column]
        if self.pointers is None:
            number = self.numbers[i]
            quote = {"document": self.document, "cell": {"row": number, "header": header}}
            return f"at.{self.document}.r{number}.c{column + 1}", quote, f"row {number}"
        at = self.pointers[i] + pointer(header)
        made = re.sub(r"[^A-Za-z0-9._:-]+", "-", at.strip("/").replace("/", "."))
        made = f"at.{self.document}.{made}"
        if len(made) > 128:
            made = f"at.{self.document}.{hashlib.sha256(at.encode()).hexdigest()[:16]}"
        return made, {"document": self.document, "pointer": at}, f"entry {self.pointers[i]!r}"

    def row_name(self, i: int) -> str:
        if self.pointers is None:
            return f"row {self.numbers[i]} of {self.name}"
        return f"entry {self.pointers[i]!r} of {self.name}"


def _csv_table(document: str, name: str, text: str, delimiter: str) -> _Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = list(reader)
    header = records[0] if records else []
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    width = len(header)
    rows = [r if len(r) == width else (r + [""] * width)[:width] for r in records[1:]]
    return _Table(document, name, header, rows, None, list(range(2, len(rows) + 2)))


def _json_table(document: str, name: str, text: str, at: str) -> _Table:
    node: Any = json.loads(text)
    for part in at.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    entries = [(f"{at}/{i}", e) for i, e in enumerate(node)] if isinstance(node, list) else []
    if isinstance(node, dict):
        entries = [(at, node)]
    columns: list[str] = []
    for _, entry in entries:
        for key, value in entry.items() if isinstance(entry, dict) else ():
            if key not in columns and not isinstance(value, dict | list) and value is not None:
                columns.append(key)
    rows = []
    for _, entry in entries:
        found = entry if isinstance(entry, dict) else {}
        rows.append([_text(found.get(column)) for column in columns])
    return _Table(document, name, columns, rows, [p for p, _ in entries], list(range(len(rows))))


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return value if isinstance(value, str) else json.dumps(value)


# ------------------------------------------------------------------ compiled templates


@attrs.frozen
class _Ref:
    name: str
    filters: tuple[tuple[str, str], ...]
    where: str


@attrs.frozen
class _Template:
    parts: tuple[str | _Ref, ...]
    where: str


@attrs.frozen
class _Join:
    separator: str
    items: tuple[Any, ...]


@attrs.frozen
class _First:
    items: tuple[Any, ...]


@attrs.frozen
class _Condition:
    column: str
    values: tuple[str, ...] | None  # None: the cell is filled
    negate: bool


@attrs.frozen
class _Object:
    fields: tuple[tuple[str, Any, FieldPlan | None], ...]
    plan: ClassPlan | None
    conditions: tuple[_Condition, ...]
    cite: tuple[str, ...] | None
    where: str


@attrs.frozen
class _List:
    items: tuple[Any, ...]


_FILTERS: tuple[str, ...] = ("date", "datetime", "number", "int", "slug", "term", "match")
_FILTERS += ("map", "contains", "lookup")


class _Compiler:
    """Turn a table's part of the mapping into templates, finding every problem it can
    before a row is read."""

    def __init__(self, importer: _Importer, table: _Table, lets: Mapping[str, Any]) -> None:
        self.importer = importer
        self.table = table
        self.lets = set(lets)
        self.used: set[str] = set()

    def problem(self, where: str, code: str, message: str) -> None:
        self.importer.problems.append(_problem(self.importer.mapping, where, code, message))

    def column(self, name: str, where: str) -> None:
        if name in self.lets or name == "_row":
            return
        if name not in self.table.columns:
            near = difflib.get_close_matches(name, self.table.columns, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            self.problem(
                where,
                "unknown-column",
                f"{self.table.name} has no column {name!r}{hint} (its columns: "
                f"{', '.join(self.table.columns)})",
            )
        self.used.add(name)

    def template(self, text: str, where: str) -> _Template | str:
        parts: list[str | _Ref] = []
        last = 0
        for found in _PLACE.finditer(text):
            parts.append(text[last : found.start()])
            last = found.end()
            if found[1] is None:
                parts.append(found[0][0])
                continue
            name, *filters = found[1].split("|")
            self.column(name.strip(), where)
            parsed = []
            for item in filters:
                kind, _, argument = item.partition(":")
                parsed.append((kind.strip(), argument))
                self.filter(kind.strip(), argument, where)
            parts.append(_Ref(name.strip(), tuple(parsed), where))
        parts.append(text[last:])
        kept = tuple(p for p in parts if p != "")
        if all(isinstance(p, str) for p in kept):
            return "".join(str(p) for p in kept)
        return _Template(kept, where)

    def filter(self, kind: str, argument: str, where: str) -> None:
        importer = self.importer
        if kind not in _FILTERS:
            self.problem(where, "unknown-filter", f"no filter {kind!r} (filters: {_FILTERS})")
        elif kind in ("map", "contains") and argument not in importer.values:
            self.problem(where, "unknown-values", f"the mapping has no values table {argument!r}")
        elif kind == "match":
            try:
                re.compile(argument)
            except re.error as error:
                self.problem(where, "invalid-pattern", f"{argument!r} is not a pattern: {error}")
        elif kind == "lookup":
            name, _, column = argument.partition(".")
            lookup = importer.lookups.get(name)
            if lookup is None:
                self.problem(where, "unknown-lookup", f"the mapping has no lookup {name!r}")
            elif column not in lookup.table.columns:
                self.problem(
                    where,
                    "unknown-column",
                    f"the lookup {name!r} ({lookup.table.name}) has no column {column!r}",
                )
            else:
                lookup.used.add(column)

    def node(self, value: Any, where: str, field: FieldPlan | None) -> Any:
        record = field.record if field is not None else None
        if isinstance(value, str):
            return self.template(value, where)
        if isinstance(value, list):
            return _List(tuple(self.node(v, f"{where}/{i}", field) for i, v in enumerate(value)))
        if isinstance(value, dict) and record is None and field is not None:
            if "join" in value:
                items = value.get("of", [])
                return _Join(
                    str(value["join"]),
                    tuple(self.node(v, f"{where}/of/{i}", None) for i, v in enumerate(items)),
                )
            if "first" in value:
                items = value["first"]
                return _First(
                    tuple(self.node(v, f"{where}/first/{i}", None) for i, v in enumerate(items))
                )
        if isinstance(value, dict):
            return self.record(value, where, record)
        return value

    def record(self, value: Mapping[str, Any], where: str, current: ClassPlan | None) -> Any:
        fields = []
        for key, item in value.items():
            if key in _DIRECTIVES:
                continue
            field = None
            if current is not None:
                try:
                    field = current.field(key)
                except KeyError:
                    names = [f.name for f in current.fields]
                    self.problem(
                        f"{where}{pointer(key)}",
                        "unknown-field",
                        f"a {current.cls.__name__} has no field {key!r} (its fields: "
                        f"{', '.join(names)})",
                    )
                    continue
            fields.append((key, self.node(item, f"{where}{pointer(key)}", field), field))
        conditions = []
        for directive, negate in (("if", False), ("unless", True)):
            said = value.get(directive)
            for column, values in _conditions(said):
                self.column(column, f"{where}/{directive}")
                conditions.append(_Condition(column, values, negate))
        cite = value.get("cite")
        if cite is not None:
            cite = [cite] if isinstance(cite, str) else cite
            for column in cite:
                self.column(column, f"{where}/cite")
        return _Object(
            tuple(fields),
            current,
            tuple(conditions),
            tuple(cite) if cite is not None else None,
            where,
        )


def _conditions(said: Any) -> Iterator[tuple[str, tuple[str, ...] | None]]:
    if isinstance(said, str):
        yield said, None
    elif isinstance(said, list):
        for item in said:
            yield from _conditions(item)
    elif isinstance(said, dict):
        for column, values in said.items():
            values = values if isinstance(values, list) else [values]
            yield str(column), tuple(_text(v) if not isinstance(v, str) else v for v in values)


# ------------------------------------------------------------------ rows


@attrs.define
class _Lookup:
    table: _Table
    key: int
    missing: str
    note: str | None
    index: dict[str, int] = attrs.field(factory=dict)
    used: set[str] = attrs.field(factory=set)


def _number_key(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    return repr(number) if number == number else text


class _RowError(Exception):
    def __init__(self, where: str, code: str, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.code = code


class _Row:
    """One row being made into records: its cells, its ``let`` values, its notes."""

    __slots__ = ("cells", "i", "index", "lets", "made", "notes", "table")

    def __init__(self, table: _Table, i: int, lets: Mapping[str, Any], index: dict[str, int]):
        self.table = table
        self.i = i
        self.cells = table.rows[i]
        self.index = index
        self.lets = lets
        self.made: dict[str, tuple[Any, frozenset[tuple[str, int, int]]]] = {}
        self.notes: list[str] = []


class _Importer:
    """Everything one import makes: records by collection and id, attributions, problems."""

    def __init__(self, mapping: Mapping_, folder: DocumentFolder) -> None:
        self.mapping = mapping
        self.folder = folder
        data = mapping.data
        self.values: dict[str, dict[str, str]] = {
            name: {str(k): _text(v) if not isinstance(v, str) else v for k, v in table.items()}
            for name, table in data.get("values", {}).items()
        }
        self.problems: list[Problem] = []
        self.repeats: dict[tuple[str, str], int] = {}
        self.tables: dict[str, _Table] = {}
        self.lookups: dict[str, _Lookup] = {}
        self.records: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in collections()}
        self.made_at: dict[str, tuple[str, str]] = {}  # record id: (mapping place, row)
        self.attributions: dict[str, dict[str, Any]] = {}
        self.cells: dict[str, str] = {}  # attribution id: the cell in words
        self.references: list[tuple[Any, Any, str, str, str]] = []
        self.documents: list[dict[str, Any]] = []
        self.sources: dict[str, str] = {}

    # ---- reading

    def read_documents(self) -> None:
        for name, said in self.mapping.data.get("documents", {}).items():
            where = pointer("documents", name)
            path = str(said["path"])
            try:
                read = self.folder.read(path)
            except DocumentError as error:
                self.problems.append(
                    _problem(self.mapping, f"{where}/path", error.code, str(error))
                )
                continue
            media = said.get("media_type") or _TYPES.get(PurePosixPath(path).suffix.lower())
            document = {"id": name, "path": path, "media_type": media or "text/csv"}
            if "delimiter" in said:
                document["delimiter"] = said["delimiter"]
            source = said.get("source", {})
            if isinstance(source, str):
                document["sources"] = [source]
            else:
                made = {"id": f"src-{name}", "kind": "dataset", "title": PurePosixPath(path).name}
                self.records["sources"][made["id"]] = made | source
                document["sources"] = [made["id"]]
            self.sources[name] = document["sources"][0]
            self.documents.append(document)
            if read.text is None:
                message = f"{path} is not UTF-8 text"
                self.problems.append(
                    _problem(self.mapping, f"{where}/path", "invalid-utf8", message)
                )
                continue
            try:
                if document["media_type"].split(";")[0].strip().endswith("json"):
                    continue  # read per table: a JSON table is an array at a pointer
                delimiter = "\t" if "tab-separated" in document["media_type"] else ","
                self.tables[name] = _csv_table(
                    name, path, read.text, said.get("delimiter", delimiter)
                )
            except csv.Error as error:
                message = f"{path} cannot be read as CSV: {error}"
                self.problems.append(_problem(self.mapping, where, "unreadable-table", message))

    def table(self, name: str, rows: str | None, where: str) -> _Table | None:
        if name not in {d["id"] for d in self.documents}:
            if not any(p.pointer.startswith(pointer("documents", name)) for p in self.problems):
                message = f"no document {name!r} in the mapping's documents"
                self.problems.append(_problem(self.mapping, where, "unknown-document", message))
            return None
        if name in self.tables and rows is None:
            return self.tables[name]
        document = next(d for d in self.documents if d["id"] == name)
        text = self.folder.read(document["path"]).text or ""
        try:
            return _json_table(name, document["path"], text, rows or "")
        except (ValueError, KeyError, IndexError, TypeError) as error:
            message = f"{document['path']} has no table at {rows!r}: {error}"
            self.problems.append(_problem(self.mapping, where, "unreadable-table", message))
            return None

    def read_lookups(self) -> None:
        for name, said in self.mapping.data.get("lookups", {}).items():
            where = pointer("lookups", name)
            table = self.table(said["document"], said.get("rows"), f"{where}/document")
            if table is None:
                continue
            key = said["key"]
            if key not in table.columns:
                message = f"{table.name} has no column {key!r} (its columns: {table.columns})"
                self.problems.append(
                    _problem(self.mapping, f"{where}/key", "unknown-column", message)
                )
                continue
            column = table.columns.index(key)
            lookup = _Lookup(table, column, said.get("missing", "error"), said.get("note"))
            for i, row in enumerate(table.rows):
                lookup.index.setdefault(_number_key(row[column]), i)
            lookup.used.add(key)
            self.lookups[name] = lookup

    # ---- making

    def cite(self, table: _Table, i: int, column: int) -> str:
        made, quote, _ = table.locate(i, column)
        if made not in self.attributions:
            source = self.sources[table.document]
            self.attributions[made] = {"id": made, "source": source, "quote": quote}
            self.cells[made] = f"{table.locate(i, column)[2]}, column {table.columns[column]!r}"
        return made

    def run_table(self, number: int, said: Mapping[str, Any], progress: Progress | None) -> None:
        where = pointer("tables", number)
        table = self.table(said["document"], said.get("rows"), f"{where}/document")
        if table is None:
            return
        lets_said = said.get("let", {})
        compiler = _Compiler(self, table, lets_said)
        for name in lets_said:
            if name in table.columns:
                message = f"the name {name!r} is a column of {table.name} already"
                self.problems.append(
                    _problem(self.mapping, f"{where}/let/{name}", "let-is-column", message)
                )
        lets = {
            name: compiler.node(value, f"{where}/let{pointer(name)}", _ANY)
            for name, value in lets_said.items()
        }
        makes: list[tuple[str, _Object]] = []
        roots = collections()
        for collection, records in said.get("make", {}).items():
            current = plan(_root_class(collection)) if collection in roots else None
            if current is None:
                message = f"no collection {collection!r} (collections: {', '.join(roots)})"
                self.problems.append(
                    _problem(
                        self.mapping, f"{where}/make/{collection}", "unknown-collection", message
                    )
                )
                continue
            listed = isinstance(records, list)
            for j, record in enumerate(records if listed else [records]):
                at = f"{where}/make{pointer(collection)}" + (f"/{j}" if listed else "")
                compiled = compiler.record(record, at, current)
                if "id" not in record:
                    self.problems.append(
                        _problem(
                            self.mapping,
                            at,
                            "missing-id",
                            "a record made from rows needs an id template",
                        )
                    )
                makes.append((collection, compiled))
        for column in said.get("skip", []):
            compiler.column(column, f"{where}/skip")
        unmapped = [c for c in table.columns if c not in compiler.used]
        if unmapped:
            message = (
                f"{table.name}: the mapping neither reads nor skips the column"
                f"{'s' if len(unmapped) > 1 else ''} {', '.join(map(repr, unmapped))}; map "
                "each or list it under skip"
            )
            self.problems.append(_problem(self.mapping, where, "column-unmapped", message))
        if any(p.code in _FATAL for p in self.problems):
            return
        index = {c: k for k, c in enumerate(table.columns)}
        if progress is not None:
            progress.label, progress.done, progress.total = (
                f"importing {table.name}",
                0,
                len(table.rows),
            )
        for i in range(len(table.rows)):
            row = _Row(table, i, lets, index)
            for collection, compiled in makes:
                try:
                    self.make(collection, compiled, row)
                except _RowError as error:
                    message = f"{table.row_name(i)}: {error}"
                    self.row_problem(error.where, error.code, message)
            if progress is not None and not i % 1000:
                progress.done = i
        if progress is not None:
            progress.done = len(table.rows)
        self.repeated()

    def make(self, collection: str, compiled: _Object, row: _Row) -> None:
        cited: set[tuple[str, int, int]] = set()
        made = self.value(compiled, row, cited, root=True)
        if made is _EMPTY:
            return
        if row.notes and "note" not in made and "note" in {f.name for f in compiled.plan.fields}:  # type: ignore[union-attr]
            made["note"] = " ".join(dict.fromkeys(row.notes))
        row.notes.clear()
        held = self.records[collection]
        id = made["id"]
        if id in held:
            _merge(held[id], made)
        else:
            held[id] = made
            self.made_at[id] = (compiled.where, row.table.row_name(row.i))

    def cell(self, name: str, row: _Row, cited: set[tuple[str, int, int]], where: str) -> Any:
        if name in row.lets:
            if name not in row.made:
                inner: set[tuple[str, int, int]] = set()
                value = self.value(row.lets[name], row, inner)
                row.made[name] = (value, frozenset(inner))
            value, read = row.made[name]
            cited.update(read)
            return value
        if name == "_row":
            return str(row.table.numbers[row.i])
        column = row.index[name]
        text = row.cells[column]
        if text == "":
            return _EMPTY
        cited.add(("", row.i, column))
        return text

    def value(
        self, node: Any, row: _Row, cited: set[tuple[str, int, int]], root: bool = False
    ) -> Any:
        kind = type(node)
        if kind is _Template:
            return self.template(node, row, cited)
        if kind is _Object:
            return self.record(node, row, cited, root)
        if kind is _List:
            items = [self.value(item, row, cited) for item in node.items]
            kept = [item for item in items if item is not _EMPTY]
            return kept if kept else _EMPTY
        if kind is _Join:
            pieces = [self.value(item, row, cited) for item in node.items]
            kept = [str(p) for p in pieces if p is not _EMPTY and p != ""]
            return node.separator.join(kept) if kept else _EMPTY
        if kind is _First:
            for item in node.items:
                found = self.value(item, row, cited)
                if found is not _EMPTY:
                    return found
            return _EMPTY
        return node

    def template(self, node: _Template, row: _Row, cited: set[tuple[str, int, int]]) -> Any:
        out: list[Any] = []
        for part in node.parts:
            if type(part) is str:
                out.append(part)
                continue
            assert isinstance(part, _Ref)
            value = self.cell(part.name, row, cited, part.where)
            for kind, argument in part.filters:
                if value is _EMPTY:
                    break
                value = self.apply(kind, argument, value, row, cited, part)
            if value is _EMPTY or value == "":
                return _EMPTY
            out.append(value)
        if len(out) == 1:
            return out[0]
        return "".join(str(v) for v in out)

    def apply(
        self,
        kind: str,
        argument: str,
        value: Any,
        row: _Row,
        cited: set[tuple[str, int, int]],
        ref: _Ref,
    ) -> Any:
        text = str(value)
        try:
            if kind == "date":
                day = datetime.datetime.strptime(text, argument).date().isoformat()
                return (
                    day
                    if "%d" in argument or "%j" in argument
                    else day[: 7 if "%m" in argument else 4]
                )
            if kind == "datetime":
                return datetime.datetime.strptime(text, argument).isoformat()
            if kind == "number":
                number = float(text)
                return int(number) if number.is_integer() and "." not in text else number
            if kind == "int":
                return str(int(float(text)))
        except ValueError:
            expected = f"a {kind} in the format {argument!r}" if argument else f"a {kind}"
            raise _RowError(
                ref.where, "unparseable-cell", f"{ref.name} holds {text!r}, not {expected}"
            ) from None
        if kind == "slug":
            return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or _EMPTY
        if kind == "term":
            return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or _EMPTY
        if kind == "match":
            found = re.search(argument, text)
            if found is None:
                return _EMPTY
            return found[1] if found.re.groups else found[0]
        if kind == "map":
            table = self.values[argument]
            found_value = table.get(text, table.get("*"))
            if found_value is None:
                raise _RowError(
                    ref.where,
                    "code-not-in-values",
                    f"{ref.name} holds {text!r}, which the values table {argument!r} does not "
                    f'list (it lists {", ".join(map(repr, table))}); add it, or a "*" default',
                )
            return found_value or _EMPTY
        if kind == "contains":
            table = self.values[argument]
            lowered = text.lower()
            hits = [(lowered.find(k.lower()), -len(k), k) for k in table if k != "*"]
            hits = [hit for hit in hits if hit[0] >= 0]
            if hits:
                return table[min(hits)[2]] or _EMPTY
            if "*" in table:
                return table["*"] or _EMPTY
            raise _RowError(
                ref.where,
                "code-not-in-values",
                f"{ref.name} holds {text!r}, in which no key of the values table {argument!r} "
                'appears; add one, or a "*" default',
            )
        name, _, column = argument.partition(".")
        lookup = self.lookups[name]
        i = lookup.index.get(_number_key(text))
        if i is None:
            if lookup.missing == "keep":
                if lookup.note:
                    row.notes.append(lookup.note)
                return text
            if lookup.missing == "empty":
                return _EMPTY
            raise _RowError(
                ref.where,
                "code-not-in-lookup",
                f"{ref.name} holds {text!r}, which the lookup {name!r} ({lookup.table.name}) "
                "does not list; add it there, or say missing: keep",
            )
        k = lookup.table.columns.index(column)
        found_text = lookup.table.rows[i][k]
        if found_text == "":
            return _EMPTY
        cited.add((name, i, k))
        return found_text

    def record(self, node: _Object, row: _Row, outer: set[tuple[str, int, int]], root: bool) -> Any:
        for condition in node.conditions:
            value = self.cell(condition.column, row, set(), node.where)
            if condition.values is None:
                holds = value is not _EMPTY
            else:
                holds = (value if value is not _EMPTY else "") in condition.values
            if holds == condition.negate:
                return _EMPTY
        current = node.plan
        own: set[tuple[str, int, int]] = set()
        references: set[tuple[str, int, int]] = set()
        made: dict[str, Any] = {}
        pending: list[tuple[str, str]] = []
        for name, child, field in node.fields:
            into = own
            if field is not None and field.holds is Holds.REFERENCE:
                into = references
            elif name == "id":
                into = set()  # a record's id is not what it states
            value = self.value(child, row, into)
            if value is _EMPTY:
                continue
            if field is not None and field.holds is Holds.REFERENCE:
                pending.append((name, node.where + pointer(name)))
            made[name] = value
        if current is None:
            outer.update(own | references)
            return made
        if current.cls is _Characteristic and "sensitive" not in made and "attribute" in made:
            made["sensitive"] = made["attribute"] in SENSITIVE_CHARACTERISTICS
        for field in attrs.fields(current.cls):
            if field.name in made or field.default is not attrs.NOTHING:
                continue
            if field.name == "summary" and "id" in made:
                made["summary"] = made["id"]
            elif field.name not in ("attributions", "id") or (field.name == "id" and root):
                return _EMPTY  # a required field is empty on this row: nothing is made
        if "attributions" not in _field_names(current.cls):
            outer.update(own | references)  # a quantity, a place: its holder's cells
        elif "attributions" not in made:
            claim = current.kind is None or current.kind == "claim"
            if node.cite is not None:
                chosen: set[tuple[str, int, int]] = set()
                for column in node.cite:
                    self.cell(column, row, chosen, node.where)
            else:
                chosen = own | references if claim else own
            if not chosen:
                if node.cite is not None:
                    return _EMPTY  # the cells it cites are empty on this row
                raise _RowError(
                    node.where,
                    "nothing-cited",
                    "this record reads no cell that could be its attribution; name the "
                    "columns that state it under cite",
                )
            made["attributions"] = [self.attribution(c, row) for c in sorted(chosen)]
        for name, where in pending:
            self.references.append((made, name, where, row.table.row_name(row.i), ""))
        return made

    def attribution(self, cell: tuple[str, int, int], row: _Row) -> str:
        lookup, i, column = cell
        if lookup:
            return self.cite(self.lookups[lookup].table, i, column)
        return self.cite(row.table, i, column)

    # ---- finishing

    def check_references(self) -> None:
        known = {id for held in self.records.values() for id in held}
        known.update(d["id"] for d in self.documents)
        for items in self.mapping.data.get("records", {}).values():
            known.update(i["id"] for i in items if isinstance(i, dict) and "id" in i)
        for holder, name, where, row, _ in self.references:
            value = holder.get(name)
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            kept = []
            for item in values:
                if isinstance(item, dict):  # a claim of a reference: its value
                    target = item.get("value")
                    if isinstance(target, str) and target.endswith("?"):
                        item["value"] = target = target[:-1]
                    if isinstance(target, str) and target not in known:
                        self.join_problem(where, row, target)
                    kept.append(item)
                    continue
                optional = isinstance(item, str) and item.endswith("?")
                target = item
                if optional:  # the first of the ids named that was made, or none
                    names = item[:-1].split()
                    target = next((name for name in names if name in known), names[0])
                if target in known:
                    if target not in kept:
                        kept.append(target)
                elif not optional:
                    self.join_problem(where, row, target)
            if isinstance(value, list):
                if kept:
                    holder[name] = kept
                else:
                    del holder[name]
            elif kept:
                holder[name] = kept[0]

    def row_problem(self, where: str, code: str, message: str) -> None:
        """Add a problem found on a row; the same problem at the same place of the mapping is
        listed for its first rows only, then counted (see ``_REPEATS``)."""
        seen = self.repeats[where, code] = self.repeats.get((where, code), 0) + 1
        if seen <= _REPEATS:
            self.problems.append(_problem(self.mapping, where, code, message))

    def repeated(self) -> None:
        """A problem for each place whose problem was listed for its first rows only."""
        for (where, code), seen in self.repeats.items():
            if seen > _REPEATS:
                message = f"the same problem on {seen - _REPEATS:,} more rows"
                self.problems.append(_problem(self.mapping, where, code, message))
        self.repeats.clear()

    def join_problem(self, where: str, row: str, target: Any) -> None:
        near = difflib.get_close_matches(str(target), self._known_ids(), n=1)
        hint = f" (the closest made is {near[0]!r})" if near else ""
        message = (
            f"{row}: the reference {target!r} joins no record the import makes{hint}; write "
            "it with a final '?' if the record may be absent"
        )
        self.row_problem(where, "join-missing", message)

    @functools.cached_property
    def _known(self) -> list[str]:
        return sorted(id for held in self.records.values() for id in held)

    def _known_ids(self) -> list[str]:
        return self._known if len(self._known) < 5000 else []

    def extraction(self) -> dict[str, Any]:
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, **self.mapping.data["casefile"]}
        literal = self.mapping.data.get("records", {})
        for collection in collections():
            items = list(literal.get(collection, []))
            if collection == "documents":
                items += self.documents
            elif collection == "attributions":
                items += list(self.attributions.values())
            items += list(self.records[collection].values())
            if items:
                data[collection] = items
        return data


_FATAL = frozenset(
    {"unknown-column", "unknown-filter", "unknown-values", "unknown-lookup", "invalid-pattern"}
    | {"unknown-field", "unknown-collection", "missing-id", "let-is-column", "unknown-document"}
    | {"unreadable-table"}
)
#: How many rows with the same problem at the same place are listed before they are counted.
_REPEATS = 3
#: The plan given to ``let`` values: a value that is not a record.
_ANY = FieldPlan(name="let", holds=Holds.TEXT, many=False, optional=True)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(field.name for field in attrs.fields(cls))


def _root_class(collection: str) -> Any:
    return item_type(field_types(Casefile)[collection])


def _merge(held: dict[str, Any], made: Mapping[str, Any]) -> None:
    """Add what a later row says of a record to what earlier rows said (see the module
    docstring): single values stay the first row's, lists gain what they lack."""
    for key, value in made.items():
        if key not in held:
            held[key] = value
        elif isinstance(value, list) and isinstance(held[key], list):
            items = held[key]
            for item in value:
                if isinstance(item, dict) and "attributions" in item:
                    same = {k: v for k, v in item.items() if k not in ("attributions", "id")}
                    found = next(
                        (
                            old
                            for old in items
                            if isinstance(old, dict)
                            and {k: v for k, v in old.items() if k not in ("attributions", "id")}
                            == same
                        ),
                        None,
                    )
                    if found is not None:
                        found["attributions"] += [
                            a for a in item["attributions"] if a not in found["attributions"]
                        ]
                        continue
                if item not in items:
                    items.append(item)


# ------------------------------------------------------------------ the import


def _folder(mapping: Mapping_, documents: str | os.PathLike[str] | None) -> Path:
    if documents is not None:
        return Path(documents)
    return mapping.path.parent / str(mapping.data.get("folder", "."))


def _prepare(mapping: Mapping_, folder: DocumentFolder, progress: Progress | None) -> _Importer:
    importer = _Importer(mapping, folder)
    importer.read_documents()
    importer.read_lookups()
    for number, table in enumerate(mapping.data.get("tables", [])):
        importer.run_table(number, table, progress)
    for name, lookup in importer.lookups.items():
        skip = mapping.data["lookups"][name].get("skip", [])
        unmapped = [c for c in lookup.table.columns if c not in lookup.used and c not in skip]
        if unmapped:
            message = (
                f"{lookup.table.name}: the mapping neither reads nor skips the column"
                f"{'s' if len(unmapped) > 1 else ''} {', '.join(map(repr, unmapped))}"
            )
            importer.problems.append(
                _problem(mapping, pointer("lookups", name), "column-unmapped", message)
            )
    importer.check_references()
    importer.repeated()
    return importer


def extraction(
    mapping: str | os.PathLike[str],
    documents: str | os.PathLike[str] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """The extraction a mapping makes of its tables, before it is built: to inspect, or to
    hand-edit and build with ``casefile build``.

    Raises:
        MappingError: with every problem of the mapping and the rows.
    """
    read = _read_mapping(Path(mapping), max_bytes)
    importer = _prepare(read, DocumentFolder(_folder(read, documents), max_bytes), None)
    if importer.problems:
        raise MappingError(importer.problems, f"cannot import {mapping}")
    return importer.extraction()


def import_file(
    mapping: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    documents: str | os.PathLike[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> Casefile:
    """Import the tables a mapping names into a casefile; write it to ``output`` if given.

    Args:
        mapping: the mapping file (YAML).
        output: where to write the casefile, atomically; nowhere by default.
        documents: the folder the data files are in; by default the mapping's ``folder``,
            relative to the mapping file, or the mapping file's own folder.
        max_bytes: refuse a mapping or data file larger than this, unread.
        progress: told the table and row being imported, for a progress bar.

    Raises:
        MappingError: every problem of the mapping, the rows and the built casefile, each at
            the mapping's line and column with the table's row; nothing is written.
        UnsafeOutput: the output is the mapping or a data file.
    """
    path = Path(mapping)
    read = _read_mapping(path, max_bytes)
    root = DocumentFolder(_folder(read, documents), max_bytes)
    missing = root.missing_problem()
    if missing is not None:
        raise MappingError([missing], f"cannot import {path}")
    importer = _prepare(read, root, progress)
    if importer.problems:
        raise MappingError(importer.problems, f"cannot import {path}")
    data = importer.extraction()
    if progress is not None:
        progress.label, progress.done, progress.total = "anchoring and validating", 0, None
    try:
        casefile = _build(data, root)
    except BuildError as error:
        problems = [_placed(importer, data, p) for p in error.problems]
        raise MappingError(problems, f"cannot import {path}") from None
    if output is not None:
        target = Path(output)
        inputs = [(path, "the mapping")]
        inputs += [(file, f"the data file {str(file)!r}") for file in root.paths.values()]
        check_output(target, inputs)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, dumps(casefile))
    return casefile


def _placed(importer: _Importer, data: Mapping[str, Any], problem: Problem) -> Problem:
    """A problem the builder found in the extraction, placed at the mapping template that
    made the record, with its row (or, for a quote, the cell it quotes)."""
    parts = problem.pointer.split("/")[1:]
    if len(parts) < 2 or not parts[1].isdigit() or parts[0] not in data:
        return problem
    items = data[parts[0]]
    record = items[int(parts[1])] if int(parts[1]) < len(items) else None
    id = record.get("id") if isinstance(record, dict) else None
    if parts[0] == "attributions" and id in importer.cells:
        message = f"{importer.cells[id]}: {problem.message}"
        return attrs.evolve(problem, message=message)
    if id in importer.made_at:
        where, row = importer.made_at[id]
        placed = _problem(importer.mapping, where, problem.code, f"{row}: {problem.message}")
        return attrs.evolve(placed, pointer=problem.pointer)
    return problem


def summary(casefile: Casefile) -> str:
    """One line of what an import made: how many records of each collection."""
    counts = [
        f"{len(getattr(casefile, name))} {name}"
        for name in collections()
        if getattr(casefile, name, ())
    ]
    return ", ".join(counts)
