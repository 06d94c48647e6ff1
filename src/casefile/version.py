"""The versions of the library and of the casefile schema it reads and writes.

The schema version is ``MAJOR.MINOR``. A change that can make a valid file invalid, or change
what a valid file means, is breaking and raises MAJOR; adding an optional property or a
documented vocabulary term raises MINOR. The library writes :data:`SCHEMA_VERSION`, reads
every version it has a migration for, and refuses newer ones with a clear problem.
"""

from __future__ import annotations

from importlib import metadata
from typing import Final

__all__ = ["SCHEMA_ID", "SCHEMA_VERSION", "__version__"]

#: The casefile schema version this library writes.
SCHEMA_VERSION: Final = "1.0"
#: The stable identifier of this version of the schema. A URN names it without tying it to a
#: web host; the schema document itself ships with the package and in ``schema/``.
SCHEMA_ID: Final = f"urn:casefile:schema:{SCHEMA_VERSION}"

try:
    __version__: str = metadata.version("casefile")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
