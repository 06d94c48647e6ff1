"""Building a casefile from a curated extraction and its documents.

An *extraction* is a casefile written by a person, in YAML or JSON, without what a person should
never type: document digests and quote offsets. It has the casefile's structure, except that:

- a document needs no ``sha256``: the builder reads the file and fills it in;
- an attribution's ``quote`` gives only the words: either a string, whose document is the one
  document carrying the attribution's source, or ``{document, exact}``, with an optional
  ``prefix`` or ``suffix`` (text just before or after) to pick one of several occurrences.

The builder finds each quote (``casefile.anchoring.find_quote``), fills in its offsets and
up to 32 code points of context on each side, validates the result in both layers, and returns
it. The same extraction and documents always give the same bytes.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .anchoring import TextSearch, context, find_quote
from .documents import DocumentFolder, carried, undecodable
from .errors import BuildError, DocumentError, InvalidCasefile, Problem, QuoteError, pointer
from .model import Casefile
from .parsing import parse_json
from .storage import dumps, write_atomic
from .validation import check

if TYPE_CHECKING:
    import yaml

__all__ = ["build", "build_file", "read_extraction"]


@functools.cache
def _extraction_loader() -> Any:
    """The YAML loader class for extractions; PyYAML is imported on first use only."""
    import yaml

    class ExtractionLoader(yaml.SafeLoader):
        """YAML that keeps dates as written and refuses duplicate keys."""

    # Dates stay strings ("2017-09-19"), as the casefile notation wants them.
    ExtractionLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"a mapping key must be a plain value (got {type(key).__name__})",
                    key_node.start_mark,
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return dict(loader.construct_pairs(node, deep=True))

    ExtractionLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return ExtractionLoader


Positions = dict[str, tuple[int, int]]


def _positions(node: yaml.Node, path: tuple[str | int, ...] = ()) -> Positions:
    """Map the JSON Pointer of every YAML node to its 1-based line and column."""
    import yaml

    found: Positions = {}
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(node, path)]
    while stack:
        current, where = stack.pop()
        found[pointer(*where)] = (current.start_mark.line + 1, current.start_mark.column + 1)
        if isinstance(current, yaml.MappingNode):
            stack.extend((value, (*where, str(key.value))) for key, value in current.value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((value, (*where, i)) for i, value in enumerate(current.value))
    return found


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


def _read(path: Path) -> tuple[dict[str, Any], Positions]:
    raw = path.read_bytes()
    positions: Positions = {}
    if path.suffix == ".json":
        data, problems = parse_json(raw)
        if problems:
            raise BuildError(problems, f"cannot read {path}")
    else:
        import yaml

        loader = _extraction_loader()(raw)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
            positions = _positions(node) if node is not None else {}
        except yaml.YAMLError as error:
            raise BuildError([_yaml_problem(error)], f"cannot read {path}") from None
        except ValueError as error:  # PyYAML's own int() of a value too long to convert
            problem = Problem(pointer="", code="invalid-yaml", message=f"not valid YAML: {error}")
            raise BuildError([problem], f"cannot read {path}") from None
        finally:
            loader.dispose()
    if not isinstance(data, dict):
        raise BuildError(
            [Problem(pointer="", code="wrong-type", message="an extraction must be a mapping")],
            f"cannot read {path}",
        )
    return data, positions


def read_extraction(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an extraction from a ``.json`` file, or from YAML otherwise.

    Raises:
        BuildError: the file does not parse, has duplicate keys, or is not a mapping.
    """
    return _read(Path(path))[0]


def _locate(problems: Sequence[Problem], positions: Positions) -> list[Problem]:
    """Give each problem the line and column of its place (or of the nearest enclosing one)."""
    located = []
    for problem in problems:
        where = problem.pointer
        while where and where not in positions:
            where = where.rsplit("/", 1)[0]
        if problem.line is None and where in positions:
            line, column = positions[where]
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
) -> Problem | None:
    quote = attribution.get("quote")
    where = pointer("attributions", i, "quote")
    if isinstance(quote, str):
        quote = {"exact": quote}
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
    if "document" not in quote:
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
        quote["document"] = docs[0]
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


def build(extraction: Mapping[str, Any], documents: str | os.PathLike[str]) -> Casefile:
    """Build a casefile from an extraction (parsed) and the folder its documents are in.

    Raises:
        BuildError: with every quote that could not be anchored and every validation problem.
    """
    data = copy.deepcopy(dict(extraction))
    root = DocumentFolder(documents)
    texts, problems = _load_documents(data, root)
    carriers = _carriers(data)
    search = TextSearch()
    for i, attribution in _entries(data, "attributions"):
        problem = _anchor(attribution, i, texts, carriers, search)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise BuildError(problems)
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
    try:
        return check(text, documents=root)
    except InvalidCasefile as error:
        raise BuildError(error.problems) from None


def build_file(
    extraction: str | os.PathLike[str],
    documents: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
) -> Casefile:
    """Build from an extraction file and, when ``output`` is given, write the casefile there.

    Problems carry the line and column, in the extraction file, of the place they point to.
    """
    path = Path(extraction)
    data, positions = _read(path)
    try:
        casefile = build(data, documents)
    except BuildError as error:
        raise BuildError(_locate(error.problems, positions), f"cannot build {path}") from None
    if output is not None:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, dumps(casefile))
    return casefile
