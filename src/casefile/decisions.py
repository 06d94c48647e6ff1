"""Decisions in order: who decided what, at which stage, what replaced what, and what stands.

A *decision* is a finding (a determination) or an outcome (a consequence). Each may say who
made it (``decided_by``), at which stage (``stage``) and which decisions it replaces
(``supersedes``), so the path from a recommendation to a final decision, or from a hearing to
an appeal, is data. Three rules read it:

- **Order.** A decision comes after every decision it supersedes or follows from: an outcome
  after the findings and outcomes it is ``of`` (a penalty after the verdict it follows), a
  finding after the decisions it is ``about`` (a hearing's finding after the case to answer it
  decides). Otherwise by the first date stated for it, then by its place in the casefile.
- **Whole chains.** The decisions on a subject are those naming it and every decision linked to
  them, either way, by ``supersedes``, ``of`` or ``about``, so a chain is whole whichever of
  its decisions names the subject.
- **What stands.** A decision stands unless another supersedes it or its stage is
  ``overturned``, ``set_aside`` or ``withdrawn``.

Where decisions disagree (``Index.reversals``): a decision that supersedes one of the same sort
(finding or outcome) with a different kind *reverses* it (a recommended ``sustained`` replaced
by a final ``exonerated``); two standing findings on the same subject by different decision
makers, neither replacing the other, with different kinds, *differ* (a watchdog upheld what a
force did not).
"""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import model
from .answers import Decision, Reversal
from .dates import when_sort_key

if TYPE_CHECKING:
    from .query import Index

__all__ = ["decisions", "reversals"]

#: Stages at which a decision no longer stands, even if nothing replaces it.
FALLEN = frozenset({"overturned", "set_aside", "withdrawn"})

Record = model.Finding | model.Outcome


def _date_key(record: Record) -> tuple[Any, ...]:
    if record.date:
        return (0, when_sort_key(record.date[0].value))
    return (1,)


def _follows(record: Record) -> tuple[str, ...]:
    """The ids a decision comes after: what it supersedes, and what it follows from."""
    basis = record.of if isinstance(record, model.Outcome) else record.about
    return (*record.supersedes, *basis)


def ordered(index: Index, records: Iterable[Record]) -> list[Record]:
    """The decisions, each after those it follows, else by date, then casefile order.

    At each step the first decision (by date, then casefile order) whose predecessors among
    ``records`` are all placed comes next; where none is ready (a loop of ``supersedes``, which
    validation reports, or of ``about``), the first not yet placed does. A heap of the ready
    ones makes this linear in the chains' links rather than quadratic in their length.
    """
    return _ordered(index, records)[0]


def _ordered(index: Index, records: Iterable[Record]) -> tuple[list[Record], list[bool]]:
    """``ordered``, and for each decision placed whether it was ready (every predecessor
    placed) or placed because none was (a loop)."""
    was_ready: list[bool] = []
    pool = {r.id: r for r in records}
    order = sorted(pool.values(), key=lambda r: (_date_key(r), index.position(r.id)))
    rank = {record.id: i for i, record in enumerate(order)}
    waiting: dict[str, set[str]] = {}
    dependents: dict[str, list[str]] = {}
    for record in order:
        before = {s for s in _follows(record) if s in pool}
        waiting[record.id] = before
        for earlier in before:
            dependents.setdefault(earlier, []).append(record.id)
    ready = [rank[id] for id, before in waiting.items() if not before]
    heapq.heapify(ready)
    placed: list[Record] = []
    done: set[str] = set()
    first = 0  # the first record in order not yet placed, for a loop
    while len(placed) < len(order):
        if ready:
            record = order[heapq.heappop(ready)]
            if record.id in done:
                continue
            was_ready.append(True)
        else:
            while order[first].id in done:
                first += 1
            record = order[first]
            was_ready.append(False)
        placed.append(record)
        done.add(record.id)
        for later in dependents.get(record.id, ()):
            before = waiting[later]
            before.discard(record.id)
            if not before and later not in done:
                heapq.heappush(ready, rank[later])
    return placed, was_ready


class _Chains:
    """The decisions of one casefile grouped into chains, worked out once per index.

    A chain is a connected group of decisions, linked either way by ``supersedes``, ``of`` or
    ``about``: exactly what "whole chains" makes of the decisions on any subject that touches
    one of them. Asking for the decisions on every subject of a casefile then orders each
    chain once, rather than walking and sorting a long chain again for each subject on it.
    """

    def __init__(self, index: Index) -> None:
        records: list[Record] = [*index.casefile.findings, *index.casefile.outcomes]
        parent = {record.id: record.id for record in records}

        def root(id: str) -> str:
            while parent[id] != id:
                parent[id] = parent[parent[id]]
                id = parent[id]
            return id

        for record in records:
            following = (r.id for r in index.decisions_naming(record.id))
            for other in (*_follows(record), *following):
                if other in parent:
                    a, b = root(record.id), root(other)
                    if a != b:
                        parent[b] = a
        self.chain = {record.id: root(record.id) for record in records}
        self.members: dict[str, list[Record]] = {}
        for record in records:
            self.members.setdefault(self.chain[record.id], []).append(record)
        self.ordered: dict[frozenset[str], tuple[Decision, ...]] = {}
        self._index = index
        # Each chain's own order, whether each decision in it was ready when placed, and
        # each one's merge key: worked out once, then shared by every subject on the chain.
        self._alone: dict[str, _Order] = {}

    def decisions(self, touched: frozenset[str]) -> tuple[Decision, ...]:
        """The decisions of some chains, in order, each chain ordered once.

        Chains share no links, so ordering their union places each chain's decisions in the
        order they have alone: what is ready in one chain does not depend on the others. At
        each step ``ordered`` takes the first ready decision of any chain, which is the next
        of its chain's own order; where no chain has one ready (each is held by a loop, which
        validation reports), the first not yet placed, which is the next of its chain's order
        too. So the union is a merge of the chains' orders (``_merge``).
        """
        found = self.ordered.get(touched)
        if found is not None:
            return found
        alone = [self._order(chain) for chain in touched]
        found = self.ordered[touched] = tuple(alone[0][0] if len(alone) == 1 else _merge(alone))
        return found

    def _order(self, chain: str) -> _Order:
        """One chain's decisions in order, with whether each was ready and its merge key."""
        order = self._alone.get(chain)
        if order is None:
            index = self._index
            placed, was_ready = _ordered(index, self.members[chain])
            order = self._alone[chain] = (
                [_decision(index, record) for record in placed],
                was_ready,
                [(_date_key(record), index.position(record.id)) for record in placed],
            )
        return order


