"""The field plan, and the layers that follow it, held against the model itself.

These tests derive what to expect from the attrs classes (by a plain recursion over
``attrs.fields``, independent of ``casefile.plan``) or from the plan applied to data, never
from a list of fields: a field added to the model is covered here or fails a test that says
what to do.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import casefile
from casefile import model, plan
from casefile.dates import PartialDate, Period
from casefile.errors import ModelError
from casefile.model import Id, Ref, Text, prop
from casefile.plan import Holds
from casefile.validation import integrity_problems


def _records(value: Any) -> Iterator[Any]:
    """Every attrs record in a value, depth first, by attrs alone."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, PartialDate | Period):
            continue  # values, not records
        if attrs.has(type(node)):
            yield node
            stack.extend(getattr(node, f.name) for f in attrs.fields(type(node)))
        elif isinstance(node, tuple):
            stack.extend(node)


def _dates(value: Any) -> Iterator[PartialDate | Period]:
    """Every date or period held by a field of any record, but a value the casefile inferred
    (``inferred`` set), which the timeline leaves out."""
    for record in _records(value):
        if getattr(record, "inferred", None) is not None:
            continue
        for field in attrs.fields(type(record)):
            found = getattr(record, field.name)
            for each in found if isinstance(found, tuple) else (found,):
                if isinstance(each, PartialDate | Period):
                    yield each


def test_every_string_field_is_classified() -> None:
    """Each string field of every model class holds an id, a reference, a term or classed text."""
    for current in plan.plans():
        for field in current.fields:
            if field.type is str or field.type is Id:
                assert field.holds in (Holds.ID, Holds.REFERENCE, Holds.TERM, Holds.TEXT)
                if field.holds is Holds.TEXT:
                    assert isinstance(field.text, Text), f"{current.cls.__name__}.{field.name}"


def test_every_model_class_is_planned() -> None:
    """Every class reachable from Casefile has a plan, and every field in it a kind of value."""
    planned = {p.cls for p in plan.plans()}
    reachable = {type(r) for r in _records(casefile.reference())}
    assert reachable <= planned
    for current in plan.plans():
        assert [f.name for f in attrs.fields(current.cls)] == [f.name for f in current.fields]


@attrs.frozen(kw_only=True)
class _Unclassified:
    id: Id = prop("An id.")
    label: str = prop("A string that says nothing of what it holds.")


def test_an_unclassified_string_field_is_refused_with_what_to_do() -> None:
    """A new string field without a class fails when planned, and the message says the fix."""
    with pytest.raises(ModelError, match=r"_Unclassified\.label .*text=model\.Text"):
        plan.plan(_Unclassified)


def test_claims_take_the_reference_kinds_of_the_field_holding_them() -> None:
    """A Claim[Ref] under conducted_by holds references to actors; under scope, prose."""
    investigation = plan.plan(model.Investigation)
    conducted_by = investigation.field("conducted_by").record
    scope = investigation.field("scope").record
    assert conducted_by is not None and scope is not None
    assert ("actor",) == conducted_by.field("value").kinds
    assert Holds.TEXT == scope.field("value").holds
    assert Text.PROSE == scope.field("value").text


def test_walk_meets_every_record_once_in_document_order(case: casefile.Casefile) -> None:
    """The walk yields exactly the records a plain recursion finds, each at its pointer."""
    visits = list(plan.walk(case))
    assert Counter(map(id, _records(case))) == Counter(id(v.record) for v in visits)
    data = json.loads(casefile.dumps(case))
    for visit in visits:
        where = plan.place_pointer(visit.place)
        node: Any = data
        for key in where.split("/")[1:]:
            node = node[int(key)] if isinstance(node, list) else node[key]
        assert isinstance(node, dict)
        if hasattr(visit.record, "id"):
            assert visit.record.id == node["id"]


def test_walk_has_no_recursion_limit() -> None:
    """A casefile of many thousand records is walked without recursion."""
    source = model.Source(id="s", kind="article")
    attributions = tuple(
        model.Attribution(
            id=f"a{i}",
            source="s",
            quote=model.Quote(document="d", exact="x", start=0, end=1),
        )
        for i in range(5000)
    )
    cf = model.Casefile(id="c", title="t", sources=(source,), attributions=attributions)
    assert 1 + 1 + 5000 * 2 == sum(1 for _ in plan.walk(cf))


def test_every_date_in_the_casefile_is_in_the_timeline(
    case: casefile.Casefile, index: casefile.Index
) -> None:
    """The timeline holds every date value anywhere in the casefile, found by attrs alone, and
    no inferred one; the reference casefile holds an inferred date."""
    assert any(getattr(r, "inferred", None) for r in _records(case) if hasattr(r, "value"))
    assert Counter(map(str, _dates(case))) == Counter(str(e.when) for e in index.timeline())


def test_every_record_with_an_id_is_reachable_with_its_kind(
    case: casefile.Casefile, index: casefile.Index
) -> None:
    """Index.get finds every record that has an id, and gives it the plan's kind."""
    entities = {id(e) for name in plan.collections() for e in getattr(case, name)}
    for record in _records(case):
        if hasattr(record, "id") and record is not case:
            assert record is index.get(record.id)
            expected = type(record).__name__.lower() if id(record) in entities else "claim"
            assert expected == index.kind(record.id)


