"""Building a casefile from a curated extraction and its documents.

An *extraction* is a casefile written by a person, in YAML or JSON, without what a person should
never type: document digests and quote offsets. It has the casefile's structure, except that:

- a document needs no ``sha256``: the builder reads the file and fills it in;
- an attribution's ``quote`` gives only the words: either a string, whose document is the one
  document carrying the attribution's source, or ``{document, exact}``, with an optional
  ``prefix`` or ``suffix`` (text just before or after) to pick one of several occurrences;
  or, for a table or a JSON record, ``{document, cell: {row, column or header}}`` or
  ``{document, pointer}``, and the builder fills in the cell's or value's text;
- a claim, milestone, role or other record nested in an entity needs no ``id``: the builder
  makes one from its holder's id, its field and its content (``_claim_ids``), the same
  whatever order the other records are in.

The builder finds each quote (``casefile.anchoring.find_quote``), fills in its offsets and
up to 32 code points of context on each side, validates the result in both layers, and returns
it; where it cannot, it reports every problem of all three kinds (quotes, shape, integrity)
from one run. The same extraction and documents always give the same bytes.

The extraction has a JSON Schema of its own, so that editors complete and check it:
``generate_extraction_schema`` derives it from the casefile schema by exactly the differences
above. It is committed as ``schema/extraction.schema.json`` and shipped as
``casefile/data/extraction.schema.json``; ``python -m casefile.schema`` regenerates it with the
casefile schema. The builder does not check an extraction against it: building validates the
result, which reports the same problems at their places in the casefile.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._files import check_output, read_regular
from ._memory import short_of_memory
from .anchoring import TextSearch, context, find_quote
from .anchors import _cell_quote, _value_quote
from .converter import converter
from .documents import DocumentFolder, carried, undecodable
from .errors import (
    BuildError,
    DocumentError,
    FileError,
    Problem,
    QuoteError,
    pointer,
)
from .limits import DEFAULT_MAX_BYTES, EXPANSION, EXPANSION_ALLOWANCE, MAX_DEPTH
from .locating import LocateError, Spans, csv_cells, delimiter_of, json_values
from .model import Casefile
from .parsing import parse_json, value_problems
from .plan import ClassPlan
from .plan import collections as plan_collections
from .plan import plan as plan_of
from .schema import definition_name, generate_schema
from .storage import dumps, write_atomic
from .validation import _validate as layers
from .version import SCHEMA_ID

if TYPE_CHECKING:
    import yaml

__all__ = [
    "EXTRACTION_SCHEMA_ID",
    "build",
    "build_file",
    "extraction_schema",
    "generate_extraction_schema",
    "read_extraction",
]


@functools.cache
def _extraction_loader(fast: bool = True) -> Any:
    """The YAML loader class for extractions; PyYAML is imported on first use only.

    Built on libyaml's parser (``CSafeLoader``) when PyYAML has it and ``fast`` is left on,
    which reads a large file several times faster than the pure-Python one; on ``SafeLoader``
    otherwise. Problem codes, lines and columns are the same either way (a test holds them
    together); the wording of a syntax error may differ.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", None) if fast and yaml.__with_libyaml__ else None

    class ExtractionLoader(base or yaml.SafeLoader):  # type: ignore[misc]
        """YAML that keeps dates as written."""

    # Dates stay strings ("2017-09-19"), as the casefile notation wants them.
    ExtractionLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return ExtractionLoader


