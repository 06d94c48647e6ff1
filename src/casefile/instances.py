"""Model objects made in Python: each field holds what its type says, or a problem says where.

attrs does not check types when an object is made, so a ``Casefile`` built in code can hold
anything: a string where a tuple of strings belongs (which, written out, would be split into
its characters), ``None`` where a value is required, an ``Actor`` where a ``Source`` belongs, a
list where a tuple belongs. Validation of a ``Casefile`` object (``casefile.validate``,
``casefile.check``, ``casefile.dump``) checks this first, here, and reports each at its place
with the ``wrong-type`` code, never raising; the check lives in validation rather than in the
classes, so that loading, which makes objects only from data the schema has passed, pays
nothing for it.

The check is generic: what each field holds comes from ``casefile.plan`` (``FieldPlan.holds``,
``many``, ``optional`` and ``type``), so a field added to the model is checked without a line
here. Once every field has its type, nothing else a converter would check remains (dates and
quantities check their own values when made), so validation then uses the object itself rather
than making another from its data.
"""

from __future__ import annotations

import enum
import itertools
import math
import typing
from collections import defaultdict
from typing import Any

import attrs

from . import model
from ._structuring import Gathered
from .dates import PartialDate, Period
from .errors import Problem
from .limits import EXPANSION, EXPANSION_ALLOWANCE
from .parsing import value_problems
from .plan import ClassPlan, FieldPlan, Holds, Place, _clear_hooks, place_pointer, plan

__all__ = ["instance_problems"]

_TEXT = (Holds.ID, Holds.REFERENCE, Holds.TERM, Holds.TEXT)

# What else one value is checked for once its type is right: the checks of JSON data
# (casefile.parsing) that can fail for a value of that type.
_STRING, _NUMBER, _DATA = "string", "number", "data"

#: A field as the check reads it: (name, many, optional, accepted types, refused types, what
#: one value should be in words, the plan of a record held, what else a value is checked for,
#: and for a reference the kinds it may point to).
_Step = tuple[
    str,
    bool,
    bool,
    tuple[type, ...],
    tuple[type, ...],
    str,
    ClassPlan | None,
    str | None,
    tuple[str, ...],
]


def _accepted(field: FieldPlan) -> tuple[tuple[type, ...], tuple[type, ...], str, str | None]:
    """The types one value of a field may have, those refused among them, a description, and
    what else a value is checked for."""
    if field.holds in _TEXT:
        return (str,), (), "a string", _STRING
    if field.holds is Holds.INTEGER:
        return (int,), (bool,), "an integer", _NUMBER
    if field.holds is Holds.NUMBER:
        return (int, float), (bool,), "a number", _NUMBER
    if field.holds is Holds.BOOLEAN:
        return (bool,), (), "true or false", None
    if field.holds is Holds.EXTENSIONS:
        return (dict,), (), "a dict", _DATA
    if field.holds is Holds.DATE:
        members = typing.get_args(field.type) or (field.type,)
        kinds = tuple(m for m in members if m in (PartialDate, Period))
        return kinds, (), " or ".join(_a(m.__name__) for m in kinds), None
    if field.holds is Holds.ENUM:
        return (field.type,), (), _a(field.type.__name__), None
    assert field.record is not None
    cls = field.record.cls
    return (cls,), (), _a(cls.__name__), None


# Per plan, by its identity (plans are cached, and hashing one would hash all below it).
_steps_cache: dict[int, tuple[ClassPlan, tuple[_Step, ...]]] = {}


def _steps(current: ClassPlan) -> tuple[_Step, ...]:
    found = _steps_cache.get(id(current))
    if found is None or found[0] is not current:
        steps = []
        for field in current.fields:
            accepted, refused, what, scalar = _accepted(field)
            steps.append(
                (
                    field.name,
                    field.many,
                    field.optional,
                    accepted,
                    refused,
                    what,
                    field.record,
                    scalar,
                    field.kinds,
                )
            )
        found = (current, tuple(steps))
        _steps_cache[id(current)] = found
    return found[1]


