"""casefile: typed, attributed records of investigations into institutions.

The public API, re-exported from small modules named for what they hold:

- ``casefile.model``: the frozen attrs classes (``Casefile``, ``Investigation``, ...).
- ``casefile.plan``: the model's shape, read once from its classes, and one walk of a casefile.
- ``casefile.dates``: ``PartialDate`` and ``Period``, dates of varying precision.
- ``casefile.converter``: the one cattrs converter, and structuring with problems placed.
- ``casefile.storage``: ``load``/``loads``/``dump``/``dumps``, lossless and atomic.
- ``casefile.validation``: ``validate`` (problems) and ``check`` (raises), in two layers:
  ``casefile.shape`` (the JSON Schema), then ``casefile.references`` (ids, references,
  chains) and ``casefile.documents`` (documents and the quotes in them); objects made in
  Python are first checked against their types (``casefile.instances``).
- ``casefile.limits``: the work budget, every figure that bounds what an input can cost.
- ``casefile.schema``: the JSON Schema, generated from the model.
- ``casefile.anchoring``: finding quotes in documents.
- ``casefile.building``: building a casefile from an extraction.
- ``casefile.migrations``: bringing files of older schema versions up to date
  (``migrate_file``).
- ``casefile.query``: ``Index``, answers to readers' questions (``casefile.answers``), with
  ``casefile.timeline`` and ``casefile.values`` (comparing stated values).
- ``casefile.reference``: the reference casefile shipped with the package.
- ``casefile.strategies``: Hypothesis strategies that draw valid and broken casefiles, for
  testing tools that read or write them (the ``strategies`` extra; not imported here).
- ``casefile.tables`` and ``casefile.export``: casefiles as tables, written as SQLite (for
  Datasette), CSV with a Frictionless data package, or JSON Lines (for DuckDB and Spark); not
  imported here.
- ``casefile.errors``: every exception, and ``Problem``.
"""

from __future__ import annotations

from .anchoring import AmbiguousQuote, QuoteError, QuoteNotFound, Span, find_quote
from .building import build, build_file, read_extraction
from .converter import converter, make_converter
from .dates import DateError, PartialDate, Period, When
from .errors import (
    BuildError,
    CasefileError,
    ExportError,
    FileError,
    InvalidCasefile,
    MappingError,
    Problem,
    QuantityError,
    UnknownId,
    UnsafeOutput,
    WrongKind,
)
from .migrations import MigrationResult, migrate_file
from .model import (
    Actor,
    ActorKind,
    Allegation,
    Attribution,
    AttributionKind,
    Casefile,
    Claim,
    Complaint,
    Derivation,
    Document,
    Figure,
    Finding,
    Investigation,
    Link,
    Milestone,
    Mode,
    Outcome,
    Qualifier,
    Quantity,
    Quote,
    Role,
    Source,
    Stance,
)
from .query import (
    Conflict,
    Decision,
    Dispute,
    Evidence,
    Index,
    Line,
    Match,
    Reversal,
    Side,
    TimelineEntry,
)
from .reference import reference, reference_documents
from .schema import generate_schema, load_schema
from .storage import dump, dumps, load, loads, to_data
from .validation import check, validate
from .version import SCHEMA_ID, SCHEMA_VERSION, __version__

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Allegation",
    "AmbiguousQuote",
    "Attribution",
    "AttributionKind",
    "BuildError",
    "Casefile",
    "CasefileError",
    "Claim",
    "Complaint",
    "Conflict",
    "DateError",
    "Decision",
    "Derivation",
    "Dispute",
    "Document",
    "Evidence",
    "ExportError",
    "Figure",
    "FileError",
    "Finding",
    "Index",
    "InvalidCasefile",
    "Investigation",
    "Line",
    "Link",
    "MappingError",
    "Match",
    "MigrationResult",
    "Milestone",
    "Mode",
    "Outcome",
    "PartialDate",
    "Period",
    "Problem",
    "Qualifier",
    "Quantity",
    "QuantityError",
    "Quote",
    "QuoteError",
    "QuoteNotFound",
    "Reversal",
    "Role",
    "Side",
    "Source",
    "Span",
    "Stance",
    "TimelineEntry",
    "UnknownId",
    "UnsafeOutput",
    "When",
    "WrongKind",
    "__version__",
    "build",
    "build_file",
    "check",
    "converter",
    "dump",
    "dumps",
    "find_quote",
    "generate_schema",
    "load",
    "load_schema",
    "loads",
    "make_converter",
    "migrate_file",
    "read_extraction",
    "reference",
    "reference_documents",
    "to_data",
    "validate",
]
