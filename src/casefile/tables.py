"""The casefile model as tables: worked out from the field plan, filled by one walk.

Every export format (``casefile.export``: SQLite, CSV with a data package, JSON Lines) writes
the same tables, laid out here from ``casefile.plan`` and never from a list of fields, so that a
field added to the model appears in every export, or fails the test that says every field is
exported or listed in ``EXCLUDED``. The rules:

- ``casefiles``: one row per casefile, from the root's own fields; its key is ``id``.
- One table per root collection (``actors``, ``attributions``, ...), named as the collection.
- One table per kind of nested record held in a tuple or with an id of its own (the claims of
  each value type, milestones, roles, links, derivations, ...), named from the record's
  definition in the published schema (``WhenClaim`` gives ``when_claims``), so that the same
  record under several fields (milestones of investigations and of complaints) shares a table.
  Such rows name what holds them: ``holder`` (the nearest record with an id), ``holder_kind``
  and ``field``.
- A single nested record without an id (an attribution's quote, a figure's quantity) is laid
  flat in its holder's row, its columns prefixed with the field's name (``quote_exact``).
- Every row of a record table carries ``casefile`` (the casefile's id) and ``pointer`` (the
  record's JSON Pointer in its casefile), so a row leads back to the record it came from. The
  key is ``(casefile, id)`` for records with an id, else ``(casefile, pointer)``.
- Values: text, numbers and booleans as they are; dates and periods in their casefile
  (EDTF) form; enumerations by their value; tuples of values and extensions as JSON (empty
  ones as null, since the model does not tell an empty tuple from an absent one).
- ``refs``: one row per reference anywhere in a row, with the kind of record it points to,
  so that any reference, including each item of a tuple, is a join away from its target.
  SQLite adds a ``support`` view over it (see ``casefile.export``).
- ``left_out``: what was left out as sensitive (below), one row per record or column.

Sensitive values are left out unless asked for (``include_sensitive``), by two generic rules
that follow the model rather than name fields: a record whose class has a boolean field named
``sensitive`` that is true is left out with everything it holds, and references to it are
dropped; a field whose attrs metadata has ``sensitive=True`` is left out as a column (as a
table, for a field of nested records). Each is listed in ``left_out``.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from . import model
from .errors import ModelError, pointer
from .plan import ClassPlan, FieldPlan, Holds, _clear_hooks, collections, plan, walk
from .schema import load_schema

__all__ = [
    "EXCLUDED",
    "Column",
    "ColumnType",
    "Layout",
    "Table",
    "column_rows",
    "layout",
    "rows",
]

#: Model fields deliberately not exported, as ``(class name, field name)``, each with why.
#: Empty: every field is exported. A field listed here is the one way to leave a field out
#: without failing ``tests/test_tables.py``.
EXCLUDED: Mapping[tuple[str, str], str] = {}

#: The kind of record that says who said what; ``refs`` rows pointing to one make ``support``.
STATEMENT_KIND = "attribution"


class ColumnType(enum.Enum):
    """What a column holds, as each format spells it."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    #: A JSON array (a tuple of values) or object (extensions), written as JSON text where a
    #: format has no arrays.
    JSON = "json"


@attrs.frozen(kw_only=True)
class Column:
    """One column of an exported table.

    Attributes:
        name: the column's name (a field's name, prefixed for a flattened record).
        type: what it holds.
        description: the published schema's description of the field, or of the export's own
            column.
        origin: the model field it holds, ``(class name, field name)``; None for the export's
            own columns (``casefile``, ``pointer``, ``holder`` ...).
        references: for a single reference to one kind of record, that kind's table.
        required: every row has a value (a field that is neither optional nor a tuple, in no
            optional record).
        facet: a term or enumeration, worth counting by (Datasette facets).
        search: prose a reader searches (full-text indexes).
    """

    name: str
    type: ColumnType
    description: str
    origin: tuple[str, str] | None = None
    references: str | None = None
    required: bool = False
    facet: bool = False
    search: bool = False


