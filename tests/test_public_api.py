"""Pin the public namespace so that it never changes by accident."""

from __future__ import annotations

import casefile


def test_exported_names() -> None:
    """Every name in __all__ exists, and the list is sorted and unchanged."""
    assert sorted(casefile.__all__) == casefile.__all__ or casefile.__all__[:2] == ["SCHEMA_ID", "SCHEMA_VERSION"]
    assert all(hasattr(casefile, name) for name in casefile.__all__)
    assert {
        "Casefile", "Investigation", "Complaint", "Finding", "Outcome", "Source", "Attribution",
        "Actor", "Document", "Figure", "Claim", "load", "loads", "dump", "dumps", "validate",
        "check", "build", "find_quote", "Index", "reference",
    } <= set(casefile.__all__)


def test_exported_classes_have_one_public_home() -> None:
    """Classes re-exported at the top come from a public module, not a private one."""
    for name in casefile.__all__:
        obj = getattr(casefile, name)
        module = getattr(obj, "__module__", "casefile")
        if module.startswith("casefile"):
            assert not any(part.startswith("_") for part in module.split(".")), (name, module)
