"""Answers to what readers ask of a casefile, from an index built once.

Over 500 lines because ``Index`` is one object whose lookups every answer shares; the parts that
stand alone live apart: answers in ``casefile.answers``, the timeline in ``casefile.timeline``,
value comparison in ``casefile.values``, decisions in ``casefile.decisions``.

``Index`` walks a casefile once and keeps lookups by id and reverse references, so each
question is answered without scanning. Results are frozen attrs objects in a documented, stable
order: the order of the casefile's own lists unless a method says otherwise.

Rules the answers follow:

- **Lines of evidence.** Each attribution counts by the root of its line of evidence: the
  source its words first appeared in, as far as the casefile can tell from what is declared.
  First, a pure republication (a source of kind ``republication`` that republishes exactly one
  source) is replaced by what it republishes, until another kind of source is reached (two
  outlets carrying one article are one line); any other source, including a page that
  republishes several sources beside words of its own, stays itself. Then, in this order:

  1. an attribution that declares an ``upstream`` counts from there: a source, resolved as
     above, or another attribution, whose own root is found by these same rules;
  2. an attribution relayed by someone (``relayed_by``) counts from the nearest source
     upstream of its own (through ``derived_from``, breadth first, in casefile order) that the
     relayer nearest the source published or wrote, then the next relayer: relaying never
     adds a line;
  3. an attribution with a speaker counts from the nearest such source that the speaker
     published or wrote (two outlets quoting one official statement are one line);
  4. otherwise the attribution's own source (resolved as above) is the root: an outlet's own
     words are its own line.

  An attribution is traced only to an upstream that it declares or that its source (and
  theirs) declares in ``derived_from``, never by guessing. A source known only through others'
  words (a report the casefile holds no text of) is a root of its own when reached that way.
  Where a speaker published several sources upstream, the walk meets the nearest first, which
  may not be the one whose words are quoted: such an attribution declares its ``upstream``.
- **Conflicts.** For each property marked *competing* in the schema (a period, a date, a count,
  a part-of relation), for milestones with the same event, and for figures with the same
  subject and measure: every two claims whose values cannot both be true are a conflict.
  Dates and periods conflict when their spans cannot overlap (``2025`` and ``2025-09-19``
  agree; ``2022`` and ``../2021`` do not; two periods conflict when their starts or their ends
  cannot be the same day). Quantities conflict when their units differ or their ranges cannot
  overlap (``14 years`` agrees with ``more than 10 years``; ``about`` allows 10% either way).
  References and text conflict when they differ. Each conflict is returned once, with its
  sides in casefile order; ``Conflict.swapped`` gives the mirror image.
- **Disputes.** An attribution whose stance is ``disputes`` or ``questions``, with each thing
  it takes that stance towards (its ``responds_to``, or else its ``about``) and the
  attributions that support that thing. Evidence counts stances by the same rule.
- **Timeline.** Every dated item once: milestones, periods examined, publication and retrieval
  dates, outcome dates, the dates findings concern, when roles were held, and when statements
  were made. Ordered by date
  (``casefile.dates.when_sort_key``: by first day covered, the less precise first), then
  by id.
- **Ids of the wrong kind.** A method that takes ids of some kinds only (``findings`` an
  investigation's, ``outcomes`` a complaint's, finding's or investigation's, as the model's
  references say) raises ``WrongKind``, naming the kinds it takes, for an id of another kind,
  rather than answering nothing; an id the casefile does not hold raises ``UnknownId``.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from . import decisions, model
from .answers import (
    Conflict,
    Decision,
    Dispute,
    Evidence,
    Line,
    Match,
    Reversal,
    Side,
    TimelineEntry,
)
from .dates import PartialDate, span, when_sort_key
from .errors import UnknownId, WrongKind, suggest
from .plan import ClassPlan, children, collections, holds_ids, plan, walk
from .timeline import dated
from .values import compatible, format_value

__all__ = [
    "Conflict",
    "Decision",
    "Dispute",
    "Evidence",
    "Index",
    "Line",
    "Match",
    "Reversal",
    "Side",
    "TimelineEntry",
    "compatible",
    "format_value",
    "stance_targets",
]


#: The link relations that put a proceeding within another (see ``Index.within``).
WITHIN = frozenset({"part_of", "arises_from", "appeal_of", "reviews", "prosecutes", "inquest_into"})


def stance_targets(attribution: model.Attribution) -> tuple[str, ...]:
    """What an attribution takes its stance towards: ``responds_to``, or else ``about``."""
    return attribution.responds_to or attribution.about


class Index:
    """A casefile indexed once for lookups, reverse references and the questions above."""

    def __init__(self, casefile: model.Casefile) -> None:
        self.casefile = casefile
        self._by_id: dict[str, Any] = {}
        self._kind: dict[str, str] = {}
        self._owner: dict[str, tuple[str, str]] = {}  # claim id -> (entity id, property)
        self._order: dict[str, int] = {}
        self._responses: dict[str, list[model.Attribution]] = defaultdict(list)
        self._children: dict[str, list[str]] = defaultdict(list)
        self._by_speaker: dict[str, list[model.Attribution]] = defaultdict(list)
        self._by_source: dict[str, list[model.Attribution]] = defaultdict(list)
        self._by_relayer: dict[str, list[model.Attribution]] = defaultdict(list)
        self._about: dict[str, list[model.Attribution]] = defaultdict(list)
        self._findings: dict[str, list[model.Finding]] = defaultdict(list)
        self._outcomes: dict[str, list[model.Outcome]] = defaultdict(list)
        self._figures: dict[str, list[model.Figure]] = defaultdict(list)
        self._naming: dict[str, list[model.Finding | model.Outcome]] = defaultdict(list)
        self._superseded_by: dict[str, list[str]] = defaultdict(list)
        self._allegations: dict[str, list[model.Allegation]] = defaultdict(list)
        by_id, kinds, order = self._by_id, self._kind, self._order
        # Every record with an id, in document order (as casefile.plan.walk meets them), in a
        # loop of its own: the walk's Visit records cost twice the time of the index itself.
        # The casefile's own id names the file, not a record in it, so the root is left out.
        for name, _, collection in children(plan(model.Casefile), holds_ids):
            kind = collection.kind
            below = children(collection, holds_ids)
            for entity in getattr(casefile, name):
                identifier = entity.id
                if identifier not in by_id:
                    by_id[identifier] = entity
                    kinds[identifier] = kind or name
                    order[identifier] = len(order)
                if below:
                    self._add_nested(entity, identifier, below)
        for inv in casefile.investigations:
            for link in inv.links:
                if link.relation in WITHIN:
                    self._children[link.value].append(inv.id)
        for allegation in casefile.allegations:
            if allegation.complaint is not None:
                self._allegations[allegation.complaint].append(allegation)
            for claim in allegation.against:
                self._allegations[claim.value].append(allegation)
        for finding in casefile.findings:
            if finding.investigation is not None:
                self._findings[finding.investigation].append(finding)
            for target in dict.fromkeys((*finding.about, *finding.concerning)):
                self._naming[target].append(finding)
            for earlier in finding.supersedes:
                self._superseded_by[earlier].append(finding.id)
        for outcome in casefile.outcomes:
            for target in outcome.of:
                self._outcomes[target].append(outcome)
            for target in dict.fromkeys((*outcome.of, *outcome.concerning)):
                self._naming[target].append(outcome)
            for earlier in outcome.supersedes:
                self._superseded_by[earlier].append(outcome.id)
        for figure in casefile.figures:
            self._figures[figure.subject].append(figure)
        for attribution in casefile.attributions:
            if attribution.speaker is not None:
                self._by_speaker[attribution.speaker].append(attribution)
            self._by_source[attribution.source].append(attribution)
            for relayer in attribution.relayed_by:
                self._by_relayer[relayer].append(attribution)
            for target in attribution.about:
                self._about[target].append(attribution)
            for target in stance_targets(attribution):
                self._responses[target].append(attribution)
        self._sources = {s.id: s for s in casefile.sources}
        self._roots = self._chain_roots()
        self._identified: dict[str, list[tuple[str, str]]] | None = None

    def _add_nested(
        self, record: Any, holder: str, fields: tuple[tuple[str, bool, ClassPlan], ...]
    ) -> None:
        """Add the records with ids under ``record`` (claims, milestones, roles), depth first."""
        by_id, kinds, owners, order = self._by_id, self._kind, self._owner, self._order
        stack = [(record, holder, fields)]
        while stack:
            node, owner, below = stack.pop()
            for name, many, child in below:
                value = getattr(node, name)
                for item in value if many else (() if value is None else (value,)):
                    if child.kind is not None:
                        identifier = item.id
                        if identifier not in by_id:
                            by_id[identifier] = item
                            kinds[identifier] = child.kind
                            order[identifier] = len(order)
                        owners[identifier] = (owner, name)
                        next_owner = identifier
                    else:
                        next_owner = owner
                    deeper = children(child, holds_ids)
                    if deeper:
                        stack.append((item, next_owner, deeper))

    # ------------------------------------------------------------ lookups

    def get(self, id: str) -> Any:
        """Return the entity, claim, figure or attribution with this id.

        Raises:
            UnknownId: no such id; the error suggests close matches.
        """
        try:
            return self._by_id[id]
        except KeyError:
            raise UnknownId(id, suggest(id, self._by_id)) from None

    def count(self, kind: str) -> int:
        """Return how many items of a kind the casefile holds.

        ``claim`` counts every stated value: claims, milestones and roles.
        """
        return sum(1 for k in self._kind.values() if k == kind)

    def kind(self, id: str) -> str:
        """Return the kind of the item with this id (``claim`` for claims and milestones)."""
        self.get(id)
        return self._kind[id]

    def owner(self, claim_id: str) -> tuple[str, str]:
        """Return the entity id and property a claim, milestone or role belongs to."""
        self._expect(claim_id, "claim")
        return self._owner[claim_id]

    def actors(
        self, *, role: str | None = None, kind: model.ActorKind | None = None
    ) -> tuple[model.Actor, ...]:
        """Return the actors, optionally those holding a role whose title contains ``role``."""
        needle = role.casefold() if role else None
        return tuple(
            actor
            for actor in self.casefile.actors
            if (kind is None or actor.kind is kind)
            and (needle is None or any(needle in r.title.casefold() for r in actor.roles))
        )

    def position(self, id: str) -> int:
        """Return the place of an item in the casefile's order (for sorting answers)."""
        self.get(id)
        return self._order[id]

    def within(self, investigation: str) -> tuple[str, ...]:
        """Return the ids of the proceedings within one, at every level.

        A proceeding is within another when it links to it as ``part_of``, ``arises_from``,
        ``appeal_of``, ``reviews``, ``prosecutes`` or ``inquest_into`` (``WITHIN``): an appeal
        of a hearing that is part of an investigation is within the investigation. Oversight
        links (``oversees``, ``directs``, ``supervises``) join parallel proceedings and are
        not followed.
        """
        self._expect(investigation, "investigation")
        found: list[str] = []
        seen = {investigation}
        stack = list(reversed(self._children.get(investigation, [])))
        while stack:
            child = stack.pop()
            if child in seen:
                continue
            seen.add(child)
            found.append(child)
            stack.extend(reversed(self._children.get(child, [])))
        return tuple(sorted(found, key=self._order.__getitem__))

    def _expect(self, id: str, *kinds: str) -> Any:
        """Return the item if it is of one of ``kinds``.

        Raises:
            WrongKind: the id is of another kind; the error names the kinds accepted.
            UnknownId: no such id; the error suggests close ids of those kinds.
        """
        item = self._by_id.get(id)
        if item is None:
            candidates = [i for i, k in self._kind.items() if k in kinds]
            raise UnknownId(id, suggest(id, candidates), kind=" or ".join(kinds))
        if self._kind[id] not in kinds:
            raise WrongKind(id, self._kind[id], kinds)
        return item

    # ------------------------------------------------------------ findings and outcomes

    def findings(self, investigation: str, *, within: bool = True) -> tuple[model.Finding, ...]:
        """Return the findings of an investigation, and of those within it unless told not to."""
        self._expect(investigation, "investigation")
        if not within or investigation not in self._children:
            return tuple(self._findings.get(investigation, ()))  # kept in document order
        scope = (investigation, *self.within(investigation))
        found = [f for inv in scope for f in self._findings.get(inv, [])]
        return tuple(sorted(found, key=lambda f: self._order[f.id]))

    def outcomes(self, of: str, *, within: bool = True) -> tuple[model.Outcome, ...]:
        """Return the outcomes of an allegation, complaint, finding, outcome or investigation,
        or those concerning an actor.

        For an actor, those that concern them. For a complaint, the outcomes of its allegations
        too. For an investigation, those of its findings and of its complaints (with their
        allegations), and with ``within`` the same for the investigations within it.

        Raises:
            WrongKind: ``of`` is not an id of a kind outcomes are of, nor an actor.
        """
        self._expect(of, *plan(model.Outcome).field("of").kinds, "actor")
        kind = self._kind[of]
        if kind == "actor":
            return tuple(o for o in self._naming.get(of, ()) if isinstance(o, model.Outcome))
        targets = [of]
        if kind == "complaint":
            targets.extend(a.id for a in self.allegations(complaint=of))
        if kind == "investigation":
            scope = (of, *self.within(of)) if within else (of,)
            for inv in scope:
                targets.append(inv)
                targets.extend(f.id for f in self._findings.get(inv, []))
                for complaint in self.complaints_of(inv):
                    targets.append(complaint)
                    targets.extend(a.id for a in self.allegations(complaint=complaint))
        seen: dict[str, model.Outcome] = {}
        for target in targets:
            for outcome in self._outcomes.get(target, []):
                seen.setdefault(outcome.id, outcome)
        return tuple(sorted(seen.values(), key=lambda o: self._order[o.id]))

    def allegations(
        self, *, complaint: str | None = None, against: str | None = None
    ) -> tuple[model.Allegation, ...]:
        """Return the allegations of a complaint and/or against an actor (all without either)."""
        pools: list[Iterable[model.Allegation]] = []
        if complaint is not None:
            self._expect(complaint, "complaint")
            pools.append(
                a for a in self._allegations.get(complaint, []) if a.complaint == complaint
            )
        if against is not None:
            self._expect(against, "actor")
            pools.append(
                a
                for a in self._allegations.get(against, [])
                if any(c.value == against for c in a.against)
            )
        if not pools:
            return self.casefile.allegations
        ids = set.intersection(*({a.id for a in pool} for pool in pools))
        return tuple(a for a in self.casefile.allegations if a.id in ids)

    def by_identifier(self, value: str, *, scheme: str | None = None) -> tuple[Any, ...]:
        """Return the entities a source identifies by ``value`` (of ``scheme``, if given).

        Identifiers are the numbers sources use (a complaint number, a star number); the
        casefile's own ids are not among them. An officer found by star number leads to every
        allegation against them across complaints: ``allegations(against=officer.id)``.
        """
        if self._identified is None:
            found: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for id, record in self._by_id.items():
                if isinstance(record, model.Identifier):
                    found[record.value].append((record.scheme, self._owner[id][0]))
            self._identified = found
        owners = dict.fromkeys(
            owner for s, owner in self._identified.get(value, ()) if scheme in (None, s)
        )
        return tuple(sorted((self._by_id[o] for o in owners), key=lambda r: self._order[r.id]))

    def decisions_naming(self, id: str) -> tuple[model.Finding | model.Outcome, ...]:
        """Return the findings about or concerning ``id`` and the outcomes of or concerning it."""
        self.get(id)
        return tuple(self._naming.get(id, ()))

    def superseded_by(self, id: str) -> tuple[str, ...]:
        """Return the ids of the decisions that replace a finding or outcome."""
        return tuple(self._superseded_by.get(id, ()))

    def decisions(self, subject: str) -> tuple[Decision, ...]:
        """Return the decisions on an allegation, complaint, proceeding, actor or decision.

        In order (each after what it replaces, else by date), with who made each, its stage
        and whether it stands; see ``casefile.decisions``.
        """
        return decisions.decisions(self, subject)

    def reversals(self, subject: str | None = None) -> tuple[Reversal, ...]:
        """Return where a later decision reverses an earlier one, or decision makers differ.

        Over the whole casefile, or over the decisions on one subject.
        """
        if subject is None:
            records: list[model.Finding | model.Outcome] = [
                *self.casefile.findings,
                *self.casefile.outcomes,
            ]
        else:
            records = [self.get(d.id) for d in self.decisions(subject)]
        return decisions.reversals(self, decisions.ordered(self, records))

    def complaints_of(self, investigation: str) -> tuple[str, ...]:
        """Return the ids of the complaints behind an investigation."""
        inv = self._expect(investigation, "investigation")
        return tuple(dict.fromkeys(c.value for c in inv.complaints))

    def sources_of(self, attributions: Iterable[str]) -> tuple[str, ...]:
        """Return the distinct sources of some attributions, in the order first met."""
        found = (self._by_id[a].source for a in attributions if a in self._by_id)
        return tuple(dict.fromkeys(found))

    def figures(self, subject: str) -> tuple[model.Figure, ...]:
        """Return the figures stated about an entity."""
        self._expect(subject, *plan(model.Figure).field("subject").kinds)
        return tuple(self._figures.get(subject, []))

    # ------------------------------------------------------------ who said what

    def said(
        self,
        *,
        speaker: str | None = None,
        source: str | None = None,
        about: str | None = None,
        relayed_by: str | None = None,
        speaking_for: bool = True,
        unnamed_only: bool = False,
    ) -> tuple[model.Attribution, ...]:
        """Return the attributions by a speaker, in a source, about an entity, relayed by
        someone, or resting on unnamed people; the filters given all apply.

        Args:
            speaker: what an actor said. With ``speaking_for`` (the default), that includes
                what those who speak for it said (holders of a role that ``speaks_for`` it: a
                force's spokesperson) and the words of sources it published that speak in
                their own voice (an official statement).
            source: what a source carries.
            about: what concerns an entity, or supports it.
            relayed_by: what an actor passed on (``relayed_by``).
            speaking_for: include those who speak for ``speaker`` (see above).
            unnamed_only: only statements by people the sources do not name (an unnamed
                person, or a group), relayed or not.
        """
        pools: list[Iterable[model.Attribution]] = []
        if speaker is not None:
            self._expect(speaker, "actor")
            speakers = self.speaking_for(speaker) if speaking_for else (speaker,)
            found = [a for s in speakers for a in self._by_speaker.get(s, [])]
            if speaking_for:
                found.extend(
                    a
                    for a in self.casefile.attributions
                    if a.speaker is None and self._sources[a.source].publisher == speaker
                    if a.source in self._sources
                )
            pools.append(found)
        if source is not None:
            self._expect(source, "source")
            pools.append(self._by_source.get(source, []))
        if about is not None:
            self.get(about)
            pools.append(self._about_all(about))
        if relayed_by is not None:
            self._expect(relayed_by, "actor")
            pools.append(self._by_relayer.get(relayed_by, []))
        if unnamed_only:
            pools.append(a for a in self.casefile.attributions if self._unnamed(a))
        if not pools:
            return self.casefile.attributions
        ids = set.intersection(*({a.id for a in pool} for pool in pools))
        return tuple(a for a in self.casefile.attributions if a.id in ids)

    def speaking_for(self, actor: str) -> tuple[str, ...]:
        """Return the actor and those who hold a role that speaks for it (``Role.speaks_for``:
        a spokesperson, a press office). Membership alone is not speaking for."""
        self._expect(actor, "actor")
        found = [actor]
        for other in self.casefile.actors:
            if other.id != actor and any(r.of == actor and r.speaks_for for r in other.roles):
                found.append(other.id)
        return tuple(found)

    def _unnamed(self, attribution: model.Attribution) -> bool:
        speaker = self._by_id.get(attribution.speaker or "")
        return isinstance(speaker, model.Actor) and speaker.kind in (
            model.ActorKind.UNNAMED_PERSON,
            model.ActorKind.GROUP,
        )

    def resting_on_unnamed(self) -> tuple[str, ...]:
        """Return the ids of findings, outcomes, figures and stated values whose every
        supporting statement is by people the sources do not name."""
        found = []
        for item_id, kind in self._kind.items():
            if kind not in ("finding", "outcome", "figure", "claim", "allegation"):
                continue
            supporting = self._supporting(item_id)
            if supporting and all(self._unnamed(a) for a in supporting):
                found.append(item_id)
        return tuple(found)

    def _about_all(self, id: str) -> list[model.Attribution]:
        found = {a.id: a for a in self._about.get(id, [])}
        for a in self._supporting(id):
            found.setdefault(a.id, a)
        return list(found.values())

    # ------------------------------------------------------------ evidence

    def _chain_roots(self) -> dict[str, str]:
        """Each source's root once pure republications are collapsed (module docstring)."""
        sources = {s.id: s for s in self.casefile.sources}
        roots: dict[str, str] = {}
        for start in sources:
            # Follow single republications up, without recursion, until a root or a source
            # already resolved; a loop (reported by validation) stops where it closes.
            chain: list[str] = []
            current = start
            while current not in roots and current not in chain:
                chain.append(current)
                source = sources.get(current)
                if source is None or source.kind != "republication":
                    break
                upstream = [d.source for d in source.derived_from if d.relation == "republishes"]
                if len(upstream) != 1:
                    break
                current = upstream[0]
            root = roots.get(current, current)  # a loop's root is where it closes
            for each in chain:
                roots[each] = root
        return roots

    def line_root(self, attribution: model.Attribution) -> str:
        """Return the root source of an attribution's line of evidence (module docstring)."""
        seen = {attribution.id}
        while attribution.upstream:
            target = attribution.upstream[0]
            item = self._by_id.get(target)
            if isinstance(item, model.Source):
                return self._roots.get(target, target)
            if not isinstance(item, model.Attribution) or target in seen:
                break
            seen.add(target)
            attribution = item
        start = self._roots.get(attribution.source, attribution.source)
        # The relayer nearest the source first: the words reached the source through them.
        for relayer in reversed(attribution.relayed_by):
            found = self._published_upstream(start, relayer)
            if found is not None:
                return found
        if attribution.speaker is not None:
            found = self._published_upstream(start, attribution.speaker)
            if found is not None:
                return found
        return start

    def _published_upstream(self, start: str, actor: str) -> str | None:
        """The nearest source upstream of ``start`` that ``actor`` published or wrote.

        Breadth first through the ``derived_from`` that ``start`` and its upstreams declare,
        in casefile order: nothing undeclared is ever reached.
        """
        seen = {start}
        queue = deque([start])
        while queue:
            current = self._sources.get(queue.popleft())
            if current is None:
                continue
            for derivation in current.derived_from:
                upstream = self._sources.get(derivation.source)
                if upstream is None or upstream.id in seen:
                    continue
                seen.add(upstream.id)
                if actor == upstream.publisher or actor in upstream.authors:
                    return self._roots.get(upstream.id, upstream.id)
                queue.append(upstream.id)
        return None

    def _supporting(self, id: str) -> list[model.Attribution]:
        item = self.get(id)
        ids: list[str] = list(getattr(item, "attributions", ()) or ())
        if self._kind[id] in ("actor", "investigation", "complaint", "source"):
            for field in attrs.fields(type(item)):
                value = getattr(item, field.name)
                if isinstance(value, tuple):
                    for sub in value:
                        ids.extend(
                            getattr(sub, "attributions", ()) if not isinstance(sub, str) else ()
                        )
        ids.extend(
            a.id
            for a in self._responses.get(id, [])
            if a.stance in (model.Stance.ASSERTS, model.Stance.ACCEPTS)
        )
        unique = dict.fromkeys(i for i in ids if i in self._by_id)
        return sorted((self._by_id[i] for i in unique), key=lambda a: self._order[a.id])

    def evidence(self, id: str) -> Evidence:
        """Return what supports and disputes an entity, claim, figure or attribution."""
        supporting = self._supporting(id)
        disputing = [
            a
            for a in self._responses.get(id, [])
            if a.stance in (model.Stance.DISPUTES, model.Stance.QUESTIONS)
        ]
        lines: dict[str, list[str]] = {}
        for attribution in supporting:
            lines.setdefault(self.line_root(attribution), []).append(attribution.id)
        involved = {a.source for a in supporting} | set(lines)
        sources = [s.id for s in self.casefile.sources if s.id in involved]
        return Evidence(
            target=id,
            supporting=tuple(supporting),
            disputing=tuple(sorted(disputing, key=lambda a: self._order[a.id])),
            sources=tuple(sources),
            lines=tuple(Line(root=root, attributions=tuple(ids)) for root, ids in lines.items()),
        )

    # ------------------------------------------------------------ disagreement

    def _side(self, item: Any) -> Side:
        attributions = tuple(item.attributions)
        sources = dict.fromkeys(self._by_id[a].source for a in attributions if a in self._by_id)
        return Side(
            item=item.id,
            value=format_value(item.value)
            if item.value is not None
            else f"\u201c{getattr(item, 'phrase', None) or ''}\u201d",
            attributions=attributions,
            sources=tuple(sources),
        )

    def _competing_groups(self) -> Iterator[tuple[str, str, list[Any], bool]]:
        """Each group of versions to compare: subject, property, versions, and whether two
        different versions exclude each other (false for a question's answers)."""
        for name in collections():
            for entity in getattr(self.casefile, name):
                for field in attrs.fields(type(entity)):
                    value = getattr(entity, field.name)
                    if field.metadata.get("competing"):
                        yield entity.id, field.name, list(value), True
                    elif field.metadata.get("accounts"):
                        yield entity.id, field.name, list(value), False
                    elif field.name == "links":
                        parents = [link for link in value if link.relation == "part_of"]
                        if parents:
                            yield entity.id, "links:part_of", parents, True
                    elif field.name == "milestones":
                        events: dict[str, list[model.Milestone]] = defaultdict(list)
                        for milestone in value:
                            events[milestone.event].append(milestone)
                        for event, group in events.items():
                            yield entity.id, f"milestones:{event}", group, True
        figures: dict[tuple[str, str], list[model.Figure]] = defaultdict(list)
        for figure in self.casefile.figures:
            figures[(figure.subject, figure.measure)].append(figure)
        for (subject, measure), same in figures.items():
            yield subject, f"figure:{measure}", same, True

    def conflicts(self, subject: str | None = None) -> tuple[Conflict, ...]:
        """Return every conflict, or those about one entity, in casefile order."""
        if subject is not None:
            self._expect(subject, *collections().values())
        found: list[Conflict] = []
        for entity, prop, group, exclusive in self._competing_groups():
            if subject is not None and entity != subject:
                continue
            group = [item for item in group if getattr(item, "inferred", None) is None]
            for i, left in enumerate(group):
                for right in group[i + 1 :]:
                    if not compatible(left.value, right.value):
                        found.append(
                            Conflict(
                                subject=entity,
                                property=prop,
                                left=self._side(left),
                                right=self._side(right),
                                exclusive=exclusive,
                            )
                        )
        return tuple(found)

    def disputes(self, target: str | None = None) -> tuple[Dispute, ...]:
        """Return each disputing or questioning attribution with what it responds to."""
        if target is not None:
            self.get(target)
        found: list[Dispute] = []
        for attribution in self.casefile.attributions:
            if attribution.stance not in (model.Stance.DISPUTES, model.Stance.QUESTIONS):
                continue
            for responded in stance_targets(attribution):
                if target is not None and responded != target:
                    continue
                supporting = (
                    tuple(a for a in self._supporting(responded) if a.id != attribution.id)
                    if responded in self._by_id
                    else ()
                )
                found.append(
                    Dispute(attribution=attribution, target=responded, supporting=supporting)
                )
        return tuple(found)

    # ------------------------------------------------------------ timeline

    def timeline(
        self,
        *,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        kinds: Iterable[str] | None = None,
    ) -> tuple[TimelineEntry, ...]:
        """Return every dated item in date order (see module docstring).

        Args:
            start: keep items that reach on or after this date.
            end: keep items that begin on or before this date.
            kinds: keep items of these entity kinds.
        """
        wanted = set(kinds) if kinds is not None else None
        entries = []
        for entry in dated(self):
            if wanted is not None and entry.kind not in wanted:
                continue
            first, last = span(entry.when)
            if start is not None and last is not None and last < start.earliest():
                continue
            if end is not None and first is not None and first > end.latest():
                continue
            entries.append(entry)
        return tuple(sorted(entries, key=lambda e: (when_sort_key(e.when), e.item)))

    # ------------------------------------------------------------ search

    def search(self, text: str) -> tuple[Match, ...]:
        """Find ``text`` (case-insensitive) in every field of prose (``model.Text.PROSE``).

        Names, titles, summaries, notes, phrases, stated text and quoted words; a match in a
        record without an id of its own (a quote) is reported against the record holding it,
        with the field's path (``quote.exact``).
        """
        needle = text.casefold()
        found: list[Match] = []
        for record, current, holder, field, _ in walk(self.casefile):
            if record is self.casefile:
                owner, prefix = None, ""
            elif current.kind is not None:
                owner, prefix = record, ""
            else:
                owner, prefix = holder, f"{field}."
            if owner is None or owner.id not in self._by_id:
                continue
            for plan_field in current.texts:
                if plan_field.text is not model.Text.PROSE:
                    continue
                value = getattr(record, plan_field.name)
                for each in value if plan_field.many else (value,):
                    if each is not None and needle in each.casefold():
                        found.append(
                            Match(
                                id=owner.id,
                                kind=self._kind[owner.id],
                                field=_FIELD_NAMES.get(
                                    f"{prefix}{plan_field.name}", f"{prefix}{plan_field.name}"
                                ),
                                text=each,
                            )
                        )
        order = self._order
        return tuple(sorted(found, key=lambda m: order[m.id]))


# Search reports a quote's words as the field "quote".
_FIELD_NAMES = {"quote.exact": "quote"}
