"""The versions of the library and of the casefile schema it reads and writes.

The schema version is ``MAJOR.MINOR``. A change that can make a valid file invalid, or change
what a valid file means, is breaking and raises MAJOR; adding an optional property or a
documented vocabulary term raises MINOR. The library writes ``SCHEMA_VERSION``, reads
every version it has a migration for, and refuses newer ones with a clear problem.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["DISTRIBUTION", "SCHEMA_ID", "SCHEMA_VERSION", "__version__"]  # noqa: F822 - made by __getattr__

DISTRIBUTION: Final = "accountability-casefile"
"""The name the library is distributed under: its name on the package index, once published.

The import name and the command are ``casefile``; the distribution named ``casefile`` on the
package index is an unrelated tool that installs a ``casefile`` package and command of its
own, so the version is read from this name, never from ``casefile``.
"""

SCHEMA_VERSION: Final = "2.0"
"""The casefile schema version this library writes."""

SCHEMA_ID: Final = f"urn:casefile:schema:{SCHEMA_VERSION}"
"""The stable identifier of this version of the schema.

A URN names it without tying it to a web host; the schema document itself ships with the
package and in ``schema/``.
"""


def __getattr__(name: str) -> Any:
    # ``__version__`` is read from the installed package's metadata on first use only:
    # importing importlib.metadata costs more than the rest of this module.
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version(DISTRIBUTION)
        except metadata.PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
