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


#: The 1.x outcome kinds that are determinations, which 2.0 records as findings.
DETERMINATIONS: frozenset[str] = frozenset(
    {
        "upheld",
        "not_upheld",
        "case_to_answer",
        "case_to_answer_misconduct",
        "case_to_answer_gross_misconduct",
        "no_case_to_answer",
        "sustained",
        "not_sustained",
        "exonerated",
        "unfounded",
    }
)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _from_1_1(data: dict[str, Any]) -> dict[str, Any]:
    """1.1 -> 2.0: allegations, determinations as findings, links between proceedings.

    - Each complaint's ``allegations`` claims become ``Allegation`` records with the claim's
      id, its value as the summary, its phrase, note and attributions, naming the complaint.
    - Each investigation's ``part_of`` claims become ``links`` with the relation ``part_of``,
      keeping their ids.
    - Outcomes whose kind is a determination (``DETERMINATIONS``: upheld, case to answer,
      sustained, ...) become findings with the same id: the first investigation among what
      they were ``of`` becomes the finding's ``investigation`` and the rest its ``about``;
      whom they concern, who decided, their dates, counts, attributions, note and extensions
      keep their places; an editor's note says the record was an outcome in 1.x.
    """
    allegations = _list(data.get("allegations"))
    for complaint in _list(data.get("complaints")):
        if not isinstance(complaint, dict):
            continue
        for claim in _list(complaint.pop("allegations", [])):
            if not isinstance(claim, dict):
                continue
            allegation = {
                "id": claim.get("id"),
                "summary": claim.get("value"),
                "complaint": complaint.get("id"),
            }
            for key in ("phrase", "attributions", "note"):
                if key in claim:
                    allegation[key] = claim[key]
            allegations.append(allegation)
    if allegations:
        data["allegations"] = allegations
    investigation_ids = set()
    for investigation in _list(data.get("investigations")):
        if not isinstance(investigation, dict):
            continue
        investigation_ids.add(investigation.get("id"))
        links = [
            {"relation": "part_of", **claim} if isinstance(claim, dict) else claim
            for claim in _list(investigation.pop("part_of", []))
        ]
        if links:
            investigation["links"] = [*links, *_list(investigation.get("links"))]
    outcomes, findings = [], _list(data.get("findings"))
    for outcome in _list(data.get("outcomes")):
        if not isinstance(outcome, dict) or outcome.get("kind") not in DETERMINATIONS:
            outcomes.append(outcome)
            continue
        finding: dict[str, Any] = {"id": outcome.get("id"), "kind": outcome["kind"]}
        of = _list(outcome.get("of"))
        made_by = [target for target in of if target in investigation_ids][:1]
        if made_by:
            finding["investigation"] = made_by[0]
        rest = [target for target in of if target not in made_by]
        for key in ("summary",):
            if key in outcome:
                finding[key] = outcome[key]
        if rest:
            finding["about"] = rest
        for key in ("concerning", "decided_by", "date", "count", "attributions"):
            if key in outcome:
                finding[key] = outcome[key]
        notes = [outcome["note"]] if isinstance(outcome.get("note"), str) else []
        notes.append(f"Recorded as an outcome of kind {outcome['kind']} before schema 2.0.")
        finding["note"] = " ".join(notes)
        if "extensions" in outcome:
            finding["extensions"] = outcome["extensions"]
        findings.append(finding)
    if "outcomes" in data:
        data["outcomes"] = outcomes
    if findings:
        data["findings"] = findings
    return data


register("1.1", "2.0", _from_1_1)
