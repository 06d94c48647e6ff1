"""Tests for the JSON Schema: generated from the model, committed, shipped, portable."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import casefile
from casefile.schema import ANNOTATIONS, generate_schema, load_schema, schema_text
from casefile.strategies import Generated, casefiles

ROOT = Path(__file__).parent.parent
COMMITTED = ROOT / "schema" / "casefile.schema.json"
JS = Path(__file__).parent / "js"


def test_committed_schema_is_fresh() -> None:
    """schema/casefile.schema.json equals a fresh generation (run `python -m casefile.schema`)."""
    assert schema_text() == COMMITTED.read_text(encoding="utf-8")


def test_shipped_schema_is_the_committed_one() -> None:
    """The schema inside the package is byte for byte the committed one."""
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(load_schema())


def test_schema_passes_the_2020_12_metaschema() -> None:
    """The committed schema is a valid draft 2020-12 schema."""
    Draft202012Validator.check_schema(load_schema())
    assert "https://json-schema.org/draft/2020-12/schema" == load_schema()["$schema"]


def _walk(node: Any, path: str = "") -> list[tuple[str, Any]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_walk(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_walk(value, f"{path}/{i}"))
    return found


def test_every_property_has_a_description() -> None:
    """Each property of each definition is described, and so is each definition."""
    schema = load_schema()
    missing = [
        f"{name}.{prop}"
        for name, definition in schema["$defs"].items()
        for prop, sub in definition.get("properties", {}).items()
        if not sub.get("description")
    ]
    missing += [
        name for name, definition in schema["$defs"].items() if not definition.get("description")
    ]
    assert [] == missing


def test_every_object_is_closed() -> None:
    """Objects refuse unknown properties; other tools' data goes under `extensions`."""
    schema = load_schema()
    open_objects = [
        name
        for name, definition in schema["$defs"].items()
        if definition.get("type") == "object"
        and definition.get("additionalProperties") is not False
    ]
    assert [] == open_objects
    assert all(
        "extensions" in schema["$defs"][name]["properties"]
        for name in ("Casefile", "Actor", "Source", "Investigation", "Attribution")
    )


def test_schema_uses_only_portable_keywords() -> None:
    """No `format`, no keywords but the declared annotations, ASCII classes, no lookaround."""
    allowed = {
        "$schema",
        "$id",
        "$ref",
        "$defs",
        "title",
        "description",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "minItems",
        "minLength",
        "pattern",
        "if",  # a sensitive attribute's value is marked sensitive (Characteristic)
        "then",
        "maxLength",  # an empty quote names a cell or a value (Quote)
        "enum",
        "const",
        "anyOf",
        "default",
        "examples",
        "minimum",
        "not",
        *ANNOTATIONS,
    }
    schema = load_schema()
    used: set[str] = set()
    patterns: list[str] = []
    for path, node in _walk(schema):
        if isinstance(node, dict) and not path.endswith(("/properties", "/$defs")):
            used.update(node)
            if isinstance(node.get("pattern"), str):
                patterns.append(node["pattern"])
    assert set() == used - allowed
    assert [] == [p for p in patterns if re.search(r"\\[dwsDWSbB]|\(\?[<=!P]", p)]


def test_id_is_stable_and_versioned() -> None:
    """The schema's $id names its version, and files must declare that version."""
    schema = load_schema()
    assert casefile.SCHEMA_ID == schema["$id"]
    assert casefile.SCHEMA_VERSION in schema["$id"]
    assert {"const": casefile.SCHEMA_VERSION}.items() <= schema["$defs"]["Casefile"]["properties"][
        "schema_version"
    ].items()
    assert "schema_version" in schema["$defs"]["Casefile"]["required"]


@given(casefiles())
def test_every_generated_casefile_passes_the_committed_schema(generated: Generated) -> None:
    """What the converter writes, the published schema accepts."""
    data = json.loads(casefile.dumps(generated.casefile))
    assert [] == [e.message for e in Draft202012Validator(load_schema()).iter_errors(data)]


def test_generation_is_deterministic() -> None:
    """Two generations give the same schema."""
    assert generate_schema() == generate_schema()


