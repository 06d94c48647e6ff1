"""The model's shape, worked out once from the attrs classes: the field plan, and one walk.

Every layer that goes through a casefile (integrity checks, the query index, the timeline,
search, float detection, the Hypothesis strategies) asks this module what a field holds instead
of listing fields by hand, so that a field added to ``casefile.model`` is seen everywhere or
fails a test that says where.

What a field holds (``Holds``) is read from its type and its metadata:

- ``ID``: the record's own id (an ``Id`` named ``id``).
- ``REFERENCE``: the id of another record; its ``ref`` metadata says of which kinds.
- ``TERM``: a term of an open vocabulary (``vocabulary`` metadata).
- ``TEXT``: any other string, classified by its ``text`` metadata (``model.Text``); a string
  field without one is refused when the plan is made.
- ``DATE``: a ``PartialDate``, a ``Period`` or either (a ``When``).
- ``NUMBER``, ``INTEGER``, ``BOOLEAN``, ``ENUM``, ``EXTENSIONS``: what their names say.
- ``RECORD``: a nested attrs record (a claim, a milestone, a role, a quote, a quantity...).

A field may hold one value, an optional one, or a tuple of them (``FieldPlan.many``). A
``Claim[T]`` is planned as the record it is through the field that holds it: the claim's
``value`` takes that field's ``ref`` kinds and ``text`` class, so a ``Claim[Ref]`` under
``part_of`` holds a reference to an investigation.

Kinds: each record in a root collection has the kind of its collection (``actor``, ...); a
nested record with an id of its own (a claim, milestone or role) has the kind ``claim``; the
root is ``casefile``. Records without an id (quotes, quantities, derivations) have none.

``walk`` yields every record of a casefile once, in document order (a record, then its fields
in declaration order), with its plan, its kind, the nearest record above it that has an id,
the field that holds it and its place as a JSON Pointer. It keeps its own stack, so no depth of
nesting reaches Python's recursion limit.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

import attrs

from . import model
from .dates import PartialDate, Period, When
from .errors import ModelError, pointer

__all__ = [
    "ClassPlan",
    "FieldPlan",
    "Holds",
    "Visit",
    "children",
    "clear_caches",
    "collections",
    "field_types",
    "holds_floats",
    "holds_ids",
    "holds_ids_or_references",
    "item_type",
    "place_pointer",
    "plan",
    "plans",
    "walk",
]


class Holds(enum.Enum):
    """What a field holds (one value, an optional one, or a tuple of them)."""

    ID = "id"
    REFERENCE = "reference"
    TERM = "term"
    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    ENUM = "enum"
    EXTENSIONS = "extensions"
    RECORD = "record"


@attrs.frozen(kw_only=True)
class FieldPlan:
    """One field of a model class, as the layers that walk a casefile need to know it.

    Attributes:
        name: the field's name (and JSON property).
        holds: what it holds.
        many: a tuple of values rather than one.
        optional: may be None (for a single value).
        kinds: for references, the kinds of record they may point to.
        text: for text, its class (``model.Text``).
        vocabulary: for terms, the vocabulary's name.
        competing: several claims here are competing versions of one value.
        accounts: several claims here are different accounts of one matter, which may all hold.
        acyclic: the references under it to records of the holder's kind must not loop.
        type: the type of one value (the item type for tuples, without ``None``).
        record: for records, the plan of the record as held through this field.
    """

    name: str
    holds: Holds
    many: bool
    optional: bool
    kinds: tuple[str, ...] = ()
    text: model.Text | None = None
    vocabulary: str | None = None
    competing: bool = False
    accounts: bool = False
    acyclic: bool = False
    type: Any = None
    record: ClassPlan | None = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class ClassPlan:
    """A model class's fields by what they hold, worked out once.

    Attributes:
        cls: the attrs class (for a claim, ``model.Claim``).
        type: the type as held (``Claim[Ref]`` for a claim of references).
        kind: the kind of record it is when it has an id (see module docstring), else None.
        fields: every field, in declaration order.
        references: the fields holding references, including a claim's ``value``.
        records: the fields holding nested records.
        dates: the fields holding dates or periods.
        texts: the fields holding text (any class).
        has_ids_below: whether this record or any record under it has an id.
        has_references_below: whether this record or any under it has a reference field.
        has_floats_below: whether this record or any under it has a number field or
            extensions, the only places a float may stand.
    """

    cls: type
    type: Any
    kind: str | None
    fields: tuple[FieldPlan, ...]
    references: tuple[FieldPlan, ...]
    records: tuple[FieldPlan, ...]
    dates: tuple[FieldPlan, ...]
    texts: tuple[FieldPlan, ...]
    has_ids_below: bool
    has_references_below: bool
    has_floats_below: bool

    def field(self, name: str) -> FieldPlan:
        """Return the plan of one field by name."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)


