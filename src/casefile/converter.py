"""The one cattrs converter between casefile objects and JSON-ready Python data.

Conversion rules, in one place:

- attrs classes become JSON objects with their fields in declaration order, so output is
  deterministic and diffs well. Fields equal to their default are left out (an absent
  optional property has one spelling), except those whose metadata says ``always``
  (``schema_version``).
- Unknown keys are an error (``forbid_extra_keys``): a misspelt property is never dropped.
- Tuples become arrays and arrays become tuples; enums become their string values. A string
  where a tuple of strings belongs is refused (``TypeError``), never split into characters.
- ``PartialDate`` and ``Period`` become their EDTF
  strings; a ``When`` is a period when its string holds ``/``.
- Numbers keep their JSON type: an ``int`` stays an ``int`` and a ``float`` a ``float``, and
  ``true``/``false`` are never taken for numbers, nor anything else for a boolean.
- ``extensions`` objects pass through untouched.
- A field whose metadata gives a ``json_name`` is written and read under that name
  (``Casefile.schema`` is ``$schema``).

Use ``make_converter`` for a fresh converter, or the shared ``converter``.

``converter`` reports every problem with its place (cattrs' detailed validation). Data the
JSON Schema has already passed, where every type is known to be right, is first made into
objects by functions written from the field plan (``casefile._structuring``), which skip the
per-value type checks and gather the ids for the integrity check on the way; ``structure``
falls back to ``converter`` for the problem list if they ever fail, so the outcome is the same.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from . import model
from ._structuring import Gathered, _parse_date, _parse_period, _parse_when, structure_trusted
from .dates import PartialDate, Period, When
from .errors import Problem, pointer

__all__ = [
    "configure_converter",
    "converter",
    "make_converter",
    "structure",
    "structure_gathering",
]

_Number = int | float


def _structure_number(value: Any, _type: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number (got {value!r})")
    return value


def _structure_optional_number(value: Any, _type: Any) -> int | float | None:
    return None if value is None else _structure_number(value, _type)


def _structure_boolean(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false (got {value!r})")
    return value


def _structure_string(value: Any, _type: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string (got {value!r})")
    return value


def _fields_of(cl: Any) -> tuple[attrs.Attribute[Any], ...]:
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(typing.get_origin(cl) or cl)
    return fields


def configure_converter(converter: cattrs.Converter) -> None:
    """Register every casefile conversion rule on ``converter``."""
    converter.register_structure_hook(str, _structure_string)
    converter.register_structure_hook(bool, _structure_boolean)
    converter.register_structure_hook(_Number, _structure_number)
    converter.register_structure_hook(_Number | None, _structure_optional_number)

    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook(
        PartialDate, lambda v, _: _parse_date(_structure_string(v, str))
    )
    converter.register_unstructure_hook(Period, str)
    converter.register_structure_hook(Period, lambda v, _: _parse_period(_structure_string(v, str)))
    converter.register_unstructure_hook(When, str)
    converter.register_structure_hook(When, lambda v, _: _parse_when(_structure_string(v, str)))
    converter.register_structure_hook(
        When | None, lambda v, _: None if v is None else _parse_when(_structure_string(v, str))
    )

    def unstructure_factory(cl: Any) -> Any:
        overrides = {
            a.name: override(
                omit_if_default=False if a.metadata.get("always") else None,
                rename=a.metadata.get("json_name"),
            )
            for a in _fields_of(cl)
            if a.metadata.get("always") or a.metadata.get("json_name")
        }
        options: dict[str, Any] = {"_cattrs_omit_if_default": True, **overrides}
        return make_dict_unstructure_fn(cl, converter, **options)

    trusted = not converter.detailed_validation

    def structure_factory(cl: Any) -> Any:
        options: dict[str, Any] = {
            a.name: override(rename=a.metadata["json_name"])
            for a in _fields_of(cl)
            if a.metadata.get("json_name")
        }
        options["_cattrs_forbid_extra_keys"] = not trusted
        return make_dict_structure_fn(cl, converter, **options)

    converter.register_unstructure_hook_factory(attrs.has, unstructure_factory)
    converter.register_structure_hook_factory(attrs.has, structure_factory)
    # A string is iterable: written where a tuple of strings belongs it would become a list of
    # its characters. Refused instead (the tuples of records fail on their own).
    converter.register_unstructure_hook_factory(
        lambda tp: _is_tuple(tp) and _is_text(typing.get_args(tp)[0]), lambda _: _strings_list
    )
    if trusted:
        # The schema has checked every type: strings pass as they are, and arrays of strings
        # become tuples in one call.
        converter.register_structure_hook(str, _passthrough)
        converter.register_structure_hook_factory(_is_text, lambda _: _passthrough)
        converter.register_structure_hook_factory(
            _is_tuple, functools.partial(_tuple_hook, converter)
        )


def _strings_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        raise TypeError(f"expected a tuple of strings (got the string {value!r})")
    return list(value)


def _passthrough(value: Any, _type: Any) -> Any:
    return value


def _is_text(tp: Any) -> bool:
    """Whether a type is a string, an annotated string (an id), or either or None."""
    if tp is str:
        return True
    if typing.get_origin(tp) is typing.Annotated:
        return _is_text(typing.get_args(tp)[0])
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        return len(members) == 1 and _is_text(members[0])
    return False


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _tuple_hook(converter: cattrs.Converter, tp: Any) -> Any:
    item = typing.get_args(tp)[0]
    if _is_text(item):
        return lambda value, _: tuple(value)
    hook = converter.get_structure_hook(item)
    return lambda value, _: tuple([hook(v, item) for v in value])


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Return a new converter with every casefile rule registered.

    Args:
        detailed_validation: report each problem at its place (the default). Without it, the
            converter trusts that the data has passed the JSON Schema; see the module docstring.
    """
    conv = cattrs.Converter(
        omit_if_default=True,
        forbid_extra_keys=True,
        unstruct_collection_overrides={tuple: list},
        detailed_validation=detailed_validation,
    )
    configure_converter(conv)
    return conv


