"""Validation in two layers, each returning every problem it finds rather than the first.

1. **Shape**: the JSON Schema (``shape_problems``), the same check any tool in any language
   can run. Then the data is turned into objects, which also checks what a schema cannot say
   portably: that a date is on the calendar and a period does not run backwards.
2. **Integrity** (``integrity_problems``): ids are unique (and do not differ only by case or
   Unicode form); every reference resolves, to an entity of a kind the field allows; part-of,
   membership and republication chains have no cycles; each quote's offsets agree with its
   text, and its document carries its source. Where the documents are at hand, each document's
   digest matches its file and each quote's text stands at its offsets.

Every problem names its place as a JSON Pointer, a stable code and a plain message.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
import re
import typing
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError

from . import model
from ._migrating import KNOWN_VERSION, migrate_data, version_key
from .anchoring import (
    DocumentError,
    Traversable,
    closest_text,
    normalise,
    read_document,
    sha256_hex,
)
from .converter import converter, trusted_converter
from .errors import InvalidCasefile, Problem, pointer, suggest
from .parsing import parse_json, value_problems
from .schema import load_schema
from .version import SCHEMA_VERSION

if TYPE_CHECKING:
    from jsonschema import ValidationError

__all__ = ["check", "integrity_problems", "shape_problems", "validate"]

Documents = Path | Traversable | str


# ---------------------------------------------------------------- shape


@functools.cache
def _ecma_pattern(pattern: str) -> re.Pattern[str]:
    # In ECMA-262, as in every other validator, `$` matches only at the very end; in Python it
    # also matches before a final newline, which would let "force\n" pass as an id.
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


def _pattern_keyword(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not _ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _validator() -> Any:
    """python-jsonschema's 2020-12 validator, with ECMA-262 end anchors in `pattern`.

    Imported on first use: with jsonschema-rs installed, valid files never need it, and the
    command line starts faster without it.
    """
    from jsonschema import Draft202012Validator, validators

    portable = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": _pattern_keyword}
    )
    return portable(load_schema())


@functools.cache
def _fast_validator() -> Any:
    """jsonschema-rs, when installed (``casefile[fast]``); None otherwise.

    It only answers "valid or not", a few hundred times faster than python-jsonschema. Valid
    data, the common case, needs no more; invalid data goes to python-jsonschema for the
    detailed problem list, so the problems are the same whether or not it is installed.
    """
    try:
        import jsonschema_rs  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return jsonschema_rs.validator_for(load_schema())


_TYPE_NAMES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}


def _found(value: Any) -> str:
    text = repr(value) if not isinstance(value, dict | list) else ""
    if len(text) > 60:
        text = text[:57] + "..."
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    return f"{text} ({kind})" if text else kind


def _schema_problem(error: ValidationError) -> list[Problem]:
    path = list(error.absolute_path)
    keyword = error.validator
    where = pointer(*path)
    # jsonschema types these as possibly unset; on an error from iter_errors they are set.
    value: Any = error.instance
    expected: Any = error.validator_value
    schema: Any = error.schema
    if keyword == "required":
        missing = [name for name in expected if name not in value]
        return [
            Problem(
                pointer=where,
                code="missing-property",
                message=f"missing required property {name!r}",
            )
            for name in missing
        ]
    if keyword == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = [key for key in value if key not in allowed]
        problems = []
        for key in extra:
            near = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            problems.append(
                Problem(
                    pointer=pointer(*path, key),
                    code="unknown-property",
                    message=f"unknown property {key!r}{hint}",
                )
            )
        return problems
    if keyword == "type":
        expected = expected
        return [
            Problem(
                pointer=where,
                code="wrong-type",
                message=f"expected {expected} (got {_found(value)})",
            )
        ]
    if keyword == "pattern":
        return [
            Problem(
                pointer=where,
                code="bad-format",
                message=f"{_found(value)} does not match the pattern {expected}",
            )
        ]
    if keyword in ("enum", "const"):
        allowed_values = expected if keyword == "enum" else [expected]
        code = "unsupported-version" if path == ["schema_version"] else "not-allowed"
        return [
            Problem(
                pointer=where,
                code=code,
                message=f"expected one of {', '.join(map(repr, allowed_values))} "
                f"(got {_found(value)})",
            )
        ]
    if keyword == "minItems":
        return [
            Problem(
                pointer=where,
                code="too-few-items",
                message=f"expected at least {expected} item(s) (got {len(value)})",
            )
        ]
    if keyword == "minLength":
        return [Problem(pointer=where, code="empty-string", message="expected a non-empty string")]
    if keyword == "minimum":
        return [
            Problem(
                pointer=where,
                code="out-of-range",
                message=f"expected a number of at least {expected} (got {value!r})",
            )
        ]
    if keyword == "anyOf" and error.context:
        # The alternatives are a quantity's required numbers, or a When's date and period.
        if all(e.validator == "required" for e in error.context):
            names = [next(iter(e.validator_value)) for e in error.context]  # type: ignore[arg-type]
            return [
                Problem(
                    pointer=where,
                    code="missing-property",
                    message=f"expected at least one of {', '.join(map(repr, names))}",
                )
            ]
        return [
            Problem(
                pointer=where,
                code="bad-format",
                message=f"{_found(value)} is neither a date (YYYY[-MM[-DD]]) nor a period "
                "(START/END)",
            )
        ]
    return [Problem(pointer=where, code=f"schema-{keyword}", message=error.message)]


def shape_problems(data: Any) -> list[Problem]:
    """Check ``data`` (parsed JSON) against the casefile JSON Schema; return every problem."""
    fast = _fast_validator()
    if fast is not None and fast.is_valid(data):
        return []
    problems: list[Problem] = []
    for error in _validator().iter_errors(data):
        problems.extend(_schema_problem(error))
    return sorted(problems, key=lambda p: (p.pointer, p.code))


def _version_problems(data: Any) -> list[Problem]:
    if not isinstance(data, dict) or not isinstance(data.get("schema_version"), str):
        return []
    version = data["schema_version"]
    parsed = version_key(version)
    if parsed is None:
        return []  # the schema reports the format
    if parsed > KNOWN_VERSION:
        return [
            Problem(
                pointer="/schema_version",
                code="unsupported-version",
                message=f"schema version {version} is newer than this library reads "
                f"({SCHEMA_VERSION}); upgrade casefile to read it",
            )
        ]
    return []


def _structure_problems(error: BaseException, path: tuple[str | int, ...] = ()) -> list[Problem]:
    if isinstance(error, ClassValidationError):
        problems: list[Problem] = []
        by_attribute, others = error.group_exceptions()
        for sub, attribute in by_attribute:
            problems.extend(_structure_problems(sub, (*path, attribute.name)))
        for sub in others:
            problems.extend(_structure_problems(sub, path))
        return problems
    if isinstance(error, IterableValidationError):
        problems = []
        by_index, others = error.group_exceptions()
        for sub, item in by_index:
            problems.extend(_structure_problems(sub, (*path, item.index)))
        for sub in others:
            problems.extend(_structure_problems(sub, path))
        return problems
    code = getattr(error, "code", "invalid-value")
    return [Problem(pointer=pointer(*path), code=code, message=str(error))]


def structure(data: Any) -> tuple[model.Casefile | None, list[Problem]]:
    """Turn shape-valid data into a ``Casefile``, or return the problems.

    The fast converter that trusts the schema's types goes first; only if it fails does the
    detailed one run again, to place each problem.
    """
    try:
        return trusted_converter.structure(data, model.Casefile), []
    except Exception:
        pass
    try:
        return converter.structure(data, model.Casefile), []
    except (cattrs.BaseValidationError, ValueError, TypeError) as error:
        return None, _structure_problems(error)


# ---------------------------------------------------------------- integrity


# How each model class is walked: its fields that hold references or nested records.
_REF, _REFS, _ONE, _MANY = range(4)

# A place in a casefile, built as the walk goes down: (parent place, key), with None above the
# root. Cheaper to make than a flat tuple per node; flattened only for a problem's pointer.
_Place = tuple[Any, str | int] | None


def _pointer_of(place: _Place) -> str:
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key)
    return pointer(*reversed(keys))


@functools.cache
def _plan(
    cls: type,
) -> tuple[
    tuple[tuple[str, int, tuple[str, ...]], ...], tuple[tuple[str, int, tuple[str, ...]], ...]
]:
    """The fields of a model class to walk: (references, nested records), in field order.

    Each entry is (field name, shape, kinds a reference may point to). A tuple of claims whose
    field declares ``ref`` appears in both: its claims' values are references.
    """
    hints = model.field_types(cls)
    references, nested = [], []
    for field in attrs.fields(cls):
        allowed: tuple[str, ...] = field.metadata.get("ref", ())
        tp = hints[field.name]
        origin = typing.get_origin(tp)
        item = typing.get_args(tp)[0] if origin is tuple else tp
        holds_records = attrs.has(typing.get_origin(item) or item) and isinstance(
            typing.get_origin(item) or item, type
        )
        if holds_records:
            nested.append((field.name, _MANY if origin is tuple else _ONE, allowed))
            if allowed:
                references.append((field.name, _MANY, allowed))
        elif allowed:
            references.append((field.name, _REFS if origin is tuple else _REF, allowed))
    return tuple(references), tuple(nested)


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _fold(identifier: str) -> str:
    if identifier.isascii():
        return identifier.lower()
    return unicodedata.normalize("NFKC", identifier).casefold()


class _Index:
    """Every id in a casefile with its kind and place, and every reference, from one walk.

    The walk goes through each record's references first, then into its nested records, in
    field order: problems come out in document order.
    """

    def __init__(self, casefile: model.Casefile) -> None:
        self.kinds: dict[str, str] = {}
        self._by_kinds: dict[tuple[str, ...], list[str]] = {}
        self.places: dict[str, _Place] = {}
        self.problems: list[Problem] = []
        # (target, kinds allowed, place) for every reference, checked once every id is known.
        self.references: list[tuple[str, tuple[str, ...], _Place]] = []
        self._folded: dict[str, str] = {}
        for name, kind in model.COLLECTIONS.items():
            collection: _Place = (None, name)
            for i, entity in enumerate(getattr(casefile, name)):
                self._visit(entity, (collection, i), kind)

    def _visit(self, node: Any, place: _Place, kind: str) -> None:
        identifier = getattr(node, "id", None)
        if identifier is not None:
            self._add(identifier, kind, place)
        references, nested = _plan(node.__class__)
        found = self.references
        for name, shape, allowed in references:
            value = getattr(node, name)
            if shape == _REF:
                if value is not None:
                    found.append((value, allowed, (place, name)))
            elif shape == _REFS:
                if value:
                    here = (place, name)
                    found.extend((target, allowed, (here, j)) for j, target in enumerate(value))
            elif value:  # claims whose values are references
                here = (place, name)
                for j, claim in enumerate(value):
                    if isinstance(claim.value, str):
                        found.append((claim.value, allowed, ((here, j), "value")))
        for name, shape, _ in nested:
            value = getattr(node, name)
            if shape == _ONE:
                if value is not None:
                    self._visit(value, (place, name), "claim")
            elif value:
                here = (place, name)
                for j, item in enumerate(value):
                    self._visit(item, (here, j), "claim")

    def _add(self, identifier: str, kind: str, place: _Place) -> None:
        if identifier in self.kinds:
            first = _pointer_of(self.places[identifier])
            self.problems.append(
                Problem(
                    pointer=_pointer_of((place, "id")),
                    code="duplicate-id",
                    message=f"id {identifier!r} is already used at {first}",
                )
            )
            return
        key = _fold(identifier)
        folded = self._folded
        if key in folded:
            self.problems.append(
                Problem(
                    pointer=_pointer_of((place, "id")),
                    code="id-collision",
                    message=f"id {identifier!r} differs from {folded[key]!r} only by case or "
                    "Unicode form; tools that fold them would merge two entities",
                )
            )
        else:
            folded[key] = identifier
        self.kinds[identifier] = kind
        self.places[identifier] = place

    def _ids_of(self, kinds: tuple[str, ...]) -> list[str]:
        if kinds not in self._by_kinds:
            self._by_kinds[kinds] = [i for i, k in self.kinds.items() if k in kinds]
        return self._by_kinds[kinds]

    def reference_problems(self) -> Iterator[Problem]:
        """A problem for each reference to a missing id or to an entity of the wrong kind."""
        kinds = self.kinds
        for target, allowed, place in self.references:
            kind = kinds.get(target)
            if kind is None or kind not in allowed:
                yield self._reference_problem(target, kind, allowed, place)

    def _reference_problem(
        self, target: str, kind: str | None, allowed: tuple[str, ...], place: _Place
    ) -> Problem:
        if kind is None:
            near = suggest(target, self._ids_of(allowed))
            hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
            return Problem(
                pointer=_pointer_of(place),
                code="dangling-reference",
                message=f"no {' or '.join(allowed) if len(allowed) <= 2 else 'entity'} has id "
                f"{target!r}{hint}",
            )
        return Problem(
            pointer=_pointer_of(place),
            code="wrong-kind-reference",
            message=f"{target!r} is {_article(kind)} {kind}; expected a reference to "
            f"{' or '.join(allowed)}",
        )


def _ids_and_references_sound(casefile: model.Casefile) -> bool:
    """Whether ids are unique and every reference resolves to a kind it may point to.

    The quick answer for the common case: one walk gathers the ids by kind and, by the kinds
    they may point to, the ids referred to; a map from id to kind then answers each group in
    one pass. Lists and one dict keep the work in C and the memory access in order, which
    matters at a hundred thousand records. Only when it says no does ``_Index`` walk again to
    place each problem.
    """
    by_kind: dict[str, list[str]] = {kind: [] for kind in (*model.COLLECTIONS.values(), "claim")}
    groups = _reference_groups()
    wanted: list[list[str]] = [[] for _ in groups]
    claims = by_kind["claim"]
    for name, kind in model.COLLECTIONS.items():
        gather, bucket = _gatherer(_collection_class(name)), by_kind[kind]
        for entity in getattr(casefile, name):
            gather(entity, bucket, claims, wanted)
    known: dict[str, str] = {}
    for kind, found in by_kind.items():
        known.update(dict.fromkeys(found, kind))
    if len(known) != sum(map(len, by_kind.values())):
        return False  # a duplicate id
    # Ids can only collide by case if one has a capital letter, and by Unicode form if one is
    # not ASCII: one look at all of them together usually rules both out.
    joined = "\n".join(known)
    if (joined != joined.lower() or not joined.isascii()) and len(set(map(_fold, known))) != len(
        known
    ):
        return False
    for allowed, targets in zip(groups, wanted, strict=True):
        if not set(map(known.get, targets)) <= set(allowed):  # None: an id that is not there
            return False
    return True


@functools.cache
def _collection_class(name: str) -> type:
    item: type = typing.get_args(model.field_types(model.Casefile)[name])[0]
    return item


@functools.cache
def _reference_groups() -> tuple[tuple[str, ...], ...]:
    """Every distinct set of kinds a reference field may point to, in a fixed order."""
    found: dict[tuple[str, ...], None] = {}
    stack: list[type] = [model.Casefile]
    seen: set[type] = set()
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        references, nested = _plan(cls)
        found.update((allowed, None) for _, _, allowed in references)
        stack.extend(_nested_class(cls, name) for name, _, _ in nested)
    return tuple(found)


def _nested_class(cls: type, name: str) -> type:
    hint = model.field_types(cls)[name]
    item = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint
    origin: type = typing.get_origin(item) or item
    return origin


def _gatherer(cls: type) -> Any:
    """The gathering function written for ``cls`` (see ``_gatherers``)."""
    return _gatherers()[cls]


@functools.cache
def _gatherers() -> dict[type, Any]:
    """Functions, written for each model class from its plan, that gather ids and references.

    ``gather(node, bucket, claims, wanted)`` appends the node's id to ``bucket`` (the list of
    its kind) and the ids of the claims, roles and milestones under it to ``claims``, and adds
    every id they refer to to ``wanted[i]``, ``i`` being the place of the field's kinds in
    ``_reference_groups()``. Written out field by field, as attrs and cattrs write their
    methods, they run about three times faster than a loop over the plan. They share one
    namespace, so each calls the others by name.
    """
    groups = {allowed: i for i, allowed in enumerate(_reference_groups())}
    classes: list[type] = []
    stack: list[type] = [model.Casefile]
    while stack:
        cls = stack.pop()
        if cls not in classes:
            classes.append(cls)
            stack.extend(_nested_class(cls, name) for name, _, _ in _plan(cls)[1])
    namespace: dict[str, Any] = {}
    for cls in classes:
        references, nested = _plan(cls)
        lines = [f"def gather_{cls.__name__}(node, bucket, claims, wanted):"]
        if "id" in attrs.fields_dict(cls):
            lines.append("    bucket.append(node.id)")
        for name, shape, allowed in references:
            group = groups[allowed]
            lines.append(f"    value = node.{name}")
            if shape == _REF:
                lines.append(f"    if value is not None: wanted[{group}].append(value)")
            elif shape == _REFS:
                lines.append(f"    if value: wanted[{group}].extend(value)")
            else:
                lines.append(
                    f"    if value: wanted[{group}].extend("
                    "[c.value for c in value if c.value.__class__ is str])"
                )
        for name, shape, _ in nested:
            child = f"gather_{_nested_class(cls, name).__name__}"
            if shape == _ONE:
                lines.append(f"    value = node.{name}")
                lines.append(f"    if value is not None: {child}(value, claims, claims, wanted)")
            else:
                lines.append(f"    for item in node.{name}: {child}(item, claims, claims, wanted)")
        lines.append("    return None")
        source = "\n".join(lines)
        exec(compile(source, f"<casefile gather {cls.__name__}>", "exec"), namespace)
    return {cls: namespace[f"gather_{cls.__name__}"] for cls in classes}


def _cycle_problems(
    casefile: model.Casefile,
    collection: str,
    edges_of: Any,
    relation: str,
) -> Iterator[Problem]:
    """Report each edge that closes a cycle, at the edge's pointer."""
    graph: dict[str, list[tuple[str, tuple[str | int, ...]]]] = defaultdict(list)
    for i, entity in enumerate(getattr(casefile, collection)):
        for target, place in edges_of(entity):
            graph[entity.id].append((target, (collection, i, *place)))
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for start in list(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[tuple[str, tuple[str | int, ...]]]]] = [
            (start, iter(graph[start]))
        ]
        state[start] = 1
        while stack:
            node, edges = stack[-1]
            for target, place in edges:
                if state.get(target) == 1:
                    yield Problem(
                        pointer=pointer(*place),
                        code="cycle",
                        message=f"{relation} of {node!r} leads back to {target!r}, which is "
                        f"already in the chain: {relation} must not loop",
                    )
                elif not state.get(target):
                    state[target] = 1
                    stack.append((target, iter(graph.get(target, []))))
                    break
            else:
                state[node] = 2
                stack.pop()


