"""Tests for the reference casefile: its seeds, its build, and the facts it must hold."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import casefile
from casefile.building import read_extraction
from casefile.reference import reference_text

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
PACKAGED = ROOT / "src" / "casefile" / "data" / "reference"


def _manifest() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split("  ") for line in lines)}


def test_seeds_match_their_manifest() -> None:
    """Each seed's SHA-256 is the one pinned in seeds/SHA256SUMS, and there are five."""
    manifest = _manifest()
    assert 5 == len(manifest)
    actual = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.glob("*.txt")}
    assert manifest == actual


def test_packaged_documents_are_the_seeds() -> None:
    """The documents shipped in the package are byte for byte the seeds."""
    packaged = {p.name: p.read_bytes() for p in (PACKAGED / "documents").glob("*.txt")}
    assert {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")} == packaged


def test_committed_reference_is_a_fresh_build() -> None:
    """The shipped casefile equals a build from seeds/extraction.yaml, byte for byte."""
    built = casefile.build(read_extraction(SEEDS / "extraction.yaml"), SEEDS)
    assert casefile.dumps(built) == reference_text()


def test_reference_validates_in_both_layers_with_its_documents() -> None:
    """Shape and integrity, with each digest and quote re-verified against the shipped seeds."""
    assert [] == casefile.validate(reference_text(), documents=PACKAGED / "documents")


def test_every_seed_is_cited(case: casefile.Casefile) -> None:
    """Each seed document holds the quote of at least one attribution."""
    cited = {a.quote.document for a in case.attributions}
    assert {d.id for d in case.documents} == cited
    assert sorted(_manifest()) == sorted(d.path for d in case.documents)


def _figure(case: casefile.Casefile, index: casefile.Index, figure_id: str) -> tuple[Any, ...]:
    figure = index.get(figure_id)
    who = sorted({(index.get(a).source, index.get(a).speaker) for a in figure.attributions})
    return (figure.subject, figure.measure, figure.value.value, figure.value.unit, who)


@pytest.mark.parametrize(
    ("figure_id", "expected"),
    [
        (
            "fig.linden.strands-93",
            ("op-linden", "investigations", 93, "strands", [("src-gbnews", "syp-spokesperson")]),
        ),
        (
            "fig.linden.investigations-91",
            (
                "op-linden",
                "investigations",
                91,
                "investigations",
                [("src-daily-sceptic", "the-times")],
            ),
        ),
        (
            "fig.linden.allegations",
            ("op-linden", "allegations", 265, "allegations", [("src-daily-sceptic", "the-times")]),
        ),
        (
            "fig.linden.complainants",
            ("op-linden", "complainants", 51, "complainants", [("src-daily-sceptic", "the-times")]),
        ),
        (
            "fig.linden.officers-examined",
            (
                "op-linden",
                "officers_examined",
                47,
                "officers",
                [("src-daily-sceptic", "the-times")],
            ),
        ),
        ("fig.linden.cost", ("op-linden", "cost", 6000000, "GBP", [("src-003", None)])),
        ("fig.linden.duration", ("op-linden", "duration", 7, "years", [("src-003", None)])),
        ("fig.jay.victims", ("jay-report", "victims", 1400, "girls", [("src-003", None)])),
    ],
)
def test_figures_and_who_stated_them(
    case: casefile.Casefile, index: casefile.Index, figure_id: str, expected: tuple[Any, ...]
) -> None:
    """Each figure keeps its value, unit, and the source and speaker that state it."""
    assert expected == _figure(case, index, figure_id)


def test_cost_keeps_the_sources_phrase(index: casefile.Index) -> None:
    """£6m is kept as written beside its value."""
    assert "£6m" == index.get("fig.linden.cost").phrase


@pytest.mark.parametrize(
    ("outcome_id", "counts"),
    [
        ("out.linden.case-to-answer", [(14, "src-003")]),
        ("out.linden.case-to-answer-misconduct", [(8, "src-daily-sceptic")]),
        ("out.linden.case-to-answer-gross-misconduct", [(6, "src-daily-sceptic")]),
        ("out.linden.retired-before-hearing", [(7, "src-003")]),
        ("out.linden.no-dismissal", [(0, "src-003"), (0, "src-daily-sceptic")]),
    ],
)
def test_linden_outcome_counts(
    index: casefile.Index, outcome_id: str, counts: list[tuple[int, str]]
) -> None:
    """Operation Linden's decisions (the findings of a case to answer, and the outcomes) carry
    the counts the sources give, with their sources."""
    outcome = index.get(outcome_id)
    made_in = (outcome.investigation,) if isinstance(outcome, casefile.Finding) else outcome.of
    assert "op-linden" in made_in
    assert counts == [(c.value.value, index.get(c.attributions[0]).source) for c in outcome.count]


def test_operation_amazon_is_part_of_operation_linden(index: casefile.Index) -> None:
    """Amazon is within Linden, by three attributions in three sources."""
    assert "op-amazon" in index.within("op-linden")
    claims = [link for link in index.get("op-amazon").links if link.relation == "part_of"]
    assert {"op-linden"} == {c.value for c in claims}
    assert {"src-iopc-statement", "src-gbnews", "src-003"} == {
        index.get(a).source for c in claims for a in c.attributions
    }


def test_periods_examined(index: casefile.Index) -> None:
    """Linden examined 1997-2013; Amazon 1999-2011, with one source's 1997-2013 kept beside it."""
    assert ["1997/2013"] == [str(c.value) for c in index.get("op-linden").period_examined]
    assert ["1999/2011", "1997/2013"] == [
        str(c.value) for c in index.get("op-amazon").period_examined
    ]


def test_the_2017_complaint(index: casefile.Index) -> None:
    """Two whistleblowers complained in 2017 against senior officers; the IOPC upheld it."""
    complaint = index.get("complaint-2017")
    assert ["jayne-senior", "angie-heal"] == [c.value for c in complaint.complainants]
    assert ["senior-officers"] == [c.value for c in complaint.against]
    assert [("lodged", "2017")] == [(m.event, str(m.value)) for m in complaint.milestones]
    upheld = index.get("out.complaint-upheld")
    assert ("finding", "upheld", ("iopc",), ("complaint-2017",)) == (
        index.kind(upheld.id),
        upheld.kind,
        upheld.decided_by,
        upheld.about,
    )
    assert {a.id for a in index.allegations(complaint="complaint-2017")} == {
        "complaint-2017.allegation.failed-to-protect",
        "complaint-2017.allegation.statutory-responsibilities",
    }
    assert "complaint-2017" in index.complaints_of("op-amazon")


def test_force_disputed_then_accepted_the_decision(index: casefile.Index) -> None:
    """South Yorkshire Police's responses to the decision: disputes (2021 and at the time), then accepts."""
    responses = [
        (a.id, a.stance.value)
        for a in index.casefile.attributions
        if "out.complaint-upheld" in a.responds_to and a.speaker in ("syp", "syp-spokesperson")
    ]
    assert {"disputes", "accepts"} == {stance for _, stance in responses}
    assert ("at-gb-syp-disagreed-2021", "disputes") in responses
    assert "2021" == str(index.get("at-gb-syp-disagreed-2021").said)


def test_named_investigations_are_all_held(index: casefile.Index) -> None:
    """Every investigation, inquiry and operation the seeds name is an entity."""
    names = {inv.name for inv in index.casefile.investigations}
    assert {"Operation Linden", "Operation Amazon", "Operation Central", "Jay Report"} <= names
    assert any("National Crime Agency" in n for n in names)
    assert any("Channel 4" in n for n in names)


def test_unknown_publisher_and_dates_stay_unknown(index: casefile.Index) -> None:
    """Seed 003 names no publisher; GB News and National Pulse state no date: none is guessed."""
    assert None is index.get("src-003").publisher
    assert () == index.get("src-gbnews").published
    assert () == index.get("src-national-pulse").published
    assert ["2025-09-25"] == [str(c.value) for c in index.get("src-003").published]


def test_republication_chains_are_explicit(index: casefile.Index) -> None:
    """The Exposé republishes The National Pulse and the IOPC statement; SGT Report the Daily Sceptic."""

    def upstream(source_id: str) -> set[tuple[str, str]]:
        return {(d.source, d.relation) for d in index.get(source_id).derived_from}

    assert {
        ("src-national-pulse", "republishes"),
        ("src-iopc-statement", "republishes"),
    } <= upstream("src-expose")
    assert {("src-daily-sceptic", "republishes")} == upstream("src-sgt-report")
    assert {("src-times", "reports")} == upstream("src-daily-sceptic")


def test_second_hand_words_keep_who_relayed_them(index: casefile.Index) -> None:
    """The mayor's reply is known through sources familiar with the meetings."""
    relayed = [a for a in index.said(speaker="oliver-coppard") if a.relayed_by]
    assert relayed and all("sources-familiar" in a.relayed_by for a in relayed)
    assert all(a.mode is casefile.Mode.INDIRECT for a in relayed)


_LOADED = re.compile(
    r"muslim|pakistani|white|heritage|rape gang|grooming|cover-up|buried|ethnic|racis", re.I
)


def _own_words(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("quote", "phrase"):
                yield from _own_words(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _own_words(value, f"{path}/{i}")
    elif isinstance(node, str):
        yield path, node


def test_loaded_and_ethnic_terms_appear_only_inside_quotes(case: casefile.Casefile) -> None:
    """The project's own words (names, summaries, notes, roles) carry none of these terms."""
    data = casefile.to_data(case)
    assert [] == [(p, v) for p, v in _own_words(data) if _LOADED.search(v)]


def test_outlet_commentary_is_never_a_finding(index: casefile.Index) -> None:
    """The National Pulse's paragraph on motives is its commentary, and supports no finding."""
    commentary = index.get("at-np-widespread-acceptance")
    assert (casefile.AttributionKind.COMMENTARY, None) == (commentary.kind, commentary.speaker)
    assert all(commentary.id not in f.attributions for f in index.casefile.findings)


def test_no_actor_is_a_victim(case: casefile.Casefile) -> None:
    """No person in the casefile is described as a victim; victims appear only as groups."""
    people = [a for a in case.actors if a.kind is casefile.ActorKind.PERSON]
    assert [] == [
        a.name
        for a in people
        if any(
            "victim" in r.title.casefold() and "represent" not in r.title.casefold()
            for r in a.roles
        )
    ]


_DESCRIPTORS = re.compile(r"muslim|pakistani|white|heritage|ethnic", re.I)


def test_descriptions_by_religion_or_ethnicity_are_credited_to_who_wrote_them(
    case: casefile.Casefile,
) -> None:
    """No such words are credited to the IOPC: they are the outlets' own, in their voice."""
    credited_to_iopc = [
        a.id
        for a in case.attributions
        if a.speaker == "iopc" and _DESCRIPTORS.search(a.quote.exact)
    ]
    assert [] == credited_to_iopc
    assert "src-national-pulse" == casefile.Index(case).get("at-np-box-descriptor").source
