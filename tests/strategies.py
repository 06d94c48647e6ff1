"""Hypothesis strategies for casefiles: values, and whole casefiles with their documents.

:func:`casefiles` draws a :class:`Generated`: a valid casefile whose every reference resolves to
an entity of the right kind, whose part-of and republication chains are acyclic, and whose
quotes are real slices of generated document texts (non-ASCII included), so that integrity
validation with documents passes. Later tests (queries, hostile input) reuse it.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from casefile import model
from casefile.anchoring import Span, context, sha256_hex
from casefile.dates import PartialDate, Period
from casefile.vocabulary import VOCABULARIES

# Text that exercises code points beyond ASCII and beyond the BMP, but no lone surrogates
# (which UTF-8 cannot carry) and no NUL.
TEXT_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00")
names = st.text(TEXT_ALPHABET, min_size=1, max_size=20).filter(lambda s: s.strip())


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1900, 2100))
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None and draw(st.booleans()):
        day = draw(st.integers(1, 28)) if month == 2 else draw(st.integers(1, 30))
    return PartialDate(
        year, month, day, approximate=draw(st.booleans()), uncertain=draw(st.booleans())
    )


@st.composite
def periods(draw: st.DrawFn) -> Period:
    a, b = draw(partial_dates()), draw(partial_dates())
    if a.earliest() > b.latest():
        a, b = b, a
    start = None if draw(st.integers(0, 5)) == 0 else a
    end = None if draw(st.integers(0, 5)) == 0 else b
    return Period(start, end)


whens = st.one_of(partial_dates(), periods())


def terms(vocabulary: str) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(VOCABULARIES[vocabulary])) | st.from_regex(
        r"\A[a-z][a-z0-9]{0,8}(_[a-z0-9]{1,5}){0,2}\Z"
    )


numbers = st.integers(-(10**6), 10**6) | st.floats(
    allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9
)


@st.composite
def quantities(draw: st.DrawFn) -> model.Quantity:
    kind = draw(st.sampled_from(["value", "range", "min", "max"]))
    low, high = sorted([draw(numbers), draw(numbers)])
    return model.Quantity(
        value=low if kind == "value" else None,
        minimum=low if kind in ("range", "min") else None,
        maximum=high if kind in ("range", "max") else None,
        unit=draw(st.sampled_from(["officers", "people", "GBP", "years", "investigations"])),
        qualifier=draw(st.sampled_from(model.Qualifier)),
    )


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(TEXT_ALPHABET, max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(TEXT_ALPHABET, max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
extensions = st.dictionaries(
    st.from_regex(r"\A[a-z]{1,6}\.[a-z]{1,6}:[a-z]{1,6}\Z"), json_values, max_size=2
)


@attrs.frozen
class Generated:
    """A generated casefile with the texts of its documents, by path."""

    casefile: model.Casefile
    texts: dict[str, str]

    def write_documents(self, folder: Path) -> Path:
        """Write the documents into ``folder`` and return it."""
        for path, text in self.texts.items():
            (folder / path).write_bytes(text.encode("utf-8"))
        return folder


@st.composite
def casefiles(draw: st.DrawFn, *, max_entities: int = 4) -> Generated:
    """Draw a valid casefile with consistent references and anchored quotes."""
    counter = itertools.count()

    def new_id(prefix: str) -> str:
        return f"{prefix}-{next(counter)}"

    small = st.integers(1, max_entities)

    actors_ids = [new_id("actor") for _ in range(draw(small))]
    source_ids = [new_id("src") for _ in range(draw(small))]
    # Documents, each carrying one or more sources; every source is carried by some document
    # so that attributions can be anchored.
    docs: list[dict[str, Any]] = []
    remaining = list(source_ids)
    while remaining or not docs:
        carried = remaining[: draw(st.integers(1, 2))] or [draw(st.sampled_from(source_ids))]
        remaining = remaining[len(carried) :]
        text = draw(st.text(TEXT_ALPHABET, min_size=8, max_size=80))
        docs.append(
            {"id": new_id("doc"), "path": f"{len(docs)}.txt", "sources": carried, "text": text}
        )

    # Attributions first (their ids are needed by every claim); content filled below.
    attribution_specs = []
    for _ in range(draw(st.integers(1, max_entities * 2))):
        doc = draw(st.sampled_from(docs))
        text = doc["text"]
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        attribution_specs.append((new_id("at"), doc, start, end))
    attribution_ids = [spec[0] for spec in attribution_specs]
    some_attributions = st.lists(
        st.sampled_from(attribution_ids), min_size=1, max_size=3, unique=True
    )

    def claims(value_strategy: st.SearchStrategy[Any], max_size: int = 2) -> list[model.Claim[Any]]:
        return [
            model.Claim(
                id=new_id("claim"),
                value=draw(value_strategy),
                phrase=draw(st.none() | names),
                attributions=tuple(draw(some_attributions)),
            )
            for _ in range(draw(st.integers(0, max_size)))
        ]

    actors = [
        model.Actor(
            id=actor_id,
            kind=draw(st.sampled_from(model.ActorKind)),
            name=draw(names),
            aliases=tuple(draw(st.lists(names, max_size=2))),
            roles=tuple(
                model.Role(
                    id=new_id("role"),
                    title=draw(names),
                    of=draw(st.none() | st.sampled_from(actors_ids)),
                    during=draw(st.none() | periods()),
                    attributions=tuple(draw(some_attributions)),
                )
                for _ in range(draw(st.integers(0, 2)))
            ),
            member_of=tuple(claims(st.sampled_from(actors_ids[:i]))) if i else (),
            extensions=draw(extensions),
        )
        for i, actor_id in enumerate(actors_ids)
    ]
    sources = [
        model.Source(
            id=source_id,
            kind=draw(terms("source_kind")),
            title=draw(st.none() | names),
            publisher=draw(st.none() | st.sampled_from(actors_ids)),
            authors=tuple(draw(st.lists(st.sampled_from(actors_ids), max_size=2, unique=True))),
            published=tuple(claims(whens)),
            url=draw(st.none() | st.just(f"https://example.org/{source_id}")),
            retrieved=draw(st.none() | whens),
            language=draw(st.none() | st.sampled_from(["en", "cy", "fr-CA"])),
            derived_from=tuple(
                model.Derivation(
                    source=upstream,
                    relation=draw(terms("derivation")),
                    attributions=tuple(
                        draw(st.lists(st.sampled_from(attribution_ids), max_size=1))
                    ),
                )
                for upstream in draw(
                    st.lists(st.sampled_from(source_ids[:i]), max_size=2, unique=True)
                )
            )
            if i
            else (),
        )
        for i, source_id in enumerate(source_ids)
    ]
    documents = [
        model.Document(
            id=doc["id"],
            path=doc["path"],
            sha256=sha256_hex(doc["text"].encode("utf-8")),
            sources=tuple(doc["sources"]),
        )
        for doc in docs
    ]
    complaint_ids = [new_id("complaint") for _ in range(draw(st.integers(0, max_entities)))]
    investigation_ids = [new_id("inv") for _ in range(draw(small))]

    def milestones() -> tuple[model.Milestone, ...]:
        return tuple(
            model.Milestone(
                id=new_id("ms"),
                event=draw(terms("milestone")),
                value=draw(whens),
                phrase=draw(st.none() | names),
                attributions=tuple(draw(some_attributions)),
            )
            for _ in range(draw(st.integers(0, 3)))
        )

    entity_ids = actors_ids + source_ids + investigation_ids + complaint_ids
    investigations = [
        model.Investigation(
            id=inv_id,
            name=draw(names),
            kind=draw(terms("investigation_kind")),
            links=tuple(
                model.Link(
                    id=c.id,
                    relation=draw(terms("proceeding_relation")),
                    value=c.value,
                    attributions=c.attributions,
                )
                for c in claims(st.sampled_from(investigation_ids[:i]))
            )
            if i
            else (),
            conducted_by=tuple(claims(st.sampled_from(actors_ids))),
            examined=tuple(claims(st.sampled_from(entity_ids))),
            scope=tuple(claims(names)),
            period_examined=tuple(claims(periods())),
            milestones=milestones(),
            complaints=tuple(claims(st.sampled_from(complaint_ids))) if complaint_ids else (),
        )
        for i, inv_id in enumerate(investigation_ids)
    ]
    complaints = [
        model.Complaint(
            id=complaint_id,
            summary=draw(names),
            complainants=tuple(claims(st.sampled_from(actors_ids))),
            against=tuple(claims(st.sampled_from(actors_ids))),
            milestones=milestones(),
        )
        for complaint_id in complaint_ids
    ]
    finding_ids = [new_id("finding") for _ in range(draw(st.integers(0, max_entities)))]
    findings = [
        model.Finding(
            id=finding_id,
            investigation=draw(st.sampled_from(investigation_ids)),
            kind=draw(terms("finding_kind")),
            summary=draw(names),
            about=tuple(draw(st.lists(st.sampled_from(entity_ids), max_size=2, unique=True))),
            concerns=tuple(claims(whens)),
            attributions=tuple(draw(some_attributions)),
            note=draw(st.none() | names),
        )
        for finding_id in finding_ids
    ]
    outcome_targets = complaint_ids + investigation_ids + finding_ids
    outcomes = [
        model.Outcome(
            id=new_id("outcome"),
            kind=draw(terms("outcome_kind")),
            summary=draw(names),
            of=tuple(draw(st.lists(st.sampled_from(outcome_targets), max_size=2, unique=True))),
            concerning=tuple(draw(st.lists(st.sampled_from(actors_ids), max_size=2, unique=True))),
            decided_by=tuple(draw(st.lists(st.sampled_from(actors_ids), max_size=1))),
            date=tuple(claims(whens)),
            count=tuple(claims(quantities())),
            attributions=tuple(draw(some_attributions)),
            note=draw(st.none() | names),
        )
        for _ in range(draw(st.integers(0, max_entities)))
    ]
    all_entities = entity_ids + finding_ids + [o.id for o in outcomes]
    figures = [
        model.Figure(
            id=new_id("figure"),
            subject=draw(st.sampled_from(all_entities)),
            measure=draw(terms("measure")),
            value=draw(quantities()),
            phrase=draw(st.none() | names),
            attributions=tuple(draw(some_attributions)),
        )
        for _ in range(draw(st.integers(0, max_entities)))
    ]
    claim_ids = [
        c.id for inv in investigations for c in (*inv.links, *inv.period_examined, *inv.milestones)
    ]
    attributions = []
    for attribution_id, doc, start, end in attribution_specs:
        text = doc["text"]
        prefix, suffix = context(text, Span(start, end))
        attributions.append(
            model.Attribution(
                id=attribution_id,
                source=draw(st.sampled_from(doc["sources"])),
                speaker=draw(st.none() | st.sampled_from(actors_ids)),
                relayed_by=tuple(draw(st.lists(st.sampled_from(actors_ids), max_size=1))),
                quote=model.Quote(
                    document=doc["id"],
                    exact=text[start:end],
                    start=start,
                    end=end,
                    prefix=prefix,
                    suffix=suffix,
                ),
                mode=draw(st.sampled_from(model.Mode)),
                stance=draw(st.sampled_from(model.Stance)),
                kind=draw(st.sampled_from(model.AttributionKind)),
                about=tuple(draw(st.lists(st.sampled_from(all_entities), max_size=2, unique=True))),
                responds_to=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(all_entities + claim_ids + attribution_ids), max_size=1
                        )
                    )
                ),
                said=draw(st.none() | whens),
                note=draw(st.none() | names),
                extensions=draw(extensions),
            )
        )
    casefile = model.Casefile(
        id=new_id("casefile"),
        title=draw(names),
        description=draw(st.none() | names),
        actors=tuple(actors),
        sources=tuple(sources),
        documents=tuple(documents),
        investigations=tuple(investigations),
        complaints=tuple(complaints),
        findings=tuple(findings),
        outcomes=tuple(outcomes),
        figures=tuple(figures),
        attributions=tuple(attributions),
        extensions=draw(extensions),
    )
    return Generated(casefile, {doc["path"]: doc["text"] for doc in docs})
