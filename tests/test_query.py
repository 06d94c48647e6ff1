"""Tests for the query layer: real answers on the reference casefile, invariants on generated ones."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import casefile
from casefile import model
from casefile.dates import PartialDate, Period, when_sort_key
from casefile.plan import collections, plan
from casefile.query import WITHIN, compatible
from casefile.strategies import Generated, casefiles

# ---------------------------------------------------------------- the reference casefile


def test_reference_conflicts(index: casefile.Index) -> None:
    """The reference casefile's conflicts of values, with both sides and their sources; the
    upholding "by 2021" is inferred, so it conflicts with nothing."""
    found = [
        (c.subject, c.property, c.left.value, c.left.sources, c.right.value, c.right.sources)
        for c in index.conflicts()
        if c.property not in ("holds", "answers")
    ]
    assert [
        (
            "op-amazon",
            "period_examined",
            "1999/2011",
            ("src-national-pulse", "src-gbnews"),
            "1997/2013",
            ("src-national-pulse",),
        ),
        (
            "op-amazon",
            "milestones:published",
            "2022",
            ("src-iopc-statement",),
            "2025-09-19",
            ("src-003",),
        ),
        (
            "op-linden",
            "figure:investigations",
            "93 strands",
            ("src-gbnews",),
            "91 investigations",
            ("src-daily-sceptic",),
        ),
    ] == found


def test_reference_propositions_are_each_affirmed_and_denied(index: casefile.Index) -> None:
    """Each of the reference casefile's 15 propositions is one conflict, affirmed against
    denied; senior officers' being investigated is affirmed by the IOPC and doc-003 and denied
    by The Times (via the Daily Sceptic)."""
    propositions = [p.id for p in index.casefile.propositions]
    assert 15 == len(propositions)
    holds = [c for c in index.conflicts() if c.property == "holds"]
    assert propositions == [c.subject for c in holds]
    assert all(("affirmed", "denied") == (c.left.value, c.right.value) for c in holds)
    (senior,) = index.conflicts("prop.senior-officers-investigated")
    assert ("src-003", "src-iopc-statement") == senior.left.sources
    assert ("src-daily-sceptic",) == senior.right.sources


def test_reference_questions_are_accounts_that_may_both_hold(index: casefile.Index) -> None:
    """Each of the reference casefile's six questions has answers from different sources that
    differ, and every conflict between them is marked not exclusive; no other conflict is."""
    questions = [q.id for q in index.casefile.questions]
    assert 6 == len(questions)
    accounts = [c for c in index.conflicts() if not c.exclusive]
    assert questions == list(dict.fromkeys(c.subject for c in accounts))
    assert {"answers"} == {c.property for c in accounts}
    assert all(c.exclusive for c in index.conflicts() if c.property != "answers")
    # Three accounts of why the summary was published: every pair of them.
    why = index.conflicts("q.why-summary-published")
    assert 3 == len(why)
    assert {("src-iopc-statement",), ("src-gbnews",), ("src-003",)} == {
        side.sources for c in why for side in (c.left, c.right)
    }


def test_precision_differences_are_not_conflicts(index: casefile.Index) -> None:
    """2025 and 2025-09-19, 14 years and more than 10 years: compatible, so not conflicts."""
    assert () == index.conflicts("amazon.perpetrators-continued")
    assert all("updated" not in c.property for c in index.conflicts("op-amazon"))


def test_investigations_within_linden(index: casefile.Index) -> None:
    """Operation Amazon is within Operation Linden."""
    assert ("op-amazon",) == index.within("op-linden")
    assert () == index.within("op-amazon")


def test_findings_of_linden_include_those_within(index: casefile.Index) -> None:
    """Findings of Linden include Amazon's unless asked for Linden's own only."""
    everything = {f.investigation for f in index.findings("op-linden")}
    direct = {f.investigation for f in index.findings("op-linden", within=False)}
    assert ({"op-linden", "op-amazon"}, {"op-linden"}) == (everything, direct)


def test_decisions_on_the_complaint(index: casefile.Index) -> None:
    """The decision on the complaint is a finding that it was upheld, by the IOPC, standing."""
    decisions = index.decisions("complaint-2017")
    assert [("out.complaint-upheld", "finding", "upheld", ("iopc",), True)] == [
        (d.id, d.sort, d.kind, d.decided_by, d.stands) for d in decisions
    ]
    assert () == index.outcomes("complaint-2017")


# ---------------------------------------------------------------- decisions in proceedings


def test_decisions_come_after_what_they_follow_from(watchdog: casefile.Casefile) -> None:
    """An outcome comes after the decision it is ``of``: the referral, the only dated decision
    of its case, would otherwise come first, before the finding it followed."""
    index = casefile.Index(watchdog)
    decisions = [d.id for d in index.decisions("wd-2021-014")]
    assert "2022-10-21" == str(index.get("quennet.referral").date[0].value)
    assert ["quennet.cta", "quennet.referral"] == decisions[:2]
    assert decisions.index("quennet.proven") < decisions.index("quennet.dismissal")
    assert decisions.index("quennet.dismissal") < decisions.index("quennet.barred")


def test_decisions_on_a_subject_take_in_what_follows_from_them(
    watchdog: casefile.Casefile,
) -> None:
    """The decisions on an allegation include the hearing's finding about the case to answer,
    and the appeal and sanctions after it, though none of those names the allegation."""
    index = casefile.Index(watchdog)
    assert [
        "ingrith.cta",
        "ingrith.proven",
        "ingrith.not-proven",
        "ingrith.dismissal",
        "ingrith.reinstated",
    ] == [d.id for d in index.decisions("ingrith.phone")]


def test_outcomes_of_an_investigation_include_those_of_its_complaints_allegations(
    watchdog: casefile.Casefile,
) -> None:
    """An outcome of an allegation in a complaint an investigation dealt with is an outcome of
    the investigation, as it is of the complaint."""
    apology = model.Outcome(
        id="ingrith.apology",
        kind="apology",
        summary="An apology was made.",
        of=("ingrith.phone",),
        attributions=("at-31-complaint",),
    )
    index = casefile.Index(attrs.evolve(watchdog, outcomes=(*watchdog.outcomes, apology)))
    assert "ingrith.apology" in {o.id for o in index.outcomes("complaint-2022-031")}
    assert "ingrith.apology" in {o.id for o in index.outcomes("wd-2022-031")}
    assert "ingrith.apology" not in {o.id for o in index.outcomes("wd-2021-014")}


def test_evidence_counts_one_line_per_chain_root(index: casefile.Index) -> None:
    """The IOPC summary's words, quoted by three outlets, are one line, whatever carries them."""
    evidence = index.evidence("op-amazon")
    summary = next(line for line in evidence.lines if line.root == "src-iopc-amazon-summary")
    sources = {index.get(a).source for a in summary.attributions}
    assert {"src-expose", "src-national-pulse", "src-gbnews", "src-003"} == sources
    assert 6 == evidence.independent


