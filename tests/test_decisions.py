"""Decisions in order, what stands, and where decision makers disagree (casefile.decisions)."""

from __future__ import annotations

from random import Random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casefile
from casefile import model
from casefile.dates import parse_when
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


def _whole_chains(index: casefile.Index, subject: str) -> list[Any]:
    """The decisions on a subject as first written: those naming it, then a walk along every
    link, either way, for each subject asked about."""
    from casefile.decisions import _follows, _named

    found = {r.id: r for r in _named(index, subject)}
    stack = list(found.values())
    while stack:
        record = stack.pop()
        following = (r.id for r in index.decisions_naming(record.id))
        for other in (*_follows(record), *index.superseded_by(record.id), *following):
            item = index.get(other)
            if other not in found and isinstance(item, model.Finding | model.Outcome):
                found[other] = item
                stack.append(item)
    return list(found.values())


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(casefiles(min_entities=1, max_entities=4))
def test_decisions_from_chains_ordered_once_are_those_of_a_walk_per_subject(
    generated: Generated,
) -> None:
    """Chains worked out once per index, each ordered once and merged where a subject touches
    several, give every subject the decisions and order that walking its chains and ordering
    them for that subject alone gives (loops included)."""
    from casefile.decisions import ordered

    case = generated.casefile
    index = casefile.Index(case)
    for record in (*case.investigations, *case.complaints, *case.allegations, *case.actors):
        walked = ordered(index, _whole_chains(index, record.id))
        assert [r.id for r in walked] == [d.id for d in index.decisions(record.id)]


def test_decisions_on_many_subjects_of_long_chains_order_each_chain_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three hundred subjects, each named by one decision of one of two chains of 1,000: each
    chain is ordered once, not once per subject (which took 6 s here instead of 0.1 s)."""
    from casefile import decisions

    calls: list[int] = []
    ordering = decisions._ordered

    def counted(index: casefile.Index, records: Any) -> Any:
        records = list(records)
        calls.append(len(records))
        return ordering(index, records)

    monkeypatch.setattr(decisions, "_ordered", counted)
    findings = [
        model.Finding(
            id=f"c{c}-f{i}",
            kind="upheld",
            summary=f"Decision {i} of chain {c}",
            about=(f"alg{i // 3}",) if i < 900 and i % 3 == 0 and (i // 3) % 2 == c else (),
            supersedes=(f"c{c}-f{i - 1}",) if i else (),
            attributions=("a",),
        )
        for c in range(2)
        for i in range(1000)
    ]
    allegations = tuple(
        model.Allegation(id=f"alg{i}", summary=f"Allegation {i}", attributions=("a",))
        for i in range(300)
    )
    case = model.Casefile(
        id="chains", title="Long chains", allegations=allegations, findings=tuple(findings)
    )
    index = casefile.Index(case)
    for allegation in allegations:
        assert 1000 == len(index.decisions(allegation.id))
    assert [1000, 1000] == calls


def test_chains_held_by_loops_merge_as_their_union_is_ordered() -> None:
    """Two chains, each with a loop of ``supersedes`` (which validation reports) and dated
    decisions around it, named by one allegation: the merge of the chains' own orders is the
    order of their union."""
    from casefile.decisions import _ordered, ordered

    def finding(id: str, date: str, supersedes: tuple[str, ...], about: tuple[str, ...] = ()):
        claim = model.Claim(id=f"{id}.date", value=parse_when(date), attributions=("a",))
        return model.Finding(
            id=id,
            kind="upheld",
            summary=id,
            about=about,
            supersedes=supersedes,
            date=(claim,),
            attributions=("a",),
        )

    findings = (
        finding("a1", "2020", ("a2",), about=("alg",)),
        finding("a2", "2018", ("a1",)),
        finding("a3", "2019", ("a2",)),
        finding("b1", "2017", ("b3",), about=("alg",)),
        finding("b2", "2014", ("b1",)),
        finding("b3", "2016", ("b1",)),
        finding("b4", "2015", ("b2",)),
    )
    allegation = model.Allegation(id="alg", summary="Allegation", attributions=("a",))
    case = model.Casefile(id="loops", title="Loops", allegations=(allegation,), findings=findings)
    index = casefile.Index(case)
    union = [f.id for f in ordered(index, findings)]
    assert union == [d.id for d in index.decisions("alg")]
    # Each chain alone places a decision before it is ready: the merge meets held chains.
    assert not all(_ordered(index, findings[:3])[1])
    assert not all(_ordered(index, findings[3:])[1])
