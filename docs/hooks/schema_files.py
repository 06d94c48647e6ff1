"""MkDocs hook: serve the JSON Schema at its versioned path, ``schema/MAJOR.MINOR/``.

The schema names itself by a URN (``"$id": "urn:casefile:schema:2.0"``), which no host has to
answer for; the site serves the same bytes as ``schema/casefile.schema.json`` in the repository
(and the copy in the package) at ``schema/2.0/casefile.schema.json``, the version taken from
that ``$id``, so the rule from an ``$id`` to its address is written once, here, and stated in
docs/versioning.md. Each published version of the documentation serves the schema its release
wrote; older schema versions stay at their paths in the documentation versions of their
releases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "casefile.schema.json"
_ID = re.compile(r"^urn:casefile:schema:(?P<version>[0-9]+\.[0-9]+)$")


def site_path(schema_id: str) -> str:
    """Where the site serves the schema whose ``$id`` is ``schema_id``, relative to its root."""
    match = _ID.match(schema_id)
    if match is None:
        raise ValueError(f"expected an $id like 'urn:casefile:schema:2.0', got {schema_id!r}")
    return f"schema/{match['version']}/casefile.schema.json"


def pages() -> dict[str, str | bytes]:
    """The committed schema, byte for byte, at the path its ``$id`` gives."""
    content = SCHEMA.read_bytes()
    return {site_path(json.loads(content)["$id"]): content}


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for path, content in pages().items():
        files.append(File.generated(config, path, content=content))
    return files
