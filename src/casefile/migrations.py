"""Schema versions and the explicit migrations that bring older files up to date.

Versioning rules (``MAJOR.MINOR``, see ``casefile.version``): a change that can make a valid
file invalid or change what it means is breaking and raises MAJOR; adding an optional property
or a documented vocabulary term raises MINOR. A file whose version is newer than the library's
is refused (``unsupported-version``). A file whose version is older is brought up to date by the
registered migrations, one step at a time, before it is validated: loading never guesses.
An older version with no migration path is refused (``unsupported-version``) with the path it
lacks. ``migrate_file`` does the same to a file on disk and writes the result back.

Each migration is a function from the old data to the new, registered with ``register`` and
tested with a fixture of the old format. Shipped: 1.0 -> 1.1 (additive: the version changes,
nothing else).
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ._files import check_output
from ._migrating import KNOWN_VERSION, MIGRATIONS, Migration, migrate_data, register, version_key
from .documents import DocumentFolder
from .errors import InvalidCasefile
from .parsing import parse_json
from .storage import DEFAULT_MAX_BYTES, dumps, read_limited, write_atomic
from .validation import Documents, check

__all__ = [
    "KNOWN_VERSION",
    "MIGRATIONS",
    "Migration",
    "MigrationResult",
    "migrate_data",
    "migrate_file",
    "register",
    "version_key",
]


@attrs.frozen
class MigrationResult:
    """What ``migrate_file`` did to a file.

    Attributes:
        source: the file read.
        output: the file written to: ``source`` itself unless another was given.
        from_version: the schema version the file had.
        to_version: the schema version it has now, the one this library writes.
        written: whether ``output`` was written. False only when the file was already at the
            current version and was to be rewritten in place: it is then left untouched, to the
            byte and the timestamp.
    """

    source: Path
    output: Path
    from_version: str
    to_version: str
    written: bool


def migrate_file(
    path: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    documents: Documents | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> MigrationResult:
    """Upgrade a casefile file to the current schema version, validated, written atomically.

    The file is read (refused unread if over ``max_bytes``), brought up to date by the
    registered migrations and validated in both layers. Only a valid result is written,
    atomically (see ``casefile.dump``), to ``output`` or over ``path``. A file already at the
    current version is left as it is, unless ``output`` names another file, which then gets a
    copy as the library writes it. An ``output`` that is the same file as ``path`` by another
    name (a link), or one of the documents, is refused: only leaving ``output`` out (or spelling
    it as ``path``) migrates in place.

    Args:
        path: the casefile to upgrade.
        output: where to write the upgraded casefile; by default over ``path``.
        documents: the documents folder, to check digests and quotes as well.
        max_bytes: refuse larger files before reading them.

    Returns:
        The versions before and after, and whether a file was written.

    Raises:
        InvalidCasefile: the file, or what the migrations made of it, has problems (an older
            version no migration leads from is ``unsupported-version``); nothing was written.
        UnsafeOutput: the output is an input, or no file can be written there; nothing was
            written.
        OSError: the file cannot be read, or the output cannot be written.
    """
    source = Path(path)
    data, problems = parse_json(read_limited(source, max_bytes))
    if problems:
        raise InvalidCasefile(problems)
    folder = None
    if documents is not None:
        folder = documents if isinstance(documents, DocumentFolder) else DocumentFolder(documents)
    casefile = check(data, documents=folder)
    # check() passed, so the data is an object whose schema_version is a string: the one this
    # library writes, or an older one the migrations led from.
    from_version: str = data["schema_version"]
    target = source if output is None else Path(output)
    in_place = _same_spelling(target, source)
    if not in_place:
        inputs = [
            (source, "the casefile being migrated (leave out the output to migrate in place)")
        ]
        if folder is not None:
            inputs += [(file, f"the document {str(file)!r}") for file in folder.paths.values()]
        check_output(target, inputs)
    written = from_version != casefile.schema_version or not in_place
    if written:
        write_atomic(target, dumps(casefile))
    return MigrationResult(source, target, from_version, casefile.schema_version, written)


def _same_spelling(output: Path, source: Path) -> bool:
    """Whether two paths name one file without following links: an in-place migration."""
    return os.path.normpath(output.absolute()) == os.path.normpath(source.absolute())
