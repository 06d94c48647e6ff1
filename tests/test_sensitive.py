"""Tests for incidents, identifiers and recorded characteristics, and for leaving sensitive
values out (casefile.sensitive): the rules, the redaction, the index and the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import casefile
from casefile import model
from casefile.cli import main
from casefile.query import Index
from casefile.sensitive import redact
from casefile.strategies import Generated, casefiles

SMALL = Path(__file__).parent / "data" / "small"


def _small() -> dict[str, Any]:
    case = casefile.build_file(SMALL / "extraction.yaml", SMALL)
    data: dict[str, Any] = json.loads(casefile.dumps(case))
    return data


def _with_people(sensitive: bool = True) -> dict[str, Any]:
    """The small casefile with an officer (star 6824, a rank and a gender), a complainant (an
    age), an incident at a place, a complaint about it and an allegation against the officer.
    Each recorded value cites its own attribution (the small document's words stand in)."""
    data = _small()
    quote = data["attributions"][0]["quote"]
    for n in range(1, 7):
        data["attributions"].append(
            {"id": f"at-x{n}", "source": "src-a", "quote": quote, "mode": "indirect"}
        )
    officer = {
        "id": "officer-6824",
        "kind": "person",
        "name": "Officer A",
        "identifiers": [
            {"id": "officer-6824.star", "scheme": "star_number", "value": "6824",
             "attributions": ["at-x1"]},
        ],
        "characteristics": [
            {"id": "officer-6824.rank", "attribute": "rank", "value": "PO", "held": "at_release",
             "sensitive": False, "attributions": ["at-x2"]},
            {"id": "officer-6824.gender", "attribute": "gender", "value": "M",
             "sensitive": True, "attributions": ["at-x3"]},
        ],
    }  # fmt: skip
    complainant = {
        "id": "complainant-1",
        "kind": "unnamed_person",
        "name": "A complainant",
        "characteristics": [
            {"id": "complainant-1.age", "attribute": "age", "value": "53", "sensitive": True,
             "attributions": ["at-x4"]},
            {"id": "complainant-1.unit", "attribute": "unit", "value": "none",
             "sensitive": sensitive, "attributions": ["at-x4"]},
        ],
    }  # fmt: skip
    data["actors"] += [officer, complainant]
    data["incidents"] = [
        {
            "id": "incident-1",
            "summary": "The incident complaint 107333 is about",
            "when": [{"id": "incident-1.when", "value": "2016-05-10T08:45",
                      "attributions": ["at-x5"]}],
            "where": [{"id": "incident-1.where", "value": {"text": "8100 W 105TH ST",
                       "parts": [{"kind": "street", "value": "W 105TH ST"}]},
                       "attributions": ["at-x6"]}],
            "involved": [{"id": "incident-1.officer", "actor": "officer-6824", "role": "subject",
                          "attributions": ["at-x5"]}],
            "attributions": ["at-x5"],
        }
    ]  # fmt: skip
    data["complaints"] = [
        {
            "id": "cr-107333",
            "summary": "Complaint 107333",
            "complainants": [{"id": "cr-107333.c1", "value": "complainant-1",
                              "attributions": ["at-x1"]}],
            "incidents": [{"id": "cr-107333.i", "value": "incident-1", "attributions": ["at-x1"]}],
            "identifiers": [{"id": "cr-107333.number", "scheme": "complaint_number",
                             "value": "107333", "attributions": ["at-x1"]}],
        }
    ]  # fmt: skip
    data["allegations"] = [
        {
            "id": "cr-107333.a1",
            "summary": "An allegation in complaint 107333",
            "complaint": "cr-107333",
            "incident": "incident-1",
            "against": [{"id": "cr-107333.a1.against", "value": "officer-6824",
                         "attributions": ["at-x1"]}],
            "attributions": ["at-x1"],
        }
    ]  # fmt: skip
    return data


def _codes(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.pointer, p.code) for p in casefile.validate(json.dumps(data))]


def test_incidents_identifiers_and_characteristics_make_a_valid_casefile() -> None:
    """A casefile holding all three validates, and loads and saves without loss."""
    data = _with_people()
    assert [] == _codes(data)
    case = casefile.loads(json.dumps(data))
    assert data == json.loads(casefile.dumps(case))


def test_a_sensitive_attribute_not_marked_sensitive_is_refused_by_the_schema() -> None:
    """Gender with sensitive false fails the schema itself, so every validator refuses it."""
    data = _with_people()
    data["actors"][2]["characteristics"][1]["sensitive"] = False
    assert ("/actors/2/characteristics/1/sensitive", "not-allowed") in _codes(data)