@functools.cache
def field_types(cls: type) -> Mapping[str, Any]:
    """The resolved type of each field of a model class, annotations kept; worked out once.

    The model's annotations are strings (``from __future__ import annotations``), and
    resolving them compiles each one. The mapping is shared, so it is read-only.
    """
    return types.MappingProxyType(typing.get_type_hints(cls, include_extras=True))


def item_type(tp: Any) -> Any:
    """Return the type of one value a field of type ``tp`` holds.

    The item type of a tuple, the non-None member of an optional, ``When`` for a union of
    dates and periods, ``int | float`` for a number; anything else as it is.
    """
    if typing.get_origin(tp) is tuple:
        tp = typing.get_args(tp)[0]
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        members = tuple(m for m in typing.get_args(tp) if m is not type(None))
        if len(members) == 1:
            return item_type(members[0])
        return functools.reduce(lambda a, b: a | b, members)
    return tp


def _is_optional(tp: Any) -> bool:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return type(None) in typing.get_args(tp)
    return False


def _record_class(tp: Any) -> type | None:
    origin = typing.get_origin(tp) or tp
    return origin if isinstance(origin, type) and attrs.has(origin) else None


_DATES = (PartialDate, Period, When)


def _holds(cls: type, name: str, tp: Any, meta: Mapping[str, Any]) -> Holds:
    if name == "extensions":
        return Holds.EXTENSIONS
    if tp == When or tp in _DATES:
        return Holds.DATE
    if _record_class(tp) is not None:
        return Holds.RECORD
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return Holds.ENUM
    if tp is bool:
        return Holds.BOOLEAN
    if tp is int:
        return Holds.INTEGER
    if tp == int | float:
        return Holds.NUMBER
    if tp is model.Id or tp is str:
        if "ref" in meta:
            return Holds.REFERENCE
        if "vocabulary" in meta:
            return Holds.TERM
        if name == "id" and tp is model.Id:
            return Holds.ID
        if "text" in meta:
            return Holds.TEXT
        raise ModelError(
            f"{cls.__name__}.{name} is a string with no class: give its prop() a "
            "text=model.Text.<...> (or ref=, vocabulary=) so that every layer knows what it holds"
        )
    raise ModelError(f"{cls.__name__}.{name}: no plan for the type {tp!r}")


def _kind_of(cls: type) -> str | None:
    if "id" not in attrs.fields_dict(cls):
        return None
    if cls is model.Casefile:
        return "casefile"
    return _collection_kinds().get(cls, "claim")


