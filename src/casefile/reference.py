"""The reference casefile and its documents, shipped inside the package.

The reference casefile records the Independent Office for Police Conduct's September 2025
updated summary of Operation Amazon, part of Operation Linden, as five news reports carried it.
It is built from ``seeds/extraction.yaml`` by ``casefile build`` and ships with copies of the
seed documents, so its quotes can be re-verified against their digests from an installed wheel.
"""

from __future__ import annotations

import functools
import importlib.resources
from importlib.resources.abc import Traversable

from .model import Casefile
from .storage import loads

__all__ = ["reference", "reference_documents", "reference_text"]


def reference_documents() -> Traversable:
    """Return the folder of the reference casefile's documents, inside the package."""
    return importlib.resources.files("casefile").joinpath("data", "reference", "documents")


def reference_text() -> str:
    """Return the reference casefile's JSON text exactly as shipped."""
    return (
        importlib.resources.files("casefile")
        .joinpath("data", "reference", "casefile.json")
        .read_text(encoding="utf-8")
    )


@functools.cache
def reference(*, verify: bool = True) -> Casefile:
    """Return the reference casefile as typed objects.

    Args:
        verify: also check each document's digest and each quote's words at its offsets
            against the shipped documents (a few milliseconds).
    """
    return loads(reference_text(), documents=reference_documents() if verify else None)
