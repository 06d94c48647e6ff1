"""The schema as other tools read it: validators agree, and generated types are usable.

Consumers of casefiles do not run this library: they validate with their own JSON Schema
validator and generate types from the schema. These tests run those tools on the published
schema: python-jsonschema and ajv give the same verdict file by file, datamodel-code-generator's
pydantic models load the reference casefile and refuse what the schema refuses, and
json-schema-to-typescript's declarations type-check a small reader under ``tsc --strict``.
The JavaScript tools run where ``cd tests/js && npm ci`` has installed them.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import casefile
from casefile.reference import reference_text
from casefile.schema import load_schema

ROOT = Path(__file__).parent.parent
JS = Path(__file__).parent / "js"
SCHEMA = ROOT / "schema" / "casefile.schema.json"
NODE = shutil.which("node")


def _set(data: Any, pointer: str, value: Any) -> Any:
    """A copy of ``data`` with the value at ``pointer`` replaced (or added, or removed)."""
    data = copy.deepcopy(data)
    *parents, last = pointer.split("/")[1:]
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    key: Any = int(last) if isinstance(node, list) else last
    if value is _REMOVE:
        del node[key]
    else:
        node[key] = value
    return data


_REMOVE = object()

# (what the mutation does, pointer, new value, whether the schema accepts the result)
MUTATIONS: list[tuple[str, str, Any, bool]] = [
    ("unchanged", "/title", "Small casefile", True),
    ("a $schema member", "/$schema", "urn:casefile:schema:1.1", True),
    ("an id with a trailing newline", "/id", "small\n", False),
    ("an actor id with a trailing newline", "/actors/0/id", "force\n", False),
    ("a reference with a trailing newline", "/findings/0/investigation", "inv-1\n", False),
    ("a date with a trailing newline", "/attributions/0/said", "2025-09-20\n", False),
    (
        "a period with a trailing newline",
        "/investigations/0/period_examined/0/value",
        "1997/2013\n",
        False,
    ),
    ("a term with a trailing newline", "/findings/0/kind", "systemic_failure\n", False),
    ("a digest with a trailing newline", "/documents/0/sha256", "0" * 64 + "\n", False),
    ("a line break inside an id", "/id", "sm\nall", False),
    (
        "a period written with a hyphen",
        "/investigations/0/period_examined/0/value",
        "1997-2013",
        False,
    ),
    ("a date with a time of day", "/attributions/0/said", "2025-09-20T21:00", True),
    ("a date with a time to the second", "/attributions/0/said", "2025-09-20T21:00:05", True),
    ("a time with a zone offset", "/attributions/0/said", "2025-09-20T21:00+01:00", True),
    ("a time in UTC", "/attributions/0/said", "2025-09-20T21:00:05Z", True),
    ("a time to the hour only", "/attributions/0/said", "2025-09-20T21", False),
    ("a time at hour 24", "/attributions/0/said", "2025-09-20T24:00", False),
    ("a time with a qualifier", "/attributions/0/said", "2025-09-20T21:00~", False),
    ("a time on a month", "/attributions/0/said", "2025-09T21:00", False),
    ("a time with a space", "/attributions/0/said", "2025-09-20 21:00", False),
    ("an offset past 14 hours", "/attributions/0/said", "2025-09-20T21:00+15:00", False),
    ("a season", "/attributions/0/said", "2019-22", True),
    ("an uncertain season", "/attributions/0/said", "2019-24?", True),
    ("a season code out of range", "/attributions/0/said", "2019-25", False),
    ("a season with a day", "/attributions/0/said", "2019-21-01", False),
    (
        "a period between seasons",
        "/investigations/0/period_examined/0/value",
        "2019-21/2019-23",
        True,
    ),
    (
        "a period between times",
        "/investigations/0/period_examined/0/value",
        "2015-07-19T21:00/2015-07-19T23:30",
        True,
    ),
    ("an unknown property", "/actors/0/religion", "x", False),
    ("a missing required property", "/findings/0/summary", _REMOVE, False),
    ("a string quantity value", "/figures/0/value/value", "lots", False),
    ("a number quantity value", "/figures/0/value/value", 12, True),
    ("a quantity with no number", "/figures/0/value", {"unit": "officers"}, False),
    ("a negative offset", "/attributions/0/quote/start", -1, False),
    ("a fractional offset", "/attributions/0/quote/start", 1.5, False),
    ("an empty summary", "/findings/0/summary", "", False),
    ("an upper-case term", "/findings/0/kind", "Systemic", False),
    ("a well-formed new term", "/findings/0/kind", "a_new_kind", True),
    ("an unknown enum value", "/attributions/0/stance", "denies", False),
    ("an older schema version", "/schema_version", "1.0", False),
    ("a claim with no attributions", "/investigations/0/period_examined/0/attributions", [], False),
    ("extensions on a figure", "/figures/0/extensions", {"org.example:tag": 1}, True),
]


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path, bool]]:
    """The small casefile with each mutation above, written to files."""
    small = Path(__file__).parent / "data" / "small"
    data = json.loads(casefile.dumps(casefile.build_file(small / "extraction.yaml", small)))
    folder = tmp_path_factory.mktemp("mutated")
    files = []
    for i, (what, pointer, value, valid) in enumerate(MUTATIONS):
        path = folder / f"{i:02d}.json"
        path.write_text(json.dumps(_set(data, pointer, value), ensure_ascii=False))
        files.append((what, path, valid))
    return files


def test_python_jsonschema_gives_the_expected_verdicts(
    mutated: list[tuple[str, Path, bool]],
) -> None:
    """python-jsonschema alone, with no help from casefile, accepts and refuses as intended."""
    assert len(mutated) >= 20
    validator = Draft202012Validator(load_schema())
    verdicts = {what: validator.is_valid(json.loads(path.read_text())) for what, path, _ in mutated}
    assert {what: valid for what, _, valid in mutated} == verdicts


@pytest.mark.skipif(
    NODE is None or not (JS / "node_modules" / "ajv").is_dir(),
    reason="node, or ajv in tests/js/node_modules, is not installed (cd tests/js && npm ci)",
)
def test_ajv_and_python_jsonschema_agree_file_by_file(
    mutated: list[tuple[str, Path, bool]],
) -> None:
    """ajv in strict mode compiles the schema without a warning and agrees on every file."""
    assert NODE is not None
    result = subprocess.run(
        [NODE, str(JS / "validate.mjs"), str(SCHEMA), *(str(p) for _, p, _ in mutated)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    output = json.loads(result.stdout)
    assert [] == output["warnings"]
    validator = Draft202012Validator(load_schema())
    python = [validator.is_valid(json.loads(p.read_text())) for _, p, _ in mutated]
    assert python == [r["valid"] for r in output["results"]]


def test_casefile_refuses_a_trailing_newline_as_a_bad_format() -> None:
    """The library's own problem for a line break names the place and the fault."""
    minimal = {"schema_version": casefile.SCHEMA_VERSION, "id": "review\n", "title": "Example"}
    assert [("/id", "bad-format")] == [(p.pointer, p.code) for p in casefile.validate(minimal)]


