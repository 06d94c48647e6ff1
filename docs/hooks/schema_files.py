"""MkDocs hook: serve the JSON Schemas at their versioned paths, ``schema/MAJOR.MINOR/``.

The casefile schema names itself by a URN (``"$id": "urn:casefile:schema:2.0"``), which no host
has to answer for, and so does the extraction's schema derived from it
(``urn:casefile:extraction:2.0``); the site serves the same bytes as ``schema/*.schema.json``
in the repository (and the copies in the package) at ``schema/2.0/casefile.schema.json`` and
``schema/2.0/extraction.schema.json``, the version taken from each ``$id``, so the rule from an
``$id`` to its address is written once, here, and stated in docs/versioning.md. The mapping
schema's ``$id`` is already an address under the site (``site_url`` in mkdocs.yml), and it is
served at that address's path. Each published version of the documentation serves the schemas
its release wrote; older schema versions stay at their paths in the documentation versions of
their releases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = [ROOT / "schema" / name for name in ("casefile.schema.json", "extraction.schema.json")]
MAPPING_SCHEMA = ROOT / "schema" / "mapping.schema.json"
_ID = re.compile(r"^urn:casefile:(?P<name>schema|extraction):(?P<version>[0-9]+\.[0-9]+)$")
# The file each URN's name is served as.
_FILE_NAMES = {"schema": "casefile.schema.json", "extraction": "extraction.schema.json"}


def site_path(schema_id: str) -> str:
    """Where the site serves the schema whose ``$id`` is ``schema_id``, relative to its root."""
    match = _ID.match(schema_id)
    if match is None:
        raise ValueError(
            "expected an $id like 'urn:casefile:schema:2.0' or 'urn:casefile:extraction:2.0', "
            f"got {schema_id!r}"
        )
    return f"schema/{match['version']}/{_FILE_NAMES[match['name']]}"


def mapping_path(schema_id: str, site_url: str) -> str:
    """Where the site serves the mapping schema: its ``$id``, which must be under the site."""
    if not schema_id.startswith(site_url):
        raise ValueError(f"the mapping schema's $id {schema_id!r} is not under {site_url!r}")
    return schema_id[len(site_url) :]


def pages(site_url: str | None = None) -> dict[str, str | bytes]:
    """The committed schemas, byte for byte, at the paths their ``$id`` give."""
    found: dict[str, str | bytes] = {}
    for path in SCHEMAS:
        content = path.read_bytes()
        found[site_path(json.loads(content)["$id"])] = content
    if site_url is not None:
        content = MAPPING_SCHEMA.read_bytes()
        found[mapping_path(json.loads(content)["$id"], site_url)] = content
    return found


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for path, content in pages(config["site_url"]).items():
        files.append(File.generated(config, path, content=content))
    return files