def _yaml_problem(error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context", None)
    what = getattr(error, "problem", None) or str(error)
    message = f"{context}: {what}" if context else what
    return Problem(
        pointer="",
        code="invalid-yaml",
        message=f"not valid YAML: {message}",
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def _at(mark: Any, code: str, message: str) -> Problem:
    return Problem(
        pointer="", code=code, message=message, line=mark.line + 1, column=mark.column + 1
    )


class _Open:
    """A mapping or sequence being read: what it holds so far and what it counts for."""

    __slots__ = ("anchor", "count", "key", "mark", "value")

    def __init__(self, value: dict[Any, Any] | list[Any], anchor: str | None, mark: Any) -> None:
        self.value = value
        self.count = 1
        self.anchor = anchor
        self.mark = mark
        self.key: Any = _NO_KEY


_NO_KEY = object()
_IN_PROGRESS = -1


def _load_events(raw: bytes) -> Any:
    """Read YAML into Python data in one pass over its events, without nodes or recursion.

    The checks are made as the events come, before the data grows:

    - Nesting deeper than ``MAX_DEPTH`` is ``too-deep``.
    - Each alias is counted as what it stands for (a value and its characters, as written
      out); the whole may come to at most ``EXPANSION`` times the file's bytes plus
      ``EXPANSION_ALLOWANCE``, else ``too-many-values``. Without aliases the count never
      passes the file's size. An alias gives the same object as its anchor, never a copy.
    - A mapping refuses duplicate keys and keys that are not plain values; a collection that
      holds itself through an alias is refused; collections with tags of their own
      (``!!set``, ``!!omap``) are refused, as extractions hold JSON data.

    Scalars are made by the loader's own resolvers and constructors, so dates stay strings
    and unknown tags are refused. Problems are ``BuildError`` problems at the line and column
    where the limit was passed (raised as a ``BuildError``); YAML errors are raised as they are.
    """
    import yaml

    loader = _extraction_loader()(raw)
    limit = EXPANSION * len(raw) + EXPANSION_ALLOWANCE
    string_tag = "tag:yaml.org,2002:str"
    defaults = (
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
        yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    )
    constructors = loader.yaml_constructors
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Open] = []
    root: list[Any] = []
    total = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    if event.implicit[0]:
                        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    else:
                        tag = string_tag
                if tag == string_tag:
                    value = event.value
                else:
                    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
                    value = (constructors.get(tag) or constructors[None])(loader, node)
                count, mark = 1 + len(event.value), event.start_mark
                if event.anchor is not None:
                    anchors[event.anchor] = (value, count)
            elif kind is yaml.AliasEvent:
                found = anchors.get(event.anchor)
                if found is None:
                    raise yaml.composer.ComposerError(
                        None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                    )
                (value, count), mark = found, event.start_mark
                if count == _IN_PROGRESS:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        "an alias here stands for a collection it is inside: the data would "
                        "be infinitely deep",
                        event.start_mark,
                    )
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise BuildError(
                        [
                            _at(
                                event.start_mark,
                                "too-deep",
                                f"mappings and sequences are nested more than {MAX_DEPTH} "
                                "deep here",
                            )
                        ]
                    )
                mapping = kind is yaml.MappingStartEvent
                if event.tag not in (None, "!", defaults[0 if mapping else 1]):
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"the tag {event.tag} is not accepted: an extraction holds JSON data "
                        "(mappings, sequences, strings, numbers, booleans and null)",
                        event.start_mark,
                    )
                opened = _Open({} if mapping else [], event.anchor, event.start_mark)
                if event.anchor is not None:
                    anchors[event.anchor] = (opened.value, _IN_PROGRESS)
                stack.append(opened)
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                closed = stack.pop()
                value, count, mark = closed.value, closed.count, closed.mark
                if closed.anchor is not None:
                    anchors[closed.anchor] = (value, count)
            elif kind is yaml.DocumentStartEvent and root:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    None,
                    "but found another document",
                    event.start_mark,
                )
            else:
                continue
            if not stack:
                root.append(value)
                total += count
                continue
            parent = stack[-1]
            parent.count += count
            if parent.count > limit:
                raise BuildError(
                    [
                        _at(
                            mark,
                            "too-many-values",
                            f"aliases here make the data, written out, more than {limit:,} "
                            f"values and characters: over {EXPANSION} times the file's "
                            f"{len(raw):,} bytes (plus {EXPANSION_ALLOWANCE:,}); write the "
                            "repeated parts out, or alias less",
                        )
                    ]
                )
            container = parent.value
            if isinstance(container, list):
                container.append(value)
            elif parent.key is _NO_KEY:
                if not isinstance(value, str | int | float | bool) and value is not None:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"a mapping key must be a plain value (got {type(value).__name__})",
                        mark,
                    )
                if value in container:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {value!r}", mark
                    )
                parent.key = value
            else:
                container[parent.key] = value
                parent.key = _NO_KEY
    finally:
        loader.dispose()
    return root[0] if root else None