def test_the_systemic_failure_finding_rests_on_one_line(index: casefile.Index) -> None:
    """Four outlets' reports of "systemic organisational failure" all come from the summary:
    The Expose's introduction declares it, so the walk does not stop at the IOPC statement."""
    evidence = index.evidence("amazon.systemic-failure")
    assert [("src-iopc-amazon-summary", 4)] == [
        (line.root, len(line.attributions)) for line in evidence.lines
    ]


def test_relayed_words_count_from_the_relayer(index: casefile.Index) -> None:
    """The whistleblower's words relayed by The Times are The Times' line, not the Daily
    Sceptic's: no dismissal rests on two lines, doc-003's and The Times'."""
    assert "src-times" == index.line_root(index.get("at-ds-whistleblower-lede"))
    evidence = index.evidence("out.linden.no-dismissal")
    assert ["src-003", "src-times"] == sorted(line.root for line in evidence.lines)


def test_an_attribution_counts_from_the_upstream_it_declares(index: casefile.Index) -> None:
    """What the IOPC said of Operation Linden in 2022 is traced to the 2022 report it declares,
    not to the 2025 summary that its source quotes elsewhere."""
    assert "src-linden-report" == index.line_root(index.get("at-003-corruption"))


def test_the_same_article_in_two_pages_is_one_line(index: casefile.Index) -> None:
    """Jayne Senior's words in The National Pulse and in its copy on The Exposé are one line."""
    words = "This report is the only report throughout all of Rotherham"
    attributions = [
        a for a in index.said(speaker="jayne-senior") if a.quote.exact.startswith(words)
    ]
    roots = {
        index.line_root(a) for a in attributions if a.source in ("src-national-pulse", "src-expose")
    }
    assert 1 == len(roots)