def _ajv() -> list[str] | None:
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "ajv").is_dir():
        return None
    return [node, str(JS / "validate.mjs")]


@pytest.mark.skipif(
    _ajv() is None,
    reason="node, or ajv in tests/js/node_modules, is not installed (cd tests/js && npm ci)",
)
def test_ajv_accepts_the_schema_and_agrees_on_valid_and_invalid(
    tmp_path: Path, small: casefile.Casefile
) -> None:
    """ajv (JavaScript, strict mode) compiles the schema and agrees with python-jsonschema."""
    good = tmp_path / "good.json"
    good.write_text(casefile.dumps(small))
    bad_data = json.loads(casefile.dumps(small))
    bad_data["investigations"][0]["period_examined"][0]["value"] = "1997-2013"
    bad_data["actors"][0]["religion"] = "x"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_data))
    command = _ajv()
    assert command is not None
    result = subprocess.run(
        [*command, str(ROOT / "schema" / "casefile.schema.json"), str(good), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    output = json.loads(result.stdout)
    assert [] == output["warnings"]
    verdicts = output["results"]
    assert [True, False] == [v["valid"] for v in verdicts]
    paths = sorted(e["instancePath"] for e in verdicts[1]["errors"])
    assert "/actors/0" in paths and "/investigations/0/period_examined/0/value" in paths


def _rust_validator() -> object | None:
    """The jsonschema-rs validator as the library configures it (None if not installed)."""
    from casefile.shape import _fast_validator

    return _fast_validator()


def _patterns(node: object) -> set[str]:
    """Every ``pattern`` in a schema."""
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(_patterns(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(value) for value in node))
    return set()


@pytest.mark.skipif(_rust_validator() is None, reason="jsonschema-rs is not installed")
def test_each_pattern_on_the_rust_engine_ends_at_the_end_of_the_string() -> None:
    """The library runs jsonschema-rs' patterns on the ``regex`` engine: each of the schema's
    anchored patterns compiles there, and its ``$`` ends the string (ECMA-262), so a value
    that matches does not match with a line break after it."""
    import jsonschema_rs

    samples = ["failure_to_act", ";", "at-1", "0" * 64, "2021-12", "2021/2022-03"]
    # A JSON Pointer's ``[^~/]`` admits a line break anywhere, so it is left out.
    anchored = sorted(p for p in _patterns(load_schema()) if p.endswith("$") and "[^" not in p)
    assert len(anchored) >= 6
    for pattern in anchored:
        check = jsonschema_rs.validator_for(
            {"pattern": pattern}, pattern_options=jsonschema_rs.RegexOptions()
        )
        matching = [value for value in samples if check.is_valid(value)]
        assert matching, pattern
        assert not any(check.is_valid(value + "\n") for value in matching), pattern


@pytest.mark.skipif(_rust_validator() is None, reason="jsonschema-rs is not installed")
@given(casefiles(min_entities=1), st.data())
def test_rust_and_python_validators_agree(generated: Generated, data: st.DataObject) -> None:
    """jsonschema-rs and python-jsonschema give the same verdict, on valid and broken data."""
    rust = _rust_validator()
    document = json.loads(casefile.dumps(generated.casefile))
    python = Draft202012Validator(load_schema())
    assert python.is_valid(document) and rust.is_valid(document)  # type: ignore[attr-defined]
    broken = data.draw(
        st.sampled_from(["kind", "date", "extra", "empty", "id", "id + newline", "date + newline"])
    )
    if broken == "kind":
        document["actors"][0]["kind"] = "robot"
    elif broken == "date":
        document["attributions"][0]["said"] = "2021-13"
    elif broken == "date + newline":  # refused by the schema's rule against line breaks
        document["attributions"][0]["said"] = "2021-12\n"
    elif broken == "id + newline":
        document["id"] += "\n"
    elif broken == "extra":
        document["sources"][0]["religion"] = "x"
    elif broken == "empty":
        document["title"] = ""
    else:
        document["id"] = "has space"
    assert (False, False) == (python.is_valid(document), rust.is_valid(document))  # type: ignore[attr-defined]
