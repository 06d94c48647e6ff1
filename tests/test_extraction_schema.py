"""Tests for the extraction's JSON Schema: derived from the casefile schema, committed, shipped,
and in agreement with what ``casefile build`` accepts."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from casefile.building import (
    EXTRACTION_SCHEMA_ID,
    extraction_schema,
    generate_extraction_schema,
    read_extraction,
)
from casefile.schema import generate_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / "extraction.schema.json"
EXTRACTIONS = [
    ROOT / "seeds" / "extraction.yaml",
    ROOT / "tests" / "data" / "small" / "extraction.yaml",
    ROOT / "tests" / "data" / "watchdog" / "extraction.yaml",
]


def _problems(data: Any) -> list[tuple[str, str]]:
    validator = Draft202012Validator(extraction_schema())
    return sorted((e.json_path, e.validator) for e in validator.iter_errors(data))


def _small() -> dict[str, Any]:
    """A valid extraction to break: one source, document and attribution."""
    return {
        "schema_version": "2.0",
        "id": "x",
        "title": "X",
        "sources": [{"id": "src", "kind": "news_report"}],
        "documents": [{"id": "doc", "path": "a.txt", "sources": ["src"]}],
        "findings": [
            {
                "id": "f1",
                "kind": "failure",
                "summary": "It failed.",
                "attributions": ["at"],
            }
        ],
        "actors": [
            {
                "id": "force",
                "kind": "organisation",
                "name": "Force",
                "aliases": ["the force"],
                "roles": [{"title": "police force", "attributions": ["at"]}],
            }
        ],
        "attributions": [{"id": "at", "source": "src", "quote": "It failed"}],
    }


def test_committed_extraction_schema_is_fresh() -> None:
    """schema/extraction.schema.json equals a fresh derivation (run `python -m casefile.schema`)."""
    assert schema_text(generate_extraction_schema()) == COMMITTED.read_text(encoding="utf-8")


def test_shipped_extraction_schema_is_the_committed_one() -> None:
    """The copy inside the package is byte for byte the committed file."""
    packaged = resources.files("casefile").joinpath("data/extraction.schema.json")
    assert COMMITTED.read_text(encoding="utf-8") == packaged.read_text(encoding="utf-8")


def test_extraction_schema_passes_the_2020_12_metaschema() -> None:
    """The extraction schema is a valid draft 2020-12 schema with its own URN."""
    Draft202012Validator.check_schema(extraction_schema())
    assert "urn:casefile:extraction:2.0" == EXTRACTION_SCHEMA_ID == extraction_schema()["$id"]


@pytest.mark.parametrize("path", EXTRACTIONS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_repository_extractions_pass_the_extraction_schema(path: Path) -> None:
    """Every extraction the repository builds, read as the builder reads it, is accepted."""
    assert [] == _problems(read_extraction(path))


def test_shorthands_the_builder_accepts_pass() -> None:
    """No digest, a nested record without an id, and each of the quote's forms are accepted."""
    data = _small()
    assert [] == _problems(data)
    for quote in (
        {"exact": "It failed", "document": "doc", "prefix": "Yes. "},
        {"document": "doc", "cell": {"row": 1, "header": "summary"}},
        {"pointer": "/0/summary"},
    ):
        data["attributions"][0]["quote"] = quote
        assert [] == _problems(data), quote


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        # A quote with offsets is a built casefile's, which the builder refuses to re-anchor.
        (("attributions", 0, "quote"), {"exact": "It failed", "start": 0, "end": 9}, "anyOf"),
        (("attributions", 0, "quote"), {"exact": "It failed", "cell": {"row": 1}}, "anyOf"),
        (("attributions", 0, "quote"), {"document": "doc"}, "anyOf"),
        (("attributions", 0, "quote"), 7, "anyOf"),
        # Records in a collection name themselves: the builder makes ids for nested ones only.
        (("findings", 0, "id"), None, "required"),
        (("documents", 0, "path"), None, "required"),
        (("actors", 0, "nmae"), "Force", "additionalProperties"),
        (("schema_version",), None, "required"),
    ],
)
def test_a_broken_extraction_is_rejected(
    path: tuple[str | int, ...], value: Any, expected: str
) -> None:
    """Each deliberate break is refused by the keyword that describes it."""
    data = _small()
    *parents, last = path
    holder: Any = data
    for key in parents:
        holder = holder[key]
    if value is None:
        del holder[last]
    else:
        holder[last] = value
    assert expected in [keyword for _, keyword in _problems(data)]


def test_the_derivation_lists_no_collection_or_field_by_hand() -> None:
    """A collection added to the casefile schema appears in the extraction schema, and its
    records' nested claims need no id there either."""
    schema = json.loads(json.dumps(generate_schema()))
    root = schema["$defs"]["Casefile"]["properties"]
    root["questions"] = {"type": "array", "items": {"$ref": "#/$defs/Finding"}}
    derived = generate_extraction_schema(schema)
    assert root["questions"] == derived["$defs"]["Casefile"]["properties"]["questions"]
    assert "id" not in derived["$defs"]["TextClaim"].get("required", [])
    assert "Quote" not in derived["$defs"]
    assert "#/$defs/Quote" not in json.dumps(derived)
