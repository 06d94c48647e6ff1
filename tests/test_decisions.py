"""Decisions in order, what stands, and where decision makers disagree (casefile.decisions)."""

from __future__ import annotations

from random import Random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casefile
from casefile import model
from casefile.strategies import Generated, casefiles

_QUOTE = model.Quote(document="doc", exact="x", start=0, end=1)


def _case() -> casefile.Casefile:
    """A board's recommendation replaced by a commissioner's decision, and two that differ."""
    actors = (
        model.Actor(id="board", kind=model.ActorKind.ORGANISATION, name="Example Board"),
        model.Actor(id="chief", kind=model.ActorKind.PERSON, name="Example Commissioner"),
        model.Actor(id="force", kind=model.ActorKind.ORGANISATION, name="Example Force"),
        model.Actor(id="officer", kind=model.ActorKind.PERSON, name="Officer A"),
    )
    allegation = model.Allegation(id="alg", summary="Force was used", attributions=("at",))
    recommended = model.Finding(
        id="f-recommended",
        kind="substantiated",
        summary="The board substantiated the allegation.",
        about=("alg",),
        concerning=("officer",),
        decided_by=("board",),
        stage="recommended",
        attributions=("at",),
    )
    final = model.Finding(
        id="f-final",
        kind="exonerated",
        summary="The commissioner exonerated the officer.",
        about=("alg",),
        concerning=("officer",),
        decided_by=("chief",),
        stage="decided",
        supersedes=("f-recommended",),
        attributions=("at",),
    )
    other = model.Finding(
        id="f-force",
        kind="unfounded",
        summary="The force found the allegation unfounded.",
        about=("alg",),
        decided_by=("force",),
        attributions=("at",),
    )
    penalty = model.Outcome(
        id="o-penalty",
        kind="suspension",
        summary="A suspension was recommended.",
        of=("f-recommended",),
        concerning=("officer",),
        stage="recommended",
        attributions=("at",),
    )
    attribution = model.Attribution(id="at", source="src", quote=_QUOTE)
    return model.Casefile(
        id="c",
        title="Decisions",
        actors=actors,
        allegations=(allegation,),
        # The final decision comes first in the file: order comes from supersedes, not place.
        findings=(final, recommended, other),
        outcomes=(penalty,),
        attributions=(attribution,),
    )


def test_a_decision_comes_after_the_one_it_supersedes() -> None:
    """The recommended finding is listed before the final one that replaces it."""
    ids = [d.id for d in casefile.Index(_case()).decisions("alg")]
    assert ids.index("f-recommended") < ids.index("f-final")


def test_only_decisions_nothing_replaces_stand() -> None:
    """The recommendation does not stand once replaced; the final decision does."""
    stands = {d.id: d.stands for d in casefile.Index(_case()).decisions("alg")}
    assert {"f-recommended": False, "f-final": True, "f-force": True} == {
        k: v for k, v in stands.items() if k.startswith("f-")
    }
    assert ("f-final",) == casefile.Index(_case()).superseded_by("f-recommended")


def test_a_replacement_with_another_kind_is_a_reversal() -> None:
    """Substantiated replaced by exonerated is reported as reversed, with who made each."""
    reversals = casefile.Index(_case()).reversals()
    assert [("f-recommended", "f-final", ("board",), ("chief",))] == [
        (r.earlier, r.later, r.earlier_by, r.later_by) for r in reversals if r.reason == "reversed"
    ]


def test_two_decision_makers_with_different_findings_differ() -> None:
    """The commissioner's exonerated and the force's unfounded, both standing, differ."""
    differ = [r for r in casefile.Index(_case()).reversals() if r.reason == "differs"]
    assert [({"f-final", "f-force"}, ("alg",))] == [
        ({r.earlier, r.later}, r.subjects) for r in differ
    ]


def test_decisions_on_an_officer_and_outcomes_concerning_them() -> None:
    """An actor's decisions and outcomes are those that concern them."""
    index = casefile.Index(_case())
    assert {"f-recommended", "f-final", "o-penalty"} == {d.id for d in index.decisions("officer")}
    assert ("o-penalty",) == tuple(o.id for o in index.outcomes("officer"))


def test_an_outcome_of_a_replaced_finding_is_in_the_chain() -> None:
    """Decisions on the allegation reach the penalty recommended on the replaced finding."""
    ids = [d.id for d in casefile.Index(_case()).decisions("alg")]
    assert "o-penalty" in ids


def _ordered_by_scanning(index: casefile.Index, records: list[Any]) -> list[Any]:
    """The order as first written: scan for the first ready decision at every step."""
    from casefile.decisions import _date_key, _follows

    pool = {r.id: r for r in records}
    remaining = sorted(pool.values(), key=lambda r: (_date_key(r), index.position(r.id)))
    placed: list[Any] = []
    done: set[str] = set()
    while remaining:
        ready = next(
            (
                i
                for i, r in enumerate(remaining)
                if all(s in done or s not in pool for s in _follows(r))
            ),
            0,
        )
        record = remaining.pop(ready)
        placed.append(record)
        done.add(record.id)
    return placed


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(casefiles(min_entities=1, max_entities=4), st.randoms(use_true_random=False))
def test_ordering_with_a_heap_is_the_ordering_by_scanning(
    generated: Generated, random: Random
) -> None:
    """Whatever decisions and links a casefile holds (loops too), and whichever subset is
    ordered, the heap gives the order that scanning for the first ready decision gives."""
    from casefile.decisions import ordered

    index = casefile.Index(generated.casefile)
    decisions = [*generated.casefile.findings, *generated.casefile.outcomes]
    chosen = [d for d in decisions if random.random() < 0.8]
    assert [d.id for d in _ordered_by_scanning(index, chosen)] == [
        d.id for d in ordered(index, chosen)
    ]


def test_a_long_chain_is_ordered_in_linear_time() -> None:
    """Two thousand decisions, each superseding the one before, given in reverse: placed in
    chain order (the scanning order took seconds here; the heap takes milliseconds)."""
    from casefile.decisions import ordered

    chain = [
        model.Finding(
            id=f"f{i}",
            kind="upheld",
            summary=f"Decision {i}",
            supersedes=(f"f{i - 1}",) if i else (),
            attributions=("a",),
        )
        for i in range(2000)
    ]
    case = model.Casefile(id="chain", title="A long chain", findings=tuple(chain))
    index = casefile.Index(case)
    assert [f.id for f in chain] == [f.id for f in ordered(index, list(reversed(chain)))]
