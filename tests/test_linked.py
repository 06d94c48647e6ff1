"""Exports as entities and annotations, read by the tools of those models: every FollowTheMoney
entity built by followthemoney's own model, the JSON-LD expanded offline by pyld and its triples
checked, for the reference casefile and a generated one of 10,000 records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from benchmarks.synthetic import generate

import casefile
from casefile.annotations import ANNOTATION_CONTEXT, context, document_loader, iri, nodes
from casefile.cli import main
from casefile.export import export
from casefile.ftm import SCHEMATA, entities, entity_id
from casefile.model import Cell

from .test_sensitive import _with_people

jsonld = pytest.importorskip("pyld.jsonld")

PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> casefile.Casefile:
    """A generated casefile of 10,000 records, loaded (validated)."""
    folder = tmp_path_factory.mktemp("generated")
    path = generate(10_000, seed=20).write(folder)
    return casefile.load(path, max_bytes=1 << 30)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _ftm_model() -> Any:
    """followthemoney's model; the test skips where the aleph extra is not installed."""
    return pytest.importorskip("followthemoney").model


def _check_entity(data: dict[str, Any]) -> None:
    """Build an entity with followthemoney's model: an unknown property or schema raises, and
    a value its cleaning drops (an id of the wrong shape, a bad date) fails the comparison."""
    ftm_model = _ftm_model()
    proxy = ftm_model.make_entity(data["schema"])
    proxy.id = data["id"]
    assert data["id"] == proxy.id
    for name, values in data["properties"].items():
        proxy.add(name, values)  # quiet=False: an unknown property raises InvalidData
        assert len(values) == len(proxy.get(name)), (data["schema"], name, values)


# ------------------------------------------------------------------ FollowTheMoney


