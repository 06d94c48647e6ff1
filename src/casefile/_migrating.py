"""The migration registry, and the upgrade of parsed data one registered step at a time.

Public through ``casefile.migrations``, whose docstring states the versioning rules. It lives
apart so that validation, which migrates what it reads, does not import
``casefile.migrations``, whose file-level ``migrate_file`` itself validates.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .errors import Problem
from .version import SCHEMA_VERSION

__all__ = ["KNOWN_VERSION", "MIGRATIONS", "Migration", "migrate_data", "register", "version_key"]

#: A migration turns a JSON object of one version into one of the next; it may edit its input.
Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: From version -> (to version, migration).
MIGRATIONS: dict[str, tuple[str, Migration]] = {}


def register(from_version: str, to_version: str, migration: Migration) -> None:
    """Register the migration of files of ``from_version`` to ``to_version``."""
    MIGRATIONS[from_version] = (to_version, migration)


def version_key(version: str) -> tuple[int, int] | None:
    """Return ``(major, minor)`` for comparing versions, or None if it is not ``MAJOR.MINOR``."""
    try:
        major, minor = (int(part) for part in version.split("."))
    except ValueError:
        return None
    return major, minor


#: The version this library writes, as a comparable key.
KNOWN_VERSION: tuple[int, int] = version_key(SCHEMA_VERSION) or (0, 0)


def migrate_data(data: Any) -> tuple[Any, list[Problem]]:
    """Bring parsed casefile data to ``SCHEMA_VERSION``; return it and any problems.

    Data that is not an object, has no readable version, or is already current or newer is
    returned as it is, for validation to report on.
    """
    if not isinstance(data, dict) or not isinstance(data.get("schema_version"), str):
        return data, []
    version = data["schema_version"]
    current, target = version_key(version), KNOWN_VERSION
    if current is None or target is None or current >= target:
        return data, []
    data = copy.deepcopy(data)
    path = [version]
    while data.get("schema_version") != SCHEMA_VERSION:
        step = MIGRATIONS.get(data.get("schema_version", ""))
        if step is None:
            route = " -> ".join(path)
            return None, [
                Problem(
                    pointer="/schema_version",
                    code="unsupported-version",
                    message=f"schema version {version} is older than {SCHEMA_VERSION} and no "
                    f"migration leads from {route} to {SCHEMA_VERSION}",
                )
            ]
        to_version, migration = step
        data = migration(data)
        data["schema_version"] = to_version
        path.append(to_version)
    return data, []


# ------------------------------------------------------------------ the migrations that ship


def _from_1_0(data: dict[str, Any]) -> dict[str, Any]:
    """1.0 -> 1.1: additive (titles, named vocabularies, ``$schema``, figure extensions).

    Every 1.0 file is a valid 1.1 file once it says so; nothing else changes.
    """
    return data


register("1.0", "1.1", _from_1_0)