@functools.cache
def plan(tp: Any, value_meta: tuple[tuple[str, Any], ...] = ()) -> ClassPlan:
    """Return the plan of a model class (or of ``Claim[X]`` held by a field).

    Args:
        tp: the class, or a parametrised ``Claim``.
        value_meta: for a claim, the metadata of the field holding it that its value takes
            (``ref``, ``text``, ``vocabulary``), as sorted items.

    Raises:
        ModelError: a field whose type or metadata the plan cannot classify.
    """
    cls = _record_class(tp)
    if cls is None:
        raise ModelError(f"{tp!r} is not a model class")
    hints = dict(field_types(cls))
    if cls is model.Claim:
        (hints["value"],) = typing.get_args(tp) or (Any,)
    fields = []
    for attribute in attrs.fields(cls):
        meta: Mapping[str, Any] = attribute.metadata
        if cls is model.Claim and attribute.name == "value":
            meta = {**meta, **dict(value_meta)}
        hint = hints[attribute.name]
        many = typing.get_origin(hint) is tuple
        one = item_type(hint)
        holds = _holds(cls, attribute.name, one, meta)
        record = None
        if holds is Holds.RECORD:
            passed = tuple(
                sorted((k, v) for k, v in meta.items() if k in ("ref", "text", "vocabulary"))
            )
            record = plan(one, passed if _record_class(one) is model.Claim else ())
        fields.append(
            FieldPlan(
                name=attribute.name,
                holds=holds,
                many=many,
                optional=_is_optional(hint),
                kinds=tuple(meta.get("ref", ())) if holds is Holds.REFERENCE else (),
                text=meta.get("text") if holds is Holds.TEXT else None,
                vocabulary=meta.get("vocabulary") if holds is Holds.TERM else None,
                competing=bool(meta.get("competing")),
                accounts=bool(meta.get("accounts")),
                acyclic=bool(meta.get("acyclic")),
                type=one,
                record=record,
            )
        )
    kind = _kind_of(cls)
    return ClassPlan(
        cls=cls,
        type=tp,
        kind=kind,
        fields=tuple(fields),
        references=tuple(f for f in fields if f.holds is Holds.REFERENCE),
        records=tuple(f for f in fields if f.holds is Holds.RECORD),
        dates=tuple(f for f in fields if f.holds is Holds.DATE),
        texts=tuple(f for f in fields if f.holds is Holds.TEXT),
        has_ids_below=kind is not None
        or any(f.record is not None and f.record.has_ids_below for f in fields),
        has_references_below=any(
            f.holds is Holds.REFERENCE or (f.record is not None and f.record.has_references_below)
            for f in fields
        ),
        has_floats_below=any(
            f.holds in (Holds.NUMBER, Holds.EXTENSIONS)
            or (f.record is not None and f.record.has_floats_below)
            for f in fields
        ),
    )


def _named_kind(cls: type) -> str:
    """The kind a root collection's class holds: its name (or its base's) in ``model.KINDS``."""
    for base in cls.__mro__:
        if base.__name__.lower() in model.KINDS:
            return base.__name__.lower()
    raise ModelError(f"{cls.__name__} is in a root collection but names no kind in model.KINDS")


@functools.cache
def collections() -> Mapping[str, str]:
    """The root collections of a casefile (``actors``, ...) and the kind each holds."""
    found = {}
    for attribute in attrs.fields(model.Casefile):
        hint = field_types(model.Casefile)[attribute.name]
        cls = _record_class(item_type(hint))
        if typing.get_origin(hint) is tuple and cls is not None:
            found[attribute.name] = _named_kind(cls)
    return types.MappingProxyType(found)


@functools.cache
def _collection_kinds() -> Mapping[type, str]:
    hints = field_types(model.Casefile)
    return {
        typing.cast(type, _record_class(item_type(hints[name]))): kind
        for name, kind in collections().items()
    }


def clear_caches() -> None:
    """Forget every plan, so that a model changed at run time is read afresh.

    For tests that add a field to a model class to show that every layer sees it; a model
    does not otherwise change while a program runs.
    """
    for cached in (field_types, plan, collections, _collection_kinds):
        cached.cache_clear()
    _children_cache.clear()
    for hook in _clear_hooks:
        hook()


#: Functions other modules register to forget what they derived from the plans.
_clear_hooks: list[Callable[[], None]] = []


