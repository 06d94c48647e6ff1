"""Tests for migrations: older files brought up to date, through the API and the command line.

The schema 0.9 fixture (``tests/data/v0.9``) is test-only; each test that needs its migration
registers it with the ``with_0_9_migration`` fixture, which removes it afterwards.
"""

from __future__ import annotations

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
    assert "migrated from schema 0.9 to 1.0" in capsys.readouterr().out
    assert casefile.dumps(small) == path.read_text(encoding="utf-8")
    assert 0 == main(["migrate", str(path)])
    assert "already at schema 1.0" in capsys.readouterr().out


def test_migrate_refuses_a_version_with_no_migration(tmp_path: Path) -> None:
    """Without a registered migration, 0.9 is refused and the file is left alone."""
    path = tmp_path / "old.json"
    original = (FIXTURES / "v0.9" / "small.casefile.json").read_bytes()
    path.write_bytes(original)
    assert 1 == main(["migrate", str(path)])
    assert original == path.read_bytes()
