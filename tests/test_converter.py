"""The functions that trust the schema (casefile._structuring) against the detailed converter,
which lists problems."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

import casefile
from casefile import model
from casefile._structuring import structure_trusted
from casefile.converter import converter, structure
from casefile.parsing import parse_json
from casefile.references import _gather
from casefile.strategies import Generated, casefiles, mutated
from casefile.validation import shape_problems


def _by_key(gathered: Any) -> dict[Any, list[str]]:
    return {key: sorted(values) for key, values in gathered.items() if values}


@given(casefiles())
def test_trusted_and_detailed_converters_build_equal_casefiles(generated: Generated) -> None:
    """On valid data the fast functions build exactly what the detailed converter builds, of
    the same types, and gather the ids and references a walk over the objects finds."""
    data = casefile.to_data(generated.casefile)
    made, gathered = structure_trusted(data)
    expected = converter.structure(data, model.Casefile)
    assert (expected, repr(expected)) == (made, repr(made))
    ids, wanted = _gather(made)
    assert (_by_key(ids), _by_key(wanted)) == (_by_key(gathered.ids), _by_key(gathered.wanted))


@given(mutated())
def test_trusted_converter_never_accepts_what_the_detailed_one_refuses(text: bytes) -> None:
    """For data that passes the schema, the trusted converter fails whenever the detailed one does."""
    data, problems = parse_json(text)
    if problems or shape_problems(data):
        return
    try:
        expected = converter.structure(data, model.Casefile)
    except Exception:
        with pytest.raises(Exception):  # noqa: B017 - any failure sends it to the detailed pass
            structure_trusted(data)
        return
    assert expected == structure_trusted(data)[0]


def test_structure_reports_a_calendar_error_at_its_place(small: casefile.Casefile) -> None:
    """A date the pattern allows but the calendar does not falls back to the detailed pass."""
    data = json.loads(casefile.dumps(small))
    data["sources"][0]["retrieved"] = "2025-02-30"
    case, problems = structure(data)
    assert case is None
    assert ["/sources/0/retrieved"] == [p.pointer for p in problems]