@attrs.frozen(kw_only=True)
class Table:
    """One exported table.

    Attributes:
        name: the table's name.
        description: what a row is.
        kind: the kind of record a row is (``actor``, ``claim``), where rows are records
            that have one.
        columns: its columns, in order.
        key: the columns that identify a row.
        origins: the model fields whose records it holds, ``(class name, field name)``.
        holder: for nested records that are always held by one kind, that kind's table.
    """

    name: str
    description: str
    kind: str | None
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    origins: tuple[tuple[str, str], ...] = ()
    holder: str | None = None

    def column(self, name: str) -> Column:
        """Return one column by name."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


# A getter reads one column's value from a row's record; `_State` holds the ids left out.
_Getter = Callable[[Any, "_State"], Any]


@attrs.define
class _State:
    """What one casefile's rows are made with: whether sensitive values are included, and
    the ids of the records left out (references to them are dropped)."""

    include: bool
    hidden: set[str] = attrs.Factory(set)


@attrs.frozen(kw_only=True)
class _Reference:
    """A reference field reachable from a row record: where, and what it may point to."""

    path: tuple[str, ...]  # attribute names from the row record
    keys: tuple[str, ...]  # the same as JSON names, for pointers
    column: str
    many: bool
    kinds: tuple[str, ...]


@attrs.frozen(kw_only=True)
class _RowPlan:
    """How one planned record becomes a row: its table, getters and references."""

    table: int
    getters: tuple[_Getter, ...]
    references: tuple[_Reference, ...]
    nested: bool
    has_id: bool


@attrs.frozen(kw_only=True)
class Layout:
    """Every exported table, and how each planned record fills one.

    Attributes:
        tables: the tables, ``casefiles`` first, ``refs`` and ``left_out`` last.
        left_out_columns: ``(table, column)`` of each sensitive field left out.
        include_sensitive: whether sensitive values are exported.
    """

    tables: tuple[Table, ...]
    left_out_columns: tuple[tuple[str, str], ...]
    include_sensitive: bool
    _rows: Mapping[int, _RowPlan] = attrs.field(repr=False, eq=False, alias="_rows")
    _descend: frozenset[int] = attrs.field(repr=False, eq=False, alias="_descend")
    _sensitive_fields: frozenset[tuple[str, str]] = attrs.field(
        repr=False, eq=False, alias="_sensitive_fields"
    )
    _flagged: bool = attrs.field(repr=False, eq=False, alias="_flagged")

    def table(self, name: str) -> Table:
        """Return one table by name."""
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def into(self, current: ClassPlan) -> bool:
        """Whether the walk must go into records of this plan (rows, or rows below them)."""
        return id(current) in self._descend


# ------------------------------------------------------------------ the export's own columns

_CASEFILE = Column(
    name="casefile",
    type=ColumnType.TEXT,
    description="The id of the casefile the row comes from.",
    references="casefiles",
    facet=True,
)
_POINTER = Column(
    name="pointer",
    type=ColumnType.TEXT,
    description="The record's place in its casefile, as a JSON Pointer.",
)
_HOLDER = (
    Column(
        name="holder",
        type=ColumnType.TEXT,
        description="The id of the nearest record with an id that holds this one.",
    ),
    Column(
        name="holder_kind",
        type=ColumnType.TEXT,
        description="The kind of that record (actor, source, claim ...).",
        facet=True,
    ),
    Column(
        name="field",
        type=ColumnType.TEXT,
        description="The field of the record above that holds this one.",
        facet=True,
    ),
)
_REFS = Table(
    name="refs",
    description="Every reference in the exported rows, one row per referenced id: a join "
    "from any record to what it names.",
    kind=None,
    columns=(
        _CASEFILE,
        Column(name="table", type=ColumnType.TEXT, description="The table of the row.", facet=True),
        Column(
            name="record",
            type=ColumnType.TEXT,
            description="The id of the record that makes the reference (for a row without an "
            "id, the record holding it).",
        ),
        Column(
            name="record_kind",
            type=ColumnType.TEXT,
            description="The kind of that record.",
            facet=True,
        ),
        Column(
            name="column",
            type=ColumnType.TEXT,
            description="The column of the row that holds the reference.",
            facet=True,
        ),
        Column(
            name="position",
            type=ColumnType.INTEGER,
            description="The place of the id in a list of them, from 0; null for a single one.",
        ),
        Column(name="target", type=ColumnType.TEXT, description="The id referred to."),
        Column(
            name="target_kind",
            type=ColumnType.TEXT,
            description="The kind of record it refers to, which names its table.",
            facet=True,
        ),
        Column(
            name="pointer",
            type=ColumnType.TEXT,
            description="The reference's place in its casefile, as a JSON Pointer.",
        ),
    ),
    key=("casefile", "pointer"),
)
_LEFT_OUT = Table(
    name="left_out",
    description="What was left out as sensitive: each record (with what it holds) and each "
    "column. Empty when nothing was, or when sensitive values were asked for.",
    kind=None,
    columns=(
        Column(
            name="casefile",
            type=ColumnType.TEXT,
            description="The casefile of a record left out; null for a column.",
        ),
        Column(name="table", type=ColumnType.TEXT, description="The table it belongs in."),
        Column(
            name="pointer",
            type=ColumnType.TEXT,
            description="The record's place in its casefile; null for a column.",
        ),
        Column(name="column", type=ColumnType.TEXT, description="The column; null for a record."),
        Column(
            name="reason",
            type=ColumnType.TEXT,
            description="Why: a sensitive record, or a sensitive field.",
            facet=True,
        ),
    ),
    key=(),
)


# ------------------------------------------------------------------ the layout


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _plural(name: str) -> str:
    return name if name.endswith("s") else name + "s"


def _json_name(cls: type, name: str) -> str:
    json_name: str = attrs.fields_dict(cls)[name].metadata.get("json_name", name)
    return json_name


def _is_sensitive_field(cls: type, name: str) -> bool:
    return bool(attrs.fields_dict(cls)[name].metadata.get("sensitive"))


def _is_flagged(current: ClassPlan) -> bool:
    """Whether records of this plan say themselves whether they are sensitive."""
    return any(f.name == "sensitive" and f.holds is Holds.BOOLEAN for f in current.fields)


def _flag_is_set(record: Any, current: ClassPlan) -> bool:
    return _is_flagged(current) and getattr(record, "sensitive", False) is True


class _Schema:
    """The published schema's descriptions, read along the fields the plan walks."""

    def __init__(self) -> None:
        self.defs: Mapping[str, Any] = load_schema()["$defs"]

    def definition(self, name: str | None) -> Mapping[str, Any]:
        found: Mapping[str, Any] = self.defs.get(name or "", {})
        return found

    @staticmethod
    def property(definition: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = definition.get("properties", {}).get(key, {})
        return found

    @staticmethod
    def target(prop: Mapping[str, Any]) -> str | None:
        """The definition a property's records follow (through ``items`` and ``anyOf``)."""
        stack = [prop]
        while stack:
            node = stack.pop()
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return ref.removeprefix("#/$defs/")
            stack.extend(n for n in (node.get("items"),) if isinstance(n, dict))
            stack.extend(n for n in node.get("anyOf", ()) if isinstance(n, dict))
        return None


def _doc(cls: type, name: str) -> str:
    doc: str = attrs.fields_dict(cls)[name].metadata.get("doc", "")
    return doc


def _class_doc(cls: type) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]