@pytest.mark.parametrize("which", ["reference", "generated"])
def test_every_entity_is_accepted_by_the_followthemoney_model(
    which: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Each line of the export is an entity followthemoney builds with every property kept;
    ids are unique, and every entity a property refers to is in the file."""
    ftm_model = _ftm_model()
    case = casefile.reference() if which == "reference" else request.getfixturevalue("generated")
    target = tmp_path / "out.ftm.json"
    result = export(case, target, "ftm")
    found = list(_lines(target))
    assert sum(result.rows.values()) == len(found)
    ids = {e["id"] for e in found}
    assert len(found) == len(ids)
    assert set(result.rows) <= set(SCHEMATA)
    for data in found:
        _check_entity(data)
        schema = ftm_model.get(data["schema"])
        for name, values in data["properties"].items():
            if schema.get(name).type.name == "entity":
                assert set(values) <= ids, (data["schema"], name)


def test_actors_and_documents_take_the_closest_schemata(case: casefile.Casefile) -> None:
    """People are Person, organisations Organization, groups LegalEntity; an attribution is a
    Documentation from its source to its speaker holding the quoted words."""
    found = {e["id"]: e for e in entities(case)}

    expected = {
        casefile.ActorKind.PERSON: "Person",
        casefile.ActorKind.ORGANISATION: "Organization",
        casefile.ActorKind.UNNAMED_PERSON: "Person",
        casefile.ActorKind.GROUP: "LegalEntity",
    }
    for actor in case.actors:
        assert expected[actor.kind] == found[entity_id(case.id, actor.id)]["schema"]
    spoken = next(a for a in case.attributions if a.speaker is not None)
    link = next(
        e
        for e in found.values()
        if e["schema"] == "Documentation" and e["properties"].get("recordId") == [spoken.id]
    )
    assert {
        "document": [entity_id(case.id, spoken.source)],
        "entity": [entity_id(case.id, spoken.speaker or "")],
        "role": ["speaker"],
        "summary": [spoken.quote.exact],
    } == {k: link["properties"][k] for k in ("document", "entity", "role", "summary")}


# ------------------------------------------------------------------ JSON-LD


def _expand(document: dict[str, Any]) -> set[tuple[str, str, str]]:
    """The triples of a JSON-LD document, with contexts loaded offline."""
    quads = jsonld.to_rdf(document, {"documentLoader": document_loader})["@default"]
    return {(q["subject"]["value"], q["predicate"]["value"], q["object"]["value"]) for q in quads}


def test_the_reference_expands_offline_with_selectors_chains_and_speakers(
    case: casefile.Casefile, tmp_path: Path
) -> None:
    """Every attribution is an oa:Annotation on its document with both text selectors; a
    speaker is prov:wasAttributedTo, upstream words and source derivations
    prov:wasDerivedFrom."""
    target = tmp_path / "out.jsonld"
    export(case, target, "jsonld")
    document = json.loads(target.read_text(encoding="utf-8"))
    triples = _expand(document)
    by_subject: dict[str, set[tuple[str, str]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, set()).add((p, o))
    for attribution in case.attributions:
        node = iri(case.id, attribution.id)
        own = by_subject[node]
        assert (RDF_TYPE, OA + "Annotation") in own
        (target_node,) = [o for p, o in own if p == OA + "hasTarget"]
        assert (OA + "hasSource", iri(case.id, attribution.quote.document)) in by_subject[
            target_node
        ]
        selectors = [o for p, o in by_subject[target_node] if p == OA + "hasSelector"]
        values = set().union(*(by_subject[s] for s in selectors))
        assert (OA + "exact", attribution.quote.exact) in values
        assert (OA + "start", str(attribution.quote.start)) in values
        assert (OA + "end", str(attribution.quote.end)) in values
        if attribution.speaker is not None:
            assert (PROV + "wasAttributedTo", iri(case.id, attribution.speaker)) in own
        for upstream in attribution.upstream:
            assert (PROV + "wasDerivedFrom", iri(case.id, upstream)) in own
        assert (PROV + "wasQuotedFrom", iri(case.id, attribution.source)) in own
    chained = [s for s in case.sources if s.derived_from]
    assert chained
    for source in chained:
        for derivation in source.derived_from:
            assert (PROV + "wasDerivedFrom", iri(case.id, derivation.source)) in by_subject[
                iri(case.id, source.id)
            ]


def test_a_generated_casefile_exports_every_attribution_with_its_selectors(
    generated: casefile.Casefile, tmp_path: Path
) -> None:
    """All 10,000 records' attributions are annotations with their offsets; a slice of the
    graph expands offline (expanding all of it takes pyld minutes)."""
    target = tmp_path / "out.jsonld"
    result = export(generated, target, "jsonld")
    document = json.loads(target.read_text(encoding="utf-8"))
    annotations = {n["id"]: n for n in document["@graph"] if "Annotation" in n["type"]}
    assert len(generated.attributions) == len(annotations) == result.rows["Annotation"]
    for attribution in generated.attributions:
        selectors = annotations[iri(generated.id, attribution.id)]["target"]["selector"]
        assert {
            "type": "TextPositionSelector",
            "start": attribution.quote.start,
            "end": attribution.quote.end,
        } in selectors
    sample = {"@context": document["@context"], "@graph": document["@graph"][-300:]}
    assert len(_expand(sample)) > 300


def test_table_and_json_quotes_get_fragment_selectors(case: casefile.Casefile) -> None:
    """A CSV cell is RFC 7111 row=R;col=C (none when only its header names it); a JSON value
    is its JSON Pointer in URI fragment form, conforming to RFC 6901."""
    first = case.attributions[0]
    cell = attrs.evolve(first, quote=attrs.evolve(first.quote, cell=Cell(row=3, column=2)))
    header = attrs.evolve(
        first, id="h", quote=attrs.evolve(first.quote, cell=Cell(row=3, header="rank"))
    )
    pointer = attrs.evolve(first, id="p", quote=attrs.evolve(first.quote, pointer="/0/a b~1c"))
    changed = attrs.evolve(case, attributions=(cell, header, pointer))
    found = {n["id"]: n for n in nodes(changed) if "Annotation" in n["type"]}

    def fragments(attribution: casefile.Attribution) -> list[dict[str, Any]]:
        selectors = found[iri(case.id, attribution.id)]["target"]["selector"]
        return [s for s in selectors if s["type"] == "FragmentSelector"]

    assert [
        {
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc7111",
            "value": "row=3;col=2",
        }
    ] == fragments(cell)
    assert [] == fragments(header)
    assert [
        {
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc6901",
            "value": "/0/a%20b~1c",
        }
    ] == fragments(pointer)
    triples = _expand({"@context": context(), "@graph": list(found.values())})
    assert any(p == "http://purl.org/dc/terms/conformsTo" for _, p, _ in triples)


def test_the_loader_serves_the_shipped_annotation_context_and_nothing_else() -> None:
    """Expansion never reaches the network: the W3C context comes from the package, any other
    address is refused."""
    loaded = document_loader(ANNOTATION_CONTEXT)
    assert "oa:TextQuoteSelector" == loaded["document"]["@context"]["TextQuoteSelector"]
    assert loaded == document_loader("https://www.w3.org/ns/anno.jsonld")
    with pytest.raises(LookupError):
        document_loader("http://example.org/context.jsonld")


# ------------------------------------------------------------------ sensitive values


@pytest.mark.parametrize("format", ["ftm", "jsonld"])
def test_sensitive_values_are_left_out_unless_asked(format: str, tmp_path: Path) -> None:
    """The incident's place and the attributions that quote only sensitive values are not
    exported by default, and are with include_sensitive (the place in FollowTheMoney, the
    annotation in JSON-LD)."""
    case = casefile.loads(json.dumps(_with_people()))
    plain = export(case, tmp_path / "plain", format)
    text = (tmp_path / "plain").read_text(encoding="utf-8")
    assert "8100 W 105TH ST" not in text
    assert "at-x6" not in text
    assert plain.left_out
    full = export(case, tmp_path / "full", format, include_sensitive=True)
    text = (tmp_path / "full").read_text(encoding="utf-8")
    assert 0 == full.left_out
    if format == "jsonld":  # FollowTheMoney has no entity for a quote without a speaker
        assert "at-x6" in text
    else:
        assert "8100 W 105TH ST" in text
        for data in _lines(tmp_path / "full"):
            _check_entity(data)


def test_the_command_writes_entities_and_says_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`casefile export ftm` writes the file and counts entities, not rows."""
    source = tmp_path / "case.json"
    source.write_text(json.dumps(_with_people()), encoding="utf-8")
    target = tmp_path / "out.ftm.json"
    assert 0 == main(["export", "ftm", str(source), "-o", str(target)])
    out = capsys.readouterr().out
    assert "entities in" in out
    assert "left out as sensitive" in out
    assert "left_out table" not in out
    assert target.exists()
