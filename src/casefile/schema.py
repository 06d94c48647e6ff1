"""The casefile JSON Schema: generated from the model, committed, and shipped in the package.

The attrs classes in ``casefile.model`` are the one source of truth. ``generate_schema``
walks them and writes a JSON Schema (draft 2020-12) with one ``$defs`` entry per class, a
description on every property (from field metadata), closed objects
(``additionalProperties: false``; data from other tools goes under ``extensions``), and only
keywords and regular expressions that every 2020-12 validator reads the same way: no
``format``, ASCII character classes only, no lookaround (Go's RE2 has none).

What generated code and other validators need, the schema says in the data:

- every object, enum and vocabulary definition has a ``title`` (the root is ``Casefile``), so
  code generators name their types after it; plain string aliases (``Id``, ``Date``) have none,
  as some generators number titled aliases;
- each open vocabulary is a named definition (``FindingKind``) holding its well-known terms
  as ``examples``;
- every patterned string also refuses a line break (``not``), because validators built on
  Python's ``re`` let ``$`` match before a final newline where ECMA-262 does not;
- a ``default`` never stands beside a ``$ref`` (the default is in the description);
- four annotation keywords of the project's own, which validators ignore and ajv's strict mode
  accepts once declared: ``x-casefile-refers-to`` (the kinds of record a reference, or a
  claim's referenced value, may point to), ``x-casefile-competing`` (several claims here
  are competing versions of one value), ``x-casefile-accounts`` (several claims here are
  different accounts of one matter, which may all hold: a question's answers) and
  ``x-casefile-sensitive`` (every value here is sensitive: left out of renderings and exports
  unless asked).

The generated text is committed as ``schema/casefile.schema.json`` and shipped as
``casefile/data/casefile.schema.json``; a test fails when either differs from a fresh
generation. Regenerate both with ``python -m casefile.schema``, which also writes the
extraction's schema derived from this one (``casefile.building.generate_extraction_schema``).
"""

from __future__ import annotations

import enum
import functools
import importlib.resources
import inspect
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Final

import attrs

from . import model
from .dates import DATE_PATTERN, PERIOD_PATTERN, PartialDate, Period, When
from .errors import ModelError
from .plan import field_types
from .version import SCHEMA_ID, SCHEMA_VERSION
from .vocabulary import SENSITIVE_CHARACTERISTICS, TERM_PATTERN, VOCABULARIES

__all__ = ["definition_name", "generate_schema", "load_schema", "schema_text"]

ID_PATTERN: Final = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"

_CLAIM_NAMES: Final[dict[Any, str]] = {
    model.Ref: "ReferenceClaim",
    str: "TextClaim",
    Period: "PeriodClaim",
    When: "WhenClaim",
    model.Quantity: "QuantityClaim",
    model.Place: "PlaceClaim",
    bool: "BooleanClaim",
}
#: The annotation keywords the schema uses, which ajv's strict mode must be told of.
ANNOTATIONS: Final = (
    "x-casefile-refers-to",
    "x-casefile-competing",
    "x-casefile-accounts",
    "x-casefile-sensitive",
)

#: Refuses a line break anywhere in a string (see the module docstring).
NO_LINE_BREAK: Final[dict[str, Any]] = {"not": {"type": "string", "pattern": "\n"}}

# The definition names of open vocabularies, where the vocabulary's own name would clash.
_VOCABULARY_TITLES: Final[dict[str, str]] = {
    "milestone": "MilestoneEvent",
    "derivation": "DerivationRelation",
    "characteristic": "CharacteristicAttribute",
    "place_part": "PlacePartKind",
}


def vocabulary_title(name: str) -> str:
    """The definition name of an open vocabulary: ``finding_kind`` is ``FindingKind``."""
    return _VOCABULARY_TITLES.get(name) or "".join(p.title() for p in name.split("_"))