def _type_of(field: FieldPlan) -> ColumnType:
    if field.many or field.holds is Holds.EXTENSIONS:
        return ColumnType.JSON
    return {
        Holds.ID: ColumnType.TEXT,
        Holds.REFERENCE: ColumnType.TEXT,
        Holds.TERM: ColumnType.TEXT,
        Holds.TEXT: ColumnType.TEXT,
        Holds.DATE: ColumnType.TEXT,
        Holds.ENUM: ColumnType.TEXT,
        Holds.NUMBER: ColumnType.NUMBER,
        Holds.INTEGER: ColumnType.INTEGER,
        Holds.BOOLEAN: ColumnType.BOOLEAN,
    }[field.holds]


def _convert(field: FieldPlan) -> Callable[[Any, _State], Any]:
    """How one value of a field becomes a cell (see the module docstring)."""
    holds = field.holds
    if holds is Holds.EXTENSIONS:
        return lambda v, _: v or None
    if holds is Holds.REFERENCE:
        if field.many:
            return lambda v, s: [i for i in v if i not in s.hidden] or None
        return lambda v, s: None if v in s.hidden else v
    if field.many:
        if holds is Holds.ENUM:
            return lambda v, _: [i.value for i in v] or None
        if holds is Holds.DATE:
            return lambda v, _: [str(i) for i in v] or None
        return lambda v, _: list(v) or None
    if holds is Holds.ENUM:
        return lambda v, _: None if v is None else v.value
    if holds is Holds.DATE:
        return lambda v, _: None if v is None else str(v)
    if holds in (Holds.ID, Holds.TERM, Holds.TEXT, Holds.NUMBER, Holds.INTEGER, Holds.BOOLEAN):
        return lambda v, _: v
    raise ModelError(f"{field.name}: no column for a field that holds {holds}")