def test_disputes_of_the_decision(index: casefile.Index) -> None:
    """The force's disagreement with the decision is a dispute with the decision's support."""
    disputes = index.disputes("out.complaint-upheld")
    assert {
        "at-gb-syp-disagreed-2021",
        "at-gb-spokes-disagreed-amazon",
        "at-003-spokes-disagreed-amazon",
    } == {d.attribution.id for d in disputes}
    assert all(d.supporting for d in disputes)


def test_timeline_is_in_documented_order(index: casefile.Index) -> None:
    """Sorted throughout, from the periods that begin in 1997: the inferred "by 2021", whose
    start is open, is not on the timeline."""
    timeline = index.timeline()
    keys = [when_sort_key(e.when) for e in timeline]
    assert keys == sorted(keys)
    assert "1997/2013" == str(timeline[0].when)
    assert "../2021" not in {str(e.when) for e in timeline}


def test_timeline_filters(index: casefile.Index) -> None:
    """Filtering by interval and kind keeps only matching items."""
    entries = index.timeline(start=casefile.PartialDate(2025), kinds=["source"])
    assert entries and all(e.kind == "source" for e in entries)
    assert all(str(e.when).startswith("2025") for e in entries)


def test_said_by_speaker_and_source(index: casefile.Index) -> None:
    """Attributions by the force's spokesperson in GB News."""
    found = index.said(speaker="syp-spokesperson", source="src-gbnews")
    assert found and all((a.speaker, a.source) == ("syp-spokesperson", "src-gbnews") for a in found)


def test_search_is_case_insensitive_over_quotes_and_summaries(index: casefile.Index) -> None:
    """'SYSTEMIC ORGANISATIONAL' finds the finding and the quotes."""
    kinds = {m.kind for m in index.search("SYSTEMIC ORGANISATIONAL")}
    assert {"finding", "attribution"} <= kinds


def test_unknown_id_suggests_close_matches(index: casefile.Index) -> None:
    """A misspelt id raises UnknownId naming the closest ids."""
    with pytest.raises(casefile.UnknownId, match="did you mean 'op-linden'"):
        index.within("op-lindn")


@pytest.mark.parametrize(
    ("ask", "given", "accepted"),
    [
        (
            lambda i: i.outcomes("at-gb-spokes-93"),
            "an attribution",
            "an allegation, complaint, investigation, finding, outcome or actor",
        ),
        (lambda i: i.findings("sarah-champion"), "an actor", "an investigation"),
        (lambda i: i.within("out.linden.no-dismissal"), "an outcome", "an investigation"),
        (lambda i: i.complaints_of("src-gbnews"), "a source", "an investigation"),
        (lambda i: i.said(speaker="src-gbnews"), "a source", "an actor"),
        (lambda i: i.said(source="sarah-champion"), "an actor", "a source"),
        (lambda i: i.owner("op-amazon"), "an investigation", "a claim"),
        (lambda i: i.figures("at-gb-spokes-93"), "an attribution", "an actor, source"),
        (lambda i: i.conflicts("op-amazon.period.1999-2011"), "a claim", "an actor, source"),
    ],
)
def test_an_id_of_the_wrong_kind_names_the_kinds_accepted(
    index: casefile.Index, ask: Any, given: str, accepted: str
) -> None:
    """An id the casefile holds, of a kind the question does not take, raises WrongKind.

    Never an empty answer: ``outcomes`` of an actor used to return nothing. The message says
    what the id is and which kinds are taken (from the model's references, where it has them);
    WrongKind is an UnknownId, so code that catches that keeps working.
    """
    with pytest.raises(casefile.WrongKind) as raised:
        ask(index)
    message = str(raised.value)
    assert f"is {given}; expected the id of {accepted}" in message, message
    assert isinstance(raised.value, casefile.UnknownId)
    assert raised.value.actual == given.split()[-1]


