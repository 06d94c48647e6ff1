"""Validation in two layers, each returning every problem it finds rather than the first.

1. **Shape** (``casefile.shape``): the JSON Schema, the same check any tool in any language
   can run. Then the data is turned into objects (``casefile.converter.structure``), which
   also checks what a schema cannot say portably: that a date is on the calendar and a period
   does not run backwards.
2. **Integrity** (``integrity_problems``): ids are unique (and do not differ only by case or
   Unicode form); every reference resolves, to a record of a kind the field allows; part-of,
   membership and republication chains have no cycles (``casefile.references``); recorded
   characteristics are of people only, and a civilian's are marked sensitive
   (``casefile.sensitive``); each
   quote's offsets agree with its text, and its document carries its source. Where the
   documents are at hand, each document's digest matches its file and each quote's text
   stands at its offsets (``casefile.documents``).

A ``Casefile`` object made in Python is first checked against its types
(``casefile.instances``); when every field holds what its type says, its data is checked
against the schema but it is not made again from that data. Running out of memory (under an
address-space limit) is the problem ``out-of-memory``, never an exception.

Every problem names its place as a JSON Pointer, a stable code and a plain message.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from . import model
from ._memory import short_of_memory
from ._migrating import migrate_data
from ._structuring import Gathered
from .anchoring import Traversable
from .converter import converter, structure_gathering
from .documents import DocumentFolder, quote_problems
from .errors import InvalidCasefile, Problem
from .instances import instance_problems
from .parsing import parse_json, value_problems
from .references import cycle_problems, id_problems, sound
from .sensitive import sensitivity_problems
from .shape import shape_problems, version_problems

__all__ = ["Documents", "check", "integrity_problems", "shape_problems", "validate"]

#: Where a casefile's documents are: a folder (a path, or a location inside a package), or a
#: ``DocumentFolder`` that has already read some of them.
Documents = Path | Traversable | str | os.PathLike[str] | DocumentFolder


def integrity_problems(
    casefile: model.Casefile, *, documents: Documents | None = None
) -> list[Problem]:
    """Check what the schema cannot: ids, references, chains, sensitive values and quotes;
    return every problem.

    Args:
        casefile: the casefile to check.
        documents: the folder the casefile's document paths are relative to. When given, each
            document's digest and each quote's text at its offsets are checked too.
    """
    return _integrity_problems(casefile, documents, None)


def _integrity_problems(
    casefile: model.Casefile, documents: Documents | None, gathered: Gathered | None
) -> list[Problem]:
    """``integrity_problems``, given the ids and references if structuring gathered them."""
    problems: list[Problem] = []
    folder = None
    if documents is not None:
        folder = documents if isinstance(documents, DocumentFolder) else DocumentFolder(documents)
        missing = folder.missing_problem()
        if missing is not None:
            problems.append(missing)
            folder = None
    if not sound(casefile, gathered):
        problems.extend(id_problems(casefile))
    problems.extend(cycle_problems(casefile))
    problems.extend(sensitivity_problems(casefile))
    problems.extend(quote_problems(casefile, folder))
    return problems


def validate(
    data: model.Casefile | Mapping[str, Any] | str | bytes, *, documents: Documents | None = None
) -> list[Problem]:
    """Validate a casefile in both layers and return every problem (empty when valid).

    ``data`` may be a ``Casefile``, parsed JSON, or JSON text or bytes.
    Integrity is checked only when the shape is right, since references cannot be followed
    in data of the wrong shape.
    """
    return _validate(data, documents)[1]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a casefile is read.

    Reading makes hundreds of thousands of objects and no reference cycles; with the collector
    running, each batch of new objects sets off a pass over all the older ones, and the time
    grows faster than the file (a tenth of a 100,000-record load, measured). Reference
    counting still frees everything as usual.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _validate(
    data: model.Casefile | Mapping[str, Any] | str | bytes | Callable[[], bytes],
    documents: Documents | None,
    written: list[Any] | None = None,
) -> tuple[model.Casefile | None, list[Problem]]:
    with _collector_paused():
        try:
            return _validate_layers(data, documents, written)
        except RecursionError:
            # Every walk over casefile data keeps its own stack and nesting is limited before
            # any walk; this is the net under a library bug, never a traceback.
            problem = Problem(
                pointer="",
                code="too-deep",
                message="the data is nested too deeply to check",
            )
        except (MemoryError, SystemError) as error:
            if not short_of_memory(error):
                raise
            problem = Problem(
                pointer="",
                code="out-of-memory",
                message="memory ran out while checking; the casefile (or a document) is too "
                "large for the memory this process may use",
            )
        return None, [problem]


def _validate_layers(
    data: model.Casefile | Mapping[str, Any] | str | bytes | Callable[[], bytes],
    documents: Documents | None,
    written: list[Any] | None = None,
) -> tuple[model.Casefile | None, list[Problem]]:
    """The layers in order. For a ``Casefile`` object, its JSON data (made once, for the
    schema) and whether it holds a float are appended to ``written`` when given, so that
    saving need not make or walk it again."""
    typed: model.Casefile | None = None
    gathered: Gathered | None = None
    if isinstance(data, str | bytes) or callable(data):
        data, problems = parse_json(data)
    elif isinstance(data, model.Casefile):
        floats: list[bool] = []
        gathered = Gathered()
        problems = instance_problems(data, floats, gathered)
        if problems:
            return None, problems
        # instance_problems has checked every value as value_problems would, and JSON data
        # converted from objects shares no list or dict: nothing is left to find in it.
        typed = data
        unstructured: dict[str, Any] = converter.unstructure(data)
        data = unstructured
        if written is not None:
            written.extend((unstructured, bool(floats)))
    else:
        problems = value_problems(data)
    if problems:
        return None, problems
    migrated, problems = migrate_data(data)
    if problems:
        return None, problems
    problems = version_problems(migrated) or shape_problems(migrated)
    if problems:
        return None, problems
    if typed is not None and migrated is data:
        # Every field has its type (instance_problems) and the schema has passed its data:
        # made again from that data, the casefile would be equal to this one.
        casefile: model.Casefile | None = typed
    else:
        casefile, gathered, problems = structure_gathering(migrated)
    # The parsed data is not needed again: let it go (when nothing else holds it) before the
    # integrity pass builds its own indexes, so that the two never stand in memory together.
    del data, migrated
    if casefile is None:
        return None, problems
    return casefile, _integrity_problems(casefile, documents, gathered)


def check(
    data: model.Casefile | Mapping[str, Any] | str | bytes, *, documents: Documents | None = None
) -> model.Casefile:
    """Validate a casefile in both layers; return it as objects or raise with every problem.

    Raises:
        InvalidCasefile: with ``problems`` listing all that is wrong.
    """
    casefile, problems = _validate(data, documents)
    if problems or casefile is None:
        raise InvalidCasefile(problems)
    return casefile


def check_read(read: Callable[[], bytes], *, documents: Documents | None = None) -> model.Casefile:
    """Validate the JSON bytes that ``read`` returns (called once), as ``check`` does.

    The parser holds the only reference to the bytes and lets them go once they are decoded,
    and the parsed data goes once the objects are made: what ``casefile.storage.load`` uses,
    so that a large file, its text, its parsed data and its objects never all stand in memory
    at once.

    Raises:
        InvalidCasefile: with ``problems`` listing all that is wrong.
    """
    casefile, problems = _validate(read, documents)
    if problems or casefile is None:
        raise InvalidCasefile(problems)
    return casefile


def checked_data(
    casefile: model.Casefile, *, documents: Documents | None = None
) -> tuple[dict[str, Any], bool]:
    """Validate a casefile object and return its JSON data, made once for both the schema
    check and the writing (``casefile.storage.dump``), and whether a float stands in it.

    Raises:
        InvalidCasefile: with every problem.
    """
    written: list[Any] = []
    checked, problems = _validate(casefile, documents, written)
    if problems or checked is None or not written:
        raise InvalidCasefile(problems)
    data, floats = written
    return data, floats