def test_every_prose_value_is_searchable(case: casefile.Casefile, index: casefile.Index) -> None:
    """Searching for any prose value finds it, in the field that holds it."""
    for visit in plan.walk(case):
        if visit.record is case:
            continue
        for field in visit.plan.texts:
            if field.text is not Text.PROSE:
                continue
            value = getattr(visit.record, field.name)
            for text in value if field.many else (value,):
                if text is not None:
                    assert text in {m.text for m in index.search(text)}


def test_every_reference_field_is_checked_by_integrity(case: casefile.Casefile) -> None:
    """Pointing any reference field at a missing id is reported at that field's pointer."""
    data = json.loads(casefile.dumps(case))
    seen: set[tuple[str, str]] = set()
    for visit in plan.walk(case):
        for field in visit.plan.references:
            key = (visit.plan.cls.__name__, field.name)
            value = getattr(visit.record, field.name)
            if key in seen or not value:
                continue
            seen.add(key)
            where = plan.place_pointer((visit.place, field.name))
            if field.many:
                where += "/0"
            broken = json.loads(json.dumps(data))
            node: Any = broken
            keys = where.split("/")[1:]
            for part in keys[:-1]:
                node = node[int(part)] if isinstance(node, list) else node[part]
            last = keys[-1]
            node[int(last) if isinstance(node, list) else last] = "zz-no-such-id"
            problems = casefile.validate(json.dumps(broken))
            assert (where, "dangling-reference") in {(p.pointer, p.code) for p in problems}
    planned = {
        (p.cls.__name__, f.name)
        for p in plan.plans()
        for f in p.references
        if p.cls is not model.Claim
    }
    # Every reference field the reference casefile uses was tried; the rest, which it does not
    # use, are listed here (the property test of generated casefiles covers them).
    unused = {
        ("Outcome", "decided_by"),
        ("Source", "authors"),
        ("Finding", "supersedes"),
        ("Outcome", "supersedes"),
        ("Allegation", "against"),
        # Incidents, identifiers and recorded characteristics: the seeds record none.
        ("Allegation", "incident"),
        ("Incident", "attributions"),
        ("Involvement", "actor"),
        ("Involvement", "attributions"),
        ("Identifier", "attributions"),
        ("Characteristic", "attributions"),
        ("Characteristic", "at"),
    }
    assert unused >= planned - seen


# ------------------------------------------------------------------ a field added at run time


@attrs.frozen(kw_only=True)
class Sanction:
    """A record with an id of its own, new to the model."""

    id: Id = prop("This sanction's id.")
    description: str = prop("What it was.", text=Text.PROSE)
    imposed: PartialDate | None = prop("When it was imposed.", default=None)
    attributions: tuple[Ref, ...] = prop("Who says so.", ref=("attribution",), min_items=1)


@attrs.frozen(kw_only=True)
class ExtendedOutcome(model.Outcome):
    """An outcome with a dated field, nested records with ids and a text field."""

    archived: PartialDate | None = prop("When the record was archived.", default=None)
    sanctions: tuple[Sanction, ...] = prop("The sanctions imposed.", default=())
    remark: str | None = prop("A remark.", default=None, text=Text.PROSE)


@pytest.fixture
def extended_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The model with Outcome replaced by ExtendedOutcome, as if the fields were added."""
    monkeypatch.setattr(model, "Outcome", ExtendedOutcome)
    plan.clear_caches()
    yield
    monkeypatch.undo()
    plan.clear_caches()


def test_fields_added_to_the_model_are_seen_by_every_layer(
    case: casefile.Casefile, extended_model: None
) -> None:
    """A new date, a new nested record with an id and new text reach integrity, Index,
    timeline and search with no change to any of them."""
    extended = [
        ExtendedOutcome(**{f.name: getattr(o, f.name) for f in attrs.fields(type(o))})
        for o in case.outcomes
    ]
    first = extended[0]
    changed = attrs.evolve(
        first,
        archived=PartialDate(2030),
        sanctions=(
            Sanction(
                id="sanction-1",
                description="A written warning given to a fictional officer",
                imposed=PartialDate(2031, 2),
                attributions=("no-such-attribution",),
            ),
        ),
        remark="a remark nobody else makes",
    )
    cf = attrs.evolve(case, outcomes=(changed, *extended[1:]))

    problems = integrity_problems(cf)
    assert [("/outcomes/0/sanctions/0/attributions/0", "dangling-reference")] == [
        (p.pointer, p.code) for p in problems
    ]
    index = casefile.Index(cf)
    assert "claim" == index.kind("sanction-1")
    assert (first.id, "sanctions") == index.owner("sanction-1")
    dated = {(e.item, str(e.when)) for e in index.timeline()}
    assert {(first.id, "2030"), ("sanction-1", "2031-02")} <= dated
    assert {("sanction-1", "description"), (first.id, "remark")} <= {
        (m.id, m.field) for m in index.search("fictional officer") + index.search("nobody else")
    }
