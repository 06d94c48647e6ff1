"""Independent lines of evidence, pinned as properties over generated casefiles.

The rule is in ``casefile.query``'s docstring: a declared upstream first, then relays, then the
speaker's own publications upstream, else the attribution's own source; pure republications
collapse; nothing undeclared is ever reached.
"""

from __future__ import annotations

import attrs
from hypothesis import given

import casefile
from casefile import model
from casefile.strategies import Generated, casefiles


def _reachable(index: casefile.Index, source: str) -> set[str]:
    """The sources ``source`` declares it derives from, at any depth, and itself."""
    sources = {s.id: s for s in index.casefile.sources}
    seen, stack = {source}, [source]
    while stack:
        current = sources.get(stack.pop())
        for derivation in current.derived_from if current else ():
            if derivation.source not in seen:
                seen.add(derivation.source)
                stack.append(derivation.source)
    return seen


@given(casefiles())
def test_an_attribution_is_traced_only_where_it_or_its_source_declares(g: Generated) -> None:
    """Every root is the attribution's source, a source it (or its upstream statement)
    declares, or one their ``derived_from`` chains declare, republications collapsed."""
    index = casefile.Index(g.casefile)
    for attribution in g.casefile.attributions:
        allowed: set[str] = set()
        stack, seen = [attribution], set()
        while stack:
            current = stack.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            allowed |= _reachable(index, current.source)
            for target in current.upstream:
                item = index.get(target)
                if isinstance(item, model.Attribution):
                    stack.append(item)
                else:
                    allowed |= _reachable(index, target)
        assert index.line_root(attribution) in allowed


@given(casefiles())
def test_an_outlets_own_words_are_its_own_line(g: Generated) -> None:
    """With no speaker, relay or upstream, the root is the source (or what it purely
    republishes)."""
    index = casefile.Index(g.casefile)
    for attribution in g.casefile.attributions:
        own = attrs.evolve(attribution, speaker=None, relayed_by=(), upstream=())
        root = index.line_root(own)
        assert root == attribution.source or root in _reachable(index, attribution.source)
        source = next(s for s in g.casefile.sources if s.id == attribution.source)
        if source.kind != "republication":
            assert root == attribution.source


@given(casefiles())
def test_a_relay_that_leads_nowhere_adds_no_line(g: Generated) -> None:
    """Relayed by someone who published nothing upstream, the words keep the root they had."""
    index = casefile.Index(g.casefile)
    publishers = {s.publisher for s in g.casefile.sources} | {
        a for s in g.casefile.sources for a in s.authors
    }
    idle = [a.id for a in g.casefile.actors if a.id not in publishers]
    for attribution in g.casefile.attributions:
        plain = attrs.evolve(attribution, relayed_by=())
        for relayer in idle[:2]:
            relayed = attrs.evolve(plain, relayed_by=(relayer,))
            assert index.line_root(plain) == index.line_root(relayed)


@given(casefiles(min_entities=1))
def test_two_outlets_quoting_one_statement_are_one_line(g: Generated) -> None:
    """Two new outlets that quote a statement, each quoting its publisher, share its root."""
    cf = g.casefile
    statement = cf.sources[0]
    speaker = cf.actors[0].id
    statement = attrs.evolve(statement, publisher=speaker)
    outlets = tuple(
        model.Source(
            id=f"outlet-{n}",
            kind="news_report",
            derived_from=(model.Derivation(source=statement.id, relation="quotes"),),
        )
        for n in (1, 2)
    )
    base = cf.attributions[0] if cf.attributions else None
    quote = base.quote if base else model.Quote(document="d", exact="x", start=0, end=1)
    said = tuple(
        model.Attribution(id=f"said-{o.id}", source=o.id, speaker=speaker, quote=quote)
        for o in outlets
    )
    changed = attrs.evolve(
        cf,
        sources=(statement, *cf.sources[1:], *outlets),
        attributions=(*cf.attributions, *said),
    )
    index = casefile.Index(changed)
    roots = {index.line_root(a) for a in said}
    assert 1 == len(roots)
    assert roots <= _reachable(index, statement.id)
