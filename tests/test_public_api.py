"""Pin the public namespace so that it never changes by accident."""

from __future__ import annotations

import casefile

EXPORTED = [
    "Actor", "ActorKind", "Allegation", "AmbiguousQuote", "Attribution", "AttributionKind",
    "BuildError", "Casefile", "CasefileError", "Claim", "Complaint", "Conflict", "DateError",
    "Decision", "Derivation", "Dispute", "Document", "Evidence", "ExportError", "Figure",
    "FileError", "Finding", "Index", "InvalidCasefile", "Investigation", "Line", "Link",
    "MappingError", "Match", "MigrationResult",
    "Milestone", "Mode", "Outcome", "PartialDate", "Period", "Problem", "Qualifier", "Quantity",
    "QuantityError", "Quote", "QuoteError", "QuoteNotFound", "Reversal", "Role", "SCHEMA_ID",
    "SCHEMA_VERSION", "Side", "Source", "Span", "Stance", "TimelineEntry", "UnknownId",
    "UnsafeOutput", "When", "WrongKind", "__version__", "build", "build_file", "check",
    "converter", "dump", "dumps", "find_quote", "generate_schema", "load", "load_schema", "loads",
    "make_converter", "migrate_file", "read_extraction", "reference", "reference_documents",
    "to_data", "validate",
]  # fmt: skip


def test_exported_names_are_pinned() -> None:
    """__all__ is exactly the pinned list: adding or removing a name is a deliberate change."""
    assert EXPORTED == sorted(casefile.__all__)


def test_every_exported_name_exists() -> None:
    """Each name in __all__ is importable from the package."""
    assert [] == [name for name in casefile.__all__ if not hasattr(casefile, name)]


def test_exported_objects_have_one_public_home() -> None:
    """Objects re-exported at the top come from a public module, never a private one."""
    private = []
    for name in casefile.__all__:
        module = getattr(getattr(casefile, name), "__module__", "casefile") or "casefile"
        if module.startswith("casefile") and any(
            part.startswith("_") for part in module.split(".")
        ):
            private.append((name, module))
    assert [] == private


def test_every_exception_derives_from_casefile_error() -> None:
    """One base exception, so callers can catch everything casefile raises on purpose."""
    exceptions = [
        getattr(casefile, n)
        for n in casefile.__all__
        if isinstance(getattr(casefile, n), type) and issubclass(getattr(casefile, n), Exception)
    ]
    assert exceptions and all(issubclass(e, casefile.CasefileError) for e in exceptions)