def _compose(raw: bytes) -> Any:
    """The YAML's node graph: only to place problems, when there are some."""
    loader = _extraction_loader()(raw)
    try:
        return loader, loader.get_single_node()
    except BaseException:
        loader.dispose()
        raise


def _node_position(root: Any, where: str) -> tuple[int, int] | None:
    """The line and column of the node at ``where``, or of the nearest one above it."""
    import yaml

    node = root
    for part in where.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, yaml.MappingNode):
            found = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part]
            if not found:
                break
            node = found[0]
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
        else:
            break
    return node.start_mark.line + 1, node.start_mark.column + 1


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        return read_regular(path, max_bytes)
    except FileError as error:
        problem = Problem(pointer="", code=error.code, message=str(error))
        raise BuildError([problem], f"cannot read {path}") from None


def _read(path: Path, max_bytes: int) -> tuple[dict[str, Any], bytes | None]:
    """Read an extraction; return its data and, for YAML, its bytes (to place problems)."""
    raw = _read_bytes(path, max_bytes)
    if path.suffix == ".json":
        data, problems = parse_json(raw)
        if problems:
            raise BuildError(problems, f"cannot read {path}")
        source = None
    else:
        data = _load_yaml(raw, path)
        source = raw
    if not isinstance(data, dict):
        raise BuildError(
            [Problem(pointer="", code="wrong-type", message="an extraction must be a mapping")],
            f"cannot read {path}",
        )
    return data, source


def _load_yaml(raw: bytes, path: Path) -> Any:
    import yaml

    try:
        return _load_events(raw)
    except BuildError as error:
        raise BuildError(error.problems, f"cannot read {path}") from None
    except yaml.YAMLError as error:
        problem = _yaml_problem(error)
    except ValueError as error:  # PyYAML's own int() of a value too long to convert
        problem = Problem(pointer="", code="invalid-yaml", message=f"not valid YAML: {error}")
    raise BuildError([problem], f"cannot read {path}")


def read_extraction(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, Any]:
    """Read an extraction from a ``.json`` file, or from YAML otherwise.

    Raises:
        BuildError: the file does not parse, has duplicate keys, is not a mapping, nests too
            deeply, uses aliases that expand past the budget (``casefile.limits``), or is
            refused unread (over ``max_bytes``, not a regular file).
    """
    return _read(Path(path), max_bytes)[0]


def _locate(problems: Sequence[Problem], source: bytes | None) -> list[Problem]:
    """Give each problem the line and column of its place (or of the nearest enclosing one).

    The YAML is composed again for this, only when there are problems to place: holding its
    nodes through the whole build would double the memory a large extraction needs.
    """
    if source is None or all(p.line is not None for p in problems):
        return list(problems)
    try:
        loader, root = _compose(source)
    except RecursionError:  # the pure-Python composer, past 300 levels: leave them unplaced
        return list(problems)
    loader.dispose()
    located = []
    for problem in problems:
        if problem.line is None and root is not None:
            line, column = _node_position(root, problem.pointer) or (None, None)
            problem = attrs.evolve(problem, line=line, column=column)
        located.append(problem)
    return located


