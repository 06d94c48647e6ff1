"""Casefiles as FollowTheMoney entities, for OCCRP's Aleph and the other tools of that model.

Each entity is a dict ``{"id", "schema", "properties"}`` with every property value a list of
strings, as FollowTheMoney writes them (one per line in a ``.ftm.json`` file). The mapping,
chosen from the FollowTheMoney 4 schemata (the names are theirs):

- actors: a person is a ``Person``; an organisation an ``Organization``; an unnamed person a
  ``Person`` named by the casefile's neutral description ("a whistleblower"), with a
  ``description`` saying the sources do not name them; a group (people described but not
  listed) a ``LegalEntity``, the schema FollowTheMoney keeps for a party that is neither one
  person nor a registered body. Aliases are ``alias``, identifiers ``idNumber``, role titles
  ``position`` (of people). Membership of an organisation is a ``Membership``; of a group, an
  ``UnknownLink`` with the role ``member of``.
- sources: an ``Article`` for news reports, republications, commentary and interviews, else a
  ``Document``; title, ``author`` and ``publisher`` (names), ``publishedAt``, ``sourceUrl``,
  ``retrievedAt``, ``language``. A derivation (republishes, quotes, reports, cites) is an
  ``UnknownLink`` from the source to its upstream, with the relation as its ``role``.
- documents (the files): ``PlainText``, ``Table`` (CSV), ``HyperText`` (HTML) or ``Document``
  by media type, with ``fileName`` and ``mimeType``; each source the file carries is linked by
  a ``Documentation`` with the role ``carries the text of``.
- investigations: a ``CourtCase`` for proceedings before a court or tribunal (hearing,
  prosecution, trial, appeal, inquest), else an ``Event``; ``conducted_by`` is the event's
  ``organizer`` (the case's ``court`` by name), ``examined`` its ``involved``, milestones
  ``startDate``, ``endDate`` and ``date``.
- incidents and complaints: an ``Event`` each; a complaint's complainants and the actors it is
  against are ``UnknownLink`` entities with those roles, so the roles are kept.
- allegations: a ``Note`` on the actors it is against (and its complaint and incident), its
  summary as ``description``.
- findings and outcomes (decisions): an ``Event`` each, decided by its ``organizer``,
  concerning its ``involved``, dated by its ``date``.
- attributions: a ``Documentation`` linking the source (the document in FollowTheMoney's
  terms) to the speaker, or where the source speaks in its own voice to what the statement is
  about, with the quoted words as its ``summary``, ``role`` ``speaker`` and the attribution's
  id as ``recordId``. Every record that attributions support has those sources as ``proof``.

What FollowTheMoney cannot hold, and the export leaves out, is listed in docs/exports.md
("Entities and annotations"): above all, a property value there carries no attribution of
its own, so competing claims become several values side by side.

Entity ids must match ``[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?``; a casefile id may hold
``_`` and ``:``, so each id is the casefile and record ids with other characters made ``-``,
then the first 12 hex digits of the SHA-1 of the exact pair, which keeps two records apart
however their ids are spelled.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import model
from .dates import PartialDate, Period, When

__all__ = ["SCHEMATA", "entities"]

#: The FollowTheMoney schemata the export writes.
SCHEMATA = (
    "Article",
    "CourtCase",
    "Document",
    "Documentation",
    "Event",
    "HyperText",
    "LegalEntity",
    "Membership",
    "Note",
    "Organization",
    "Person",
    "PlainText",
    "Table",
    "UnknownLink",
)

_ACTOR_SCHEMA = {
    model.ActorKind.PERSON: "Person",
    model.ActorKind.ORGANISATION: "Organization",
    model.ActorKind.UNNAMED_PERSON: "Person",
    model.ActorKind.GROUP: "LegalEntity",
}
_ARTICLES = frozenset({"news_report", "republication", "commentary", "interview"})
_COURTS = frozenset({"hearing", "prosecution", "trial", "appeal", "inquest"})
_FILES = {"text/plain": "PlainText", "text/csv": "Table", "text/html": "HyperText"}
_UNSAFE = re.compile(r"[^0-9a-zA-Z.-]+")

Entity = dict[str, Any]


def entity_id(casefile: str, record: str) -> str:
    """The FollowTheMoney id of a record of a casefile (see the module docstring)."""
    slug = _UNSAFE.sub("-", f"{casefile}.{record}").strip(".-") or "x"
    digest = hashlib.sha1(f"{casefile}\x00{record}".encode(), usedforsecurity=False)
    return f"{slug}-{digest.hexdigest()[:12]}"


def ftm_date(value: When) -> list[str]:
    """A casefile date as FollowTheMoney's dates: ISO 8601 prefixes to the day.

    A period gives its known ends; a season gives its year. Approximate and uncertain marks
    are dropped (FollowTheMoney has none).
    """
    if isinstance(value, Period):
        return [d for end in (value.start, value.end) if end is not None for d in ftm_date(end)]
    assert isinstance(value, PartialDate)
    text = f"{value.year:04d}"
    if value.month is not None:
        text += f"-{value.month:02d}"
        if value.day is not None:
            text += f"-{value.day:02d}"
    return [text]


def entities(casefile: model.Casefile) -> Iterator[Entity]:
    """The FollowTheMoney entities of one casefile, records first, then the links between them.

    The casefile is taken as it is: leave sensitive values out first (``casefile.sensitive``)
    where they must not go.
    """
    return _Mapper(casefile).entities()


class _Mapper:
    def __init__(self, casefile: model.Casefile) -> None:
        self.casefile = casefile
        self.actors = {a.id: a for a in casefile.actors}
        self.attributions = {a.id: a for a in casefile.attributions}
        self.links = 0

    def id(self, record: str) -> str:
        return entity_id(self.casefile.id, record)

    def link_id(self, *parts: str) -> str:
        return self.id("\x00".join(parts))

    def name(self, actor: str) -> str:
        found = self.actors.get(actor)
        return found.name if found is not None else actor

    def proof(self, attributions: Iterable[str]) -> list[str]:
        found = dict.fromkeys(
            self.id(self.attributions[a].source) for a in attributions if a in self.attributions
        )
        return list(found)

    def entities(self) -> Iterator[Entity]:
        case = self.casefile
        for actor in case.actors:
            yield from self.actor(actor)
        for source in case.sources:
            yield from self.source(source)
        for document in case.documents:
            yield from self.document(document)
        for investigation in case.investigations:
            yield self.investigation(investigation)
        for incident in case.incidents:
            yield self.incident(incident)
        for complaint in case.complaints:
            yield from self.complaint(complaint)
        for allegation in case.allegations:
            yield self.allegation(allegation)
        for finding in case.findings:
            yield self.decision(finding)
        for outcome in case.outcomes:
            yield self.decision(outcome)
        for attribution in case.attributions:
            yield from self.attribution(attribution)

    # ------------------------------------------------------------------ records

    def actor(self, actor: model.Actor) -> Iterator[Entity]:
        schema = _ACTOR_SCHEMA[actor.kind]
        properties = _props(name=[actor.name], alias=list(actor.aliases))
        properties |= _props(idNumber=[i.value for i in actor.identifiers])
        if schema == "Person":
            properties |= _props(position=[r.title for r in actor.roles])
        if actor.kind is model.ActorKind.UNNAMED_PERSON:
            properties["description"] = ["A person the sources do not name."]
        elif actor.kind is model.ActorKind.GROUP:
            properties["description"] = ["A group of people the sources describe, not list."]
        supporting = [a for r in actor.roles for a in r.attributions]
        supporting += [a for i in actor.identifiers for a in i.attributions]
        properties |= _props(proof=self.proof(supporting))
        yield _entity(self.id(actor.id), schema, properties)
        for claim in actor.member_of:
            group = self.actors.get(claim.value)
            member_of = {"proof": self.proof(claim.attributions)}
            if group is not None and group.kind is model.ActorKind.ORGANISATION:
                yield _entity(
                    self.id(claim.id),
                    "Membership",
                    _props(
                        member=[self.id(actor.id)],
                        organization=[self.id(claim.value)],
                        **member_of,
                    ),
                )
            else:
                yield _entity(
                    self.id(claim.id),
                    "UnknownLink",
                    _props(
                        subject=[self.id(actor.id)],
                        object=[self.id(claim.value)],
                        role=["member of"],
                        **member_of,
                    ),
                )

    def source(self, source: model.Source) -> Iterator[Entity]:
        schema = "Article" if source.kind in _ARTICLES else "Document"
        published = [d for c in source.published for d in ftm_date(c.value)]
        properties = _props(
            fileName=[source.title or source.id],
            title=[source.title] if source.title else [],
            author=[self.name(a) for a in source.authors],
            publisher=[self.name(source.publisher)] if source.publisher else [],
            publishedAt=published,
            sourceUrl=[source.url] if source.url else [],
            retrievedAt=ftm_date(source.retrieved) if source.retrieved else [],
            language=[source.language] if source.language else [],
            proof=self.proof(a for c in source.published for a in c.attributions),
        )
        yield _entity(self.id(source.id), schema, properties)
        for number, derivation in enumerate(source.derived_from):
            yield _entity(
                self.link_id(source.id, "derived_from", str(number)),
                "UnknownLink",
                _props(
                    subject=[self.id(source.id)],
                    object=[self.id(derivation.source)],
                    role=[derivation.relation],
                    proof=self.proof(derivation.attributions),
                ),
            )

    def document(self, document: model.Document) -> Iterator[Entity]:
        media = document.media_type.split(";")[0].strip().lower()
        schema = _FILES.get(media, "Document")
        properties = _props(
            fileName=[document.path.rsplit("/", 1)[-1]],
            mimeType=[media],
        )
        yield _entity(self.id(document.id), schema, properties)
        for source in document.sources:
            yield _entity(
                self.link_id(document.id, "carries", source),
                "Documentation",
                _props(
                    document=[self.id(document.id)],
                    entity=[self.id(source)],
                    role=["carries the text of"],
                ),
            )

    def investigation(self, investigation: model.Investigation) -> Entity:
        conducted = [c.value for c in investigation.conducted_by]
        examined = [c.value for c in investigation.examined if c.value in self.actors]
        started, ended, other = _milestones(investigation.milestones)
        properties = _props(
            name=[investigation.name],
            alias=list(investigation.aliases),
            summary=[c.value for c in investigation.scope],
            notes=[investigation.note] if investigation.note else [],
        )
        supporting = [
            a
            for claims in (investigation.conducted_by, investigation.examined, investigation.scope)
            for c in claims
            for a in c.attributions
        ]
        supporting += [a for m in investigation.milestones for a in m.attributions]
        properties |= _props(proof=self.proof(supporting))
        if investigation.kind in _COURTS:
            properties |= _props(
                type=[investigation.kind],
                court=[self.name(a) for a in conducted],
                caseNumber=[i.value for i in investigation.identifiers],
                fileDate=started[:1],
                closeDate=ended[:1],
            )
            return _entity(self.id(investigation.id), "CourtCase", properties)
        properties |= _props(
            organizer=[self.id(a) for a in conducted if a in self.actors],
            involved=[self.id(a) for a in examined],
            startDate=started,
            endDate=ended,
            date=other,
        )
        return _entity(self.id(investigation.id), "Event", properties)

    def incident(self, incident: model.Incident) -> Entity:
        supporting = list(incident.attributions)
        supporting += [a for c in incident.when for a in c.attributions]
        supporting += [a for i in incident.involved for a in i.attributions]
        properties = _props(
            name=[incident.summary],
            date=[d for c in incident.when for d in ftm_date(c.value)],
            location=[c.value.text for c in incident.where],
            involved=list(dict.fromkeys(self.id(i.actor) for i in incident.involved)),
            notes=[incident.note] if incident.note else [],
            proof=self.proof(supporting),
        )
        return _entity(self.id(incident.id), "Event", properties)

    def complaint(self, complaint: model.Complaint) -> Iterator[Entity]:
        _, _, dates = _milestones(complaint.milestones, all_dates=True)
        parties = [(c, "complainant") for c in complaint.complainants]
        parties += [(c, "complained against") for c in complaint.against]
        supporting = [a for c, _ in parties for a in c.attributions]
        supporting += [a for m in complaint.milestones for a in m.attributions]
        yield _entity(
            self.id(complaint.id),
            "Event",
            _props(
                name=[complaint.summary],
                date=dates,
                involved=list(dict.fromkeys(self.id(c.value) for c, _ in parties)),
                notes=[complaint.note] if complaint.note else [],
                proof=self.proof(supporting),
            ),
        )
        for claim, role in parties:
            yield _entity(
                self.id(claim.id),
                "UnknownLink",
                _props(
                    subject=[self.id(claim.value)],
                    object=[self.id(complaint.id)],
                    role=[role],
                    proof=self.proof(claim.attributions),
                ),
            )

    def allegation(self, allegation: model.Allegation) -> Entity:
        about = [self.id(c.value) for c in allegation.against]
        about += [self.id(r) for r in (allegation.complaint, allegation.incident) if r]
        supporting = list(allegation.attributions)
        supporting += [a for c in allegation.against for a in c.attributions]
        return _entity(
            self.id(allegation.id),
            "Note",
            _props(
                name=[allegation.label or allegation.summary],
                description=[allegation.summary],
                entity=list(dict.fromkeys(about)),
                keywords=[k for k in (allegation.category, allegation.code) if k],
                notes=[allegation.note] if allegation.note else [],
                proof=self.proof(supporting),
            ),
        )

    def decision(self, decision: model.Finding | model.Outcome) -> Entity:
        concerning = list(decision.concerning)
        if isinstance(decision, model.Finding):
            concerning += [r for r in decision.about if r in self.actors]
        supporting = list(decision.attributions)
        supporting += [a for c in decision.date for a in c.attributions]
        return _entity(
            self.id(decision.id),
            "Event",
            _props(
                name=[decision.summary],
                summary=[decision.kind],
                date=[d for c in decision.date for d in ftm_date(c.value)],
                organizer=[self.id(a) for a in decision.decided_by if a in self.actors],
                involved=list(dict.fromkeys(self.id(a) for a in concerning)),
                notes=[decision.note] if decision.note else [],
                proof=self.proof(supporting),
            ),
        )

    def attribution(self, attribution: model.Attribution) -> Iterator[Entity]:
        if attribution.speaker is not None:
            targets, role = [attribution.speaker], "speaker"
        else:
            targets, role = list(attribution.about), "about"
        for target in targets:
            yield _entity(
                self.link_id(attribution.id, role, target),
                "Documentation",
                _props(
                    document=[self.id(attribution.source)],
                    entity=[self.id(target)],
                    role=[role],
                    summary=[attribution.quote.exact] if attribution.quote.exact else [],
                    description=[attribution.note] if attribution.note else [],
                    date=ftm_date(attribution.said) if attribution.said else [],
                    recordId=[attribution.id],
                ),
            )


def _milestones(
    milestones: Iterable[model.Milestone], *, all_dates: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """Started, concluded and other milestone dates (every date in the last, with all_dates)."""
    started: list[str] = []
    ended: list[str] = []
    other: list[str] = []
    for milestone in milestones:
        dates = ftm_date(milestone.value)
        if all_dates:
            other += dates
        elif milestone.event == "started":
            started += dates
        elif milestone.event == "concluded":
            ended += dates
        else:
            other += dates
    return started, ended, other


def _props(**values: list[str]) -> dict[str, list[str]]:
    """The properties that have values, each list without repeats."""
    return {k: list(dict.fromkeys(v)) for k, v in values.items() if v}


def _entity(id: str, schema: str, properties: dict[str, list[str]]) -> Entity:
    """An entity; a source that proves its own publication date is not its own ``proof``
    (FollowTheMoney refuses an entity that refers to itself)."""
    if id in properties.get("proof", ()):
        properties["proof"] = [p for p in properties["proof"] if p != id]
        if not properties["proof"]:
            del properties["proof"]
    return {"id": id, "schema": schema, "properties": properties}
