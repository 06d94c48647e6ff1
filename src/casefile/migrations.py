"""Schema versions and the explicit migrations that bring older files up to date.

Versioning rules (``MAJOR.MINOR``, see ``casefile.version``): a change that can make a valid
file invalid or change what it means is breaking and raises MAJOR; adding an optional property
or a documented vocabulary term raises MINOR. A file whose version is newer than the library's
is refused (``unsupported-version``). A file whose version is older is brought up to date by the
registered migrations, one step at a time, before it is validated: loading never guesses.
An older version with no migration path is refused (``unsupported-version``) with the path it
lacks.

Schema 1.0 is the first published version, so no migration ships yet. Each future one is a
function from the old data to the new, registered with ``register``, and tested with a
fixture of the old format.
"""

from __future__ import annotations

from ._migrating import KNOWN_VERSION, MIGRATIONS, Migration, migrate_data, register, version_key

__all__ = ["KNOWN_VERSION", "MIGRATIONS", "Migration", "migrate_data", "register", "version_key"]