def _chains(casefile: model.Casefile) -> Iterator[Problem]:
    yield from _cycle_problems(
        casefile,
        "investigations",
        lambda inv: [(c.value, ("part_of", j, "value")) for j, c in enumerate(inv.part_of)],
        "part_of",
    )
    yield from _cycle_problems(
        casefile,
        "sources",
        lambda src: [
            (d.source, ("derived_from", j, "source")) for j, d in enumerate(src.derived_from)
        ],
        "derived_from",
    )
    yield from _cycle_problems(
        casefile,
        "actors",
        lambda actor: [(c.value, ("member_of", j, "value")) for j, c in enumerate(actor.member_of)],
        "member_of",
    )


def _upstream(casefile: model.Casefile) -> dict[str, set[str]]:
    """Each source with every source it derives from, directly or through others.

    Sources that derive from nothing, most of them, share no work; the others walk their
    chains. Cycles are reported elsewhere and only stop the walk here.
    """
    direct = {s.id: [d.source for d in s.derived_from] for s in casefile.sources}
    closure: dict[str, set[str]] = {}
    for source, parents in direct.items():
        if not parents:
            closure[source] = {source}
            continue
        seen = {source}
        stack = list(parents)
        while stack:
            item = stack.pop()
            if item not in seen:
                seen.add(item)
                stack.extend(direct.get(item, ()))
        closure[source] = seen
    return closure


