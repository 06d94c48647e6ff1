"""The export's tables, held against the model: every field a column (or excluded), every
record a row that leads back to it, and sensitive values left out by the generic rules.

The sensitivity tests add fields to the model at run time (as ``tests/test_plan.py`` does),
so that both rules are exercised on records the test controls: a record class with a boolean
``sensitive`` field, and a field marked ``sensitive=True`` in its metadata, with names of their
own so that they stand beside any such fields the model has.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import casefile
from casefile import model, plan
from casefile.model import Id, Ref, Text, prop
from casefile.plan import Holds
from casefile.tables import EXCLUDED, column_rows, layout, rows


def _fields_by_attrs() -> set[tuple[str, str]]:
    """Every (class, field) of every planned record that holds values (not records)."""
    found: set[tuple[str, str]] = set()
    for current in plan.plans():
        for field in current.fields:
            if field.holds is not Holds.RECORD:
                found.add((current.cls.__name__, field.name))
    return found


def _marked_sensitive() -> set[tuple[str, str]]:
    """The fields whose metadata marks every value sensitive."""
    return {
        (p.cls.__name__, f.name)
        for p in plan.plans()
        for f in p.fields
        if attrs.fields_dict(p.cls)[f.name].metadata.get("sensitive")
    }


def test_every_model_field_is_a_column_or_excluded() -> None:
    """A field added to the model appears in the export (when sensitive values are asked
    for), or must be listed in EXCLUDED."""
    tables = layout(include_sensitive=True).tables
    columns = {c.origin for t in tables for c in t.columns if c.origin is not None}
    missing = _fields_by_attrs() - columns - set(EXCLUDED)
    assert set() == missing


def test_every_nested_record_field_is_a_table_or_flattened() -> None:
    """Each field holding records is the origin of a table, or its record's fields are columns
    of its holder's table."""
    current = layout(include_sensitive=True)
    origins = {o for t in current.tables for o in t.origins}
    columns = {c.origin for t in current.tables for c in t.columns}
    for each in plan.plans():
        for field in each.records:
            assert field.record is not None
            flattened = all(
                (field.record.cls.__name__, f.name) in columns
                for f in field.record.fields
                if f.holds is not Holds.RECORD
            )
            assert (each.cls.__name__, field.name) in origins or flattened, field.name


def test_every_record_with_an_id_is_one_row_with_its_pointer(case: casefile.Casefile) -> None:
    """Each record with an id becomes exactly one row, whose pointer is the record's place."""
    current = layout()
    found: dict[str, str] = {}
    for index, row in rows(case, current):
        table = current.tables[index]
        if "id" in [c.name for c in table.columns] and table.name != "casefiles":
            names = [c.name for c in table.columns]
            record_id = row[names.index("id")]
            assert record_id not in found
            found[record_id] = row[names.index("pointer")]
    expected = {
        v.record.id: plan.place_pointer(v.place)
        for v in plan.walk(case)
        if v.plan.kind not in (None, "casefile")
    }
    assert expected == found


def test_every_row_carries_its_casefile(case: casefile.Casefile) -> None:
    """Every row of every table but casefiles and left_out names its casefile first."""
    current = layout()
    for index, row in rows(case, current):
        if current.tables[index].name not in ("casefiles", "left_out"):
            assert case.id == row[0]


# ------------------------------------------------------------------ sensitive values


@attrs.frozen(kw_only=True)
class Trait:
    """A trait recorded of an actor, which may be sensitive (a stand-in for any such record)."""

    id: Id = prop("This trait's id.")
    label: str = prop("What it is.", text=Text.PROSE)
    sensitive: bool = prop("Whether it is sensitive.", default=False)
    attributions: tuple[Ref, ...] = prop("Who says so.", ref=("attribution",), min_items=1)


@attrs.frozen(kw_only=True)
class MarkedActor(model.Actor):
    """An actor with recorded traits and a field marked sensitive."""

    traits: tuple[Trait, ...] = prop("Its traits.", default=())
    former_name: str | None = attrs.field(
        default=None,
        metadata={"doc": "A name the actor no longer uses.", "text": Text.PROSE, "sensitive": True},
    )


