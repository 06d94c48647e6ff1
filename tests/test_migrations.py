"""Tests for migrations: older files brought up to date, through the API and the command line.

The schema 0.9 fixture (``tests/data/v0.9``) is test-only; each test that needs its migration
registers it with the ``with_0_9_migration`` fixture, which removes it afterwards.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import casefile
from casefile import migrations
from casefile.cli import main

FIXTURES = Path(__file__).parent / "data"


def _from_0_9(data: dict[str, Any]) -> dict[str, Any]:
    """The test-only 0.9 format called figures `numbers` and the asserts stance `supports`."""
    data["figures"] = data.pop("numbers", [])
    for attribution in data.get("attributions", []):
        if attribution.get("stance") == "supports":
            attribution["stance"] = "asserts"
    return data


@pytest.fixture
def with_0_9_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the test-only 0.9 to 1.0 migration for one test."""
    monkeypatch.setitem(migrations.MIGRATIONS, "0.9", ("1.0", _from_0_9))


def test_older_file_loads_through_its_migration(
    with_0_9_migration: None, small: casefile.Casefile
) -> None:
    """A 0.9 fixture loads as the current version, equal to the casefile it was made from."""
    assert small == casefile.loads((FIXTURES / "v0.9" / "small.casefile.json").read_bytes())


def test_migrate_command_upgrades_in_place(
    with_0_9_migration: None,
    small: casefile.Casefile,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`casefile migrate` rewrites an old file atomically as the current version."""
    path = tmp_path / "old.json"
    path.write_bytes((FIXTURES / "v0.9" / "small.casefile.json").read_bytes())
    assert 0 == main(["migrate", str(path)])
    assert f"migrated from schema 0.9 to {casefile.SCHEMA_VERSION}" in capsys.readouterr().out
    assert casefile.dumps(small) == path.read_text(encoding="utf-8")
    assert 0 == main(["migrate", str(path)])
    assert f"already at schema {casefile.SCHEMA_VERSION}" in capsys.readouterr().out


def test_migrate_refuses_a_version_with_no_migration(tmp_path: Path) -> None:
    """Without a registered migration, 0.9 is refused and the file is left alone."""
    path = tmp_path / "old.json"
    original = (FIXTURES / "v0.9" / "small.casefile.json").read_bytes()
    path.write_bytes(original)
    assert 1 == main(["migrate", str(path)])
    assert original == path.read_bytes()


def test_migrate_command_writes_to_output_and_leaves_the_file(
    with_0_9_migration: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`casefile migrate FILE -o OUT` writes the upgraded casefile to OUT and says so."""
    path, out = tmp_path / "old.json", tmp_path / "new.json"
    original = (FIXTURES / "v0.9" / "small.casefile.json").read_bytes()
    path.write_bytes(original)
    assert 0 == main(["migrate", str(path), "-o", str(out)])
    assert (
        f"{path}: migrated from schema 0.9 to {casefile.SCHEMA_VERSION}; wrote {out}\n"
        == capsys.readouterr().out
    )
    assert original == path.read_bytes()
    assert casefile.SCHEMA_VERSION == casefile.load(out).schema_version


# ---------------------------------------------------------------- migrate_file


def _old_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.json"
    path.write_bytes((FIXTURES / "v0.9" / "small.casefile.json").read_bytes())
    return path


def test_migrate_file_upgrades_in_place(
    with_0_9_migration: None,
    small: casefile.Casefile,
    small_documents: Path,
    tmp_path: Path,
) -> None:
    """An older file is rewritten over itself as the current version; the result says so."""
    path = _old_file(tmp_path)
    result = casefile.migrate_file(path, documents=small_documents)
    assert (
        casefile.MigrationResult(path, path, "0.9", casefile.SCHEMA_VERSION, written=True) == result
    )
    assert casefile.dumps(small) == path.read_text(encoding="utf-8")


def test_migrate_file_leaves_a_current_file_untouched(
    small: casefile.Casefile, tmp_path: Path
) -> None:
    """A file already at the current version is not rewritten: same bytes, same timestamp."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(casefile.to_data(small)), encoding="utf-8")  # not as dumps writes
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = casefile.migrate_file(str(path))
    assert (
        casefile.MigrationResult(
            path, path, casefile.SCHEMA_VERSION, casefile.SCHEMA_VERSION, written=False
        )
        == result
    )
    assert before == (path.read_bytes(), path.stat().st_mtime_ns)


def test_migrate_file_writes_to_output_and_leaves_the_source(
    with_0_9_migration: None, small: casefile.Casefile, tmp_path: Path
) -> None:
    """With an output, the upgraded casefile goes there and the source keeps its bytes."""
    path, out = _old_file(tmp_path), tmp_path / "new.json"
    original = path.read_bytes()
    result = casefile.migrate_file(path, out)
    assert (
        casefile.MigrationResult(path, out, "0.9", casefile.SCHEMA_VERSION, written=True) == result
    )
    assert original == path.read_bytes()
    assert casefile.dumps(small) == out.read_text(encoding="utf-8")


def test_migrate_file_copies_a_current_file_to_another_output(
    small: casefile.Casefile, tmp_path: Path
) -> None:
    """A current file with another output is written there, as the library writes it."""
    path, out = tmp_path / "case.json", tmp_path / "copy.json"
    path.write_text(json.dumps(casefile.to_data(small)), encoding="utf-8")
    result = casefile.migrate_file(path, out)
    assert (
        casefile.MigrationResult(
            path, out, casefile.SCHEMA_VERSION, casefile.SCHEMA_VERSION, written=True
        )
        == result
    )
    assert casefile.dumps(small) == out.read_text(encoding="utf-8")


def test_migrate_file_refuses_a_version_with_no_migration(tmp_path: Path) -> None:
    """No migration from 0.9: unsupported-version is raised and neither file is written."""
    path, out = _old_file(tmp_path), tmp_path / "new.json"
    original = path.read_bytes()
    with pytest.raises(casefile.InvalidCasefile) as caught:
        casefile.migrate_file(path, out)
    assert [("/schema_version", "unsupported-version")] == [
        (p.pointer, p.code) for p in caught.value.problems
    ]
    assert (original, False) == (path.read_bytes(), out.exists())


def test_migrate_file_refuses_what_a_migration_leaves_invalid(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A migration whose result does not validate writes nothing: data is never dropped."""
    monkeypatch.setitem(migrations.MIGRATIONS, "0.9", ("1.0", lambda data: data))
    path = _old_file(tmp_path)
    original = path.read_bytes()
    with pytest.raises(casefile.InvalidCasefile) as caught:
        casefile.migrate_file(path)
    assert "/numbers" in [p.pointer for p in caught.value.problems]
    assert original == path.read_bytes()


def test_migrate_file_checks_quotes_against_the_documents(
    with_0_9_migration: None, tmp_path: Path
) -> None:
    """Given a documents folder, the upgraded casefile is checked against it before writing."""
    path = _old_file(tmp_path)
    original = path.read_bytes()
    empty = tmp_path / "documents"
    empty.mkdir()
    with pytest.raises(casefile.InvalidCasefile) as caught:
        casefile.migrate_file(path, documents=empty)
    assert "missing-document" in [p.code for p in caught.value.problems]
    assert original == path.read_bytes()


def test_migrate_file_refuses_a_file_over_the_size_limit_unread(tmp_path: Path) -> None:
    """Over max_bytes, the file is refused as too-large before it is read."""
    path = _old_file(tmp_path)
    with pytest.raises(casefile.InvalidCasefile) as caught:
        casefile.migrate_file(path, max_bytes=100)
    assert ["too-large"] == [p.code for p in caught.value.problems]


def test_migrate_file_refuses_malformed_json(tmp_path: Path) -> None:
    """Text that is not JSON is refused with its parse problem; nothing is written."""
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": "0.9",', encoding="utf-8")
    with pytest.raises(casefile.InvalidCasefile):
        casefile.migrate_file(path)
    assert '{"schema_version": "0.9",' == path.read_text(encoding="utf-8")


def _leaves(value: object, path: str = "") -> list[tuple[str, object]]:
    """Every scalar in parsed JSON, with the key it stands under."""
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, key)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item, path)]
    return [(path, value)]