def test_a_casefile_may_name_its_schema_and_keeps_it() -> None:
    """`$schema` is accepted, kept through load and save, and written as `$schema`."""
    data = json.loads(casefile.dumps(casefile.reference()))
    data["$schema"] = casefile.SCHEMA_ID
    loaded = casefile.loads(json.dumps(data))
    assert casefile.SCHEMA_ID == loaded.schema
    assert casefile.SCHEMA_ID == json.loads(casefile.dumps(loaded))["$schema"]


@pytest.mark.skipif(
    importlib.util.find_spec("datamodel_code_generator") is None,
    reason="datamodel-code-generator is not installed (it is in the test extra)",
)
def test_generated_pydantic_models_read_the_reference_and_refuse_a_string_number(
    tmp_path: Path,
) -> None:
    """datamodel-code-generator's models are named after the schema's titles, load the
    reference casefile, dump it without a warning, and refuse a quantity of "lots"."""
    target = tmp_path / "casefile_models.py"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(SCHEMA),
            "--input-file-type",
            "jsonschema",
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--output",
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    spec = importlib.util.spec_from_file_location("casefile_models", target)
    assert spec is not None and spec.loader is not None
    models = importlib.util.module_from_spec(spec)
    sys.modules["casefile_models"] = models
    try:
        spec.loader.exec_module(models)
        for name in ("Casefile", "Investigation", "ReferenceClaim", "Quantity", "FindingKind"):
            assert hasattr(models, name), name
        data = json.loads(reference_text())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            loaded = models.Casefile.model_validate(data)
            loaded.model_dump(mode="json", by_alias=True, exclude_none=True)
        with pytest.raises(ValueError, match="value"):
            models.Quantity.model_validate({"unit": "officers", "value": "lots"})
    finally:
        del sys.modules["casefile_models"]


READER = """\
import type { Casefile, Finding, Link } from "./casefile";

export function findingsOf(text: string, investigation: string): Finding[] {
  const casefile = JSON.parse(text) as Casefile;
  return (casefile.findings ?? []).filter((f) => f.investigation === investigation);
}

export function partOf(text: string): string[] {
  const casefile = JSON.parse(text) as Casefile;
  const links: Link[] = (casefile.investigations ?? []).flatMap((i) => i.links ?? []);
  return links.map((link) => `${link.relation} ${link.value} (${link.attributions.length})`);
}
"""


@pytest.mark.skipif(
    NODE is None or not (JS / "node_modules" / "json-schema-to-typescript").is_dir(),
    reason="json-schema-to-typescript is not installed (cd tests/js && npm ci)",
)
def test_generated_typescript_is_named_and_type_checks_a_reader(tmp_path: Path) -> None:
    """json-schema-to-typescript names the types after the schema's titles, clashes with no
    built-in (no `Date`), and a reader written against them passes `tsc --strict`."""
    bin_ = JS / "node_modules" / ".bin"
    declarations = tmp_path / "casefile.d.ts"
    subprocess.run(
        [str(bin_ / "json2ts"), "-i", str(SCHEMA), "-o", str(declarations)],
        check=True,
        capture_output=True,
    )
    text = declarations.read_text()
    for name in ("Casefile", "Investigation", "ReferenceClaim", "Quantity", "FindingKind"):
        assert f"export interface {name} " in text or f"export type {name} =" in text, name
    assert "export type Date " not in text
    assert "Casefile1" not in text
    (tmp_path / "reader.ts").write_text(READER)
    result = subprocess.run(
        [str(bin_ / "tsc"), "--strict", "--noEmit", "--target", "es2022", "reader.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stdout + result.stderr