_clear_hooks.append(_steps_cache.clear)


def _a(name: str) -> str:
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _holds(value: Any, accepted: tuple[type, ...], refused: tuple[type, ...]) -> bool:
    """Whether a value is of an accepted type (a subclass too) and of no refused one."""
    return isinstance(value, accepted) and not isinstance(value, refused)


def _found(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, str | int | float):
        text = repr(value)
        text = text if len(text) <= 40 else text[:37] + "..."
        return f"{type(value).__name__} {text}"
    return _a(type(value).__name__)


def _wrong(place: Place, expected: str, value: Any) -> Problem:
    return Problem(
        pointer=place_pointer(place),
        code="wrong-type",
        message=f"expected {expected} (got {_found(value)})",
    )


_MISSING = object()
# As in casefile.parsing: strings this long are counted once however many places hold them.
_TRACKED = 64
# The largest magnitude a double can hold; integers beyond it are refused as in JSON.
_DOUBLE_MAX = 2**1024


def json_has_float(value: Any) -> bool:
    """Whether JSON data holds a float anywhere (each list or dict looked at once)."""
    stack = [value]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if type(node) is float:
            return True
        if isinstance(node, dict | list | tuple):
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
    return False


def _encodes(text: str) -> bool:
    """Whether a string is valid Unicode text (no lone surrogate): checked in C, so the
    placed check (``_data_problems``) runs only for the strings that have a problem."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _data_problems(value: Any, place: Place) -> list[Problem]:
    """The problems of JSON data held by an object, placed under the field that holds it.

    Extensions are checked before the objects are converted to JSON data, since converting
    copies the data as written out: a few lists nested and shared could stand for billions of
    values, and a list inside itself would never end (see ``casefile.parsing``). Their
    nesting counts from the casefile's root.
    """
    prefix = place_pointer(place)
    depth = 0
    while place is not None:
        place = place[0]
        depth += 1
    found = value_problems(value, depth=depth)
    return [attrs.evolve(p, pointer=prefix + p.pointer) for p in found]


def instance_problems(
    casefile: Any, floats: list[bool] | None = None, gathered: Gathered | None = None
) -> list[Problem]:
    """Check that every field of a casefile's objects holds what its type says; return problems.

    Never raises, whatever the objects hold. A record of the wrong class is reported and not
    looked into; a tuple's items are each checked. A value of the right type is checked as
    JSON data would be (``casefile.parsing``): a string for lone surrogates, a number for being
    finite and within a double's range, extensions whole; and strings used in many places
    over are counted as written out. So a casefile with no problems here converts to JSON data
    that has none either.

    ``floats``, when given, gets a ``True`` if a float stands anywhere (a number field or
    extensions): saving then knows how to write it without walking the casefile again.
    ``gathered``, when given, gets each record's id by kind and each reference by the kinds
    it may point to, for the integrity check (``casefile.references.sound``); they can be
    trusted only when no problem is returned.
    """
    if gathered is None:
        gathered = Gathered()
    if _quick(casefile, floats, gathered):
        return []
    root = plan(model.Casefile)
    if not isinstance(casefile, model.Casefile):
        return [_wrong(None, "a Casefile", casefile)]
    problems: list[Problem] = []
    stack: list[tuple[Any, ClassPlan, Place]] = [(casefile, root, None)]
    pop, push = stack.pop, stack.append
    written = held = 0
    strings: set[int] = set()
    ids, wanted = gathered.ids, gathered.wanted
    while stack:
        record, current, place = pop()
        if current.kind is not None and record is not casefile:
            ids[current.kind].append(getattr(record, "id", ""))
        children: list[tuple[Any, ClassPlan, Place]] = []
        for name, many, optional, accepted, refused, what, child, scalar, kinds in _steps(current):
            value: Any = getattr(record, name, _MISSING)
            here = (place, name)
            if value is _MISSING:
                problems.append(
                    Problem(
                        pointer=place_pointer(here),
                        code="wrong-type",
                        message=f"expected {what} (the attribute is not set)",
                    )
                )
                continue
            if many:
                if type(value) is not tuple:
                    problems.append(_wrong(here, f"a tuple, each item {what}", value))
                    continue
                items: Any = enumerate(value)
            elif value is None:
                if not optional:
                    problems.append(_wrong(here, what, value))
                continue
            else:
                items = ((-1, value),)
            for i, item in items:
                if type(item) not in accepted and not _holds(item, accepted, refused):
                    problems.append(_wrong(here if i < 0 else (here, i), what, item))
                elif child is not None:
                    children.append((item, child, here if i < 0 else (here, i)))
                elif scalar is _STRING:
                    if kinds:  # a reference, gathered for the integrity check
                        wanted[kinds].append(item)
                    size = 1 + len(item)
                    written += size
                    if size < _TRACKED or id(item) not in strings:
                        held += size
                        if size >= _TRACKED:
                            strings.add(id(item))
                    if not item.isascii() and not _encodes(item):
                        problems.extend(_data_problems(item, here if i < 0 else (here, i)))
                elif scalar is _NUMBER:
                    if floats is not None and type(item) is float:
                        floats.append(True)
                    if (
                        not math.isfinite(item)
                        if type(item) is float
                        else not -_DOUBLE_MAX < item < _DOUBLE_MAX
                    ):
                        problems.extend(_data_problems(item, here if i < 0 else (here, i)))
                elif scalar is _DATA and item:
                    problems.extend(_data_problems(item, here if i < 0 else (here, i)))
                    if floats is not None and json_has_float(item):
                        floats.append(True)
        for entry in reversed(children):
            push(entry)
    if written > EXPANSION * held + EXPANSION_ALLOWANCE:
        problems.append(
            Problem(
                pointer="",
                code="too-many-values",
                message=f"written out, the casefile's strings would come to more than "
                f"{written:,} characters, over {EXPANSION} times the {held:,} it holds (plus "
                f"{EXPANSION_ALLOWANCE:,}): long strings are used in many places over",
            )
        )
    return problems


# ---------------------------------------------------------------- the quick road
#
# Most casefiles made in code are right. For them, functions written from the field plan (one
# per plan, as casefile._structuring writes its own) check each field against its exact type
# and gather what the walk above gathers, without the bookkeeping of places; anything they are
# not sure of (a subclass, a value to look at closer, an attribute not set) sends the casefile
# to the walk above, which finds and places each problem. Tests hold the two to one answer.

#: Exactly what the quick road accepts for a field's value: a type, or the types of dates.
_QUICK_STRINGS = frozenset({str})


def _quick(casefile: Any, floats: list[bool] | None, gathered: Gathered) -> bool:
    """Whether every field of a casefile holds exactly its type and no value needs a closer
    look; gathers ids, references and floats as ``instance_problems`` does when it says yes."""
    if type(casefile) is not model.Casefile:
        return False
    texts: list[str] = []
    flags: list[bool] = []
    ids: dict[str, list[str]] = defaultdict(list)
    wanted: dict[tuple[str, ...], list[str]] = defaultdict(list)
    try:
        if not _checker(plan(model.Casefile))(casefile, 0, texts, ids, wanted, flags):
            return False
    except AttributeError:  # an attribute not set
        return False
    if not all(map(str.isascii, texts)) and not all(
        map(_encodes, itertools.filterfalse(str.isascii, texts))
    ):
        return False
    # Strings counted as written out, and as held (a long one once however often it is used).
    written = sum(map(len, texts)) + len(texts)
    long = [text for text in texts if len(text) >= _TRACKED - 1]
    once = dict(zip(map(id, long), map(len, long), strict=True))
    held = written - sum(map(len, long)) - len(long) + sum(once.values()) + len(once)
    if written > EXPANSION * held + EXPANSION_ALLOWANCE:
        return False
    for kind, found in ids.items():
        gathered.ids[kind].extend(found)
    for kinds, found in wanted.items():
        gathered.wanted[kinds].extend(found)
    if floats is not None and flags:
        floats.append(True)
    return True


_checkers: dict[int, tuple[ClassPlan, Any]] = {}
_clear_hooks.append(_checkers.clear)


def _checker(current: ClassPlan) -> Any:
    """The quick check of one record of a plan: ``(record, depth, texts, ids, wanted, flags)``
    to True when right; ``depth`` is how deep the record stands, for extensions' nesting."""
    found = _checkers.get(id(current))
    if found is not None and found[0] is current:
        return found[1]
    names: dict[str, Any] = {
        "_STRINGS": _QUICK_STRINGS,
        "_MAX": _DOUBLE_MAX,
        "_isfinite": math.isfinite,
        "_value_problems": value_problems,
        "_json_has_float": json_has_float,
    }
    lines = []
    if current.kind is not None and current.cls is not model.Casefile:
        lines.append(f"ids[{current.kind!r}].append(r.id)")
    for field in current.fields:
        name = field.name
        lines.append(f"v = r.{name}")
        if field.many:
            lines += ["if type(v) is not tuple: return False", "if v:"]
            lines += [f"    {line}" for line in _quick_many(field, names)]
        elif field.optional:
            lines.append("if v is not None:")
            lines += [f"    {line}" for line in _quick_one(field, "v", "d + 1", names)]
        else:
            lines += _quick_one(field, "v", "d + 1", names)
    lines.append("return True")
    source = f"def check_{current.cls.__name__}(r, d, texts, ids, wanted, flags):\n" + "".join(
        f"    {line}\n" for line in lines
    )
    exec(compile(source, f"<casefile check {current.cls.__name__}>", "exec"), names)
    function = names[f"check_{current.cls.__name__}"]
    _checkers[id(current)] = (current, function)
    return function