REFERENCE_1_0 = Path(__file__).parent / "data" / "reference-1.0.casefile.json"


def test_the_1_0_reference_casefile_migrates_to_a_valid_current_file() -> None:
    """The reference casefile as schema 1.0 wrote it loads, quotes and digests verified."""
    from casefile.reference import reference_documents

    migrated = casefile.loads(REFERENCE_1_0.read_bytes(), documents=reference_documents())
    assert casefile.SCHEMA_VERSION == migrated.schema_version
    assert "1.0" == json.loads(REFERENCE_1_0.read_text())["schema_version"]


def test_migration_from_1_0_keeps_every_value() -> None:
    """Every value of the 1.0 file is in the migrated file: the migration drops nothing.

    A note may gain a sentence saying what the record was, so text counts as kept when it
    stands whole within a migrated string.
    """
    old = json.loads(REFERENCE_1_0.read_text(encoding="utf-8"))
    new = json.loads(casefile.dumps(casefile.loads(REFERENCE_1_0.read_bytes())))
    kept = {value for _, value in _leaves(new)}
    texts = [value for value in kept if isinstance(value, str)]
    lost = [
        (key, value)
        for key, value in _leaves(old)
        if key != "schema_version"
        and value not in kept
        and not (isinstance(value, str) and any(value in text for text in texts))
    ]
    assert [] == lost


def test_determinations_become_findings_with_their_ids_and_a_note() -> None:
    """A 1.x outcome of kind upheld is a 2.0 finding with the same id, saying what it was."""
    index = casefile.Index(casefile.loads(REFERENCE_1_0.read_bytes()))
    finding = index.get("out.complaint-upheld")
    assert "finding" == index.kind("out.complaint-upheld")
    assert ("complaint-2017",) == finding.about
    assert finding.note is not None and "outcome of kind upheld" in finding.note
    assert "op-linden" == index.get("out.linden.case-to-answer").investigation
    allegation = index.get("complaint-2017.allegation.failed-to-protect")
    assert ("allegation", "complaint-2017") == (
        index.kind(allegation.id),
        allegation.complaint,
    )
    assert ("part_of", "op-linden") == (
        index.get("op-amazon.part-of.iopc").relation,
        index.get("op-amazon.part-of.iopc").value,
    )
