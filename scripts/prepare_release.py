"""Prepare a release: write its version, and make the changelog's Unreleased section its own.

    python scripts/prepare_release.py 0.2.0 [--date 2026-12-01]

Two edits, nothing else, for a person to read and commit: ``__version__`` in
``src/casefile/version.py`` (the one place the library's version is written; the build reads
it from there) becomes VERSION, and the ``## Unreleased`` heading of ``CHANGELOG.md`` becomes
``## VERSION - DATE`` under a new, empty ``## Unreleased``. It refuses a version that is not
``MAJOR.MINOR.PATCH`` (with an optional ``aN``, ``bN``, ``rcN`` or ``.devN``), one the
changelog already has a section for, and an Unreleased section with nothing in it. The rest of
a release (``scripts/check-release``, the tag, the upload) is in docs/versioning.md.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.compile(r"\d+\.\d+\.\d+((a|b|rc)\d+)?(\.dev\d+)?")
_VERSION_LINE = re.compile(r'^__version__ = "[^"]*"$', re.M)
_UNRELEASED = re.compile(r"^## Unreleased\n", re.M)
_SECTION = re.compile(r"^## ", re.M)


class ReleaseError(Exception):
    """A release cannot be prepared as asked; the message says why."""


def release_changelog(text: str, version: str, date: str) -> str:
    """Return the changelog with its Unreleased section made the release's, under a new one."""
    if re.search(rf"^## {re.escape(version)}( |$)", text, flags=re.M):
        raise ReleaseError(f"CHANGELOG.md already has a section for {version}")
    heading = _UNRELEASED.search(text)
    if heading is None:
        raise ReleaseError("CHANGELOG.md has no '## Unreleased' section")
    following = _SECTION.search(text, heading.end())
    body = text[heading.end() : following.start() if following else len(text)]
    if not body.strip():
        raise ReleaseError("the Unreleased section of CHANGELOG.md is empty: nothing to release")
    released = f"## Unreleased\n\n## {version} - {date}\n"
    return text[: heading.start()] + released + text[heading.end() :]


def set_version(text: str, version: str) -> str:
    """Return version.py's text with ``__version__`` set to ``version``."""
    new, count = _VERSION_LINE.subn(f'__version__ = "{version}"', text)
    if count != 1:
        raise ReleaseError(f"expected one __version__ line in version.py, found {count}")
    return new


def prepare(root: Path, version: str, date: str) -> None:
    """Write ``version`` into version.py and release the changelog's Unreleased section.

    Raises:
        ReleaseError: the version is malformed or already released, or there is nothing to
            release; neither file is written then.
    """
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"expected a version like 1.2.0 or 1.2.0rc1, got {version!r}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise ReleaseError(f"expected a date like 2026-12-01, got {date!r}")
    changelog = root / "CHANGELOG.md"
    version_py = root / "src" / "casefile" / "version.py"
    new_changelog = release_changelog(changelog.read_text(encoding="utf-8"), version, date)
    new_version_py = set_version(version_py.read_text(encoding="utf-8"), version)
    changelog.write_text(new_changelog, encoding="utf-8")
    version_py.write_text(new_version_py, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the release's version, such as 0.2.0")
    parser.add_argument(
        "--date", default=datetime.date.today().isoformat(), help="YYYY-MM-DD (default: today)"
    )
    args = parser.parse_args(argv)
    try:
        prepare(ROOT, args.version, args.date)
    except ReleaseError as error:
        print(f"prepare_release: {error}", file=sys.stderr)
        return 1
    print(f"version.py and CHANGELOG.md now say {args.version} ({args.date}); review and commit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
