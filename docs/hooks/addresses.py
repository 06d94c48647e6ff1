"""MkDocs hook: write the project's addresses into pages from the one setting in mkdocs.yml.

The site's address (``site_url``) and the repository's (``repo_url``) are set once, in
mkdocs.yml, and pyproject.toml's ``[project.urls]`` repeats them (a test holds the two
together). Until the project has a host they are placeholders under ``example.org``. A page
writes ``{{ site_url }}`` or ``{{ repo_url }}`` where it needs one, code blocks included, and
this hook puts the setting in its place, so that changing the setting changes every page. A
backslash before the braces (``\\{{ site_url }}``) keeps them as written.
"""

from __future__ import annotations

import re
from typing import Any

ADDRESSES = ("site_url", "repo_url")
_TOKEN = re.compile(r"(?P<escaped>\\?)(?P<token>\{\{\s*(?P<name>[a-z_]+)\s*\}\})")


def fill(markdown: str, config: Any) -> str:
    """Put each ``{{ site_url }}`` and ``{{ repo_url }}`` in the text in its setting's place.

    Raises:
        ValueError: a token names another setting, or the setting is empty: a page would
            otherwise show the braces or an empty address.
    """

    def address(match: re.Match[str]) -> str:
        if match["escaped"]:
            return match["token"]
        name = match["name"]
        value = config.get(name) if name in ADDRESSES else None
        if not value:
            raise ValueError(f"{{{{ {name} }}}} is not one of the addresses set in mkdocs.yml")
        return str(value)

    return _TOKEN.sub(address, markdown)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return fill(markdown, config)