def test_a_civilians_characteristic_not_marked_sensitive_is_a_problem() -> None:
    """Any characteristic of a complainant is sensitive, whatever the attribute."""
    assert ("/actors/3/characteristics/1/sensitive", "sensitive-unmarked") in _codes(
        _with_people(sensitive=False)
    )


def test_characteristics_of_an_organisation_are_a_problem() -> None:
    """Characteristics are recorded only of individual people, never of groups."""
    data = _with_people()
    data["actors"][0]["characteristics"] = data["actors"][2].pop("characteristics")
    assert ("/actors/0/characteristics", "characteristic-of-group") in _codes(data)


def test_an_officer_is_found_by_star_number_with_every_allegation_against_them() -> None:
    """by_identifier finds the officer (and only by that value and scheme); the allegations
    against them follow."""
    index = Index(casefile.loads(json.dumps(_with_people())))
    (officer,) = index.by_identifier("6824", scheme="star_number")
    assert "officer-6824" == officer.id
    assert () == index.by_identifier("6824", scheme="tax_number")
    assert ("cr-107333",) == tuple(r.id for r in index.by_identifier("107333"))
    assert ["cr-107333.a1"] == [a.id for a in index.allegations(against=officer.id)]


def test_redaction_leaves_out_sensitive_values_and_the_attributions_only_they_cite() -> None:
    """Gender, age, the complainant's unit and the incident's place go, with the attributions
    that quote them alone; the rank stays; the result is valid."""
    case = casefile.loads(json.dumps(_with_people()))
    redacted = redact(case)
    assert {
        "/actors/2/characteristics/1",
        "/actors/3/characteristics/0",
        "/actors/3/characteristics/1",
        "/incidents/0/where",
    } <= set(redacted.withheld)
    left = {a.id for a in redacted.casefile.attributions}
    assert not {"at-x3", "at-x4", "at-x6"} & left
    assert {"at-x1", "at-x2", "at-x5"} <= left
    assert all(
        a.quote.prefix is None and a.quote.suffix is None for a in redacted.casefile.attributions
    ), "the context beside a withheld quote's document stays out"
    officer = next(a for a in redacted.casefile.actors if a.id == "officer-6824")
    assert ["rank"] == [c.attribute for c in officer.characteristics]
    assert [] == casefile.validate(redacted.casefile)


def test_redaction_of_a_casefile_without_sensitive_values_changes_nothing() -> None:
    """The reference casefile records no characteristics: it comes back as it was."""
    case = casefile.reference()
    assert (case, ()) == (redact(case).casefile, redact(case).withheld)


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(casefiles(max_entities=3))
def test_redacted_generated_casefiles_are_valid_and_hold_nothing_sensitive(
    generated: Generated,
) -> None:
    """Whatever a casefile holds, its redaction is valid and has no sensitive value left."""
    redacted = redact(generated.casefile).casefile
    assert [] == casefile.validate(redacted)
    assert not any(c.sensitive for a in redacted.actors for c in a.characteristics)
    assert not any(i.where for i in redacted.incidents)


@pytest.mark.parametrize("flag", [[], ["--include-sensitive"]])
def test_search_shows_a_sensitive_value_only_when_asked(tmp_path: Path, flag: list[str]) -> None:
    """The command line leaves the incident's place out of a search unless the flag is given."""
    path = tmp_path / "people.casefile.json"
    path.write_text(json.dumps(_with_people()))
    out = io.StringIO()
    assert 0 == main(["search", "105TH", str(path), "--format", "json", *flag], out=out)
    found = json.loads(out.getvalue())
    assert bool(flag) == bool(found)


def test_identifier_command_lists_the_allegations_against_the_officer(tmp_path: Path) -> None:
    """`casefile identifier 6824` names the officer and the allegation against them."""
    path = tmp_path / "people.casefile.json"
    path.write_text(json.dumps(_with_people()))
    out = io.StringIO()
    assert 0 == main(["identifier", "6824", str(path), "--format", "json"], out=out)
    (entry,) = json.loads(out.getvalue())
    assert ("officer-6824", "actor", ["cr-107333.a1"]) == (
        entry["id"],
        entry["kind"],
        entry["allegations"],
    )


def test_model_names_no_characteristic_of_its_own() -> None:
    """Recorded characteristics live only in Characteristic, as attributed labels: no model
    class has a field named for a personal characteristic."""
    words = {"gender", "race", "ethnicity", "religion", "age", "birth_year", "sex"}
    for cls in (model.Actor, model.Incident, model.Complaint, model.Allegation):
        assert not words & {f.name for f in cls.__attrs_attrs__}
