"""Hypothesis strategies for casefiles: values, records, whole casefiles and broken casefiles.

For tools that read or write casefiles, and for casefile's own tests: draw casefiles that pass
both validation layers, write them with their documents, and check that a reader and a writer
keep them. Install the ``strategies`` extra (``pip install 'accountability-casefile[strategies]'``);
this is the one module that imports Hypothesis, and ``import casefile`` does not import it.
It is long (over 500 lines) because drawing a whole consistent casefile (references in order,
quotes cut from drawn documents, chains that cannot loop) is one piece of work.

``casefiles`` draws a ``Generated``: a casefile and the texts of its documents. It is drawn from
the field plan (``casefile.plan``), not class by class, so a field added to the model is drawn
with no change here. Each field is filled by what it holds:

- ``ID``: a fresh id, unique in the casefile and not equal to another but for case.
- ``REFERENCE``: the id of a record of one of the field's kinds. The ids of every root record
  (each actor, source, document...) are set aside before any record is made, so records refer
  across collections in any direction. A reference into the record's own collection points only
  to records before it, and a reference to a claim (or a role or milestone) only to one made
  before it, so no chain (``part_of``, ``derived_from``, ``member_of``...) can loop.
- ``TEXT``, by its class (``model.Text``): prose is any Unicode but lone surrogates and NUL,
  never blank; codes and locators are short ASCII strings (a field's ``pattern`` or ``example``
  where it has one); context is prose of up to 32 code points.
- ``TERM``: a documented term of the field's vocabulary, or any other snake_case term.
- ``DATE``: dates, periods (never running backwards) or either, as the field's type says.
- ``ENUM``, ``NUMBER``, ``INTEGER`` (never negative, as the schema says), and ``EXTENSIONS``
  (JSON values under namespaced keys).
- ``RECORD``: a record drawn the same way, through the field's plan.

A tuple holds up to two more items than its ``min_items``; an optional field is None about
half the time. A record that cannot be made, such as a claim of membership for the first actor
(there is no one before them to belong to), is left out of its tuple.

Each root collection holds ``min_entities`` to ``max_entities`` records, and at least one where
a record drawn cannot be made without it: a finding needs an investigation, an attribution a
source and a document.

What the plan cannot say is written once, as rules on a few fields (``_RULES``):

- A document's text is drawn before any quote; its path is ``<n>.txt`` (``.csv``, ``.json``),
  its digest that of the text's UTF-8 bytes, and it carries at least one source, every source
  being carried by one. A document is plain text, a table as the csv module writes it (a comma,
  tab or semicolon between cells, named by ``delimiter`` where it is not a comma, and unique
  headers), or a JSON value.
- A quote is a real slice of a document's text, with its offsets and (sometimes) its context:
  in a table, one cell's text, named by its column, its header or both; in JSON, one value's
  token, named by its pointer. A cell or value may be empty, as a recorded empty value is.
- An attribution's source is one that its quote's document carries.
- A quantity states a value, a range (its minimum never above its maximum) or one bound.
- The casefile's schema version is the one this library writes.

``records`` draws one record of any class the plan can classify, referring to the records of a
casefile already drawn; ``mutated`` draws the bytes of a casefile broken in one to three places.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from . import model, plan
from .anchoring import CONTEXT_LENGTH, Span, context, sha256_hex
from .dates import SEASONS, PartialDate, Period
from .locating import csv_cells, delimiter_of
from .locating import json_values as value_spans
from .plan import ClassPlan, FieldPlan, Holds
from .sensitive import civilians
from .storage import dumps
from .version import SCHEMA_VERSION
from .vocabulary import SENSITIVE_CHARACTERISTICS, VOCABULARIES

__all__ = [
    "TEXT_ALPHABET",
    "Generated",
    "casefiles",
    "extensions",
    "json_values",
    "mutated",
    "names",
    "numbers",
    "partial_dates",
    "periods",
    "quantities",
    "records",
    "terms",
    "whens",
]

T = TypeVar("T")

# ---------------------------------------------------------------- values

#: Characters for text: beyond ASCII and beyond the BMP, but no lone surrogates (which UTF-8
#: cannot carry) and no NUL.
TEXT_ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00")


def _characters(left_out: str) -> st.SearchStrategy[str]:
    return st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters=left_out)


def _not_blank(text: str) -> str:
    return text if text.strip() else text + "·"


#: Prose: a name, title or summary of 1 to 21 characters that is never blank. A blank draw
#: gains a visible character rather than being filtered out, so that no draw is thrown away.
names = st.text(TEXT_ALPHABET, min_size=1, max_size=20).map(_not_blank)

_contexts = st.text(TEXT_ALPHABET, min_size=1, max_size=CONTEXT_LENGTH)

# ASCII words are built from characters rather than drawn by regular expression, which costs a
# good part of the time a whole casefile takes to draw.
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_DIGITS = "0123456789"


def _word(first: str, rest: str, max_size: int) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(first), st.text(rest, max_size=max_size)).map("".join)


_codes = _word(_LOWER + _LOWER.upper(), _LOWER + _LOWER.upper() + _DIGITS + "._+/-", 11)
_segments = st.text(_LOWER + _DIGITS + "_-", min_size=1, max_size=8)
_locators = st.one_of(
    st.text(_LOWER + _DIGITS + "._~-", max_size=16).map("https://example.org/{}".format),
    st.lists(_segments, min_size=1, max_size=3).map(lambda parts: "/".join(parts) + ".txt"),
)
_snake = st.tuples(
    _word(_LOWER, _LOWER + _DIGITS, 8),
    st.lists(st.text(_LOWER + _DIGITS, min_size=1, max_size=5), max_size=2),
).map(lambda word: "_".join([word[0], *word[1]]))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """Draw a date known to the year, a season, the month, the day or a time of day; sometimes
    approximate or uncertain (never with a time), a time sometimes with a zone offset."""
    year = draw(st.integers(1900, 2100))
    precision = draw(st.integers(0, 5))  # year, month, day, minute, second or season
    if precision == 5:
        season = draw(st.sampled_from(sorted(SEASONS)))
        marks = draw(st.integers(0, 3))
        return PartialDate(
            year, season=season, approximate=bool(marks & 1), uncertain=bool(marks & 2)
        )
    month = draw(st.integers(1, 12)) if precision else None
    day = draw(st.integers(1, 28 if month == 2 else 30)) if precision >= 2 else None
    if precision >= 3:
        hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        second = draw(st.integers(0, 59)) if precision == 4 else None
        offset = draw(st.none() | st.integers(-14 * 4, 14 * 4).map(lambda q: q * 15))
        return PartialDate(year, month, day, hour=hour, minute=minute, second=second, offset=offset)
    marks = draw(st.integers(0, 3))  # neither, approximate, uncertain or both
    return PartialDate(year, month, day, approximate=bool(marks & 1), uncertain=bool(marks & 2))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Draw a period whose start is never after its end; either end is sometimes open."""
    a, b = draw(partial_dates()), draw(partial_dates())
    if a.earliest() > b.latest():
        a, b = b, a
    start = None if draw(st.integers(0, 5)) == 0 else a
    end = None if draw(st.integers(0, 5)) == 0 else b
    return Period(start, end)


