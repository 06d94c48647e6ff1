"""Objects from data the JSON Schema has passed, made by code written from the field plan.

The schema has checked every type, so nothing here checks one: a string is kept as it is, a
list of strings becomes a tuple in one call, an enum is one dict lookup, a date is parsed
(once per distinct string), and a record is one call of its class with every field given by
keyword, or, where its ``__init__`` would only set its slots (``_plain``), a new instance
whose slots are set directly. What the schema cannot check portably (a date on the calendar, a
period that runs forwards) still raises, from the same constructors the detailed converter
calls; the caller (``casefile.converter.structure``) then runs that converter to place each
problem.

While it makes the objects, the same pass gathers what ``casefile.references.sound`` needs
(each record's id by kind, and each reference by the kinds it may point to), so that the
integrity check does not walk the objects again. The functions are written once per plan,
as cattrs writes its own, and held equal to the detailed converter by property tests
(tests/test_converter.py).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

import attrs

from . import model
from .dates import PartialDate, Period, parse_when
from .plan import ClassPlan, FieldPlan, Holds, _clear_hooks, plan

__all__ = ["Gathered", "structure_trusted"]


@attrs.define
class Gathered:
    """Ids by kind and references by the kinds they may point to, in document order.

    Attributes:
        ids: for each kind, the ids of the records of that kind (the root's own id is not one).
        wanted: for each tuple of kinds a reference may point to, the ids referred to.
    """

    ids: defaultdict[str, list[str]] = attrs.field(factory=lambda: defaultdict(list))
    wanted: defaultdict[tuple[str, ...], list[str]] = attrs.field(factory=lambda: defaultdict(list))


def structure_trusted(data: Any) -> tuple[model.Casefile, Gathered]:
    """Make a ``Casefile`` from data that has passed the schema, and gather its ids.

    Raises:
        Exception: whatever a constructor raises for a value the schema let through (a date
            not on the calendar): the caller turns to the detailed converter.
    """
    gathered = Gathered()
    casefile = _function(plan(model.Casefile))(data, gathered.ids, gathered.wanted)
    return casefile, gathered


_ABSENT = object()

# Dates repeat across a casefile; parsed once each, the values (immutable) are shared. The
# detailed converter (``casefile.converter``) uses the same caches.
_parse_when = functools.lru_cache(maxsize=4096)(parse_when)
_parse_date = functools.lru_cache(maxsize=4096)(PartialDate.parse)
_parse_period = functools.lru_cache(maxsize=4096)(Period.parse)

_DATE_PARSERS: dict[Any, Any] = {PartialDate: _parse_date, Period: _parse_period}


def _one(field: FieldPlan, names: dict[str, Any]) -> str:
    """The expression that makes one value ``x`` of a field."""
    if field.holds is Holds.DATE:
        names[f"_date_{field.name}"] = _DATE_PARSERS.get(field.type, _parse_when)
        return f"_date_{field.name}(x)"
    if field.holds is Holds.ENUM:
        names[f"_enum_{field.name}"] = {member.value: member for member in field.type}
        return f"_enum_{field.name}[x]"
    if field.holds is Holds.RECORD:
        assert field.record is not None
        names[f"_record_{field.name}"] = _function(field.record)
        return f"_record_{field.name}(x, ids, wanted)"
    return "x"  # strings, numbers, booleans and extensions are as the schema passed them


def _value(field: FieldPlan, names: dict[str, Any]) -> str:
    """The expression that makes a field's value from its JSON value ``x``."""
    one = _one(field, names)
    if not field.many:
        return one if one == "x" or not field.optional else f"(None if x is None else {one})"
    if one == "x":
        return "tuple(x)"
    return f"tuple([{one} for x in x])"


@functools.cache
def _function(current: ClassPlan) -> Any:
    """The function that makes one record of a plan from its data, and gathers its ids."""
    names: dict[str, Any] = {"_cls": current.cls, "_ABSENT": _ABSENT}
    gather: list[str] = []
    if current.kind is not None and current.cls is not model.Casefile:
        gather.append(f"ids[{current.kind!r}].append(o['id'])")
    made: list[str] = []  # statements that make the values needing more than a lookup
    arguments: list[str] = []
    for attribute, field in zip(attrs.fields(current.cls), current.fields, strict=True):
        name, key = attribute.name, attribute.metadata.get("json_name", attribute.name)
        value = _value(field, names)
        required = attribute.default is attrs.NOTHING
        default = "None"
        if not required:
            names[f"_default_{name}"] = getattr(attribute.default, "factory", attribute.default)
            factory = isinstance(attribute.default, attrs.Factory)  # type: ignore[arg-type]
            default = f"_default_{name}()" if factory else f"_default_{name}"
        if field.holds is Holds.REFERENCE:
            # Gathered for the integrity check: the ids referred to, by the kinds allowed.
            names[f"_kinds_{name}"] = field.kinds
            add = "extend" if field.many else "append"
            made.append(f"x = o[{key!r}]" if required else f"x = get({key!r})")
            made.append(
                f"wanted[_kinds_{name}].{add}(x)"
                if required
                else f"if x is not None: wanted[_kinds_{name}].{add}(x)"
            )
            made.append(
                f"_{name} = {value}" + ("" if required else f" if x is not None else {default}")
            )
        elif required and value == "x":
            arguments.append(f"{name}=o[{key!r}]")
            continue
        elif required:
            made += [f"x = o[{key!r}]", f"_{name} = {value}"]
        elif value == "x" and default.endswith("()"):
            arguments.append(f"{name}=o[{key!r}] if {key!r} in o else {default}")
            continue
        elif value == "x":
            arguments.append(f"{name}=get({key!r}, {default})")
            continue
        else:
            made += [
                f"x = get({key!r}, _ABSENT)",
                f"_{name} = {default} if x is _ABSENT else {value}",
            ]
        arguments.append(f"{name}=_{name}")
    lines = [
        f"def structure_{current.cls.__name__}(o, ids, wanted):",
        "    get = o.get",
        *(f"    {line}" for line in [*gather, *made]),
    ]
    if _plain(current.cls):
        # Each slot set directly: what the class's __init__ does, without its call.
        lines.append("    r = _new(_cls)")
        for argument in arguments:
            name, value = argument.split("=", 1)
            names[f"_set_{name}"] = getattr(current.cls, name).__set__
            lines.append(f"    _set_{name}(r, {value})")
        lines.append("    return r")
        names["_new"] = object.__new__
    else:
        lines += [
            "    return _cls(",
            *(f"        {argument}," for argument in arguments),
            "    )",
        ]
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<casefile structure {current.cls.__name__}>", "exec"), names)
    return names[f"structure_{current.cls.__name__}"]


_clear_hooks.append(_function.cache_clear)


def _plain(cls: type) -> bool:
    """Whether making an instance is only setting its slots: a slotted attrs class whose
    ``__init__`` runs no validator, converter or hook, and caches no hash."""
    return (
        "__slots__" in cls.__dict__
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and "_attrs_cached_hash" not in cls.__dict__.get("__slots__", ())
        and all(a.validator is None and a.converter is None for a in attrs.fields(cls))
        and all(isinstance(getattr(cls, a.name, None), _SLOT) for a in attrs.fields(cls))
    )


_SLOT = type(model.Quote.exact)  # the descriptor of a slot