def _quote_problems(
    casefile: model.Casefile, documents: Path | Traversable | None
) -> Iterator[Problem]:
    texts: dict[str, str] = {}
    carried: dict[str, set[str]] = {}
    upstream = _upstream(casefile)
    for i, document in enumerate(casefile.documents):
        carried[document.id] = set().union(*(upstream.get(s, {s}) for s in document.sources))
        if documents is None:
            continue
        try:
            data = read_document(documents, document.path)
        except DocumentError as error:
            yield Problem(
                pointer=pointer("documents", i, "path"), code=error.code, message=str(error)
            )
            continue
        digest = sha256_hex(data)
        if digest != document.sha256:
            yield Problem(
                pointer=pointer("documents", i, "sha256"),
                code="digest-mismatch",
                message=f"the file's SHA-256 is {digest}, not the {document.sha256} recorded: "
                "the document changed since its quotes were anchored",
            )
            continue
        try:
            texts[document.id] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Problem(
                pointer=pointer("documents", i, "path"),
                code="invalid-utf8",
                message=f"document {document.path!r} is not UTF-8 text (byte {error.start})",
            )
    source_ids = {s.id for s in casefile.sources}
    for i, attribution in enumerate(casefile.attributions):
        quote = attribution.quote
        where = ("attributions", i, "quote")
        carriers = carried.get(quote.document)
        known_source = attribution.source in source_ids
        if carriers is not None and known_source and attribution.source not in carriers:
            yield Problem(
                pointer=pointer("attributions", i, "source"),
                code="source-not-in-document",
                message=f"source {attribution.source!r} is not carried by document "
                f"{quote.document!r}, directly or through a source it republishes or reports",
            )
        if quote.end < quote.start:
            yield Problem(
                pointer=pointer(*where, "end"),
                code="reversed-offsets",
                message=f"end {quote.end} comes before start {quote.start}",
            )
            continue
        if quote.end - quote.start != len(quote.exact):
            yield Problem(
                pointer=pointer(*where, "end"),
                code="quote-length-mismatch",
                message=f"offsets {quote.start}-{quote.end} span {quote.end - quote.start} code "
                f"points but the quote has {len(quote.exact)}",
            )
            continue
        text = texts.get(quote.document)
        if text is None:
            continue
        if quote.end > len(text):
            yield Problem(
                pointer=pointer(*where, "end"),
                code="offset-out-of-range",
                message=f"end {quote.end} is past the end of the document "
                f"({len(text)} code points)",
            )
            continue
        found = text[quote.start : quote.end]
        if found != quote.exact:
            if quote.exact in text:
                at = text.find(quote.exact)
                what = "is not at its offsets (they have drifted)"
                hint = f"; the quote's words are at {at}-{at + len(quote.exact)}"
            else:
                near = closest_text(text, quote.exact)
                hint = f"; the closest text is at {text.find(near)}: {near!r}" if near else ""
                if normalise(quote.exact) in normalise(text):
                    what = "differs from the document only by white space or quote marks"
                else:
                    what = "is not in the document"
            yield Problem(
                pointer=pointer(*where, "exact"),
                code="quote-mismatch",
                message=f"the quote {what}: the document has {found!r} at "
                f"{quote.start}-{quote.end}{hint}",
            )
            continue
        if quote.prefix is not None and not text.endswith(quote.prefix, 0, quote.start):
            yield Problem(
                pointer=pointer(*where, "prefix"),
                code="context-mismatch",
                message="the text before the quote is not its recorded prefix",
            )
        if quote.suffix is not None and not text.startswith(quote.suffix, quote.end):
            yield Problem(
                pointer=pointer(*where, "suffix"),
                code="context-mismatch",
                message="the text after the quote is not its recorded suffix",
            )