#: A date or a period.
whens: st.SearchStrategy[PartialDate | Period] = st.one_of(partial_dates(), periods())


def terms(vocabulary: str) -> st.SearchStrategy[str]:
    """Draw a term of an open vocabulary: a documented one, or any other snake_case term."""
    return st.sampled_from(sorted(VOCABULARIES[vocabulary])) | _snake


#: Numbers as a source states them: integers and finite floats.
numbers: st.SearchStrategy[int | float] = st.integers(-(10**6), 10**6) | st.floats(
    allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9
)

#: Any JSON value, nested a little: what other tools keep under ``extensions``.
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(TEXT_ALPHABET, max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(TEXT_ALPHABET, max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
#: Extension data: none half the time, else one or two namespaced keys (``org.example:tag``)
#: holding JSON values. Every record has extensions, and JSON values take many draws: empty
#: ones keep a casefile quick to draw.
_part = st.text(_LOWER, min_size=1, max_size=6)
extensions: st.SearchStrategy[dict[str, Any]] = st.builds(dict) | st.dictionaries(
    st.tuples(_part, _part, _part).map(lambda parts: f"{parts[0]}.{parts[1]}:{parts[2]}"),
    json_values,
    min_size=1,
    max_size=2,
)


def quantities() -> st.SearchStrategy[model.Quantity]:
    """Draw a quantity: a value, a range or one bound, with a unit and a qualifier."""
    return records(model.Quantity)


# ---------------------------------------------------------------- casefiles


@attrs.frozen
class Generated:
    """A generated casefile with the texts of its documents.

    Attributes:
        casefile: the casefile; it passes both validation layers with its documents.
        texts: the text of each document, by its path.
    """

    casefile: model.Casefile
    texts: dict[str, str]

    def write_documents(self, folder: Path) -> Path:
        """Write the documents into ``folder``, as UTF-8, and return it."""
        for path, text in self.texts.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        return folder


@st.composite
def casefiles(draw: st.DrawFn, *, min_entities: int = 0, max_entities: int = 4) -> Generated:
    """Draw a valid casefile with its documents: references resolve, quotes stand in the texts.

    Called without ``draw``, which Hypothesis passes: ``casefiles(max_entities=2)``. A casefile
    takes several hundred of Hypothesis' choices to draw, more than its ``too_slow`` health
    check expects of one input: tests that draw casefiles need
    ``settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])``.

    Args:
        draw: passed by Hypothesis.
        min_entities: the fewest records in each root collection (actors, sources, ...).
        max_entities: the most records in each root collection. A collection holds one even
            below ``min_entities`` when a record drawn needs one to refer to.
    """
    builder = _Builder(draw)
    counts = {
        kind: draw(st.integers(min_entities, max_entities)) for kind in plan.collections().values()
    }
    _raise_needed(counts)
    for kind, count in counts.items():
        builder.ids[kind] = [builder.fresh(kind) for _ in range(count)]
    _hold_documents(builder)
    casefile = _civilians_sensitive(builder.record(plan.plan(model.Casefile)))
    texts = {held.path: held.text for held in builder.documents.values()}
    return Generated(casefile, texts)


def _civilians_sensitive(casefile: model.Casefile) -> model.Casefile:
    """Mark every characteristic of a civilian sensitive, as validation asks; who is a civilian
    is known only once complaints and incidents are drawn."""
    civilian = civilians(casefile)
    if not civilian:
        return casefile
    actors = tuple(
        attrs.evolve(
            actor,
            characteristics=tuple(attrs.evolve(c, sensitive=True) for c in actor.characteristics),
        )
        if actor.id in civilian and actor.characteristics
        else actor
        for actor in casefile.actors
    )
    return attrs.evolve(casefile, actors=actors)


def records(cls: type[T], *, within: Generated | None = None) -> st.SearchStrategy[T]:
    """Draw records of a model class, or of any attrs class the field plan can classify.

    References point to records of ``within`` (and quotes into its documents); ids are fresh,
    unused in ``within``. The record is not added to ``within``.

    Raises:
        casefile.errors.ModelError: at once, for a class the plan cannot classify.
        hypothesis.errors.InvalidArgument: at once, for ``Casefile`` and ``Document``, which
            ``casefiles`` draws.
        hypothesis.errors.InvalidArgument: when drawing, if the class needs a reference (or a
            document) that ``within`` does not hold.
    """
    if cls in _WHOLE:
        raise InvalidArgument(f"a {cls.__name__} is drawn by casefiles(), with {_WHOLE[cls]}")
    class_plan = plan.plan(cast(Hashable, cls))

    @st.composite
    def one(draw: st.DrawFn) -> T:
        builder = _Builder(draw)
        if within is not None:
            builder.take(within)
        if not builder.feasible(class_plan):
            raise InvalidArgument(
                f"a {cls.__name__} refers to records that the casefile it is drawn within "
                "does not hold: pass within= a generated casefile that has them"
            )
        return cast(T, builder.record(class_plan))

    return one()


# How many more items than its min_items a tuple may hold.
_MORE = 2
# Classes drawn only as part of a whole casefile, and what they are drawn with.
_WHOLE: dict[type, str] = {
    model.Casefile: "the records of its collections",
    model.Document: "its text, which a single record could not return",
}


@attrs.frozen
class _Held:
    """A document's path, text and the sources it carries, drawn before any quote; for a
    table, its media type and delimiter, and its cells' spans; for JSON, its values' spans."""

    path: str
    text: str
    sources: tuple[str, ...]
    media_type: str = "text/plain; charset=utf-8"
    delimiter: str | None = None
    cells: tuple[tuple[tuple[int, int], ...], ...] | None = None
    values: tuple[tuple[str, tuple[int, int]], ...] | None = None

    @classmethod
    def of(cls, document: model.Document, text: str) -> _Held:
        """A document of a casefile already drawn, with its cells or values read again."""
        media = document.media_type.split(";")[0].strip().lower()
        cells = values = None
        if media in ("text/csv", "text/tab-separated-values"):
            delimiter = delimiter_of(document.media_type, document.delimiter)
            cells = tuple(tuple(row) for row in csv_cells(text, delimiter))
        elif media == "application/json":
            values = tuple(value_spans(text).items())
        return cls(
            document.path,
            text,
            document.sources,
            document.media_type,
            document.delimiter,
            cells=cells,
            values=values,
        )


class _Builder:
    """Draws records by their plans, keeping every id made or set aside, by kind."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        # Every id by kind: root records' ids set aside in advance, claims' appended as made.
        self.ids: dict[str, list[str]] = defaultdict(list)
        self.documents: dict[str, _Held] = {}
        # The kind and position of the root record being made, for references into its own
        # collection.
        self.current: tuple[str, int] | None = None
        self._taken: set[str] = set()
        self._counter = itertools.count()

    def fresh(self, prefix: str) -> str:
        """Return a new id, unequal to any other even when case is folded."""
        while True:
            candidate = f"{prefix}-{next(self._counter)}"
            if candidate.lower() not in self._taken:
                self._taken.add(candidate.lower())
                return candidate

    def take(self, generated: Generated) -> None:
        """Hold the ids and documents of a casefile already drawn, to refer to."""
        for visit in plan.walk(generated.casefile, ids_only=True):
            kind = visit.plan.kind
            if kind is not None:
                self._taken.add(visit.record.id.lower())
                self.ids[kind].append(visit.record.id)
        for document in generated.casefile.documents:
            if document.path in generated.texts:
                text = generated.texts[document.path]
                self.documents[document.id] = _Held.of(document, text)

    def candidates(self, kinds: Sequence[str]) -> tuple[str, ...]:
        """The ids a reference to ``kinds`` may hold now.

        A tuple, so that Hypothesis can reuse the strategies drawn from it.
        """
        found: list[str] = []
        for kind in kinds:
            ids = self.ids.get(kind, [])
            if self.current is not None and self.current[0] == kind:
                ids = ids[: self.current[1]]
            found.extend(ids)
        return tuple(found)

    def feasible(self, class_plan: ClassPlan) -> bool:
        """Whether a record can be made now: each reference it must hold has a target."""
        for field in class_plan.fields:
            least = _min_items(class_plan.cls, field.name)
            if field.optional or (field.many and not least):
                continue
            if field.holds is Holds.REFERENCE:
                if len(self.candidates(field.kinds)) < max(least, 1):
                    return False
            elif field.record is not None and not self.feasible(field.record):
                return False
        return True

    def record(self, class_plan: ClassPlan, own_id: str | None = None) -> Any:
        """Make a record by its plan; the caller has checked that it is feasible."""
        rules = _RULES.get(class_plan.cls, ())
        ruled = {name for rule in rules for name in rule.fields}
        values: dict[str, Any] = {}
        for field in class_plan.fields:
            if field.name in ruled:
                continue
            if field.holds is Holds.ID:
                values[field.name] = own_id or self.fresh(class_plan.cls.__name__.lower())
            elif class_plan.kind == "casefile" and field.name in plan.collections():
                values[field.name] = self.collection(field)
            else:
                values[field.name] = self.value(class_plan, field)
        for rule in rules:
            values.update(rule.draw(self, class_plan, values))
        made = class_plan.cls(**values)
        if class_plan.kind == "claim":
            self.ids["claim"].append(made.id)
        return made

    def collection(self, field: FieldPlan) -> tuple[Any, ...]:
        """Make the records of a root collection, whose ids are set aside, in order."""
        child = field.record
        assert child is not None and child.kind is not None
        made = []
        for index, own_id in enumerate(self.ids[child.kind]):
            self.current = (child.kind, index)
            if not self.feasible(child):
                # Only a record that must refer to one before it in its own collection (which
                # the first cannot) gets here: no model class has such a field.
                reject()
            made.append(self.record(child, own_id))
        self.current = None
        return tuple(made)

    def value(self, class_plan: ClassPlan, field: FieldPlan) -> Any:
        """Draw the value of one field (not an id, not a rule's)."""
        draw = self.draw
        child = field.record
        if field.many:
            least = _min_items(class_plan.cls, field.name)
            if child is not None:
                if not self.feasible(child):
                    return ()
                count = draw(st.integers(least, least + _MORE))
                return tuple(self.record(child) for _ in range(count))
            if field.holds is Holds.REFERENCE:
                found = self.candidates(field.kinds)
                if not found:
                    return ()
                targets = st.lists(
                    st.sampled_from(found), min_size=least, max_size=least + _MORE, unique=True
                )
                return tuple(draw(targets))
            items = st.lists(_values(class_plan.cls, field), min_size=least, max_size=least + _MORE)
            return tuple(draw(items))
        if field.holds is Holds.REFERENCE:
            found = self.candidates(field.kinds)
            if field.optional and (not found or not draw(st.booleans())):
                return None
            return draw(st.sampled_from(found))
        if field.optional and not draw(st.booleans()):
            return None
        if child is not None:
            if not self.feasible(child):
                return None
            return self.record(child)
        return draw(_values(class_plan.cls, field))


@functools.cache
def _metadata(cls: type, name: str) -> Mapping[str, Any]:
    return attrs.fields_dict(cls)[name].metadata


def _min_items(cls: type, name: str) -> int:
    return int(_metadata(cls, name).get("min_items", 0))


@functools.cache
def _values(cls: type, field: FieldPlan) -> st.SearchStrategy[Any]:
    """The strategy for one value of a field holding neither ids, references nor records."""
    holds = field.holds
    if holds is Holds.TEXT:
        return _text(cls, field)
    if holds is Holds.TERM:
        assert field.vocabulary is not None
        return terms(field.vocabulary)
    if holds is Holds.DATE:
        if field.type is PartialDate:
            return partial_dates()
        return periods() if field.type is Period else whens
    if holds is Holds.ENUM:
        return st.sampled_from(field.type)
    if holds is Holds.NUMBER:
        return numbers
    if holds is Holds.INTEGER:
        return st.integers(0, 10**6)
    if holds is Holds.BOOLEAN:
        return st.booleans()
    if holds is Holds.EXTENSIONS:
        return extensions
    raise AssertionError(f"{cls.__name__}.{field.name}: no values for {holds}")


def _text(cls: type, field: FieldPlan) -> st.SearchStrategy[str]:
    meta = _metadata(cls, field.name)
    if "pattern" in meta:
        return st.from_regex(meta["pattern"], fullmatch=True)
    if field.text is model.Text.PROSE:
        return names
    if field.text is model.Text.CONTEXT:
        return _contexts
    drawn = _codes if field.text is model.Text.CODE else _locators
    default = attrs.fields_dict(cls)[field.name].default
    known = [v for v in (meta.get("example"), default) if isinstance(v, str)]
    return st.sampled_from(known) | drawn if known else drawn


def _requires(class_plan: ClassPlan) -> list[tuple[str, ...]]:
    """The kinds of each reference a record must hold, itself or in records it must hold."""
    found = []
    for field in class_plan.fields:
        if field.optional or (field.many and not _min_items(class_plan.cls, field.name)):
            continue
        if field.holds is Holds.REFERENCE:
            found.append(field.kinds)
        elif field.record is not None:
            found.extend(_requires(field.record))
    return found


def _raise_needed(counts: dict[str, int]) -> None:
    """Give one record to each collection that a record to be drawn cannot be made without."""
    root = plan.plan(model.Casefile)
    changed = True
    while changed:
        changed = False
        for name, kind in plan.collections().items():
            record = root.field(name).record
            if not counts[kind] or record is None:
                continue
            for kinds in _requires(record):
                roots = [k for k in kinds if k in counts]
                if roots and not any(counts[k] for k in roots):
                    counts[roots[0]] = 1
                    changed = True


def _hold_documents(builder: _Builder) -> None:
    """Draw each document's text and the sources it carries: quotes are cut from them."""
    draw = builder.draw
    document_plan = plan.plan(model.Document)
    assert document_plan.kind is not None
    documents = builder.ids[document_plan.kind]
    sources = builder.candidates(document_plan.field("sources").kinds)
    for i, document in enumerate(documents):
        # Every source is carried by a document (so that any may be quoted), and each document
        # carries at least one; sometimes one more.
        carried = [*sources[i :: len(documents)]]
        carried += draw(st.lists(st.sampled_from(sources), min_size=int(not carried), max_size=1))
        carried = list(dict.fromkeys(carried))
        form = draw(st.sampled_from(("text", "text", "csv", "json")))
        if form == "csv":
            builder.documents[document] = draw(_table(i, tuple(carried)))
        elif form == "json":
            text = json.dumps(
                draw(json_values),
                ensure_ascii=draw(st.booleans()),
                indent=draw(st.sampled_from((None, 2))),
            )
            spans = tuple(value_spans(text).items())
            builder.documents[document] = _Held(
                f"{i}.json", text, tuple(carried), "application/json", values=spans
            )
        else:
            text = draw(st.text(TEXT_ALPHABET, min_size=8, max_size=80))
            builder.documents[document] = _Held(f"{i}.txt", text, tuple(carried))


@st.composite
def _table(draw: st.DrawFn, number: int, sources: tuple[str, ...]) -> _Held:
    """A table as the csv module writes it: unique headers, then up to three rows."""
    delimiter = draw(st.sampled_from((",", "\t", ";")))
    terminator = draw(st.sampled_from(("\r\n", "\n")))
    width = draw(st.integers(2, 3))
    # The csv module quotes a cell holding a line break only if the break is in its line
    # terminator; and a byte-order mark opening the first header is not part of its name.
    left_out = "\x00" if terminator == "\r\n" else "\x00\r"
    cell = st.text(_characters(left_out), max_size=6)
    header = st.text(_characters(left_out + "\ufeff"), max_size=6)
    headers = draw(st.lists(header, min_size=width, max_size=width, unique=True))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=3))
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator=terminator, quoting=csv.QUOTE_MINIMAL
    )
    writer.writerows([headers, *rows])
    text = buffer.getvalue()
    cells = tuple(tuple(row) for row in csv_cells(text, delimiter))
    media_type = "text/tab-separated-values" if delimiter == "\t" else "text/csv"
    return _Held(
        f"{number}.csv",
        text,
        sources,
        media_type,
        # A tab is the tab-separated type's own delimiter; say so anyway, sometimes.
        None if delimiter == "," or (delimiter == "\t" and draw(st.booleans())) else delimiter,
        cells=cells,
    )


