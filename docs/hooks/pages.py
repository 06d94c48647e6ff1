"""MkDocs hook: write the generated pages and figures at build time.

Pages that describe the schema, the command line and the reference casefile are made from the
schema, the parser and the data themselves, so they cannot drift from them. Each generator
module in this folder exposes ``pages() -> dict[str, str | bytes]``: paths inside the site's
source tree (``"schema.md"``, ``"assets/timeline.svg"``) mapped to their content. Nothing they
return is committed to ``docs/``.

A generator may also expose ``snippets() -> dict[str, str]``: HTML for a page to include where
it writes ``<!-- NAME -->`` on a line of its own (the model diagram's legend, below the figure).
A page naming no snippet is left as it is.
"""

from __future__ import annotations

import importlib
import re
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


def generated_snippets() -> dict[str, str]:
    """HTML that pages include by name, from the generators that offer any."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    snippets: dict[str, str] = {}
    for name in GENERATORS:
        offer = getattr(importlib.import_module(name), "snippets", None)
        for key, content in (offer() if offer else {}).items():
            if key in snippets:
                raise ValueError(f"{name} offers the snippet {key!r}, which another offers too")
            snippets[key] = content
    return snippets


_SNIPPET = re.compile(r"^<!-- (?P<name>[a-z][a-z ]*[a-z]) -->$", re.MULTILINE)


def include_snippets(markdown: str, snippets: dict[str, str]) -> str:
    """Put each generated snippet where the page names it; other comments stay as written."""
    return _SNIPPET.sub(lambda m: snippets.get(m["name"], m[0]), markdown)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "<!-- " not in markdown:
        return markdown
    return include_snippets(markdown, generated_snippets())


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for path, content in generated_pages().items():
        files.append(File.generated(config, path, content=content))
    return files
