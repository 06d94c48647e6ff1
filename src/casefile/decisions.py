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
        else:
            while order[first].id in done:
                first += 1
            record = order[first]
        placed.append(record)
        done.add(record.id)
        for later in dependents.get(record.id, ()):
            before = waiting[later]
            before.discard(record.id)
            if not before and later not in done:
                heapq.heappush(ready, rank[later])
    return placed


def _related(index: Index, subject: str) -> list[Record]:
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
    # Follow the links both ways, so a chain is whole whichever link names the subject.
    stack = list(found.values())
    while stack:
        record = stack.pop()
        following = (r.id for r in index.decisions_naming(record.id))
        linked = [*_follows(record), *index.superseded_by(record.id), *following]
        for other in linked:
            item = index.get(other)
            if other not in found and isinstance(item, model.Finding | model.Outcome):
                found[other] = item
                stack.append(item)
    return list(found.values())


def decisions(index: Index, subject: str) -> tuple[Decision, ...]:
    """The decisions on ``subject`` in order, with who made each and whether it stands."""
    records = ordered(index, _related(index, subject))
    return tuple(_decision(index, record) for record in records)


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