_CLAIM_VALUE_DOCS: Final[dict[str, str]] = {
    "ReferenceClaim": "The id of the entity stated.",
    "TextClaim": "The value stated, in neutral words.",
    "PeriodClaim": "The period stated.",
    "WhenClaim": "The date or period stated.",
    "QuantityClaim": "The quantity stated.",
    "PlaceClaim": "The place stated.",
    "BooleanClaim": "Whether the statement holds: true where affirmed, false where denied.",
}
# Constraints that span several properties of one class.
_CLASS_EXTRAS: Final[dict[type, dict[str, Any]]] = {
    # A figure given only in words holds them in its phrase.
    model.Figure: {
        "anyOf": [
            {"properties": {"value": {"type": "object"}}, "required": ["value"]},
            {"properties": {"phrase": {"type": "string"}}, "required": ["phrase"]},
        ]
    },
    # A cell is named by its column's number, its header, or both.
    model.Cell: {
        "anyOf": [
            {"properties": {"column": {"type": "integer"}}, "required": ["column"]},
            {"properties": {"header": {"type": "string"}}, "required": ["header"]},
        ]
    },
    # An empty quote is the text of an empty cell or value, so it names one; a quote names
    # a cell or a pointer, not both.
    model.Quote: {
        "if": {"properties": {"exact": {"type": "string", "maxLength": 0}}, "required": ["exact"]},
        "then": {
            "anyOf": [
                {"properties": {"cell": {"type": "object"}}, "required": ["cell"]},
                {"properties": {"pointer": {"type": "string"}}, "required": ["pointer"]},
            ]
        },
        "not": {
            "properties": {"cell": {"type": "object"}, "pointer": {"type": "string"}},
            "required": ["cell", "pointer"],
        },
    },
    # A value of a sensitive attribute is always marked sensitive.
    model.Characteristic: {
        "if": {
            "properties": {"attribute": {"enum": sorted(SENSITIVE_CHARACTERISTICS)}},
            "required": ["attribute"],
        },
        "then": {"properties": {"sensitive": {"const": True}}},
    },
    model.Quantity: {
        # Each alternative declares the property it requires, as ajv's strict mode asks, with
        # its type, so that code generators type the numbers rather than take any value.
        "anyOf": [
            {"properties": {name: {"type": "number"}}, "required": [name]}
            for name in ("value", "minimum", "maximum")
        ]
    },
}


def _describe_class(cl: type) -> str:
    doc = inspect.getdoc(cl) or ""
    body = doc.split("Attributes:")[0].strip()
    return " ".join(body.split())


