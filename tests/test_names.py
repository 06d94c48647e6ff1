"""Tests for the readable names text gives ids (casefile._names)."""

from __future__ import annotations

import attrs

import casefile
from casefile._names import Names, names


def test_a_source_is_named_by_its_publisher_and_kind(index: casefile.Index) -> None:
    """A source has no name: its publisher's and its kind make one; no publisher says so."""
    named = names(index)
    assert "GB News news report" == named.source("src-gbnews")
    assert "The Exposé republication" == named.source("src-expose")
    assert "news report, publisher unknown" == named.source("src-003")


def test_sources_that_would_share_a_name_are_told_apart_by_date_then_id(
    case: casefile.Casefile,
) -> None:
    """Two reports by one publisher get their first dates; sources with the same date, their ids."""
    named = Names(casefile.Index(case))
    assert "Independent Office for Police Conduct report (2022)" == named.source(
        "src-linden-report"
    )
    assert "Independent Office for Police Conduct report (2025-09-19)" == named.source(
        "src-iopc-amazon-summary"
    )
    first = case.sources[0]
    twin = attrs.evolve(first, id="src-twin")
    same = Names(casefile.Index(attrs.evolve(case, sources=(*case.sources, twin))))
    assert f"{named.source(first.id)} ({first.id})" == same.source(first.id)
    assert f"{named.source(first.id)} (src-twin)" == same.source("src-twin")


def test_other_records_are_named_by_their_name_title_or_summary(index: casefile.Index) -> None:
    """Actors and investigations by name, findings by summary; an unknown id is itself."""
    named = names(index)
    assert "Operation Amazon" == named.of("op-amazon")
    assert "Sarah Champion" == named.actor("sarah-champion")
    assert named.of("amazon.systemic-failure").startswith("The failure to protect children")
    assert "no-such-id" == named.of("no-such-id")


def test_what_a_source_states_without_a_speaker_is_named_by_the_source(
    index: casefile.Index,
) -> None:
    """The speaker of an attribution, else the source whose own words they are."""
    named = names(index)
    unsaid = next(a for a in index.casefile.attributions if a.speaker is None)
    assert named.source(unsaid.source) == named.speaker(unsaid)


def test_no_timeline_label_names_a_source_by_its_id(index: casefile.Index) -> None:
    """Publication, retrieval and statement dates are labelled with names, never source ids."""
    ids = {s.id for s in index.casefile.sources}
    labels = [e.label for e in index.timeline()]
    assert "GB News news report: published" not in labels  # GB News gives no date
    assert "The Exposé republication: published" in labels
    assert [] == [label for label in labels if label.split(":")[0] in ids]