#: A chain's decisions in order, whether each was ready when placed, and the key each is
#: merged by: its date, then its place in the casefile.
_Order = tuple[list[Decision], list[bool], list[tuple[Any, ...]]]


def _merge(orders: list[_Order]) -> list[Decision]:
    """The chains' orders merged as ``ordered`` would order their union: at each step the
    first (by date, then casefile order) of the chains' next decisions that were ready when
    placed alone; if there is none, the first of the chains' next decisions."""
    ready: list[tuple[tuple[Any, ...], int, int]] = []
    held: list[tuple[tuple[Any, ...], int, int]] = []
    push, pop = heapq.heappush, heapq.heappop
    for i, (sequence, was_ready, keys) in enumerate(orders):
        if sequence:
            push(ready if was_ready[0] else held, (keys[0], i, 0))
    merged: list[Decision] = []
    while ready or held:
        _, i, at = pop(ready if ready else held)
        sequence, was_ready, keys = orders[i]
        merged.append(sequence[at])
        at += 1
        if at < len(sequence):
            push(ready if was_ready[at] else held, (keys[at], i, at))
    return merged


_chains: weakref.WeakKeyDictionary[Index, _Chains] = weakref.WeakKeyDictionary()


def _chains_of(index: Index) -> _Chains:
    chains = _chains.get(index)
    if chains is None:
        chains = _chains[index] = _Chains(index)
    return chains


def _named(index: Index, subject: str) -> list[Record]:
    """The decisions that name ``subject`` (or, for an investigation, are its own; for a
    complaint, name its allegations)."""
    kind = index.kind(subject)
    found: dict[str, Record] = {}
    if kind == "investigation":
        found.update((f.id, f) for f in index.findings(subject))
        found.update((o.id, o) for o in index.outcomes(subject))
    subjects = {subject}
    if kind == "complaint":
        subjects.update(a.id for a in index.allegations(complaint=subject))
    for target in subjects:
        for record in index.decisions_naming(target):
            found.setdefault(record.id, record)
    return list(found.values())


def decisions(index: Index, subject: str) -> tuple[Decision, ...]:
    """The decisions on ``subject`` in order, with who made each and whether it stands."""
    chains = _chains_of(index)
    return chains.decisions(frozenset(chains.chain[r.id] for r in _named(index, subject)))


def _decision(index: Index, record: Record) -> Decision:
    replaced_by = index.superseded_by(record.id)
    return Decision(
        id=record.id,
        sort="finding" if isinstance(record, model.Finding) else "outcome",
        kind=record.kind,
        summary=record.summary,
        decided_by=record.decided_by,
        stage=record.stage,
        date=str(record.date[0].value) if record.date else None,
        supersedes=record.supersedes,
        superseded_by=replaced_by,
        stands=not replaced_by and record.stage not in FALLEN,
    )


def reversals(index: Index, records: Sequence[Record]) -> tuple[Reversal, ...]:
    """Where a later decision reverses an earlier one, or two decision makers differ."""
    found: list[Reversal] = []
    for record in records:
        for earlier_id in record.supersedes:
            earlier = index.get(earlier_id)
            if type(earlier) is type(record) and earlier.kind != record.kind:
                found.append(
                    Reversal(
                        earlier=earlier_id,
                        later=record.id,
                        subjects=_subjects(earlier) or _subjects(record),
                        reason="reversed",
                        earlier_by=earlier.decided_by,
                        later_by=record.decided_by,
                    )
                )
    by_subject: dict[str, list[model.Finding]] = {}
    for record in records:
        if isinstance(record, model.Finding) and record.decided_by:
            if index.superseded_by(record.id) or record.stage in FALLEN:
                continue
            for subject in record.about:
                by_subject.setdefault(subject, []).append(record)
    seen: set[tuple[str, str]] = set()
    for subject, group in by_subject.items():
        for i, left in enumerate(group):
            for right in group[i + 1 :]:
                if (
                    left.kind != right.kind
                    and set(left.decided_by).isdisjoint(right.decided_by)
                    and (left.id, right.id) not in seen
                ):
                    seen.add((left.id, right.id))
                    found.append(
                        Reversal(
                            earlier=left.id,
                            later=right.id,
                            subjects=(subject,),
                            reason="differs",
                            earlier_by=left.decided_by,
                            later_by=right.decided_by,
                        )
                    )
    return tuple(found)


def _subjects(record: Record) -> tuple[str, ...]:
    return record.about if isinstance(record, model.Finding) else record.of