def _getter(path: tuple[tuple[str, ClassPlan], ...], name: str, field: FieldPlan) -> _Getter:
    """Read ``name`` through the flattened records of ``path`` (None when one of them is absent,
    or sensitive and not asked for); then convert it."""
    convert = _convert(field)
    if not path:
        return lambda r, s: convert(getattr(r, name), s)

    def get(record: Any, state: _State) -> Any:
        for step, current in path:
            record = getattr(record, step)
            if record is None or (not state.include and _flag_is_set(record, current)):
                return None
        return convert(getattr(record, name), state)

    return get


@attrs.define
class _Spec:
    """A table being laid out."""

    description: str
    kind: str | None
    columns: list[Column]
    key: tuple[str, ...]
    fields: tuple[str, ...]
    origins: list[tuple[str, str]] = attrs.Factory(list)
    holders: set[str] = attrs.Factory(set)


@attrs.define
class _Collected:
    """What laying out one record's fields gathers."""

    columns: list[Column] = attrs.Factory(list)
    getters: list[_Getter] = attrs.Factory(list)
    references: list[_Reference] = attrs.Factory(list)


class _Builder:
    """Lays out the tables, walking the plans from the root."""

    def __init__(self, include_sensitive: bool) -> None:
        self.include = include_sensitive
        self.schema = _Schema()
        self.tables: dict[str, _Spec] = {}
        self.rows: dict[int, _RowPlan] = {}
        self.left_out: list[tuple[str, str]] = []
        self.sensitive_fields: set[tuple[str, str]] = set()
        self.flagged = False
        self.children: dict[int, list[int]] = {}

    def build(self) -> Layout:
        root = plan(model.Casefile)
        casefiles = self.schema.definition("Casefile")
        held = set(collections())
        self.table("casefiles", _class_doc(model.Casefile), root, casefiles, skip=held)
        for field in root.fields:
            if field.name not in held or field.record is None:
                continue
            self.children.setdefault(id(root), []).append(id(field.record))
            target = self.schema.target(self.schema.property(casefiles, field.name))
            definition = self.schema.definition(target)
            self.table(
                field.name,
                definition.get("description") or _class_doc(field.record.cls),
                field.record,
                definition,
                origin=("Casefile", field.name),
            )
        # The root and its collections first, in model order; then nested records' tables.
        order = ["casefiles", *(n for n in collections() if n in self.tables)]
        order += [n for n in self.tables if n not in order]
        moved = {list(self.tables).index(name): i for i, name in enumerate(order)}
        self.rows = {k: attrs.evolve(r, table=moved[r.table]) for k, r in self.rows.items()}
        self.tables = {name: self.tables[name] for name in order}
        tables = [
            Table(
                name=name,
                description=spec.description,
                kind=spec.kind,
                columns=tuple(spec.columns),
                key=spec.key,
                origins=tuple(spec.origins),
                holder=_table_of_kind(next(iter(spec.holders))) if len(spec.holders) == 1 else None,
            )
            for name, spec in self.tables.items()
        ]
        return Layout(
            tables=(*tables, _REFS, _LEFT_OUT),
            left_out_columns=tuple(self.left_out),
            include_sensitive=self.include,
            _rows=dict(self.rows),
            _descend=frozenset(self._descend()),
            _sensitive_fields=frozenset(self.sensitive_fields),
            _flagged=self.flagged,
        )

    def _descend(self) -> set[int]:
        """Plans that are rows, or that hold rows below them (through flattened records)."""
        found: set[int] = set(self.rows)
        changed = True
        while changed:
            changed = False
            for parent, kids in self.children.items():
                if parent not in found and any(k in found for k in kids):
                    found.add(parent)
                    changed = True
        return found

    def table(
        self,
        name: str,
        description: str,
        current: ClassPlan,
        definition: Mapping[str, Any],
        *,
        holder: str | None = None,
        origin: tuple[str, str] | None = None,
        skip: set[str] | None = None,
    ) -> None:
        """Lay out the table of records of ``current`` (or add this plan to it).

        ``holder`` is the kind of the nearest record with an id above a nested record; None
        for the root and its collections.
        """
        nested = holder is not None
        has_id = any(f.holds is Holds.ID for f in current.fields)
        fields = tuple(f.name for f in current.fields)
        spec = self.tables.get(name)
        if spec is not None and spec.fields != fields:
            raise ModelError(
                f"the table {name} would hold two different records ({fields} and "
                f"{spec.fields}): give one of them a schema definition of its own"
            )
        if spec is None:
            spec = self.tables[name] = _Spec(
                description=description,
                kind=current.kind,
                columns=[],
                key=("id",)
                if name == "casefiles"
                else (("casefile", "id") if has_id else ("casefile", "pointer")),
                fields=fields,
            )
            fresh = True
        else:
            fresh = False
        if origin is not None:
            spec.origins.append(origin)
        if holder is not None:
            spec.holders.add(holder)
        if id(current) in self.rows:
            return
        collected = _Collected()
        below = current.kind or holder
        self.columns(name, current, definition, (), (), collected, skip or set(), below)
        if fresh:
            leading = [] if name == "casefiles" else [_CASEFILE]
            if nested:
                leading += list(_HOLDER)
            trailing = [] if name == "casefiles" else [_POINTER]
            spec.columns = [*leading, *collected.columns, *trailing]
            names = [c.name for c in spec.columns]
            clash = sorted({n for n in names if names.count(n) > 1})
            if clash:
                raise ModelError(
                    f"the table {name} would have two columns named {', '.join(clash)}: "
                    "rename a field, or list one in casefile.tables.EXCLUDED"
                )
        else:
            # The same record through another field (claims of references to other kinds): a
            # column points to one table only if it does so through every field.
            theirs = {c.name: c.references for c in collected.columns}
            spec.columns = [
                attrs.evolve(c, references=None)
                if c.name in theirs and theirs[c.name] != c.references
                else c
                for c in spec.columns
            ]
        self.rows[id(current)] = _RowPlan(
            table=list(self.tables).index(name),
            getters=tuple(collected.getters),
            references=tuple(collected.references),
            nested=nested,
            has_id=has_id,
        )

    def columns(
        self,
        table: str,
        current: ClassPlan,
        definition: Mapping[str, Any],
        path: tuple[tuple[str, ClassPlan], ...],
        keys: tuple[str, ...],
        collected: _Collected,
        skip: set[str],
        holder: str | None,
        inside_optional: bool = False,
    ) -> None:
        """The columns of a record's fields, flattening single nested records without ids.

        ``holder`` is the kind of the nearest record with an id, this one included;
        ``inside_optional`` says whether the record is held through an optional field.
        """
        cls = current.cls
        prefix = "".join(step + "_" for step, _ in path)
        if _is_flagged(current):
            self.flagged = True
        for field in current.fields:
            if field.name in skip or (cls.__name__, field.name) in EXCLUDED:
                continue
            key = _json_name(cls, field.name)
            prop = self.schema.property(definition, key)
            if not self.include and _is_sensitive_field(cls, field.name):
                self.left_out.append((table, prefix + field.name))
                self.sensitive_fields.add((cls.__name__, field.name))
                continue
            if field.holds is Holds.RECORD and field.record is not None:
                child = field.record
                target = self.schema.target(prop)
                self.children.setdefault(id(current), []).append(id(child))
                if field.many or child.kind is not None:
                    child_definition = self.schema.definition(target)
                    self.table(
                        _plural(_snake(target or child.cls.__name__)),
                        child_definition.get("description") or _class_doc(child.cls),
                        child,
                        child_definition,
                        holder=holder or "casefile",
                        origin=(cls.__name__, field.name),
                    )
                else:
                    self.columns(
                        table,
                        child,
                        self.schema.definition(target),
                        (*path, (field.name, child)),
                        (*keys, key),
                        collected,
                        set(),
                        holder,
                        inside_optional or field.optional,
                    )
                continue
            name = prefix + field.name
            single = (
                _table_of_kind(field.kinds[0])
                if field.holds is Holds.REFERENCE and len(field.kinds) == 1 and not field.many
                else None
            )
            collected.columns.append(
                Column(
                    name=name,
                    type=_type_of(field),
                    description=prop.get("description") or _doc(cls, field.name),
                    origin=(cls.__name__, field.name),
                    references=single,
                    required=not field.optional
                    and not field.many
                    and field.holds is not Holds.EXTENSIONS
                    and not inside_optional,
                    facet=field.holds in (Holds.TERM, Holds.ENUM) and not field.many,
                    search=field.holds is Holds.TEXT and field.text is model.Text.PROSE,
                )
            )
            collected.getters.append(_getter(path, field.name, field))
            if field.holds is Holds.REFERENCE:
                collected.references.append(
                    _Reference(
                        path=(*(s for s, _ in path), field.name),
                        keys=(*keys, key),
                        column=name,
                        many=field.many,
                        kinds=field.kinds,
                    )
                )