def integrity_problems(
    casefile: model.Casefile, *, documents: Documents | None = None
) -> list[Problem]:
    """Check what the schema cannot: ids, references, chains and quotes; return every problem.

    Args:
        casefile: the casefile to check.
        documents: the folder the casefile's document paths are relative to. When given, each
            document's digest and each quote's text at its offsets are checked too.
    """
    root = Path(documents) if isinstance(documents, str) else documents
    problems: list[Problem] = []
    if isinstance(root, Path) and not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        problems.append(
            Problem(
                pointer="",
                code="missing-documents-folder",
                message=f"the documents folder {str(root)!r} {what}; documents were not checked",
            )
        )
        root = None
    if not _ids_and_references_sound(casefile):
        index = _Index(casefile)
        problems.extend(index.problems)
        problems.extend(index.reference_problems())
    problems.extend(_chains(casefile))
    problems.extend(_quote_problems(casefile, root))
    return problems


# ---------------------------------------------------------------- both


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
    data: model.Casefile | Mapping[str, Any] | str | bytes, documents: Documents | None
) -> tuple[model.Casefile | None, list[Problem]]:
    with _collector_paused():
        return _validate_layers(data, documents)


def _validate_layers(
    data: model.Casefile | Mapping[str, Any] | str | bytes, documents: Documents | None
) -> tuple[model.Casefile | None, list[Problem]]:
    if isinstance(data, str | bytes):
        data, problems = parse_json(data)
    else:
        if isinstance(data, model.Casefile):
            data = converter.unstructure(data)
        problems = value_problems(data)
    if problems:
        return None, problems
    data, problems = migrate_data(data)
    if problems:
        return None, problems
    problems = _version_problems(data) or shape_problems(data)
    if problems:
        return None, problems
    casefile, problems = structure(data)
    if casefile is None:
        return None, problems
    return casefile, integrity_problems(casefile, documents=documents)


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