def _strings(value: Any) -> list[str]:
    """The strings in a list; anything else is the validator's to report."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _entries(data: Mapping[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _carriers(data: Mapping[str, Any]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each source's documents: those carrying it directly, and those carrying it upstream.

    The rule is ``casefile.documents.carried``, the one validation checks, so a quote the
    builder places, validation accepts.
    """
    upstream: dict[str, list[str]] = {}
    for _, source in _entries(data, "sources"):
        if isinstance(source.get("id"), str):
            derived = source.get("derived_from")
            upstream[source["id"]] = [
                d["source"]
                for d in (derived if isinstance(derived, list) else [])
                if isinstance(d, dict) and isinstance(d.get("source"), str)
            ]
    direct: dict[str, list[str]] = {}
    through: dict[str, list[str]] = {}
    for _, document in _entries(data, "documents"):
        if not isinstance(document.get("id"), str):
            continue
        listed = _strings(document.get("sources"))
        for name in listed:
            direct.setdefault(name, []).append(document["id"])
        for name in carried(listed, upstream):
            through.setdefault(name, []).append(document["id"])
    return direct, through


def _load_documents(
    data: dict[str, Any], documents: DocumentFolder
) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for i, document in _entries(data, "documents"):
        if not isinstance(document.get("path"), str) or not isinstance(document.get("id"), str):
            continue  # validation reports the shape
        where = pointer("documents", i, "path")
        try:
            read = documents.read(document["path"])
        except DocumentError as error:
            problems.append(Problem(pointer=where, code=error.code, message=str(error)))
            continue
        document["sha256"] = read.sha256
        if read.text is None:
            problems.append(
                Problem(
                    pointer=where,
                    code="invalid-utf8",
                    message=undecodable(document["path"], read),
                )
            )
        else:
            texts[document["id"]] = read.text
    return texts, problems


_QUOTE_KEYS = ("document", "exact", "prefix", "suffix")


def _anchor(
    attribution: dict[str, Any],
    i: int,
    texts: dict[str, str],
    carriers: tuple[dict[str, list[str]], dict[str, list[str]]],
    search: TextSearch,
    delimiters: Mapping[str, str],
    read: dict[tuple[str, str], list[list[Spans]] | dict[str, Spans]],
) -> Problem | None:
    quote = attribution.get("quote")
    where = pointer("attributions", i, "quote")
    if isinstance(quote, str):
        quote = {"exact": quote}
    if isinstance(quote, dict) and "exact" not in quote and ("cell" in quote or "pointer" in quote):
        return _anchor_located(attribution, i, quote, texts, carriers, delimiters, read)
    if not isinstance(quote, dict) or not isinstance(quote.get("exact"), str):
        return None  # validation reports the shape
    unknown = [key for key in quote if key not in _QUOTE_KEYS]
    if unknown:
        return Problem(
            pointer=pointer("attributions", i, "quote", str(unknown[0])),
            code="unknown-property",
            message=f"an extraction's quote takes only {', '.join(_QUOTE_KEYS)} "
            f"(got {unknown[0]!r}); the builder fills in offsets and context",
        )
    wrong = [key for key in _QUOTE_KEYS if key in quote and not isinstance(quote[key], str)]
    if wrong:
        return Problem(
            pointer=pointer("attributions", i, "quote", wrong[0]),
            code="wrong-type",
            message=f"expected a string (got {type(quote[wrong[0]]).__name__})",
        )
    quote = dict(quote)
    document = _quote_document(attribution, quote, carriers, where)
    if isinstance(document, Problem):
        return document
    quote["document"] = document
    text = texts.get(quote["document"])
    if text is None:
        return None  # an unknown or unreadable document is reported elsewhere
    try:
        span = find_quote(
            text,
            quote["exact"],
            prefix=quote.get("prefix"),
            suffix=quote.get("suffix"),
            search=search,
        )
    except QuoteError as error:
        return Problem(
            pointer=pointer("attributions", i, "quote", "exact"),
            code=error.code,
            message=str(error),
        )
    prefix, suffix = context(text, span)
    anchored: dict[str, Any] = {
        "document": quote["document"],
        "exact": quote["exact"],
        "start": span.start,
        "end": span.end,
    }
    if prefix is not None:
        anchored["prefix"] = prefix
    if suffix is not None:
        anchored["suffix"] = suffix
    attribution["quote"] = anchored
    return None