# ---------------------------------------------------------------- rules


@attrs.frozen
class _Rule:
    """Fields whose values depend on others in ways the plan cannot say, drawn together last."""

    fields: tuple[str, ...]
    draw: Callable[[_Builder, ClassPlan, Mapping[str, Any]], Mapping[str, Any]]


def _schema_version(builder: _Builder, class_plan: ClassPlan, values: Mapping[str, Any]) -> Any:
    return {"schema_version": SCHEMA_VERSION}


def _document(builder: _Builder, class_plan: ClassPlan, values: Mapping[str, Any]) -> Any:
    held = builder.documents[values["id"]]
    return {
        "path": held.path,
        "sha256": sha256_hex(held.text.encode("utf-8")),
        "sources": held.sources,
        "media_type": held.media_type,
        "delimiter": held.delimiter,
    }


def _quote(builder: _Builder, class_plan: ClassPlan, values: Mapping[str, Any]) -> Any:
    draw = builder.draw
    documents = builder.candidates(class_plan.field("document").kinds)
    document = draw(st.sampled_from(tuple(d for d in documents if d in builder.documents)))
    held = builder.documents[document]
    text = held.text
    cell = pointer = None
    # Not the whole document (a quote's pointer is never empty), nor a value under a key with
    # a line break (which no pointer may hold, as no id may).
    namable = [v for v in held.values or () if v[0] and "\n" not in v[0]]
    if held.cells is not None:
        row = draw(st.integers(0, len(held.cells) - 1))
        column = draw(st.integers(0, len(held.cells[row]) - 1))
        start, end = held.cells[row][column]
        header = text[slice(*held.cells[0][column])]
        # An empty header cannot name its column (a header is never empty).
        named = draw(st.sampled_from(("column", "header", "both") if header else ("column",)))
        cell = model.Cell(
            row=row + 1,
            column=None if named == "header" else column + 1,
            header=None if named == "column" else header,
        )
    elif namable:
        pointer, (start, end) = draw(st.sampled_from(namable))
    else:  # words of the text (of a JSON document that is one value, a slice of it)
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
    prefix, suffix = context(text, Span(start, end))
    return {
        "document": document,
        "exact": text[start:end],
        "start": start,
        "end": end,
        "prefix": prefix if draw(st.booleans()) else None,
        "suffix": suffix if draw(st.booleans()) else None,
        "cell": cell,
        "pointer": pointer,
    }


