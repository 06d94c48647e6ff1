"""MkDocs hook: write the generated pages and figures at build time.

Pages that describe the schema, the command line and the reference casefile are made from the
schema, the parser and the data themselves, so they cannot drift from them. Each generator
module in this folder exposes ``pages() -> dict[str, str | bytes]``: paths inside the site's
source tree (``"schema.md"``, ``"assets/timeline.svg"``) mapped to their content. Nothing they
return is committed to ``docs/``.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# The generator modules, in the order their pages are added. A path given by two is an error.
GENERATORS = ("schema_page", "cli_page", "changelog_page", "model_diagram", "reference_page")


def generated_pages() -> dict[str, str | bytes]:
    """Every generated page and figure, by its path in the site's source tree."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    pages: dict[str, str | bytes] = {}
    for name in GENERATORS:
        module = importlib.import_module(name)
        for path, content in module.pages().items():
            if path in pages:
                raise ValueError(f"{name} generates {path}, which another generator made too")
            pages[path] = content
    return pages


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for path, content in generated_pages().items():
        files.append(File.generated(config, path, content=content))
    return files
