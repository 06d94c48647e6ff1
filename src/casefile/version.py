"""The versions of the library and of the casefile schema it reads and writes.

The library version is written here and nowhere else: the build reads it from this file
(``[tool.hatch.version]`` in pyproject.toml), so the package's metadata, ``casefile.__version__``
and ``casefile --version`` always agree, in a checkout, an editable install and a wheel alike.
``scripts/prepare_release.py`` changes it when a release is made (docs/versioning.md).

The schema version is ``MAJOR.MINOR``. A change that can make a valid file invalid, or change
what a valid file means, is breaking and raises MAJOR; adding an optional property or a
documented vocabulary term raises MINOR. The library writes ``SCHEMA_VERSION``, reads
every version it has a migration for, and refuses newer ones with a clear problem.
"""

from __future__ import annotations

from typing import Final

__all__ = ["DISTRIBUTION", "SCHEMA_ID", "SCHEMA_VERSION", "__version__"]

# Written as a plain assignment: the build's version source reads the line that starts
# ``__version__ = ``.
__version__ = "0.1.0"
"""The library's version, a PEP 440 version string changed once per release."""

DISTRIBUTION: Final = "accountability-casefile"
"""The name the library is distributed under: its name on the package index, once published.

The import name and the command are ``casefile``; the distribution named ``casefile`` on the
package index is an unrelated tool that installs a ``casefile`` package and command of its
own, so an installation's metadata (what ``pip show`` and ``importlib.metadata`` report) is
found under this name, never under ``casefile``.
"""

SCHEMA_VERSION: Final = "2.0"
"""The casefile schema version this library writes."""

SCHEMA_ID: Final = f"urn:casefile:schema:{SCHEMA_VERSION}"
"""The stable identifier of this version of the schema.

A URN names it without tying it to a web host; the schema document itself ships with the
package and in ``schema/``, and the documentation site serves it at
``schema/MAJOR.MINOR/casefile.schema.json`` (docs/versioning.md).
"""