def _attribution_source(builder: _Builder, class_plan: ClassPlan, values: Mapping[str, Any]) -> Any:
    carried = builder.documents[values["quote"].document].sources
    return {"source": builder.draw(st.sampled_from(carried))}


def _quantity(builder: _Builder, class_plan: ClassPlan, values: Mapping[str, Any]) -> Any:
    draw = builder.draw
    shape = draw(st.sampled_from(["value", "range", "minimum", "maximum"]))
    low, high = sorted([draw(numbers), draw(numbers)])
    return {
        "value": low if shape == "value" else None,
        "minimum": low if shape in ("range", "minimum") else None,
        "maximum": high if shape in ("range", "maximum") else None,
    }


def _characteristics(builder: _Builder, class_plan: ClassPlan, values: Mapping[str, Any]) -> Any:
    """Only people have characteristics (``casefile.sensitive``)."""
    if values["kind"] not in (model.ActorKind.PERSON, model.ActorKind.UNNAMED_PERSON):
        return {"characteristics": ()}
    return {"characteristics": builder.value(class_plan, class_plan.field("characteristics"))}


def _figure_words(builder: _Builder, class_plan: ClassPlan, values: Mapping[str, Any]) -> Any:
    """A figure without a number keeps the source's words for it."""
    if values["value"] is None and values["phrase"] is None:
        return {"phrase": "dozens"}
    return {}


