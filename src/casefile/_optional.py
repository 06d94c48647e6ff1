"""The optional accelerators of the ``fast`` extra, imported once when first asked for.

Each is used only where it gives exactly what the standard library would (see
``casefile.parsing`` and ``casefile.storage``); without it, the same result comes slower.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def orjson() -> Any:
    """The ``orjson`` module, or None when it is not installed."""
    try:
        import orjson as module  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return module