def _quick_one(field: FieldPlan, x: str, depth: str, names: dict[str, Any]) -> list[str]:
    """Statements that check one value ``x`` of a field, standing ``depth`` deep."""
    name, holds = field.name, field.holds
    if holds in _TEXT:
        lines = [f"if type({x}) is not str: return False", f"texts.append({x})"]
        if holds is Holds.REFERENCE:
            names[f"_kinds_{name}"] = field.kinds
            lines.append(f"wanted[_kinds_{name}].append({x})")
        return lines
    if holds is Holds.INTEGER:
        return [f"if type({x}) is not int or not -_MAX < {x} < _MAX: return False"]
    if holds is Holds.NUMBER:
        return [
            f"if type({x}) is float:",
            f"    if not _isfinite({x}): return False",
            "    flags.append(True)",
            f"elif type({x}) is not int or not -_MAX < {x} < _MAX: return False",
        ]
    if holds is Holds.BOOLEAN:
        return [f"if type({x}) is not bool: return False"]
    if holds is Holds.EXTENSIONS:
        return [
            f"if type({x}) is not dict: return False",
            f"if {x}:",
            f"    if _value_problems({x}, depth={depth}): return False",
            f"    if _json_has_float({x}): flags.append(True)",
        ]
    accepted, _, _, _ = _accepted(field)
    names[f"_types_{name}"] = accepted
    if holds is Holds.RECORD:
        assert field.record is not None
        names[f"_check_{name}"] = _checker(field.record)
        return [
            f"if type({x}) not in _types_{name} or not _check_{name}"
            f"({x}, {depth}, texts, ids, wanted, flags): return False"
        ]
    return [f"if type({x}) not in _types_{name}: return False"]  # dates and enums


def _quick_many(field: FieldPlan, names: dict[str, Any]) -> list[str]:
    """Statements that check a non-empty tuple ``v`` of a field's values."""
    if field.holds in _TEXT:
        lines = ["if not set(map(type, v)) <= _STRINGS: return False", "texts.extend(v)"]
        if field.holds is Holds.REFERENCE:
            names[f"_kinds_{field.name}"] = field.kinds
            lines.append(f"wanted[_kinds_{field.name}].extend(v)")
        return lines
    return ["for x in v:", *(f"    {line}" for line in _quick_one(field, "x", "d + 2", names))]