def _sensitive(builder: _Builder, class_plan: ClassPlan, values: Mapping[str, Any]) -> Any:
    """A sensitive attribute's value is always sensitive; any other may be."""
    if values["attribute"] in SENSITIVE_CHARACTERISTICS:
        return {"sensitive": True}
    return {"sensitive": builder.draw(st.booleans())}


# By class; a class's rules are drawn after its other fields, in this order.
_RULES: dict[type, tuple[_Rule, ...]] = {
    model.Actor: (_Rule(("characteristics",), _characteristics),),
    model.Characteristic: (_Rule(("sensitive",), _sensitive),),
    model.Figure: (_Rule((), _figure_words),),
    model.Casefile: (_Rule(("schema_version",), _schema_version),),
    model.Document: (_Rule(("path", "sha256", "sources", "media_type", "delimiter"), _document),),
    model.Quote: (
        _Rule(("document", "exact", "start", "end", "prefix", "suffix", "cell", "pointer"), _quote),
    ),
    model.Attribution: (_Rule(("source",), _attribution_source),),
    model.Quantity: (_Rule(("value", "minimum", "maximum"), _quantity),),
}


# ---------------------------------------------------------------- broken casefiles


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in JSON data, as the keys leading to it (the root's is empty)."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_paths(value, (*path, i)))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    """The value at a place in JSON data."""
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated(draw: st.DrawFn, *, max_entities: int = 3) -> bytes:
    """Draw the bytes of a generated casefile broken in one to three places, maybe truncated.

    Each break drops a value, duplicates an item of a list, gives a value another type, or swaps
    two values; what is left is sometimes cut short. The result may still be valid: a reader
    should report problems for it, or read it, and never fail otherwise.

    Args:
        draw: passed by Hypothesis; call ``mutated()`` without it.
        max_entities: passed to ``casefiles``.
    """
    generated = draw(casefiles(max_entities=max_entities))
    data = json.loads(dumps(generated.casefile))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, last = _get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["drop", "duplicate", "retype", "swap"]))
        if action == "drop":
            del parent[last]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(last, parent[last])
        elif action == "retype":
            parent[last] = draw(st.sampled_from([None, 0, -1, 2**70, 1.5, "", "x", [], {}, True]))
        else:
            other = draw(st.sampled_from(paths))
            if other[: len(path)] != path and path[: len(other)] != other:
                other_parent = _get(data, other[:-1])
                parent[last], other_parent[other[-1]] = other_parent[other[-1]], parent[last]
        if not data or not isinstance(data, dict):
            break
    text = json.dumps(data, ensure_ascii=False).encode()
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text
