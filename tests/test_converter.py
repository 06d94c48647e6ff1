"""The trusted converter (after the schema) against the detailed one (for problem lists)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

import casefile
from casefile import model
from casefile.converter import _trusted as trusted_converter
from casefile.converter import converter
from casefile.parsing import parse_json
from casefile.strategies import Generated, casefiles, mutated
from casefile.validation import shape_problems, structure


@given(casefiles())
def test_trusted_and_detailed_converters_build_equal_casefiles(generated: Generated) -> None:
    """On valid data the fast converter builds exactly what the detailed one builds."""
    data = casefile.to_data(generated.casefile)
    assert converter.structure(data, model.Casefile) == trusted_converter.structure(
        data, model.Casefile
    )


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
            trusted_converter.structure(data, model.Casefile)
        return
    assert expected == trusted_converter.structure(data, model.Casefile)


def test_structure_reports_a_calendar_error_at_its_place(small: casefile.Casefile) -> None:
    """A date the pattern allows but the calendar does not falls back to the detailed pass."""
    data = json.loads(casefile.dumps(small))
    data["sources"][0]["retrieved"] = "2025-02-30"
    case, problems = structure(data)
    assert case is None
    assert ["/sources/0/retrieved"] == [p.pointer for p in problems]