#: The shared converter; treat it as read-only.
converter = make_converter()


def _structure_problems(error: BaseException, path: tuple[str | int, ...] = ()) -> list[Problem]:
    if isinstance(error, ClassValidationError):
        problems: list[Problem] = []
        by_attribute, others = error.group_exceptions()
        for sub, attribute in by_attribute:
            problems.extend(_structure_problems(sub, (*path, attribute.name)))
        for sub in others:
            problems.extend(_structure_problems(sub, path))
        return problems
    if isinstance(error, IterableValidationError):
        problems = []
        by_index, others = error.group_exceptions()
        for sub, item in by_index:
            problems.extend(_structure_problems(sub, (*path, item.index)))
        for sub in others:
            problems.extend(_structure_problems(sub, path))
        return problems
    code = getattr(error, "code", "invalid-value")
    return [Problem(pointer=pointer(*path), code=code, message=str(error))]


def structure(data: Any) -> tuple[model.Casefile | None, list[Problem]]:
    """Turn data that has passed the JSON Schema into a ``Casefile``, or return the problems.

    What the schema cannot say portably is found here: a date that is not on the calendar, a
    period that runs backwards, a quantity's range upside down. Each cattrs error becomes a
    ``Problem`` at its place.
    """
    casefile, _, problems = structure_gathering(data)
    return casefile, problems


def structure_gathering(
    data: Any,
) -> tuple[model.Casefile | None, Gathered | None, list[Problem]]:
    """``structure``, which also returns the ids and references it gathered on the way.

    The functions written from the plan, which trust the schema's types
    (``casefile._structuring``), go first, and gather what the integrity check needs. Only if
    they fail does the detailed converter run again, to place each problem; it gathers
    nothing (None), and the integrity check then walks the objects itself.
    """
    try:
        casefile, gathered = structure_trusted(data)
    except Exception:
        pass
    else:
        return casefile, gathered, []
    try:
        return converter.structure(data, model.Casefile), None, []
    except (cattrs.BaseValidationError, ValueError, TypeError) as error:
        return None, None, _structure_problems(error)