@pytest.fixture
def marked_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The model with Actor replaced by MarkedActor, as if the fields were added."""
    monkeypatch.setattr(model, "Actor", MarkedActor)
    plan.clear_caches()
    yield
    monkeypatch.undo()
    plan.clear_caches()


def _marked(case: casefile.Casefile) -> casefile.Casefile:
    """The reference casefile with one actor holding a sensitive and a plain trait."""
    first, *others = case.actors
    attribution = case.attributions[0].id
    marked = MarkedActor(
        **{f.name: getattr(first, f.name) for f in attrs.fields(type(first))},
        former_name="a former name",
        traits=(
            Trait(id="char-secret", label="private", sensitive=True, attributions=(attribution,)),
            Trait(id="char-plain", label="public", attributions=(attribution,)),
        ),
    )
    plain = [
        MarkedActor(**{f.name: getattr(a, f.name) for f in attrs.fields(type(a))}) for a in others
    ]
    return attrs.evolve(case, actors=(marked, *plain))


def _table_rows(case: casefile.Casefile, include: bool) -> dict[str, list[dict[str, Any]]]:
    current = layout(include_sensitive=include)
    found: dict[str, list[dict[str, Any]]] = {t.name: [] for t in current.tables}
    for index, row in (*column_rows(current), *rows(case, current)):
        table = current.tables[index]
        found[table.name].append(dict(zip([c.name for c in table.columns], row, strict=True)))
    return found


def test_sensitive_records_and_fields_are_left_out_and_listed(
    case: casefile.Casefile, marked_model: None
) -> None:
    """A record flagged sensitive goes with what refers to it; a sensitive field's column goes;
    left_out lists both (among any the model's own sensitive fields add)."""
    tables = _table_rows(_marked(case), include=False)
    assert ["char-plain"] == [r["id"] for r in tables["traits"]]
    assert "former_name" not in tables["actors"][0]
    assert "char-secret" not in {r["target"] for r in tables["refs"]}
    assert "char-secret" not in {r["record"] for r in tables["refs"]}
    assert [
        (None, "actors", None, "former_name", "sensitive field"),
        (case.id, "traits", "/actors/0/traits/0", None, "sensitive record"),
    ] == [tuple(r.values()) for r in tables["left_out"] if r["table"] in ("actors", "traits")]


def test_sensitive_values_are_kept_when_asked_for(
    case: casefile.Casefile, marked_model: None
) -> None:
    """With include_sensitive, both traits and the field are exported; nothing is
    listed as left out."""
    tables = _table_rows(_marked(case), include=True)
    assert ["char-secret", "char-plain"] == [r["id"] for r in tables["traits"]]
    assert "a former name" == tables["actors"][0]["former_name"]
    assert [] == tables["left_out"]


def test_a_sensitive_column_is_listed_once_for_many_casefiles(
    case: casefile.Casefile, marked_model: None, tmp_path: Any
) -> None:
    """Exporting two casefiles lists the left-out column once, and each left-out record."""
    import json

    from casefile.export import export

    first = _marked(case)
    second = attrs.evolve(first, id="another")
    result = export([first, second], tmp_path / "out", "jsonl")
    lines = (tmp_path / "out" / "left_out.jsonl").read_text(encoding="utf-8").splitlines()
    rows_ = [json.loads(line) for line in lines]
    reasons = [r["reason"] for r in rows_ if r["table"] in ("actors", "traits")]
    assert ["sensitive field", "sensitive record", "sensitive record"] == reasons
    assert len(lines) == result.left_out


def test_the_columns_left_out_are_the_fields_marked_sensitive() -> None:
    """By default one column (or table) per field marked sensitive is left out; none when
    sensitive values are asked for."""
    assert len(_marked_sensitive()) == len(layout().left_out_columns)
    assert () == layout(include_sensitive=True).left_out_columns


def test_the_records_left_out_are_those_flagged_sensitive(case: casefile.Casefile) -> None:
    """Every record row of left_out points at a record whose own ``sensitive`` is true."""
    places = {plan.place_pointer(v.place): v.record for v in plan.walk(case)}
    left = _table_rows(case, include=False)["left_out"]
    assert all(places[r["pointer"]].sensitive is True for r in left if r["pointer"] is not None)
