"""The synthetic casefile generator and the benchmark command (run small, never timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synthetic import FAULTS, SHARES, generate

import casefile

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("records", [12, 500])
def test_generated_casefile_is_valid_in_both_layers_with_its_documents(
    records: int, tmp_path: Path
) -> None:
    """What the generator makes passes the schema, integrity, digests and every quote."""
    synthetic = generate(records, seed=3)
    path = synthetic.write(tmp_path)
    assert [] == casefile.validate(path.read_bytes(), documents=tmp_path)


def test_generated_casefile_has_the_records_asked_for_in_every_collection() -> None:
    """N records in all, spread over every collection."""
    data = generate(2000, seed=1).data
    counts = {name: len(data[name]) for name, _ in SHARES}
    assert 2000 == sum(counts.values())
    assert all(counts.values())


def test_generation_is_deterministic_from_the_seed() -> None:
    """The same arguments give the same bytes; another seed gives others."""
    assert generate(300, seed=7).to_json() == generate(300, seed=7).to_json()
    assert generate(300, seed=7).to_json() != generate(300, seed=8).to_json()


def test_faults_are_caught_in_the_layer_they_name() -> None:
    """Each damaged record is reported; integrity faults once the schema faults are repaired."""
    synthetic = generate(600, seed=2, faults=0.02)
    assert len(synthetic.faults) >= len(FAULTS)
    problems = casefile.validate(synthetic.to_json())
    pointers = {p.pointer for p in problems}
    schema_faults = [where for where, fault in synthetic.faults if dict(FAULTS)[fault] == "schema"]
    assert all(any(p.startswith(where) for p in pointers) for where in schema_faults)


def _repaired(faults: float, seed: int, kinds: set[str]) -> tuple[dict[str, Any], list[str]]:
    """A damaged casefile with the faults of ``kinds`` undone; the places of the others."""
    synthetic = generate(600, seed=seed, faults=faults)
    clean = generate(600, seed=seed).data
    for where, fault in synthetic.faults:
        if fault in kinds:
            _, collection, index, *_ = where.split("/")
            synthetic.data[collection][int(index)] = clean[collection][int(index)]
    remaining = [where for where, fault in synthetic.faults if fault not in kinds]
    return synthetic.data, remaining


def test_calendar_faults_are_reported_once_the_shape_is_right() -> None:
    """Impossible dates pass the schema's pattern and are caught when objects are made."""
    data, remaining = _repaired(0.02, 4, {"wrong-type", "unknown-property"})
    pointers = {p.pointer for p in casefile.validate(json.dumps(data))}
    bad_dates = [where for where in remaining if where.endswith("/retrieved")]
    assert bad_dates
    assert set(bad_dates) <= pointers


def test_integrity_faults_are_reported_at_their_places() -> None:
    """With the schema and calendar faults undone, every reference, id and quote fault is found."""
    data, remaining = _repaired(0.02, 4, {"wrong-type", "unknown-property", "bad-date"})
    pointers = {p.pointer for p in casefile.validate(json.dumps(data))}
    assert remaining
    assert all(any(p.startswith(where) for p in pointers) for where in remaining)


def test_benchmark_command_runs_and_prints_its_tables() -> None:
    """`python -m benchmarks` at 1,000 records prints every step, the targets and the machine."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--sizes",
            "1000",
            "--repeat",
            "1",
            "--import-sizes",
            "300",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    out = result.stdout
    for expected in (
        "## 1,000 records",
        "| validated load |",
        "| index build |",
        "| dumps |",
        "| export sqlite |",
        "| export csv |",
        "| export jsonl |",
        "## Targets",
        "casefile validate",
        "Python 3.",
    ):
        assert expected in out
