"""Tests for the constructs of honest disagreement: propositions affirmed and denied, figures
given only in words, and values the casefile inferred."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import casefile
from casefile.query import Index

SMALL = Path(__file__).parent / "data" / "small"


def _small() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        casefile.dumps(casefile.build_file(SMALL / "extraction.yaml", SMALL))
    )
    return data


def test_a_proposition_affirmed_and_denied_is_a_conflict_with_both_sides() -> None:
    """One attribution says it holds, another that it does not: conflicts shows both."""
    data = _small()
    data["propositions"] = [
        {
            "id": "senior-investigated",
            "statement": "Senior officers were among those investigated.",
            "about": ["inv"],
            "holds": [
                {"id": "senior-investigated.yes", "value": True, "attributions": ["at-1"]},
                {"id": "senior-investigated.no", "value": False, "attributions": ["at-2"]},
            ],
        }
    ]
    index = Index(casefile.loads(json.dumps(data)))
    (conflict,) = index.conflicts(subject="senior-investigated")
    assert ("holds", "affirmed", "denied") == (
        conflict.property,
        conflict.left.value,
        conflict.right.value,
    )
    assert ("at-1",) == conflict.left.attributions


def test_a_proposition_affirmed_twice_is_no_conflict() -> None:
    """Two sources affirming the same statement agree."""
    data = _small()
    data["propositions"] = [
        {
            "id": "p",
            "statement": "The report was published.",
            "holds": [
                {"id": "p.a", "value": True, "attributions": ["at-1"]},
                {"id": "p.b", "value": True, "attributions": ["at-2"]},
            ],
        }
    ]
    assert () == Index(casefile.loads(json.dumps(data))).conflicts(subject="p")


def test_a_figure_in_words_only_keeps_its_phrase_and_conflicts_with_nothing() -> None:
    """ "Dozens" stays "dozens": no number is made up, so none can contradict another."""
    data = _small()
    data["figures"].append(
        {
            "id": "fig-words",
            "subject": "inv",
            "measure": "duration",
            "phrase": "many years",
            "attributions": ["at-3"],
        }
    )
    case = casefile.loads(json.dumps(data))
    assert None is case.figures[1].value
    sides = {side.item for c in Index(case).conflicts() for side in (c.left, c.right)}
    assert "fig-words" not in sides


def test_a_figure_with_neither_number_nor_words_is_refused() -> None:
    """The schema asks for a value or a phrase."""
    data = _small()
    del data["figures"][0]["value"]
    assert "/figures/0" in {p.pointer for p in casefile.validate(json.dumps(data))}


def test_an_inferred_value_makes_no_conflict_and_no_timeline_entry() -> None:
    """The competing period marked inferred no longer conflicts, nor stands in the timeline."""
    data = _small()
    before = Index(casefile.loads(json.dumps(data)))
    assert before.conflicts(subject="inv")
    data["investigations"][0]["period_examined"][1]["inferred"] = "Read from the report's dates."
    after = Index(casefile.loads(json.dumps(data)))
    assert () == after.conflicts(subject="inv")
    assert "inv.p2" not in {e.item for e in after.timeline()}
    assert "inv.p2" in {e.item for e in before.timeline()}