def plans() -> tuple[ClassPlan, ...]:
    """Every plan reachable from the root, each once, the root first."""
    found: dict[Any, ClassPlan] = {}
    stack = [plan(model.Casefile)]
    while stack:
        current = stack.pop()
        key = (current.type, current.fields)
        if key in found:
            continue
        found[key] = current
        stack.extend(f.record for f in reversed(current.records) if f.record is not None)
    return tuple(found.values())


#: A place in a casefile, built as a walk goes down: (parent place, key), with None above the
#: root. Cheaper to make than a tuple of keys per record; ``place_pointer`` flattens it.
Place = tuple[Any, str | int] | None


def place_pointer(place: Place) -> str:
    """Return the JSON Pointer of a place."""
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key)
    return pointer(*reversed(keys))


class Visit(NamedTuple):
    """A record met by ``walk``.

    Attributes:
        record: the record.
        plan: its plan.
        holder: the nearest record above it that has an id (None for the root).
        field: the name of the field (or root collection) that holds it; ``""`` for the root.
        place: its place (see ``place_pointer``).
    """

    record: Any
    plan: ClassPlan
    holder: Any
    field: str
    place: Place


def holds_ids(plan: ClassPlan) -> bool:
    """Whether records of this plan, or any below them, have ids (for ``walk``'s ``into``)."""
    return plan.has_ids_below


def holds_ids_or_references(plan: ClassPlan) -> bool:
    """Whether records of this plan, or any below them, have ids or references."""
    return plan.has_ids_below or plan.has_references_below


def holds_floats(plan: ClassPlan) -> bool:
    """Whether records of this plan, or any below them, may hold a float (for ``into``).

    Floats stand only in number fields and in extensions.
    """
    return plan.has_floats_below


_Children = tuple[tuple[str, bool, ClassPlan], ...]
_children_cache: dict[tuple[int, Callable[[ClassPlan], bool] | None], _Children] = {}


def _children(current: ClassPlan, into: Callable[[ClassPlan], bool] | None) -> _Children:
    key = (id(current), into)
    found = _children_cache.get(key)
    if found is None:
        found = tuple(
            (f.name, f.many, f.record)
            for f in reversed(current.records)
            if f.record is not None and (into is None or into(f.record))
        )
        _children_cache[key] = found
    return found


def children(
    current: ClassPlan, into: Callable[[ClassPlan], bool] | None = None
) -> tuple[tuple[str, bool, ClassPlan], ...]:
    """The nested-record fields of a plan as ``(name, many, child plan)``, in field order.

    With ``into``, only those whose child plan it accepts (``holds_ids``, ...). Worked out once
    per plan and predicate: for loops that need the walk's order without its ``Visit`` records
    (the index of ids, at a hundred thousand records, builds in a third of the time).
    """
    return _children(current, into)[::-1]


def walk(
    casefile: model.Casefile,
    *,
    into: Callable[[ClassPlan], bool] | None = None,
    ids_only: bool = False,
) -> Iterator[Visit]:
    """Yield every record of a casefile once, in document order, the root first.

    Args:
        casefile: the casefile.
        into: go into a nested record only when this says yes of its plan (``holds_ids``,
            ``holds_floats``, or any function of a plan): less work for a walk that needs
            only some records.
        ids_only: the same as ``into=holds_ids``.
    """
    if ids_only:
        into = holds_ids
    stack: list[Visit] = [Visit(casefile, plan(model.Casefile), None, "", None)]
    pop, push = stack.pop, stack.append
    while stack:
        visit = pop()
        yield visit
        record, current, _, _, place = visit
        holder = record if current.kind is not None else visit.holder
        for name, many, child in _children(current, into):
            value = getattr(record, name)
            if many:
                if value:
                    here = (place, name)
                    for i in range(len(value) - 1, -1, -1):
                        push(Visit(value[i], child, holder, name, (here, i)))
            elif value is not None:
                push(Visit(value, child, holder, name, (place, name)))