def _quote_document(
    attribution: dict[str, Any],
    quote: dict[str, Any],
    carriers: tuple[dict[str, list[str]], dict[str, list[str]]],
    where: str,
) -> str | Problem:
    """The document a quote is in: the one named, or the one carrying the source."""
    if "document" in quote:
        return str(quote["document"])
    source = attribution.get("source")
    direct, through = carriers
    docs = (direct.get(source) or through.get(source) or []) if isinstance(source, str) else []
    if len(docs) != 1:
        found = (
            f"{len(docs)} documents carry it ({', '.join(docs)})"
            if docs
            else "no document carries it"
        )
        return Problem(
            pointer=where,
            code="quote-document-unknown",
            message=f"say which document holds this quote: {found}",
        )
    return docs[0]


def _anchor_located(
    attribution: dict[str, Any],
    i: int,
    quote: dict[str, Any],
    texts: dict[str, str],
    carriers: tuple[dict[str, list[str]], dict[str, list[str]]],
    delimiters: Mapping[str, str],
    read: dict[tuple[str, str], list[list[Spans]] | dict[str, Spans]],
) -> Problem | None:
    """Anchor a quote of a CSV cell (``cell: {row, column or header}``) or a JSON value
    (``pointer``): the builder fills in the text, offsets and context. Each document's cells or
    values are read once per build, into ``read``."""
    where = pointer("attributions", i, "quote")
    document = _quote_document(attribution, quote, carriers, where)
    if isinstance(document, Problem):
        return document
    text = texts.get(document)
    if text is None:
        return None  # an unknown or unreadable document is reported elsewhere
    delimiter = delimiters.get(document, ",")
    try:
        if "cell" in quote:
            cell = quote["cell"]
            if not isinstance(cell, dict) or not isinstance(cell.get("row"), int):
                return None  # validation reports the shape
            if (document, "csv") not in read:
                read[document, "csv"] = csv_cells(text, delimiter)
            cells = read[document, "csv"]
            assert isinstance(cells, list)
            made = _cell_quote(
                text, document, cells, cell["row"], cell.get("column"), cell.get("header")
            )
        else:
            if (document, "json") not in read:
                read[document, "json"] = json_values(text)
            values = read[document, "json"]
            assert isinstance(values, dict)
            made = _value_quote(text, document, values, str(quote["pointer"]))
    except (QuoteError, LocateError, ValueError) as error:
        return Problem(
            pointer=pointer("attributions", i, "quote", "cell" if "cell" in quote else "pointer"),
            code=getattr(error, "code", "unreadable-structure"),
            message=str(error),
        )
    attribution["quote"] = converter.unstructure(made)
    return None