@functools.cache
def _table_of_kind(kind: str) -> str | None:
    """The table of records of a kind: its root collection (``actor`` gives ``actors``)."""
    for name, held in collections().items():
        if held == kind:
            return name
    return None


@functools.cache
def _layout(include_sensitive: bool) -> Layout:
    return _Builder(include_sensitive).build()


def layout(*, include_sensitive: bool = False) -> Layout:
    """Return the tables every export writes, worked out once from the field plan.

    Raises:
        ModelError: two columns of a table, or two records sharing a table, would clash.
    """
    return _layout(include_sensitive)


_clear_hooks.append(_layout.cache_clear)
_clear_hooks.append(_table_of_kind.cache_clear)


# ------------------------------------------------------------------ the rows


def _kinds(casefile: model.Casefile) -> dict[str, str]:
    return {v.record.id: v.plan.kind for v in walk(casefile, ids_only=True) if v.plan.kind}


def rows(casefile: model.Casefile, current: Layout) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Yield ``(table index, row)`` for every row of one casefile, in document order.

    The row's values are in the order of its table's columns: text, numbers, booleans and
    None, with lists and dicts for JSON columns. Left-out records come as rows of
    ``left_out`` (left-out columns, once per export, from ``column_rows``).
    """
    state = _State(include=current.include_sensitive)
    cf = casefile.id
    hidden_at: list[str] = []
    refs_index = len(current.tables) - 2
    left_index = len(current.tables) - 1
    if not current.include_sensitive and (current._flagged or current._sensitive_fields):
        for where, table_name in _hide(casefile, current, state, hidden_at):
            yield left_index, (cf, table_name, where, None, "sensitive record")
    kinds = _kinds(casefile)
    tables = current.tables
    for visit in walk(casefile, into=current.into):
        row_plan = current._rows.get(id(visit.plan))
        if row_plan is None:
            continue
        record = visit.record
        here = _place(visit.place)
        if hidden_at and any(here == h or here.startswith(h + "/") for h in hidden_at):
            continue
        values = [getter(record, state) for getter in row_plan.getters]
        if row_plan.table == 0:
            yield 0, tuple(values)
            continue
        if row_plan.nested:
            holder_id = visit.holder.id
            lead: tuple[Any, ...] = (
                cf,
                holder_id,
                "casefile" if visit.holder is casefile else kinds.get(holder_id),
                visit.field,
            )
        else:
            lead = (cf,)
        yield row_plan.table, (*lead, *values, here)
        owner = record if row_plan.has_id else visit.holder
        owner_id = owner.id
        owner_kind = "casefile" if owner is casefile else kinds.get(owner_id) or visit.plan.kind
        table_name = tables[row_plan.table].name
        for reference in row_plan.references:
            value: Any = record
            for step in reference.path:
                value = getattr(value, step) if value is not None else None
            if value is None:
                continue
            base = here + pointer(*reference.keys)
            items = enumerate(value) if reference.many else ((None, value),)
            for position, target in items:
                if target in state.hidden:
                    continue
                where = base if position is None else f"{base}/{position}"
                kind = reference.kinds[0] if len(reference.kinds) == 1 else kinds.get(target)
                yield (
                    refs_index,
                    (
                        cf,
                        table_name,
                        owner_id,
                        owner_kind,
                        reference.column,
                        position,
                        target,
                        kind,
                        where,
                    ),
                )


def _place(place: Any) -> str:
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key)
    return pointer(*reversed(keys))


def column_rows(current: Layout) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Yield the ``left_out`` rows of the sensitive columns the layout leaves out.

    Once per export, not per casefile: a column is left out of every casefile's rows.
    """
    left_index = len(current.tables) - 1
    for table_name, column in current.left_out_columns:
        yield left_index, (None, table_name, None, column, "sensitive field")


def _hide(
    casefile: model.Casefile, current: Layout, state: _State, hidden_at: list[str]
) -> Iterable[tuple[str, str]]:
    """Find the sensitive records: note their places and every id they hold; yield each."""
    for visit in walk(casefile):
        here = _place(visit.place)
        inside = any(here == h or here.startswith(h + "/") for h in hidden_at)
        holder_cls = type(visit.holder).__name__ if visit.holder is not None else "Casefile"
        flagged = _flag_is_set(visit.record, visit.plan)
        if not inside and (flagged or (holder_cls, visit.field) in current._sensitive_fields):
            hidden_at.append(here)
            row_plan = current._rows.get(id(visit.plan))
            name = current.tables[row_plan.table].name if row_plan is not None else visit.field
            if flagged:
                yield here, name
            inside = True
        if inside and visit.plan.kind is not None:
            state.hidden.add(visit.record.id)
