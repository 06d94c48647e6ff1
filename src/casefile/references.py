"""Ids, references and chains: the part of integrity that needs no documents.

- **Ids** are unique across the casefile's records (the casefile's own id names the file, not
  a record in it), and no two differ only by case or Unicode form.
- **References** resolve, to a record of a kind the field allows (``ref`` metadata).
- **Chains** do not loop: a field marked ``acyclic`` (part-of, membership, republication)
  never leads, through records of the same kind, back to where it started.

Which fields hold ids and references comes from ``casefile.plan``. The common case, a sound
casefile, is answered by one quick gathering pass (``sound``); only when it says no does the
walk that places each problem run.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from . import model
from ._structuring import Gathered
from .errors import NearIds, Problem, pointer
from .limits import MAX_SUGGESTED
from .plan import (
    ClassPlan,
    FieldPlan,
    Place,
    _clear_hooks,
    holds_ids_or_references,
    place_pointer,
    plan,
    plans,
    walk,
)

__all__ = ["cycle_problems", "id_problems", "sound"]


def _fold(identifier: str) -> str:
    if identifier.isascii():
        return identifier.lower()
    return unicodedata.normalize("NFKC", identifier).casefold()


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


# Per plan, what the quick pass reads: (kind, references as (name, many, kinds), records below
# that hold ids as (name, many, child plan)). Keyed by the plan's identity: plans are cached.
_Steps = tuple[str | None, tuple[tuple[str, bool, tuple[str, ...]], ...], tuple[Any, ...]]


@functools.cache
def _steps() -> dict[int, _Steps]:
    steps: dict[int, _Steps] = {}
    for current in plans():
        steps[id(current)] = (
            current.kind,
            tuple((f.name, f.many, f.kinds) for f in current.references),
            tuple(
                (f.name, f.many, f.record)
                for f in current.records
                if f.record is not None
                and (f.record.has_ids_below or f.record.has_references_below)
            ),
        )
    return steps


_clear_hooks.append(_steps.cache_clear)


def sound(casefile: model.Casefile, gathered: Gathered | None = None) -> bool:
    """Whether ids are unique and every reference resolves to a kind it may point to.

    One pass gathers the ids by kind and, by the kinds they may point to, the ids referred
    to; a set of the ids of each kind then answers each group at once. Lists and sets keep the
    work in C, which matters at a hundred thousand records.

    Args:
        casefile: the casefile.
        gathered: the ids by kind and references by kinds, when they were gathered already
            (``casefile._structuring`` does while it makes the objects): the pass is skipped.
    """
    if gathered is None:
        ids, wanted = _gather(casefile)
    else:
        ids, wanted = gathered.ids, gathered.wanted
    by_kind = {kind: set(found) for kind, found in ids.items()}
    every = set().union(*by_kind.values())
    if len(every) != sum(map(len, ids.values())):
        return False  # a duplicate id, within a kind or across two
    # Ids can only collide by case if one has a capital letter, and by Unicode form if one is
    # not ASCII: one look at all of them together usually rules both out.
    joined = "\n".join(every)
    if (joined != joined.lower() or not joined.isascii()) and len(set(map(_fold, every))) != len(
        every
    ):
        return False
    empty: set[str] = set()
    for kinds, targets in wanted.items():
        if len(kinds) == 1:
            allowed = by_kind.get(kinds[0], empty)
        else:
            allowed = set().union(*(by_kind.get(kind, empty) for kind in kinds))
        if not allowed.issuperset(targets):
            return False  # an id that is not there, or of a kind the field may not point to
    return True


def _gather(
    casefile: model.Casefile,
) -> tuple[dict[str, list[str]], dict[tuple[str, ...], list[str]]]:
    """Each record's id by kind, and the ids referred to by the kinds they may point to."""
    steps = _steps()
    ids: dict[str, list[str]] = defaultdict(list)
    wanted: dict[tuple[str, ...], list[str]] = defaultdict(list)
    stack: list[tuple[Any, ClassPlan]] = [(casefile, plan(model.Casefile))]
    pop, push = stack.pop, stack.append
    while stack:
        record, current = pop()
        kind, references, records = steps[id(current)]
        if kind is not None and record is not casefile:
            ids[kind].append(record.id)
        for name, many, kinds in references:
            value = getattr(record, name)
            if many:
                if value:
                    wanted[kinds].extend(value)
            elif value is not None:
                wanted[kinds].append(value)
        for name, many, child in records:
            value = getattr(record, name)
            if many:
                for item in value:
                    push((item, child))
            elif value is not None:
                push((value, child))
    return ids, wanted