def build(
    extraction: Mapping[str, Any],
    documents: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Casefile:
    """Build a casefile from an extraction (parsed) and the folder its documents are in.

    The extraction is not changed. It is checked first as any JSON-ready data is (see
    ``casefile.parsing``): a list or dict used in many places over, as YAML aliases make, is
    counted at each use, within the budget of ``casefile.limits``.

    Args:
        extraction: the extraction, as parsed.
        documents: the folder its documents are in.
        max_bytes: refuse a document larger than this, unread (``too-large``).

    Raises:
        BuildError: with every quote that could not be anchored and every validation problem.
    """
    problems = value_problems(dict(extraction))
    if problems:
        raise BuildError(problems)
    return _build(extraction, DocumentFolder(documents, max_bytes))


def _build(extraction: Mapping[str, Any], root: DocumentFolder) -> Casefile:
    """Build from checked data; a bug's RecursionError or a MemoryError become problems."""
    try:
        return _anchor_and_check(extraction, root)
    except RecursionError:
        problem = Problem(pointer="", code="too-deep", message="the extraction nests too deeply")
    except (MemoryError, SystemError) as error:
        if not short_of_memory(error):
            raise
        problem = Problem(
            pointer="",
            code="out-of-memory",
            message="memory ran out while building; the extraction or its documents are too "
            "large for the memory this process may use",
        )
    raise BuildError([problem])


def _copied(extraction: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the extraction that the builder may fill in (digests, quotes, nested ids).

    Every list and mapping is copied, without recursion (an extraction may nest as deep as
    the limits allow); one used in several places (a YAML alias) is copied once and stays
    shared in the copy.
    """
    made: dict[int, Any] = {}
    root: dict[str, Any] = dict(extraction)
    made[id(extraction)] = root
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, dict | list):
                copied = made.get(id(value))
                if copied is None:
                    copied = dict(value) if isinstance(value, dict) else list(value)
                    made[id(value)] = copied
                    stack.append(copied)
                node[key] = copied
    return root


def _anchor_and_check(extraction: Mapping[str, Any], root: DocumentFolder) -> Casefile:
    """Anchor every quote, then check the whole; raise with every problem found, at once.

    A quote that cannot be anchored does not stop the checks: its attribution gets a stand-in
    quote, and the problems under that stand-in are dropped (its own problem says what is
    wrong). Where the shape is wrong, integrity is still checked, on the records whose shape
    is right (``_integrity_beside``), so quote, shape and integrity problems come in one run.
    """
    data = _copied(extraction)
    _claim_ids(data)
    texts, problems = _load_documents(data, root)
    if problems:  # a document that cannot be read leaves nothing after it worth checking
        raise BuildError(problems)
    carriers = _carriers(data)
    search = TextSearch()
    unanchored: list[str] = []
    delimiters = {
        str(d.get("id")): delimiter_of(str(d.get("media_type", "")), d.get("delimiter"))
        for _, d in _entries(data, "documents")
    }
    read: dict[tuple[str, str], list[list[Spans]] | dict[str, Spans]] = {}
    for i, attribution in _entries(data, "attributions"):
        problem = _anchor(attribution, i, texts, carriers, search, delimiters, read)
        if problem is not None:
            problems.append(problem)
            unanchored.append(pointer("attributions", i, "quote"))
            attribution["quote"] = _stand_in(attribution.get("quote"), texts)
    # A round trip through JSON text makes the checks see exactly what will be written.
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise BuildError(
            [
                Problem(
                    pointer="", code="not-json", message=f"the extraction is not JSON data: {error}"
                )
            ]
        ) from None
    casefile, found = layers(text, root)
    if casefile is not None and not found and not problems:
        return casefile
    if casefile is None:  # the shape is wrong: integrity was not checked
        found = [*found, *_integrity_beside(json.loads(text), found, root)]
    problems.extend(p for p in found if not _under(p.pointer, unanchored))
    raise BuildError(_unique(problems))


def _claim_ids(data: dict[str, Any]) -> None:
    """Give each nested record that needs an id and has none (a claim, milestone, role, ...)
    one made from its holder's id, its field and a digest of its content: deterministic, and
    the same however the other records are ordered. Two records alike in one field are
    numbered in order after the first (``-2``, ``-3``)."""
    stack: list[tuple[Any, ClassPlan, str]] = [(data, plan_of(Casefile), "")]
    while stack:
        node, current, owner = stack.pop()
        if not isinstance(node, dict):
            continue
        if current.kind is not None and isinstance(node.get("id"), str):
            owner = node["id"]
        for field in current.records:
            value = node.get(field.name)
            child = field.record
            if child is None or value is None:
                continue
            items = value if isinstance(value, list) else [value]
            taken: dict[str, int] = {}
            for item in items:
                if child.kind == "claim" and isinstance(item, dict) and "id" not in item and owner:
                    content = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
                    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
                    made = f"{owner}.{field.name}-{digest}"
                    taken[made] = taken.get(made, 0) + 1
                    item["id"] = made if taken[made] == 1 else f"{made}-{taken[made]}"
                stack.append((item, child, owner))


def _stand_in(quote: Any, texts: Mapping[str, str]) -> dict[str, Any]:
    """A quote of the right shape for an attribution whose quote could not be anchored."""
    document = quote.get("document") if isinstance(quote, dict) else None
    if not isinstance(document, str) or document not in texts:
        document = next(iter(texts), "unanchored")
    return {"document": document, "exact": "?", "start": 0, "end": 1}


def _under(where: str, places: Sequence[str]) -> bool:
    return any(where == place or where.startswith(place + "/") for place in places)


def _unique(problems: Sequence[Problem]) -> list[Problem]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for problem in problems:
        key = (problem.pointer, problem.code, problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept


def _integrity_beside(
    data: dict[str, Any], shape: Sequence[Problem], root: DocumentFolder
) -> list[Problem]:
    """The integrity problems of the records whose shape is right, at their own places.

    Each record of a root collection with a shape problem is set aside; the rest are checked,
    their problems' pointers mapped back to the records' places, and a reference to a record
    set aside is not reported as dangling. A shape problem outside every record (the
    casefile's own title, say) leaves nothing to check this way: none are returned.
    """
    collections = plan_collections()
    broken: dict[str, set[int]] = {}
    for problem in shape:
        parts = problem.pointer.split("/")[1:]
        if len(parts) < 2 or parts[0] not in collections or not parts[1].isdigit():
            return []
        broken.setdefault(parts[0], set()).add(int(parts[1]))
    moved: dict[str, list[int]] = {}
    removed: set[str] = set()
    for name, indices in broken.items():
        items = data.get(name)
        if not isinstance(items, list):
            return []
        removed.update(_ids_in([items[i] for i in indices if i < len(items)]))
        moved[name] = [i for i in range(len(items)) if i not in indices]
        data[name] = [items[i] for i in moved[name]]
    casefile, problems = layers(data, root)
    if casefile is None:
        return []  # the rest is not of the right shape after all: say nothing more
    found = []
    for problem in problems:
        if problem.code == "dangling-reference" and _value_at(data, problem.pointer) in removed:
            continue
        parts = problem.pointer.split("/")
        if len(parts) > 2 and parts[1] in moved and parts[2].isdigit():
            parts[2] = str(moved[parts[1]][int(parts[2])])
        found.append(attrs.evolve(problem, pointer="/".join(parts)))
    return found


def _ids_in(value: Any) -> set[str]:
    found: set[str] = set()
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.add(node["id"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _value_at(data: Any, where: str) -> Any:
    node = data
    for part in where.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def build_file(
    extraction: str | os.PathLike[str],
    documents: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Casefile:
    """Build from an extraction file and, when ``output`` is given, write the casefile there.

    Problems carry the line and column, in the extraction file, of the place they point to.
    The output is never one of the files the build read: naming the extraction or a document
    is refused (``UnsafeOutput``, ``output-is-input``) and nothing is written.

    Args:
        extraction: the extraction file, YAML or (``.json``) JSON.
        documents: the folder its documents are in.
        output: where to write the casefile, atomically; nowhere by default.
        max_bytes: refuse an extraction or document larger than this, unread (``too-large``).

    Raises:
        BuildError: the extraction cannot be read or built, with every problem.
        UnsafeOutput: the output is an input, or no file can be written there.
        OSError: the output cannot be written.
    """
    path = Path(extraction)
    data, source = _read(path, max_bytes)
    root = DocumentFolder(documents, max_bytes)
    try:
        casefile = _build(data, root)
    except BuildError as error:
        raise BuildError(_locate(error.problems, source), f"cannot build {path}") from None
    if output is not None:
        target = Path(output)
        inputs = [(path, "the extraction")]
        inputs += [(file, f"the document {str(file)!r}") for file in root.paths.values()]
        check_output(target, inputs)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, dumps(casefile))
    return casefile


# ------------------------------------------------------------------ the extraction's schema

#: The ``$id`` of the extraction schema: a URN like the casefile schema's, one per schema version.
EXTRACTION_SCHEMA_ID = SCHEMA_ID.replace(":schema:", ":extraction:")
# What the builder fills in on a record, by definition name: the document's digest (see
# ``_load_documents``). Nested records' ids come from the plan (``_claim_ids``).
_FILLED_IN = {"Document": ("sha256",)}


def generate_extraction_schema(schema: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Derive the extraction's JSON Schema from the casefile schema (by default, a fresh one).

    The extraction is the casefile with the differences listed in this module's docstring, so
    the schema is the casefile schema with exactly those changes: ``sha256`` not required of a
    document; ``id`` not required of any record the builder names (``_claim_ids``: each record
    the field plan calls a claim); and every ``Quote`` replaced by ``ExtractionQuote``, the
    three ways to write one (a string, the words with optional context, or a cell or JSON
    value). Nothing here lists the collections or the fields of a record, so a change to the
    model reaches this schema when it is regenerated.
    """
    derived: dict[str, Any] = json.loads(json.dumps(schema or generate_schema()))
    defs: dict[str, Any] = derived["$defs"]
    for name, fields in _FILLED_IN.items():
        _not_required(defs[name], fields)
    for name in _named_by_builder():
        _not_required(defs[name], ("id",))
    quote = defs.pop("Quote")
    defs["ExtractionQuote"] = _extraction_quote(quote)
    _replace_refs(defs, "#/$defs/Quote", "#/$defs/ExtractionQuote")
    return {
        "$schema": derived["$schema"],
        "$id": EXTRACTION_SCHEMA_ID,
        "title": "Extraction",
        "description": "A casefile as a person writes it, for `casefile build`: no document "
        "digests, quotes given by their words, no ids needed on nested records (see "
        "casefile.building). Derived from the casefile schema "
        f"({derived['$id']}); do not edit by hand.",
        "$ref": derived["$ref"],
        "$defs": dict(sorted(defs.items())),
    }


def extraction_schema() -> dict[str, Any]:
    """Return the extraction schema shipped inside the package (the committed one)."""
    text = resources.files("casefile").joinpath("data/extraction.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _named_by_builder() -> list[str]:
    """The definitions of the records ``_claim_ids`` gives an id to: those of kind claim."""
    names: set[str] = set()
    seen: set[int] = set()
    stack = [plan_of(Casefile)]
    while stack:
        current = stack.pop()
        for field in current.records:
            child = field.record
            if child is None or id(child) in seen:
                continue
            seen.add(id(child))
            stack.append(child)
            if child.kind == "claim":
                names.add(definition_name(child.type))
    return sorted(names)


def _not_required(definition: dict[str, Any], fields: Sequence[str]) -> None:
    required = [name for name in definition["required"] if name not in fields]
    if required:
        definition["required"] = required
    else:
        del definition["required"]


def _extraction_quote(quote: Mapping[str, Any]) -> dict[str, Any]:
    """The three ways to write a quote in an extraction, each made of the ``Quote`` fields."""
    properties = quote["properties"]

    def shape(required: str, *optional: str) -> dict[str, Any]:
        keys = [key for key in properties if key == required or key in optional]
        return {
            "type": "object",
            "properties": {key: properties[key] for key in keys},
            "required": [required],
            "additionalProperties": False,
        }

    words = [key for key in _QUOTE_KEYS if key != "exact"]
    return {
        "title": "ExtractionQuote",
        "description": "The words of an attribution, which the builder finds in the document: "
        "a string (the words, in the one document that carries the attribution's source); "
        "the words with an optional `document`, and a `prefix` or `suffix` to pick one of "
        "several occurrences; or, for a table or JSON document, a `cell` or a `pointer`, "
        "whose text the builder fills in.",
        "anyOf": [
            {"type": "string", "description": properties["exact"]["description"]},
            shape("exact", *words),
            shape("cell", "document"),
            shape("pointer", "document"),
        ],
    }


def _replace_refs(node: Any, old: str, new: str) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if current.get("$ref") == old:
                current["$ref"] = new
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