def _def_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is model.Claim:
        (arg,) = typing.get_args(tp)
        return _CLAIM_NAMES[arg]
    return str(tp.__name__)


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "Id": {
                "description": "An id: 1 to 128 ASCII letters, digits, `.`, `_`, `:` or `-`, "
                "starting with a letter or digit. Ids are unique across the whole casefile; "
                "a reference holds the id of the entity it points to.",
                "type": "string",
                "pattern": ID_PATTERN,
                **NO_LINE_BREAK,
            },
            "Term": {
                "description": "A term of an open vocabulary: lower-case snake_case. Prefer a "
                "documented well-known value where one fits.",
                "type": "string",
                "pattern": TERM_PATTERN,
                **NO_LINE_BREAK,
            },
            "PartialDate": {
                "description": "A date known to the year, season, month, day or time of day "
                "(EDTF level 1 subset): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, a season `YYYY-21` to "
                "`YYYY-24` (spring, summer, autumn, winter; never mapped to months), optionally "
                "followed by `~` (approximate), `?` (uncertain) or `%` (both); or a day with a "
                "time `YYYY-MM-DDThh:mm` or `YYYY-MM-DDThh:mm:ss`, local time at the place "
                "unless followed by the zone offset the source gives (`Z`, `+01:00`). It must "
                "be a real calendar date.",
                "type": "string",
                "pattern": DATE_PATTERN,
                **NO_LINE_BREAK,
                "examples": [
                    "2017",
                    "2025-09",
                    "2025-09-19",
                    "2002~",
                    "2019-22",
                    "2015-07-19T21:00",
                ],
            },
            "Period": {
                "description": "A period `START/END`, both ends included, each a Date or `..` "
                "when open or unknown. The start must not fall after the end.",
                "type": "string",
                "pattern": PERIOD_PATTERN,
                **NO_LINE_BREAK,
                "examples": ["1997/2013", "../2013", "2022/.."],
            },
            "When": {
                "description": "A Date or a Period; a string holding `/` is a Period.",
                "anyOf": [{"$ref": "#/$defs/PartialDate"}, {"$ref": "#/$defs/Period"}],
            },
        }

    def ref(self, tp: Any) -> dict[str, Any]:
        name = _def_name(tp)
        if self.defs.get(name, {}).get("pattern") == TERM_PATTERN:
            raise ModelError(f"model class {name} and an open vocabulary share its name")
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self.object_schema(tp, name)
        return {"$ref": f"#/$defs/{name}"}

    def enum_ref(self, tp: type[enum.Enum]) -> dict[str, Any]:
        name = tp.__name__
        if name not in self.defs:
            self.defs[name] = {
                "title": name,
                "description": _describe_class(tp),
                "enum": [member.value for member in tp],
            }
        return {"$ref": f"#/$defs/{name}"}

    def vocabulary_ref(self, name: str) -> dict[str, Any]:
        title = vocabulary_title(name)
        if title in self.defs and self.defs[title].get("pattern") != TERM_PATTERN:
            raise ModelError(f"vocabulary {name!r} and a model class share the name {title}")
        if title not in self.defs:
            terms = VOCABULARIES[name]
            listed = ", ".join(f"`{t}` ({d.rstrip('.')})" for t, d in terms.items())
            self.defs[title] = {
                "title": title,
                "description": f"A term of the open vocabulary `{name}`: any lower-case "
                f"snake_case term; prefer a well-known one where it fits: {listed}.",
                "type": "string",
                "pattern": TERM_PATTERN,
                **NO_LINE_BREAK,
                "examples": list(terms),
            }
        return {"$ref": f"#/$defs/{title}"}

    def type_schema(self, tp: Any, field: attrs.Attribute[Any] | None) -> dict[str, Any]:
        meta = field.metadata if field is not None else {}
        if tp is model.Id:
            return {"$ref": "#/$defs/Id"}
        if tp is PartialDate:
            return {"$ref": "#/$defs/PartialDate"}
        if tp is Period:
            return {"$ref": "#/$defs/Period"}
        args = typing.get_args(tp)
        if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
            rest = [a for a in args if a is not type(None)]
            if set(rest) == {PartialDate, Period}:
                return {"$ref": "#/$defs/When"}
            if set(rest) == {int, float}:
                return {"type": "number"}
            (only,) = rest
            return self.type_schema(only, field)
        if tp is str:
            if "vocabulary" in meta:
                return self.vocabulary_ref(meta["vocabulary"])
            schema: dict[str, Any] = {"type": "string"}
            if not meta.get("allow_empty"):
                schema["minLength"] = 1
            if "pattern" in meta:
                schema["pattern"] = meta["pattern"]
                schema.update(NO_LINE_BREAK)
            return schema
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer", "minimum": meta.get("minimum", 0)}
        if inspect.isclass(tp) and issubclass(tp, enum.Enum):
            return self.enum_ref(tp)
        origin = typing.get_origin(tp)
        if origin is tuple:
            schema = {"type": "array", "items": self.type_schema(args[0], None)}
            if meta.get("min_items"):
                schema["minItems"] = meta["min_items"]
            return schema
        if origin is dict:
            return {"type": "object"}
        if attrs.has(origin or tp):
            return self.ref(tp)
        raise TypeError(f"no schema rule for {tp!r}")

    def describe_field(self, field: attrs.Attribute[Any]) -> str:
        meta = field.metadata
        parts = [meta["doc"]]
        if meta.get("competing"):
            parts.append(
                "Competing: this property has one true value, so several claims with "
                "different values are competing versions, each kept with its attributions."
            )
        if meta.get("accounts"):
            parts.append(
                "Accounts: several claims here are different accounts of one matter, each kept "
                "with its attributions; unlike competing versions, they may all hold."
            )
        if "ref" in meta:
            kinds = ", ".join(meta["ref"])
            parts.append(f"Refers to: {kinds}.")
        if "vocabulary" in meta:
            name = meta["vocabulary"]
            terms = ", ".join(f"`{t}` ({d.rstrip('.')})" for t, d in VOCABULARIES[name].items())
            parts.append(f"Open vocabulary `{name}`; well-known values: {terms}.")
        default = field.default
        if isinstance(default, enum.Enum) and default is not attrs.NOTHING:
            parts.append(f"Default: `{default.value}`.")
        return " ".join(parts)

    def object_schema(self, tp: Any, name: str) -> dict[str, Any]:
        cl = typing.get_origin(tp) or tp
        hints = dict(field_types(cl))
        if cl is model.Claim:
            (arg,) = typing.get_args(tp)
            hints["value"] = arg
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cl):
            meta = field.metadata
            prop_schema = self.type_schema(hints[field.name], field)
            doc = self.describe_field(field)
            if cl is model.Claim and field.name == "value":
                doc = _CLAIM_VALUE_DOCS[name]
            prop_schema = {"description": doc, **prop_schema}
            if "ref" in meta:
                prop_schema["x-casefile-refers-to"] = list(meta["ref"])
            if meta.get("competing"):
                prop_schema["x-casefile-competing"] = True
            if meta.get("accounts"):
                prop_schema["x-casefile-accounts"] = True
            if meta.get("sensitive"):
                prop_schema["x-casefile-sensitive"] = True
            if cl is model.Casefile and field.name == "schema_version":
                prop_schema["const"] = SCHEMA_VERSION
            default = field.default
            if default is attrs.NOTHING or meta.get("always"):
                required.append(meta.get("json_name", field.name))
            elif (
                default not in (None, ())
                and not isinstance(default, attrs.Factory)  # type: ignore[arg-type]
                and "$ref" not in prop_schema
            ):
                prop_schema["default"] = default
            if "example" in meta and "vocabulary" not in meta:
                prop_schema["examples"] = [meta["example"]]
            properties[meta.get("json_name", field.name)] = prop_schema
        description = _describe_class(cl)
        if cl is model.Claim:
            description = (
                "One value of a property, as stated by the attributions that support it. "
                f"This is the claim shape for: {_CLAIM_VALUE_DOCS[name].lower()}"
            )
        schema: dict[str, Any] = {
            "title": name,
            "description": description,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        schema.update(_CLASS_EXTRAS.get(cl, {}))
        return schema


def generate_schema() -> dict[str, Any]:
    """Generate the casefile JSON Schema from the model."""
    gen = _Generator()
    gen.ref(model.Casefile)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Casefile",
        "description": _describe_class(model.Casefile)
        + " Generated from the casefile library's model; do not edit by hand.",
        "$ref": "#/$defs/Casefile",
        "$defs": dict(sorted(gen.defs.items())),
    }


def definition_name(tp: Any) -> str:
    """The ``$defs`` name of a model type as held (``Claim[Ref]`` is ``ReferenceClaim``)."""
    return _def_name(tp)


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """Return the schema as the exact text committed and shipped."""
    return json.dumps(schema or generate_schema(), indent=2, ensure_ascii=False) + "\n"


@functools.cache
def load_schema() -> dict[str, Any]:
    """Return the schema shipped inside the package (the committed one)."""
    text = (
        importlib.resources.files("casefile")
        .joinpath("data/casefile.schema.json")
        .read_text(encoding="utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _write(root: Path) -> None:
    # Imported here: the builder (and so validation) imports this module.
    from .building import generate_extraction_schema

    schema = generate_schema()
    for name, text in (
        ("casefile.schema.json", schema_text(schema)),
        ("extraction.schema.json", schema_text(generate_extraction_schema(schema))),
    ):
        for path in (root / "schema" / name, Path(__file__).parent / "data" / name):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")


if __name__ == "__main__":
    _write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