def id_problems(casefile: model.Casefile) -> list[Problem]:
    """Every duplicate or colliding id and every unresolved reference, in document order."""
    kinds: dict[str, str] = {}
    places: dict[str, Place] = {}
    folded: dict[str, str] = {}
    problems: list[Problem] = []
    references: list[tuple[str, tuple[str, ...], Place]] = []
    for visit in walk(casefile, into=holds_ids_or_references):
        record, current, _, _, place = visit
        if current.kind is not None and record is not casefile:
            identifier = record.id
            if identifier in kinds:
                problems.append(
                    Problem(
                        pointer=place_pointer((place, "id")),
                        code="duplicate-id",
                        message=f"id {identifier!r} is already used at "
                        f"{place_pointer(places[identifier])}",
                    )
                )
            else:
                key = _fold(identifier)
                if key in folded:
                    problems.append(
                        Problem(
                            pointer=place_pointer((place, "id")),
                            code="id-collision",
                            message=f"id {identifier!r} differs from {folded[key]!r} only by "
                            "case or Unicode form; tools that fold them would merge two entities",
                        )
                    )
                else:
                    folded[key] = identifier
                kinds[identifier] = current.kind
                places[identifier] = place
        for field in current.references:
            value = getattr(record, field.name)
            if field.many:
                here = (place, field.name)
                references.extend((t, field.kinds, (here, j)) for j, t in enumerate(value))
            elif value is not None:
                references.append((value, field.kinds, (place, field.name)))
    indexes: dict[tuple[str, ...], NearIds] = {}
    suggested = 0
    for target, allowed, place in references:
        kind = kinds.get(target)
        if kind is None:
            hint = ""
            if suggested < MAX_SUGGESTED:
                suggested += 1
                index = indexes.get(allowed)
                if index is None:
                    index = NearIds(i for i, k in kinds.items() if k in allowed)
                    indexes[allowed] = index
                near = index.suggest(target)
                hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
            what = " or ".join(allowed) if len(allowed) <= 2 else "entity"
            problems.append(
                Problem(
                    pointer=place_pointer(place),
                    code="dangling-reference",
                    message=f"no {what} has id {target!r}{hint}",
                )
            )
        elif kind not in allowed:
            problems.append(
                Problem(
                    pointer=place_pointer(place),
                    code="wrong-kind-reference",
                    message=f"{target!r} is {_article(kind)} {kind}; expected a reference to "
                    f"{' or '.join(allowed)}",
                )
            )
    return problems


def cycle_problems(casefile: model.Casefile) -> Iterator[Problem]:
    """Report each reference that closes a loop in a chain that must not loop.

    A chain is a field marked ``acyclic`` on a root record (``part_of``, ``member_of``,
    ``derived_from``); its edges are the references under that field to records of the same
    kind. Each edge that leads back into the chain being followed is reported at its place.
    """
    root = plan(model.Casefile)
    for collection in root.records:
        child = collection.record
        assert child is not None
        for field in child.fields:
            if not field.acyclic:
                continue
            # Places stay as keys until a loop is found: a pointer is made for a problem only.
            graph: dict[str, list[tuple[str, tuple[str | int, ...]]]] = defaultdict(list)
            entities = getattr(casefile, collection.name)
            for i, entity in enumerate(entities):
                for target, where in _edges(entity, field, child.kind):
                    graph[entity.id].append((target, (collection.name, i, field.name, *where)))
            yield from _loops(graph, field.name)


def _edges(
    entity: Any, owner: FieldPlan, kind: str | None
) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """References to records of ``kind`` under one field of an entity, with their sub-places."""
    value = getattr(entity, owner.name)
    if not value:
        return
    items = enumerate(value) if owner.many else [(None, value)]
    for j, item in items:
        if item is None:
            continue
        prefix: tuple[str | int, ...] = () if j is None else (j,)
        if owner.record is None:
            if kind in owner.kinds:
                yield item, prefix
            continue
        for ref in owner.record.references:
            if kind not in ref.kinds:
                continue
            target = getattr(item, ref.name)
            if ref.many:
                for k, each in enumerate(target):
                    yield each, (*prefix, ref.name, k)
            elif target is not None:
                yield target, (*prefix, ref.name)


def _loops(
    graph: dict[str, list[tuple[str, tuple[str | int, ...]]]], relation: str
) -> Iterator[Problem]:
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
            for target, where in edges:
                if state.get(target) == 1:
                    yield Problem(
                        pointer=pointer(*where),
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
