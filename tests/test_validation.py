"""Tests for validation: every problem found, each at the right JSON Pointer with its code."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import casefile
from casefile.errors import Problem
from casefile.strategies import Generated, casefiles, mutated


def _codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.pointer, p.code) for p in problems]


def _data(cf: casefile.Casefile) -> dict[str, Any]:
    return json.loads(casefile.dumps(cf))


@given(casefiles())
def test_integrity_accepts_every_generated_casefile(generated: Generated) -> None:
    """Generated casefiles pass both layers, with their documents at hand."""
    with tempfile.TemporaryDirectory() as folder:
        generated.write_documents(Path(folder))
        assert [] == casefile.validate(generated.casefile, documents=folder)


@given(casefiles(min_entities=1), st.data())
def test_dangling_reference_is_reported_where_it_is(
    generated: Generated, data: st.DataObject
) -> None:
    """A finding or attribution pointing at a missing id yields dangling-reference there."""
    cf = generated.casefile
    i = data.draw(st.integers(0, len(cf.attributions) - 1))
    broken = attrs.evolve(cf.attributions[i], source="missing-source")
    cf = attrs.evolve(cf, attributions=(*cf.attributions[:i], broken, *cf.attributions[i + 1 :]))
    problems = casefile.validate(cf)
    assert (f"/attributions/{i}/source", "dangling-reference") in _codes(problems)


@given(casefiles(min_entities=1), st.data())
def test_duplicate_id_is_reported_at_the_second_use(
    generated: Generated, data: st.DataObject
) -> None:
    """Giving an actor the id of an attribution yields duplicate-id at the later of the two."""
    cf = generated.casefile
    i = data.draw(st.integers(0, len(cf.actors) - 1))
    taken = cf.attributions[0].id
    actor = attrs.evolve(cf.actors[i], id=taken)
    cf = attrs.evolve(cf, actors=(*cf.actors[:i], actor, *cf.actors[i + 1 :]))
    problems = casefile.validate(cf)
    assert ("/attributions/0/id", "duplicate-id") in _codes(problems)


@given(casefiles(min_entities=1))
def test_reversed_interval_is_reported_at_its_value(generated: Generated) -> None:
    """A period written backwards yields reversed-period at the claim's value."""
    data = _data(generated.casefile)
    data["investigations"][0]["period_examined"] = [
        {"id": "reversed", "value": "2013/1997", "attributions": [data["attributions"][0]["id"]]}
    ]
    problems = casefile.validate(json.dumps(data))
    assert [("/investigations/0/period_examined/0/value", "reversed-period")] == _codes(problems)


@given(casefiles(min_entities=1), st.data())
def test_quote_not_at_its_offsets_is_reported(generated: Generated, data: st.DataObject) -> None:
    """Shifting a quote's offsets by one yields quote-mismatch at the quote's words, or, for a
    quote of a cell or a JSON value, cell-mismatch or value-mismatch at its start."""
    cf = generated.casefile
    i = data.draw(st.integers(0, len(cf.attributions) - 1))
    quote = cf.attributions[i].quote
    text = generated.texts[next(d.path for d in cf.documents if d.id == quote.document)]
    if quote.end < len(text):
        shift = 1
    elif quote.start > 0:
        shift = -1
    else:  # the quote is the whole document: there is nowhere to move it
        return
    moved = attrs.evolve(quote, start=quote.start + shift, end=quote.end + shift)
    if text[moved.start : moved.end] == quote.exact:  # a repeated character: not a fault
        return
    broken = attrs.evolve(cf.attributions[i], quote=moved)
    cf = attrs.evolve(cf, attributions=(*cf.attributions[:i], broken, *cf.attributions[i + 1 :]))
    with tempfile.TemporaryDirectory() as folder:
        generated.write_documents(Path(folder))
        problems = casefile.validate(cf, documents=folder)
    if quote.cell is not None:
        expected = (f"/attributions/{i}/quote/start", "cell-mismatch")
    elif quote.pointer is not None:
        expected = (f"/attributions/{i}/quote/start", "value-mismatch")
    else:
        expected = (f"/attributions/{i}/quote/exact", "quote-mismatch")
    assert [expected] == _codes(problems)


def test_wrong_kind_reference(small: casefile.Casefile) -> None:
    """A finding whose investigation is an actor yields wrong-kind-reference."""
    finding = attrs.evolve(small.findings[0], investigation="watchdog")
    problems = casefile.validate(attrs.evolve(small, findings=(finding,)))
    assert [("/findings/0/investigation", "wrong-kind-reference")] == _codes(problems)
    assert "'watchdog' is an actor; expected a reference to investigation" in problems[0].message


def test_dangling_reference_suggests_close_ids(small: casefile.Casefile) -> None:
    """The message names the closest existing ids."""
    finding = attrs.evolve(small.findings[0], investigation="invv")
    (problem,) = casefile.validate(attrs.evolve(small, findings=(finding,)))
    assert "did you mean 'inv'" in problem.message


def test_ids_colliding_by_case_are_reported(small: casefile.Casefile) -> None:
    """Two ids equal but for case yield id-collision."""
    actor = attrs.evolve(small.actors[1], id="WATCHDOG")
    problems = casefile.validate(attrs.evolve(small, actors=(*small.actors, actor)))
    assert [("/actors/2/id", "id-collision")] == _codes(problems)