def test_outcomes_take_the_kinds_the_model_says_outcomes_are_of(index: casefile.Index) -> None:
    """The kinds ``outcomes`` accepts are those of ``Outcome.of``'s references (and actors, whom
    outcomes concern), not a list here."""
    with pytest.raises(casefile.WrongKind) as raised:
        index.outcomes("at-gb-spokes-93")
    assert (*plan(model.Outcome).field("of").kinds, "actor") == raised.value.expected


def test_actors_by_role(index: casefile.Index) -> None:
    """The whistleblowers by role."""
    assert {"jayne-senior", "angie-heal"} <= {a.id for a in index.actors(role="whistleblower")}


# ---------------------------------------------------------------- properties


def _dated_items(cf: model.Casefile) -> list[str]:
    """The id of every record holding a date in a field of its own, once per date, found by
    attrs alone (not through the field plan the timeline uses); inferred values are not."""
    items: list[str] = []
    stack: list[Any] = [cf]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):
            stack.extend(node)
            continue
        if not attrs.has(type(node)) or isinstance(node, PartialDate | Period):
            continue
        for field in attrs.fields(type(node)):
            value = getattr(node, field.name)
            if isinstance(value, PartialDate | Period) and node is not cf:
                if getattr(node, "inferred", None) is None:
                    items.append(node.id)
            else:
                stack.append(value)
    return items


@given(casefiles())
def test_timeline_is_sorted_and_holds_each_dated_item_once(generated: Generated) -> None:
    """Every dated item appears exactly once, in date order; an inferred one not at all."""
    timeline = casefile.Index(generated.casefile).timeline()
    assert Counter(_dated_items(generated.casefile)) == Counter(e.item for e in timeline)
    keys = [when_sort_key(e.when) for e in timeline]
    assert keys == sorted(keys)


@given(casefiles())
def test_findings_of_an_investigation_belong_to_it_or_within(generated: Generated) -> None:
    """Each finding returned is the investigation's or that of one transitively part of it."""
    cf = generated.casefile
    index = casefile.Index(cf)
    parents = {
        i.id: {link.value for link in i.links if link.relation in WITHIN} for i in cf.investigations
    }

    def inside(child: str, ancestor: str) -> bool:
        seen, stack = set(), [child]
        while stack:
            node = stack.pop()
            if node == ancestor:
                return True
            if node not in seen:
                seen.add(node)
                stack.extend(parents.get(node, ()))
        return False

    for inv in cf.investigations:
        for finding in index.findings(inv.id):
            assert inside(finding.investigation, inv.id)


def _targets(cf: model.Casefile) -> list[str]:
    return [x.id for x in (*cf.findings, *cf.outcomes, *cf.figures, *cf.investigations)]


@given(casefiles())
def test_independent_lines_never_exceed_sources(generated: Generated) -> None:
    """For every entity, the independent count is at most the number of sources."""
    index = casefile.Index(generated.casefile)
    for target in _targets(generated.casefile):
        evidence = index.evidence(target)
        assert evidence.independent <= len(evidence.sources)


@given(casefiles(), st.data())
def test_pure_republication_never_raises_the_count(
    generated: Generated, data: st.DataObject
) -> None:
    """Republishing a source, with copies of its attributions, adds no independent line."""
    cf = generated.casefile
    findings = [f for f in cf.findings]
    if not findings:
        return
    finding = data.draw(st.sampled_from(findings))
    before = casefile.Index(cf).evidence(finding.id).independent
    by_id = {a.id: a for a in cf.attributions}
    new_sources, new_documents, copies = [], [], []
    for n, attribution_id in enumerate(finding.attributions):
        original = by_id[attribution_id]
        copy_source = model.Source(
            id=f"republisher-{n}",
            kind="republication",
            derived_from=(model.Derivation(source=original.source, relation="republishes"),),
        )
        document = next(d for d in cf.documents if d.id == original.quote.document)
        new_documents.append(attrs.evolve(document, id=f"copy-doc-{n}", sources=(copy_source.id,)))
        new_sources.append(copy_source)
        copies.append(
            attrs.evolve(
                original,
                id=f"copy-{n}",
                source=copy_source.id,
                quote=attrs.evolve(original.quote, document=f"copy-doc-{n}"),
            )
        )
    republished = attrs.evolve(
        finding, attributions=finding.attributions + tuple(c.id for c in copies)
    )
    cf = attrs.evolve(
        cf,
        sources=cf.sources + tuple(new_sources),
        documents=cf.documents + tuple(new_documents),
        attributions=cf.attributions + tuple(copies),
        findings=tuple(republished if f.id == finding.id else f for f in cf.findings),
    )
    assert [] == casefile.validate(cf)
    assert before == casefile.Index(cf).evidence(finding.id).independent


