"""Include ``CHANGELOG.md`` in the site at build time, as it stands in the repository.

The changelog is written once, at the repository root where contributors and package indexes
read it; the site shows that same text. The only changes are to links: a relative link that
points into ``docs/`` is rewritten to point at the page, and one to any other file of the
repository (which the site does not carry) keeps its words and loses the link, so the strict
build has nothing to warn about. A pointer to the versioning page follows the introduction when
that page exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = ROOT / "CHANGELOG.md"
DOCS = ROOT / "docs"
VERSIONING = "versioning.md"

# Fenced blocks and code spans: their text is shown as written, never rewritten.
_CODE = re.compile(
    r"(^(?P<fence>```|~~~).*?^(?P=fence)[^\n]*$|(?P<tics>`+).+?(?P=tics))", re.S | re.M
)
_INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)"
)
_REFERENCE_DEFINITION = re.compile(
    r"^(?P<lead> {0,3}\[(?P<label>[^\]]+)\]:\s*)(?P<target>\S+)(?P<rest>.*)(?P<end>\n?)", re.M
)


def pages() -> dict[str, str | bytes]:
    """The changelog page: CHANGELOG.md with its links made to work on the site."""
    text = fix_links(CHANGELOG.read_text(encoding="utf-8"), ROOT, DOCS)
    if (DOCS / VERSIONING).is_file():
        note = f"How the schema is versioned: [Versioning]({VERSIONING})."
        text = add_after_introduction(text, note)
    return {"changelog.md": text}


def site_target(target: str, root: Path, docs: Path) -> str | None:
    """Where a link of the changelog should point on the site, or None to drop the link.

    Links to other sites, anchors and e-mail addresses stay as they are; a link to a file in
    ``docs/`` points at it relative to the docs folder; a link to any other file of the
    repository has nowhere to go on the site.
    """
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("#"):
        return target
    path = (root / parts.path).resolve()
    try:
        inside = path.relative_to(docs.resolve())
    except ValueError:
        return None
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return inside.as_posix() + fragment


def fix_links(text: str, root: Path, docs: Path) -> str:
    """Rewrite the links of Markdown ``text`` (found at ``root``) to work on the site."""
    dropped: set[str] = set()

    def definition(match: re.Match[str]) -> str:
        target = site_target(match.group("target").strip("<>"), root, docs)
        if target is None:
            dropped.add(match.group("label").lower())
            return ""
        return match.group("lead") + target + match.group("rest") + match.group("end")

    def inline(match: re.Match[str]) -> str:
        target = site_target(match.group("target"), root, docs)
        if target is None:
            return match.group("text")
        title = match.group("title") or ""
        return f"{match.group('bang')}[{match.group('text')}]({target}{title})"

    def outside_code(segment: str) -> str:
        segment = _REFERENCE_DEFINITION.sub(definition, segment)
        return _INLINE_LINK.sub(inline, segment)

    fixed = _each_outside_code(text, outside_code)
    if dropped:
        fixed = _each_outside_code(fixed, lambda segment: _unlink_references(segment, dropped))
    return fixed


def _unlink_references(segment: str, labels: set[str]) -> str:
    """Replace uses of dropped reference links (``[text][label]``, ``[label][]``) by their words."""

    def replace(match: re.Match[str]) -> str:
        label = (match.group("label") or match.group("text")).lower()
        return match.group("text") if label in labels else match.group(0)

    return re.sub(r"\[(?P<text>[^\]]+)\]\[(?P<label>[^\]]*)\]", replace, segment)


def _each_outside_code(text: str, change: Callable[[str], str]) -> str:
    pieces: list[str] = []
    position = 0
    for match in _CODE.finditer(text):
        pieces.append(change(text[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(change(text[position:]))
    return "".join(pieces)


def add_after_introduction(text: str, note: str) -> str:
    """Put a paragraph before the first second-level heading (after the title and its lead)."""
    match = re.search(r"^## ", text, re.M)
    if match is None:
        return text.rstrip("\n") + f"\n\n{note}\n"
    return text[: match.start()] + f"{note}\n\n" + text[match.start() :]