def test_part_of_cycle_is_reported(small: casefile.Casefile) -> None:
    """A proceeding linked back to itself through another (part of, appeal of) yields cycle."""
    a = casefile.Investigation(
        id="a",
        name="A",
        kind="operation",
        links=(casefile.Link(id="a.p", relation="part_of", value="b", attributions=("at-1",)),),
    )
    b = casefile.Investigation(
        id="b",
        name="B",
        kind="operation",
        links=(casefile.Link(id="b.p", relation="appeal_of", value="a", attributions=("at-1",)),),
    )
    problems = casefile.validate(attrs.evolve(small, investigations=(*small.investigations, a, b)))
    assert ["cycle"] == [p.code for p in problems]
    assert problems[0].pointer in (
        "/investigations/1/links/0/value",
        "/investigations/2/links/0/value",
    )


def test_republication_cycle_is_reported(small: casefile.Casefile) -> None:
    """A source that republishes itself yields cycle."""
    source = attrs.evolve(
        small.sources[0],
        derived_from=(casefile.Derivation(source="src-a", relation="republishes"),),
    )
    problems = casefile.validate(attrs.evolve(small, sources=(source,)))
    assert [("/sources/0/derived_from/0/source", "cycle")] == _codes(problems)


def test_digest_mismatch_is_reported(
    small: casefile.Casefile, tmp_path: Path, small_documents: Path
) -> None:
    """A document whose bytes changed yields digest-mismatch at its sha256."""
    (tmp_path / "a.txt").write_text((small_documents / "a.txt").read_text() + "more")
    problems = casefile.validate(small, documents=tmp_path)
    assert [("/documents/0/sha256", "digest-mismatch")] == _codes(problems)


def test_missing_document_is_reported(small: casefile.Casefile, tmp_path: Path) -> None:
    """A document that is not in the folder yields missing-document at its path."""
    assert [("/documents/0/path", "missing-document")] == _codes(
        casefile.validate(small, documents=tmp_path)
    )


@pytest.mark.parametrize(
    "path", ["../a.txt", "/etc/passwd", "sub/../../a.txt", "C:/x.txt", "a\\b.txt"]
)
def test_document_path_leaving_the_folder_is_never_read(
    small: casefile.Casefile, tmp_path: Path, path: str
) -> None:
    """Paths that escape the documents folder yield unsafe-path."""
    document = attrs.evolve(small.documents[0], path=path)
    problems = casefile.validate(attrs.evolve(small, documents=(document,)), documents=tmp_path)
    assert [("/documents/0/path", "unsafe-path")] == _codes(problems)


def test_symbolic_link_out_of_the_folder_is_never_read(
    small: casefile.Casefile, tmp_path: Path, small_documents: Path
) -> None:
    """A symbolic link inside the folder that points outside it yields unsafe-path."""
    inside = tmp_path / "docs"
    inside.mkdir()
    (inside / "a.txt").symlink_to(small_documents / "a.txt")
    assert [("/documents/0/path", "unsafe-path")] == _codes(
        casefile.validate(small, documents=inside)
    )


def test_quote_whose_source_the_document_does_not_carry(small: casefile.Casefile) -> None:
    """An attribution's document must carry its source, directly or upstream."""
    other = casefile.Source(id="src-b", kind="news_report")
    attribution = attrs.evolve(small.attributions[0], source="src-b")
    cf = attrs.evolve(
        small, sources=(*small.sources, other), attributions=(attribution, *small.attributions[1:])
    )
    assert [("/attributions/0/source", "source-not-in-document")] == _codes(casefile.validate(cf))


def test_shape_problems_are_all_reported_with_pointers(small: casefile.Casefile) -> None:
    """Several shape faults give several problems, each at its pointer with its code."""
    data = _data(small)
    del data["title"]
    data["actors"][0]["religion"] = "x"
    data["actors"][1]["kind"] = "robot"
    data["findings"][0]["attributions"] = []
    data["sources"][0]["published"][0]["value"] = "May 2022"
    problems = casefile.validate(json.dumps(data))
    assert [
        ("", "missing-property"),
        ("/actors/0/religion", "unknown-property"),
        ("/actors/1/kind", "not-allowed"),
        ("/findings/0/attributions", "too-few-items"),
        ("/sources/0/published/0/value", "bad-format"),
    ] == _codes(problems)


def test_newer_schema_version_is_refused_clearly(small: casefile.Casefile) -> None:
    """A file from a newer library gets unsupported-version and nothing else."""
    data = _data(small)
    data["schema_version"] = "2.7"
    data["future"] = True
    (problem,) = casefile.validate(json.dumps(data))
    assert ("/schema_version", "unsupported-version") == (problem.pointer, problem.code)
    assert "newer than this library reads" in problem.message


def test_check_raises_with_every_problem(small: casefile.Casefile) -> None:
    """check raises InvalidCasefile carrying all problems; validate returns them."""
    data = _data(small)
    data["findings"][0]["investigation"] = "nowhere"
    data["attributions"][0]["speaker"] = "nobody"
    with pytest.raises(casefile.InvalidCasefile) as info:
        casefile.check(json.dumps(data))
    assert 2 == len(info.value.problems)
    assert info.value.problems == tuple(casefile.validate(json.dumps(data)))
    assert "2 problems" in str(info.value)


@given(mutated())
def test_quick_id_and_reference_check_agrees_with_the_full_walk(text: bytes) -> None:
    """The set-based quick check says sound exactly when the placing walk finds no problem."""
    from casefile.converter import structure
    from casefile.parsing import parse_json
    from casefile.references import id_problems, sound
    from casefile.shape import shape_problems

    data, problems = parse_json(text)
    if problems or shape_problems(data):
        return
    case, problems = structure(data)
    if case is None:
        return
    assert (not id_problems(case)) == sound(case)