def _reversed_claims(cf: model.Casefile) -> model.Casefile:
    """The casefile with every list of stated values (claims, milestones, links, roles) and the
    figures in reverse order, whatever fields the model has."""
    changes: dict[str, tuple[Any, ...]] = {}
    for name in collections():
        entities = []
        for entity in getattr(cf, name):
            fields = plan(type(entity)).records
            stated = {
                f.name: getattr(entity, f.name)[::-1]
                for f in fields
                if f.many and f.record is not None and f.record.kind == "claim"
            }
            entities.append(attrs.evolve(entity, **stated))
        changes[name] = tuple(entities)
    changes["figures"] = changes["figures"][::-1]
    return attrs.evolve(cf, **changes)


@given(casefiles())
def test_conflicts_are_symmetric_and_their_sides_differ(generated: Generated) -> None:
    """Reversing the order of claims gives the same conflicts mirrored; each side really differs."""
    cf = generated.casefile
    conflicts = casefile.Index(cf).conflicts()
    index = casefile.Index(cf)
    for conflict in conflicts:
        left, right = index.get(conflict.left.item), index.get(conflict.right.item)
        assert not compatible(left.value, right.value)
        assert not compatible(right.value, left.value)
        assert conflict == conflict.swapped().swapped()
    mirrored = casefile.Index(_reversed_claims(cf)).conflicts()
    assert {(c.subject, c.property, c.left.item, c.right.item) for c in conflicts} == {
        (c.subject, c.property, c.right.item, c.left.item) for c in mirrored
    }


@given(casefiles())
def test_results_are_the_same_in_memory_and_loaded_from_json(generated: Generated) -> None:
    """An index of the casefile and of its JSON round trip answer alike."""
    cf = generated.casefile
    a, b = casefile.Index(cf), casefile.Index(casefile.loads(casefile.dumps(cf)))
    assert a.timeline() == b.timeline()
    assert a.conflicts() == b.conflicts()
    assert a.disputes() == b.disputes()
    assert [a.evidence(t) for t in _targets(cf)] == [b.evidence(t) for t in _targets(cf)]
    assert a.search("a") == b.search("a")


def test_what_the_force_said_includes_its_spokesperson(index: casefile.Index) -> None:
    """A speaker includes those whose role speaks for it, unless asked not to."""
    everything = {a.speaker for a in index.said(speaker="syp")}
    assert {"syp", "syp-spokesperson"} == everything
    assert {"syp"} == {a.speaker for a in index.said(speaker="syp", speaking_for=False)}
    assert ("syp", "syp-spokesperson") == index.speaking_for("syp")


def test_an_official_statement_speaks_for_its_publisher(index: casefile.Index) -> None:
    """The IOPC statement's own words (no speaker) count as said by the IOPC."""
    own_voice = [a for a in index.said(speaker="iopc") if a.speaker is None]
    assert own_voice and {"src-iopc-statement"} == {a.source for a in own_voice}
    assert not [a for a in index.said(speaker="iopc", speaking_for=False) if a.speaker is None]


def test_who_relayed_what(index: casefile.Index) -> None:
    """Relayers are indexed: The Times passed on the whistleblower's words."""
    relayed = index.said(relayed_by="the-times")
    assert relayed and all("the-times" in a.relayed_by for a in relayed)
    assert "at-ds-whistleblower-lede" in {a.id for a in relayed}


def test_statements_resting_only_on_unnamed_people(index: casefile.Index) -> None:
    """Each item listed is supported only by people the sources do not name."""
    items = index.resting_on_unnamed()
    assert items
    for item in items:
        speakers = {index.get(a.speaker).kind for a in index.evidence(item).supporting}
        assert speakers <= {casefile.ActorKind.UNNAMED_PERSON, casefile.ActorKind.GROUP}
    assert all(
        index.get(a.speaker).kind in (casefile.ActorKind.UNNAMED_PERSON, casefile.ActorKind.GROUP)
        for a in index.said(unnamed_only=True)
    )
