"""Telling when a failure means the process ran out of memory.

Under an address-space limit (``ulimit -v``, ``RLIMIT_AS``) an allocation that fails raises
``MemoryError``, which the library reports as the problem ``out-of-memory``. CPython's own C
code, short of memory, sometimes fails without setting ``MemoryError`` and raises
``SystemError`` ("error return without exception set") instead: seen while parsing JSON under a
tight limit. Such a ``SystemError`` under a limit is taken for running out of memory too; one
without a limit is left to propagate, as the bug it would be.
"""

from __future__ import annotations

__all__ = ["short_of_memory"]


def short_of_memory(error: BaseException) -> bool:
    """Whether ``error`` means memory ran out: a MemoryError, or a SystemError under a limit."""
    if isinstance(error, MemoryError):
        return True
    if not isinstance(error, SystemError):
        return False
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows has no RLIMIT_AS
        return False
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft != resource.RLIM_INFINITY
