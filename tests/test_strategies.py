"""casefile.strategies: what it draws is valid, fills every field, and follows the field plan."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import casefile
from casefile import model, plan
from casefile.dates import PartialDate, Period, When
from casefile.plan import Holds
from casefile.strategies import Generated, casefiles, records


def fixed_run(examples: int) -> settings:
    """Settings for a run of ``examples`` draws that is the same every time (derandomized).

    The checks that something turns up in some draw use it, with about three times the draws it
    takes. Hypothesis draws a few inputs, then several variations on each, so a run of a
    hundred holds far fewer than a hundred casefiles unlike each other.
    """
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
    )


def _filled(value: Any) -> bool:
    return value is not None and value != () and value != {} and value != ""


def _unfilled(
    draws: st.SearchStrategy[Any], plans: tuple[plan.ClassPlan, ...], examples: int
) -> list[str]:
    """The fields of ``plans`` that no record drawn by ``draws`` fills, by class and field."""
    filled: set[tuple[Hashable, str]] = set()

    @fixed_run(examples)
    @given(draws)
    def draw(drawn: Any) -> None:
        for visit in _visits(drawn):
            key = (visit.plan.type, visit.plan.fields)
            for field in visit.plan.fields:
                if _filled(getattr(visit.record, field.name)):
                    filled.add((key, field.name))

    draw()
    return [
        f"{getattr(p.type, '__name__', p.type)}.{f.name}" + (f" -> {f.kinds}" if f.kinds else "")
        for p in plans
        for f in p.fields
        if ((p.type, p.fields), f.name) not in filled
    ]


def _visits(drawn: Any) -> list[plan.Visit]:
    if isinstance(drawn, Generated):
        return list(plan.walk(drawn.casefile))
    # A record of another class: visit it and the records it holds, without a casefile.
    visits, stack = [], [plan.Visit(drawn, plan.plan(type(drawn)), None, "", None)]
    while stack:
        visit = stack.pop()
        visits.append(visit)
        for field in visit.plan.records:
            assert field.record is not None
            value = getattr(visit.record, field.name)
            for item in value if field.many else () if value is None else (value,):
                stack.append(plan.Visit(item, field.record, None, field.name, None))
    return visits


def _kinds(case: casefile.Casefile) -> dict[str, str]:
    return {v.record.id: v.plan.kind for v in plan.walk(case) if v.plan.kind is not None}


# ---------------------------------------------------------------- whole casefiles


@given(casefiles())
def test_generated_casefiles_pass_both_validation_layers_with_their_documents(
    generated: Generated,
) -> None:
    """Shape and integrity, digests and quotes at their offsets included, find no problem."""
    with tempfile.TemporaryDirectory() as folder:
        generated.write_documents(Path(folder))
        assert [] == casefile.validate(generated.casefile, documents=folder)


@given(casefiles())
def test_generated_casefiles_round_trip_through_json(generated: Generated) -> None:
    """dumps then loads gives back an equal casefile, and the same text when dumped again."""
    text = casefile.dumps(generated.casefile)
    loaded = casefile.loads(text)
    assert generated.casefile == loaded
    assert text == casefile.dumps(loaded)


def test_every_field_of_the_model_is_filled_in_some_generated_casefile() -> None:
    """Each field of each plan is set (not None, not empty) in one of a fixed run of casefiles.

    The strategy reads the field plan, so a field added to the model shows up here unfilled only
    if the strategy cannot draw what it holds. Every collection holds a record or more, so that
    each field has its chances; in this run the last field is first filled near the fiftieth
    casefile.
    """
    unfilled = _unfilled(casefiles(min_entities=1, max_entities=3), plan.plans(), examples=150)
    assert [] == unfilled


@given(casefiles())
def test_references_into_their_own_collection_point_to_earlier_records(
    generated: Generated,
) -> None:
    """So no chain within a collection can loop: part_of, member_of, derived_from and the rest."""
    case = generated.casefile
    kinds = _kinds(case)
    position = {
        record.id: i for name in plan.collections() for i, record in enumerate(getattr(case, name))
    }
    for visit in plan.walk(case):
        pointer = plan.place_pointer(visit.place)
        if pointer == "":
            continue
        _, collection, index, *_ = pointer.split("/")
        for field in visit.plan.references:
            value = getattr(visit.record, field.name)
            for target in value if field.many else () if value is None else (value,):
                if kinds[target] == plan.collections()[collection]:
                    assert position[target] < int(index), f"{pointer}/{field.name}: {target}"


@given(casefiles())
def test_quotes_are_slices_of_the_texts_of_their_documents(generated: Generated) -> None:
    """Each quote's words stand at its offsets in the text its document's digest is of."""
    documents = {d.id: d for d in generated.casefile.documents}
    for attribution in generated.casefile.attributions:
        quote = attribution.quote
        text = generated.texts[documents[quote.document].path]
        assert quote.exact == text[quote.start : quote.end]
        assert attribution.source in documents[quote.document].sources


def test_quotes_go_beyond_ascii_and_beyond_the_basic_plane() -> None:
    """Offsets count code points: some quote in a fixed run holds a character past U+FFFF."""
    found: list[str] = []

    @fixed_run(40)
    @given(casefiles())
    def draw(generated: Generated) -> None:
        found.extend(
            a.quote.exact
            for a in generated.casefile.attributions
            if any(ord(c) > 0xFFFF for c in a.quote.exact)
        )

    draw()
    assert found


@given(casefiles(min_entities=2, max_entities=3))
def test_each_collection_holds_between_min_and_max_entities(generated: Generated) -> None:
    """min_entities and max_entities bound the size of every root collection."""
    sizes = [len(getattr(generated.casefile, name)) for name in plan.collections()]
    assert all(2 <= size <= 3 for size in sizes), sizes


def test_importing_casefile_does_not_import_hypothesis() -> None:
    """Hypothesis is needed by casefile.strategies alone, an optional extra."""
    code = "import sys, casefile; casefile.reference(); print('hypothesis' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "False\n" == done.stdout, done.stderr


# ---------------------------------------------------------------- a class the model lacks


@attrs.frozen(kw_only=True)
class Note:
    """A model-like class casefile does not have, with a field of each kind a field may hold."""

    id: model.Id = model.prop("Its id.")
    about: model.Ref = model.prop("What it is about.", ref=("actor", "source"))
    seen_in: tuple[model.Ref, ...] = model.prop(
        "The attributions it rests on.", ref=("attribution",), min_items=1
    )
    heading: str = model.prop("A heading.", text=model.Text.PROSE)
    code: str | None = model.prop("A code.", default=None, text=model.Text.CODE)
    link: str | None = model.prop("An address.", default=None, text=model.Text.LOCATOR)
    kind: str = model.prop("What sort of note.", vocabulary="outcome_kind")
    on: PartialDate = model.prop("A date.")
    during: Period | None = model.prop("A period.", default=None)
    when: When = model.prop("A date or a period.")
    stance: model.Stance = model.prop("A stance.")
    amount: int | float = model.prop("A number.")
    count: int = model.prop("A count.")
    pinned: bool = model.prop("A flag.", default=False)
    size: model.Quantity | None = model.prop("A quantity.", default=None)
    parents: tuple[model.Claim[model.Ref], ...] = model.prop(
        "Claims of the investigations it belongs to.", default=(), ref=("investigation",)
    )
    quote: model.Quote = model.prop("Words from a document.")
    extensions: dict[str, Any] = model.prop("Other tools' data.", default=attrs.Factory(dict))


def _with_a_note(generated: Generated) -> st.SearchStrategy[tuple[Generated, Note]]:
    return st.tuples(st.just(generated), records(Note, within=generated))


NOTES = casefiles(min_entities=1, max_entities=2).flatmap(_with_a_note)


def test_the_temporary_class_has_a_field_of_each_kind_a_field_holds() -> None:
    """The plan classifies every field of Note, and together they hold every kind there is."""
    assert set(Holds) == {field.holds for field in plan.plan(Note).fields}


@given(NOTES)
def test_a_record_of_a_class_the_model_lacks_refers_to_the_casefile_it_is_drawn_within(
    drawn: tuple[Generated, Note],
) -> None:
    """records() follows the plan of any class: references resolve to records of the right
    kinds, its ids are fresh and unused, and its quote stands in a document of the casefile."""
    generated, note = drawn
    kinds = _kinds(generated.casefile)
    assert kinds[note.about] in ("actor", "source")
    assert note.seen_in and {"attribution"} == {kinds[a] for a in note.seen_in}
    for claim in note.parents:
        assert "investigation" == kinds[claim.value]
        assert {"attribution"} == {kinds[a] for a in claim.attributions}
    new_ids = [note.id, *(claim.id for claim in note.parents)]
    assert len(set(new_ids)) == len(new_ids)
    assert not {i.lower() for i in new_ids} & {i.lower() for i in kinds}
    path = next(d.path for d in generated.casefile.documents if d.id == note.quote.document)
    assert note.quote.exact == generated.texts[path][note.quote.start : note.quote.end]


def test_every_field_of_a_class_the_model_lacks_is_filled_in_some_draw() -> None:
    """A new field of a known kind is drawn with no change to casefile.strategies."""
    reachable, stack = [], [plan.plan(Note)]
    while stack:
        current = stack.pop()
        reachable.append(current)
        stack.extend(f.record for f in current.records if f.record is not None)
    unfilled = _unfilled(NOTES.map(lambda drawn: drawn[1]), tuple(reachable), examples=80)
    # A note's quote names a cell or a value only when the casefile it refers to has a table
    # or JSON document: the fixed run above fills both anchors, this shorter one may not.
    assert set(unfilled) <= {"Quote.cell", "Quote.pointer", "Cell.row", "Cell.column"} | {
        "Cell.header"
    }


def test_a_record_whose_references_have_no_target_is_refused_clearly() -> None:
    """Without a casefile to refer to, a finding (which needs an investigation) cannot be drawn."""

    @given(records(model.Finding))
    def run(finding: model.Finding) -> None:
        raise AssertionError(f"drew {finding}")

    with pytest.raises(InvalidArgument, match="Finding refers to records"):
        run()


@pytest.mark.parametrize("cls", [model.Casefile, model.Document])
def test_records_refuses_at_once_what_only_casefiles_draws(cls: type) -> None:
    """A casefile's collections and a document's text come with casefiles(), not records()."""
    with pytest.raises(InvalidArgument, match="is drawn by casefiles"):
        records(cls)
