"""The first layer of validation: the JSON Schema, as any tool in any language can check it.

``shape_problems`` runs the published schema over parsed JSON and turns each error into a
``Problem`` with a JSON Pointer, a stable code and a plain message that says what was expected
and what was found. With jsonschema-rs installed (the ``fast`` extra) valid data is answered
by it alone; invalid data always goes to python-jsonschema for the detailed list, so the
problems are the same either way. ``version_problems`` refuses files newer than this library.
"""

from __future__ import annotations

import difflib
import functools
from typing import TYPE_CHECKING, Any

from ._migrating import KNOWN_VERSION, version_key
from .errors import Problem, pointer
from .schema import load_schema
from .version import SCHEMA_VERSION

if TYPE_CHECKING:
    from jsonschema import ValidationError

__all__ = ["shape_problems", "version_problems"]


@functools.cache
def _validator() -> Any:
    """python-jsonschema's 2020-12 validator.

    Imported on first use: with jsonschema-rs installed, valid files never need it, and the
    command line starts faster without it.
    """
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


@functools.cache
def _fast_validator() -> Any:
    """jsonschema-rs, when installed (the ``fast`` extra); None otherwise.

    It only answers "valid or not", a few hundred times faster than python-jsonschema. Valid
    data, the common case, needs no more; invalid data goes to python-jsonschema for the
    detailed problem list, so the problems are the same whether or not it is installed.

    Its patterns run on the ``regex`` engine rather than the default ``fancy-regex``: the
    schema's patterns use none of what only the default has (look-around, back-references,
    atomic groups, possessive quantifiers), and the plain engine checks the casefile's
    strings in about half the time (the schema
    check of a 10,000-record file took 24 ms, now 13). Both give ECMA-262's meaning to these
    patterns (``$`` is the end of the string, never before a final line break).
    """
    try:
        import jsonschema_rs  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return jsonschema_rs.validator_for(load_schema(), pattern_options=jsonschema_rs.RegexOptions())


_TYPE_NAMES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}


def _found(value: Any) -> str:
    text = repr(value) if not isinstance(value, dict | list) else ""
    if len(text) > 60:
        text = text[:57] + "..."
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    return f"{text} ({kind})" if text else kind


def _schema_problem(error: ValidationError) -> list[Problem]:
    path = list(error.absolute_path)
    keyword = error.validator
    where = pointer(*path)
    # jsonschema types these as possibly unset; on an error from iter_errors they are set.
    value: Any = error.instance
    expected: Any = error.validator_value
    schema: Any = error.schema
    if keyword == "required":
        missing = [name for name in expected if name not in value]
        return [
            Problem(
                pointer=where,
                code="missing-property",
                message=f"missing required property {name!r}",
            )
            for name in missing
        ]
    if keyword == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = [key for key in value if key not in allowed]
        problems = []
        for key in extra:
            near = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            problems.append(
                Problem(
                    pointer=pointer(*path, key),
                    code="unknown-property",
                    message=f"unknown property {key!r}{hint}",
                )
            )
        return problems
    if keyword == "type":
        return [
            Problem(
                pointer=where,
                code="wrong-type",
                message=f"expected {expected} (got {_found(value)})",
            )
        ]
    if keyword == "pattern":
        return [
            Problem(
                pointer=where,
                code="bad-format",
                message=f"{_found(value)} does not match the pattern {expected}",
            )
        ]
    if keyword == "not" and isinstance(value, str) and "\n" in value:
        return [
            Problem(
                pointer=where,
                code="bad-format",
                message=f"{_found(value)} holds a line break, which no id, date or term may",
            )
        ]
    if keyword in ("enum", "const"):
        allowed_values = expected if keyword == "enum" else [expected]
        code = "unsupported-version" if path == ["schema_version"] else "not-allowed"
        return [
            Problem(
                pointer=where,
                code=code,
                message=f"expected one of {', '.join(map(repr, allowed_values))} "
                f"(got {_found(value)})",
            )
        ]
    if keyword == "minItems":
        return [
            Problem(
                pointer=where,
                code="too-few-items",
                message=f"expected at least {expected} item(s) (got {len(value)})",
            )
        ]
    if keyword == "minLength":
        return [Problem(pointer=where, code="empty-string", message="expected a non-empty string")]
    if keyword == "minimum":
        return [
            Problem(
                pointer=where,
                code="out-of-range",
                message=f"expected a number of at least {expected} (got {value!r})",
            )
        ]
    if keyword == "anyOf" and error.context:
        # The alternatives are a quantity's required numbers, or a When's date and period.
        if all(e.validator == "required" for e in error.context):
            names = [next(iter(e.validator_value)) for e in error.context]  # type: ignore[arg-type]
            return [
                Problem(
                    pointer=where,
                    code="missing-property",
                    message=f"expected at least one of {', '.join(map(repr, names))}",
                )
            ]
        return [
            Problem(
                pointer=where,
                code="bad-format",
                message=f"{_found(value)} is neither a date (YYYY[-MM[-DD]]) nor a period "
                "(START/END)",
            )
        ]
    return [Problem(pointer=where, code=f"schema-{keyword}", message=error.message)]


def shape_problems(data: Any) -> list[Problem]:
    """Check ``data`` (parsed JSON) against the casefile JSON Schema; return every problem."""
    fast = _fast_validator()
    if fast is not None and fast.is_valid(data):
        return []
    problems: list[Problem] = []
    for error in _validator().iter_errors(data):
        problems.extend(_schema_problem(error))
    return sorted(problems, key=lambda p: (p.pointer, p.code))


def version_problems(data: Any) -> list[Problem]:
    """A problem when ``data`` says it follows a schema version newer than this library's."""
    if not isinstance(data, dict) or not isinstance(data.get("schema_version"), str):
        return []
    version = data["schema_version"]
    parsed = version_key(version)
    if parsed is None:
        return []  # the schema reports the format
    if parsed > KNOWN_VERSION:
        return [
            Problem(
                pointer="/schema_version",
                code="unsupported-version",
                message=f"schema version {version} is newer than this library reads "
                f"({SCHEMA_VERSION}); upgrade casefile to read it",
            )
        ]
    return []
