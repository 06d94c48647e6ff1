"""The casefile model: frozen, typed records of an investigation and who says what about it.

Three ideas shape every class here:

- **Everything has a stable string id**, unique across the whole casefile, so that anything
  (an entity, a claim, an attribution) can be referred to, disputed or annotated.
- **Nothing a source states is held without attribution.** A property that a source states (a
  date, a period, a count, a relation to another entity) is a tuple of ``Claim`` values,
  each naming the ``Attribution`` records that support it. Two sources that give different
  periods are two claims side by side; the model never picks one. Fields marked *competing*
  in their description hold one true value, so several claims there with different values are
  competing versions of the same thing; other claim fields hold many values that add up.
- **The project's own words are neutral labels**: names, summaries and kinds. Anything
  loaded, contested or descriptive of people beyond their role stays inside quotes, in
  attributions, with the speaker who used it. The model has no field of its own for religion,
  ethnicity or other personal characteristics: where a source *records* one (a complaints
  table's race or gender code), a ``Characteristic`` keeps it as that source's own label,
  attributed word for word and marked sensitive, never in the casefile's own words.

The JSON Schema is generated from these classes (``casefile.schema``): field metadata holds
each property's description, the kinds of entity a reference may point to, and the open
vocabulary a term comes from. Change a field here and the schema test tells you to regenerate.

This module is long (over 500 lines) on purpose: it is the one place the model is written, and
its classes refer to one another; split, a reader would lose the whole shape of a casefile.
"""

from __future__ import annotations

import enum
from typing import Annotated, Any, Generic, TypeVar

import attrs

from .dates import Period, When
from .errors import QuantityError
from .version import SCHEMA_ID, SCHEMA_VERSION

__all__ = [
    "Actor",
    "ActorKind",
    "Allegation",
    "Attribution",
    "AttributionKind",
    "Casefile",
    "Cell",
    "Characteristic",
    "Claim",
    "Complaint",
    "Derivation",
    "Document",
    "Figure",
    "Finding",
    "Id",
    "Identifier",
    "Incident",
    "Investigation",
    "Involvement",
    "Link",
    "Milestone",
    "Mode",
    "Outcome",
    "Place",
    "PlacePart",
    "Proposition",
    "Qualifier",
    "Quantity",
    "Question",
    "Quote",
    "Ref",
    "Role",
    "Source",
    "Stance",
    "Text",
]

#: An entity's own id: 1 to 128 characters of ASCII letters, digits and ``. _ : -``. A plain
#: ``str`` to type checkers; the annotation tells the schema generator to use the Id pattern.
Id = Annotated[str, "casefile:id"]
#: The id of another entity in the same casefile (the same type as ``Id``; the name says
#: that the field refers rather than names).
Ref = Id

T = TypeVar("T")

#: Every kind of thing that has an id, as used by ``ref`` metadata.
KINDS = (
    "actor",
    "source",
    "document",
    "investigation",
    "incident",
    "complaint",
    "allegation",
    "finding",
    "outcome",
    "figure",
    "proposition",
    "question",
    "attribution",
    "claim",
)
_ENTITY_KINDS = (
    "actor",
    "source",
    "document",
    "investigation",
    "incident",
    "complaint",
    "allegation",
    "finding",
    "outcome",
)
# What a decision (a finding or an outcome) may replace.
_DECISIONS = ("finding", "outcome")


def prop(
    doc: str,
    *,
    default: Any = attrs.NOTHING,
    ref: tuple[str, ...] | None = None,
    vocabulary: str | None = None,
    competing: bool = False,
    accounts: bool = False,
    min_items: int = 0,
    pattern: str | None = None,
    example: Any = None,
    always: bool = False,
    text: Text | None = None,
    acyclic: bool = False,
    json_name: str | None = None,
    sensitive: bool = False,
    allow_empty: bool = False,
    minimum: int | None = None,
) -> Any:
    """Declare a model field with the metadata the schema generator and validators read.

    Args:
        doc: the property's description, published in the schema.
        default: the default; tuples default to empty, so pass ``()`` for those.
        ref: the kinds of entity a reference (or a claim's referenced value) may point to.
        vocabulary: the open vocabulary (``casefile.vocabulary.VOCABULARIES``) of a term.
        competing: several claims here are competing versions of one value.
        accounts: several claims here are different accounts of one matter, which may all
            hold (the answers to a question).
        min_items: the fewest items a tuple may hold.
        pattern: a regular expression a string must match (ECMA-262 and Python alike).
        example: a value shown in the schema's ``examples``.
        always: written and required even when it equals its default.
        text: what a string field (or a claim's string value) holds, when it is neither an id,
            a reference nor a vocabulary term (which say so themselves); see ``Text``.
        acyclic: the references under it to records of the holder's kind must not loop.
        json_name: the property's name in JSON, where it differs from the field's.
        sensitive: every value here is sensitive (an incident's place): renderings and exports
            leave it out unless asked (``casefile.sensitive``).
        allow_empty: a string here may be empty (a quote of an empty cell).
        minimum: the least value of an integer, where it is not 0.
    """
    metadata: dict[str, Any] = {"doc": doc}
    if ref is not None:
        metadata["ref"] = ref
    if vocabulary is not None:
        metadata["vocabulary"] = vocabulary
    if competing:
        metadata["competing"] = True
    if accounts:
        metadata["accounts"] = True
    if min_items:
        metadata["min_items"] = min_items
    if pattern is not None:
        metadata["pattern"] = pattern
    if example is not None:
        metadata["example"] = example
    if always:
        metadata["always"] = True
    if text is not None:
        metadata["text"] = text
    if acyclic:
        metadata["acyclic"] = True
    if json_name is not None:
        metadata["json_name"] = json_name
    if sensitive:
        metadata["sensitive"] = True
    if allow_empty:
        metadata["allow_empty"] = True
    if minimum is not None:
        metadata["minimum"] = minimum
    return attrs.field(default=default, metadata=metadata)


class Text(enum.Enum):
    """What a string holds, for the strings that are neither ids, references nor terms.

    Every string field of the model is classified, here or by its type and metadata (an
    ``Id``, a ``ref``, a ``vocabulary``), so that each layer knows what to do with it:
    search reads prose, integrity checks context against documents, exports keep codes and
    locators as they are. ``casefile.plan`` refuses a model with an unclassified string.
    """

    PROSE = "prose"
    """Words a reader searches: names, titles, summaries, notes, phrases, quoted words."""
    CONTEXT = "context"
    """Document text next to a quote, kept to re-find it: checked, never searched."""
    CODE = "code"
    """A short code with its own rules: a unit, a media type, a language tag, a digest, a
    schema version."""
    LOCATOR = "locator"
    """Where something is: a path or an address."""


def _extensions() -> Any:
    return prop(
        "Data from other tools, kept through load and save untouched. Keys should be "
        "namespaced (for example `org.example:tag`) so that two tools do not collide.",
        default=attrs.Factory(dict),
    )


class ActorKind(enum.Enum):
    """What sort of actor: the four shapes a speaker or party takes in a source."""

    PERSON = "person"
    """A named individual."""
    ORGANISATION = "organisation"
    """A body: a force, a watchdog, a council, a company."""
    UNNAMED_PERSON = "unnamed_person"
    """An individual the sources do not name ("a whistleblower")."""
    GROUP = "group"
    """A set of people described but not listed ("officers of the rank of Chief
    Superintendent and above")."""


class Stance(enum.Enum):
    """The position an attribution takes towards what it is about or responds to."""

    ASSERTS = "asserts"
    """States what it says as so; supports what it is about."""
    DISPUTES = "disputes"
    """Denies or contradicts what it responds to."""
    ACCEPTS = "accepts"
    """Agrees with or concedes what it responds to; supports it."""
    QUESTIONS = "questions"
    """Doubts what it responds to, without denying it."""


class Mode(enum.Enum):
    """Whether the quoted words are the speaker's own or the source's account of them."""

    DIRECT = "direct"
    """The quoted words are the speaker's own."""
    INDIRECT = "indirect"
    """The quoted words are the source's account of what the speaker said."""


class AttributionKind(enum.Enum):
    """Whether a statement reports (events, what was said or found) or comments (opinion)."""

    REPORT = "report"
    """States what happened, was found or was said."""
    COMMENTARY = "commentary"
    """Opinion, motive or judgement in the speaker's own voice."""


class Qualifier(enum.Enum):
    """How a stated quantity relates to the true one."""

    EXACT = "exact"
    """The number is the true one (`12 officers`)."""
    ABOUT = "about"
    """Near the true one (`about 40`, `some 40`)."""
    AT_LEAST = "at_least"
    """The true number is this or more (`at least 40`)."""
    MORE_THAN = "more_than"
    """The true number is above this (`more than 40`)."""
    AT_MOST = "at_most"
    """The true number is this or less (`up to 40`)."""
    FEWER_THAN = "fewer_than"
    """The true number is below this (`fewer than 40`)."""


@attrs.frozen(kw_only=True)
class Claim(Generic[T]):
    """One value of a property, as stated by the attributions that support it.

    Attributes:
        id: this claim's id, so that responses and disputes can point at it.
        value: the value stated.
        phrase: the source's own words for the value, where they say more than the value.
        attributions: the attributions that state this value; at least one.
        note: an editor's neutral note on how the value was read.
        inferred: the casefile's own reasoning, where the value is inferred, not stated.
    """

    id: Id = prop("This claim's id, unique in the casefile.")
    value: T = prop("The value stated.")
    phrase: str | None = prop(
        "The source's own words for the value, kept where the value alone loses meaning.",
        default=None,
        example="the early 2000s",
        text=Text.PROSE,
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that state this value; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop(
        "An editor's neutral note on how the value was read.", default=None, text=Text.PROSE
    )
    inferred: str | None = prop(
        "The casefile's own reasoning, where the value is inferred rather than stated in the "
        "quoted words (a year worked out from `last Friday`). An inferred value never feeds a "
        "conflict or a timeline by itself; `show` and `evidence` give it with its reasoning.",
        default=None,
        text=Text.PROSE,
    )


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated event in the life of an investigation or complaint, as a source states it.

    Attributes:
        id: this milestone's id.
        event: what happened, from the ``milestone`` vocabulary (started, published, ...).
        value: when: a date or a period.
        phrase: the source's own words for the date.
        attributions: the attributions that state it; at least one.
        note: an editor's neutral note.
    """

    id: Id = prop("This milestone's id, unique in the casefile.")
    event: str = prop(
        "What happened. Several milestones with the same event and different dates are "
        "competing versions of that date.",
        vocabulary="milestone",
    )
    value: When = prop("When it happened: a date or a period.")
    phrase: str | None = prop("The source's own words for the date.", default=None, text=Text.PROSE)
    attributions: tuple[Ref, ...] = prop(
        "The attributions that state this date; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    inferred: str | None = prop(
        "The casefile's own reasoning, where the value is inferred rather than stated in the "
        "quoted words (a year worked out from `last Friday`). An inferred value never feeds a "
        "conflict or a timeline by itself; `show` and `evidence` give it with its reasoning.",
        default=None,
        text=Text.PROSE,
    )


@attrs.frozen(kw_only=True)
class Link:
    """How one proceeding relates to another, as a source states it: part of, appeal of, ...

    Read as "this proceeding <relation> the other": a hearing ``part_of`` an investigation, an
    appeal ``appeal_of`` a hearing, a review ``reviews`` a decision's proceeding.

    Attributes:
        id: this link's id.
        relation: from the ``proceeding_relation`` vocabulary.
        value: the other proceeding.
        phrase: the source's own words for the relation.
        attributions: the attributions that state it; at least one.
        note: an editor's neutral note.
    """

    id: Id = prop("This link's id, unique in the casefile.")
    relation: str = prop(
        "How this proceeding relates to the other, read as `this <relation> other`. Several "
        "`part_of` links with different values are competing versions of one parent.",
        vocabulary="proceeding_relation",
    )
    value: Ref = prop("The other proceeding.", ref=("investigation",))
    phrase: str | None = prop(
        "The source's own words for the relation.", default=None, text=Text.PROSE
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that state this relation; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)


@attrs.frozen(kw_only=True)
class Quantity:
    """A number as a source gives it: exact, a range, or bounded on one side, with a unit.

    Attributes:
        value: the number stated, when a single number is.
        minimum: the lower end of a range.
        maximum: the upper end of a range.
        unit: what is counted or measured (people, GBP, years, ...), singular or plural.
        qualifier: how the number relates to the true one (exact, at_least, ...).
    """

    value: int | float | None = prop("The number stated, when one number is.", default=None)
    minimum: int | float | None = prop("The lower end of a stated range.", default=None)
    maximum: int | float | None = prop("The upper end of a stated range.", default=None)
    unit: str = prop(
        "What is counted or measured: a plain word such as `officers`, `allegations`, "
        "`years`, or an ISO 4217 code such as `GBP` for money.",
        example="officers",
        text=Text.CODE,
    )
    qualifier: Qualifier = prop(
        "How the stated number relates to the true one.", default=Qualifier.EXACT
    )

    def __attrs_post_init__(self) -> None:
        if self.value is None and self.minimum is None and self.maximum is None:
            raise QuantityError(
                "a quantity needs a value, a minimum or a maximum", code="empty-quantity"
            )
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise QuantityError(f"minimum {self.minimum} is above maximum {self.maximum}")


@attrs.frozen(kw_only=True)
class Role:
    """A role an actor holds, as a source describes it.

    Attributes:
        id: this role's id.
        title: the role in plain words (solicitor, whistleblower, deputy mayor, ...).
        of: the organisation or group the role is held in, if any.
        during: when the role was held, where the source says.
        speaks_for: the role is to speak for the organisation it is held in.
        attributions: the attributions that describe it; at least one.
        note: an editor's neutral note.
    """

    id: Id = prop("This role's id, unique in the casefile.")
    title: str = prop("The role in plain words.", example="whistleblower", text=Text.PROSE)
    of: Ref | None = prop(
        "The organisation or group the role is held in.", default=None, ref=("actor",)
    )
    during: Period | None = prop("When the role was held, where a source says.", default=None)
    speaks_for: bool = prop(
        "The role is to speak for `of` (a spokesperson, a press office): what its holder says "
        "in the role is counted as said by the organisation too.",
        default=False,
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that describe this role; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)


def _identifiers() -> Any:
    return prop(
        "Identifiers that sources give it (a complaint number, a star number), each with its "
        "scheme and attributions; the casefile's own `id` stays its own.",
        default=(),
    )


@attrs.frozen(kw_only=True)
class Identifier:
    """An identifier a source gives an actor, complaint, allegation, investigation or incident.

    The casefile's own ids are its own; an identifier is a claim a record makes ("complaint
    number 1054264", "star 6824"), attributed to the cell or words that state it, so that the
    same entity can be found by the numbers its sources use.

    Attributes:
        id: this identifier's id.
        scheme: what sort of identifier, from the open ``identifier_scheme`` vocabulary.
        value: the identifier exactly as the source writes it.
        attributions: the attributions that state it; at least one.
        note: an editor's neutral note.
    """

    id: Id = prop("This identifier's id, unique in the casefile.")
    scheme: str = prop("What sort of identifier.", vocabulary="identifier_scheme")
    value: str = prop(
        "The identifier exactly as the source writes it.", example="6824", text=Text.CODE
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that state this identifier; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)


@attrs.frozen(kw_only=True)
class Characteristic:
    """A characteristic of one person, exactly as a source records it: a rank, a unit, a code.

    Complaint data records officers' and complainants' rank, unit, gender, race, age or year
    of birth. A casefile keeps such a value only as the source's own label or code, attributed
    word for word (for a table, to its cell), never translated, grouped or repeated in the
    casefile's own words; a code's meaning comes from the source's own lookup table, itself a
    document. Characteristics are only of individual people, never of groups. ``sensitive``
    marks values that renderings and exports leave out unless asked: every value of a
    sensitive attribute (gender, race or ethnicity, age, year of birth) and every
    characteristic of a civilian (a complainant, victim or witness).

    Attributes:
        id: this characteristic's id.
        attribute: what is recorded, from the open ``characteristic`` vocabulary.
        value: the source's own label or code, exactly as recorded.
        held: when the value held, from the ``characteristic_time`` vocabulary.
        as_of: the date at which the value held, where the source gives one.
        at: the incident at whose time the value held.
        sensitive: whether the value is sensitive (see above); always written.
        attributions: the attributions that record it; at least one.
        note: an editor's neutral note.
    """

    id: Id = prop("This characteristic's id, unique in the casefile.")
    attribute: str = prop("What is recorded.", vocabulary="characteristic")
    value: str = prop(
        "The source's own label or code, exactly as recorded; never translated or grouped.",
        example="PO",
        text=Text.CODE,
    )
    held: str | None = prop(
        "When the value held: at the data's release (a 'current' column), at the incident, "
        "...; absent where the source does not say. A rank at the incident and a rank at "
        "release are two characteristics.",
        default=None,
        vocabulary="characteristic_time",
    )
    as_of: When | None = prop("The date at which the value held, where given.", default=None)
    at: Ref | None = prop(
        "The incident at whose time the value held.", default=None, ref=("incident",)
    )
    sensitive: bool = prop(
        "Whether renderings and exports leave the value out unless asked: true for every "
        "value of gender, race_or_ethnicity, age and birth_year, and for every characteristic "
        "of a complainant or other civilian.",
        always=True,
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that record it; at least one.", ref=("attribution",), min_items=1
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)


@attrs.frozen(kw_only=True)
class Actor:
    """A person, organisation, unnamed individual or described group that takes part.

    Attributes:
        id: this actor's id.
        kind: person, organisation, unnamed_person ("a whistleblower") or group ("officers of
            the rank of Chief Superintendent and above").
        name: the name, or for unnamed actors and groups the neutral description used.
        aliases: other names the sources use (abbreviations, titles).
        roles: the roles the sources give this actor.
        member_of: the organisations or groups this actor belongs to.
        identifiers: numbers the sources give the actor (a star or tax number).
        characteristics: what the sources record of a person (see ``Characteristic``).
        extensions: data from other tools.
    """

    id: Id = prop("This actor's id, unique in the casefile.", example="iopc")
    kind: ActorKind = prop(
        "person; organisation; unnamed_person, for an individual the sources do not name; "
        "group, for a set of people described but not listed."
    )
    name: str = prop(
        "The actor's name, or for an unnamed person or a group the neutral description used.",
        example="Independent Office for Police Conduct",
        text=Text.PROSE,
    )
    aliases: tuple[str, ...] = prop(
        "Other names the sources use for this actor.",
        default=(),
        example=["IOPC"],
        text=Text.PROSE,
    )
    roles: tuple[Role, ...] = prop("The roles the sources give this actor.", default=())
    member_of: tuple[Claim[Ref], ...] = prop(
        "Organisations or groups this actor belongs to; each claim adds one.",
        default=(),
        ref=("actor",),
        acyclic=True,
    )
    identifiers: tuple[Identifier, ...] = _identifiers()
    characteristics: tuple[Characteristic, ...] = prop(
        "What the sources record of this person, each as the source's own label; only of "
        "people (person or unnamed_person), never of organisations or groups.",
        default=(),
    )
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Derivation:
    """A source's dependence on another: what it republishes, quotes or reports from.

    Attributes:
        source: the upstream source.
        relation: how this source uses it (republishes, quotes, reports, cites).
        attributions: attributions whose words show the relation, where the text states it.
    """

    source: Ref = prop("The upstream source.", ref=("source",))
    relation: str = prop("How this source uses the upstream one.", vocabulary="derivation")
    attributions: tuple[Ref, ...] = prop(
        "Attributions whose words show the relation, where the text states it.",
        default=(),
        ref=("attribution",),
    )


@attrs.frozen(kw_only=True)
class Source:
    """A text in which statements are made: an article, a statement, a report, a post.

    Sources are classified by the form of their text, never by the reputation of whoever
    published it. Unknown metadata stays absent; it is never guessed.

    Attributes:
        id: this source's id.
        kind: the form of the text, from the ``source_kind`` vocabulary.
        title: the title as published, where known.
        publisher: the organisation that published it, where known.
        authors: the people credited with writing it.
        published: when it was published, as stated; competing.
        url: where it was published, where known.
        retrieved: when the casefile's copy was retrieved, where known.
        language: the language of the text, as a BCP 47 tag.
        derived_from: the sources this one republishes, quotes or reports from.
        extensions: data from other tools.
    """

    id: Id = prop("This source's id, unique in the casefile.")
    kind: str = prop(
        "The form of the text, never the publisher's reputation.", vocabulary="source_kind"
    )
    title: str | None = prop("The title as published, where known.", default=None, text=Text.PROSE)
    publisher: Ref | None = prop(
        "The organisation that published the source, where known.", default=None, ref=("actor",)
    )
    authors: tuple[Ref, ...] = prop(
        "The people credited with writing the source.", default=(), ref=("actor",)
    )
    published: tuple[Claim[When], ...] = prop(
        "When the source was published, as stated.",
        default=(),
        competing=True,
    )
    url: str | None = prop(
        "The address where the source was published, where known.",
        default=None,
        text=Text.LOCATOR,
    )
    retrieved: When | None = prop("When this copy was retrieved, where known.", default=None)
    language: str | None = prop(
        "The language of the text as a BCP 47 tag.", default=None, example="en", text=Text.CODE
    )
    derived_from: tuple[Derivation, ...] = prop(
        "The sources this one republishes, quotes or reports from, making chains explicit.",
        default=(),
        acyclic=True,
    )
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Document:
    """A text file in which quoted words can be found, pinned by its SHA-256 digest.

    A document may carry several sources (a page that republishes an article and an official
    statement); a source may have no document of its own.

    Attributes:
        id: this document's id.
        path: the file's path, relative to the casefile's documents folder, with ``/``.
        sha256: the SHA-256 digest of the file's bytes, in lower-case hexadecimal.
        media_type: the file's media type; offsets count code points of its decoded text.
        sources: the sources whose text the document carries.
        delimiter: for a CSV document, the cell separator where it is not a comma.
        extensions: data from other tools.
    """

    id: Id = prop("This document's id, unique in the casefile.")
    path: str = prop(
        "The file's path relative to the documents folder, with `/` between parts.",
        example="002_e60e8bc3f713d679.txt",
        text=Text.LOCATOR,
    )
    sha256: str = prop(
        "The SHA-256 digest of the file's bytes, lower-case hexadecimal.",
        pattern="^[0-9a-f]{64}$",
        text=Text.CODE,
    )
    media_type: str = prop(
        "The file's media type. Offsets count Unicode code points of its decoded text.",
        default="text/plain; charset=utf-8",
        text=Text.CODE,
    )
    sources: tuple[Ref, ...] = prop(
        "The sources whose text this document carries.", ref=("source",), min_items=1
    )
    delimiter: str | None = prop(
        "For a CSV document whose cells are not separated by commas: the character that "
        "separates them: a tab, a semicolon, a vertical bar, a colon or a space. Quoting is "
        "always as in RFC 4180.",
        default=None,
        pattern=r"^[\t;|: ]$",
        text=Text.CODE,
    )
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Investigation:
    """An investigation or other proceeding: an inquiry, review, hearing, prosecution, appeal.

    One entity for every proceeding, told apart by ``kind``, because the questions readers ask
    of them are the same (who conducted it, what it examined, what it found, what followed) and
    because they chain: a hearing is part of an investigation, an appeal is an appeal of the
    hearing. The chain is data, in ``links``.

    Attributes:
        id: this investigation's id.
        name: its name (Operation Linden, the Jay Report, ...).
        kind: from the ``investigation_kind`` vocabulary: investigations, and the proceedings
            that follow them (hearings, prosecutions, appeals, inquests).
        aliases: other names the sources use.
        links: how it relates to other proceedings (part of, appeal of, reviews, ...).
        conducted_by: who carried it out; each claim adds one.
        examined: who or what it examined; each claim adds one.
        scope: what it covered, in neutral words; each claim adds one.
        period_examined: the period it examined; competing.
        milestones: dated events (started, concluded, published, ...).
        identifiers: numbers or references the sources give the investigation.
        complaints: the complaints it dealt with; each claim adds one.
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This investigation's id, unique in the casefile.")
    name: str = prop("Its name.", example="Operation Linden", text=Text.PROSE)
    kind: str = prop("What sort of investigation.", vocabulary="investigation_kind")
    aliases: tuple[str, ...] = prop("Other names the sources use.", default=(), text=Text.PROSE)
    links: tuple[Link, ...] = prop(
        "How this proceeding relates to others: part of a larger one, an appeal of one, a "
        "review of one, and so on. Links never loop.",
        default=(),
        acyclic=True,
    )
    conducted_by: tuple[Claim[Ref], ...] = prop(
        "Who carried it out; each claim adds one.", default=(), ref=("actor",)
    )
    examined: tuple[Claim[Ref], ...] = prop(
        "Who or what it examined; each claim adds one.", default=(), ref=_ENTITY_KINDS
    )
    scope: tuple[Claim[str], ...] = prop(
        "What it covered, in neutral words; each claim adds one.", default=(), text=Text.PROSE
    )
    period_examined: tuple[Claim[Period], ...] = prop(
        "The period it examined.",
        default=(),
        competing=True,
    )
    milestones: tuple[Milestone, ...] = prop(
        "Dated events: started, concluded, published, updated and others.", default=()
    )
    identifiers: tuple[Identifier, ...] = _identifiers()
    complaints: tuple[Claim[Ref], ...] = prop(
        "The complaints it dealt with; each claim adds one.", default=(), ref=("complaint",)
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class PlacePart:
    """One part of a place as recorded: a street, a beat, a city with its postal code.

    Attributes:
        kind: which part, from the open ``place_part`` vocabulary.
        value: the part exactly as the source records it.
    """

    kind: str = prop("Which part of the place.", vocabulary="place_part")
    value: str = prop("The part exactly as the source records it.", text=Text.PROSE)


@attrs.frozen(kw_only=True)
class Place:
    """Where something happened, as the source gives it: in words, and in parts where recorded.

    Attributes:
        text: the place in the source's words, or its recorded parts joined with commas.
        parts: the parts, where the source records them separately (a table's columns).
    """

    text: str = prop(
        "The place in the source's words, or its recorded parts joined with commas.",
        example="W 105TH ST, CHICAGO IL",
        text=Text.PROSE,
    )
    parts: tuple[PlacePart, ...] = prop(
        "The place's parts, where the source records them separately.", default=()
    )


@attrs.frozen(kw_only=True)
class Involvement:
    """Someone involved in an incident, in a role a source gives.

    Attributes:
        id: this involvement's id.
        actor: who was involved.
        role: in what role, from the open ``involvement_role`` vocabulary; complainant,
            victim, witness and civilian are civilian roles.
        attributions: the attributions that state it; at least one.
        note: an editor's neutral note.
    """

    id: Id = prop("This involvement's id, unique in the casefile.")
    actor: Ref = prop("Who was involved.", ref=("actor",))
    role: str = prop("In what role.", vocabulary="involvement_role")
    attributions: tuple[Ref, ...] = prop(
        "The attributions that state it; at least one.", ref=("attribution",), min_items=1
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)


@attrs.frozen(kw_only=True)
class Incident:
    """An event that a complaint or allegation is about: when, where and who was involved.

    Its place counts as sensitive: renderings and exports leave it out unless asked.

    Attributes:
        id: this incident's id.
        summary: a neutral one-line label.
        when: when it happened, to the day, time or season a source gives; competing.
        where: where it happened; competing; sensitive.
        involved: who was involved, in which roles.
        identifiers: numbers the sources give the incident.
        attributions: the attributions that report it; at least one.
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This incident's id, unique in the casefile.")
    summary: str = prop("A neutral one-line label for the incident.", text=Text.PROSE)
    when: tuple[Claim[When], ...] = prop(
        "When it happened: a date, a date with a time of day, a season or a period.",
        default=(),
        competing=True,
    )
    where: tuple[Claim[Place], ...] = prop(
        "Where it happened, as the source gives it. Sensitive: left out of renderings and "
        "exports unless asked.",
        default=(),
        competing=True,
        sensitive=True,
    )
    involved: tuple[Involvement, ...] = prop("Who was involved, in which roles.", default=())
    identifiers: tuple[Identifier, ...] = _identifiers()
    attributions: tuple[Ref, ...] = prop(
        "The attributions that report this incident; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Complaint:
    """A complaint: who made it, against whom, what it alleges and when.

    What it alleges is in ``Allegation`` records that name it, so that each allegation can be
    decided on its own; decisions are findings and outcomes.

    Attributes:
        id: this complaint's id.
        summary: a neutral one-line label.
        complainants: who made it; each claim adds one.
        against: whom it is against; each claim adds one.
        incidents: the incidents it is about; each claim adds one.
        identifiers: numbers the sources give the complaint.
        milestones: dated events (lodged, decided, ...).
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This complaint's id, unique in the casefile.")
    summary: str = prop("A neutral one-line label for the complaint.", text=Text.PROSE)
    complainants: tuple[Claim[Ref], ...] = prop(
        "Who made the complaint; each claim adds one.", default=(), ref=("actor",)
    )
    against: tuple[Claim[Ref], ...] = prop(
        "Whom the complaint is against; each claim adds one.", default=(), ref=("actor",)
    )
    incidents: tuple[Claim[Ref], ...] = prop(
        "The incidents the complaint is about; each claim adds one.",
        default=(),
        ref=("incident",),
    )
    identifiers: tuple[Identifier, ...] = _identifiers()
    milestones: tuple[Milestone, ...] = prop(
        "Dated events: lodged, decided and others.", default=()
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Allegation:
    """One thing alleged: against whom, in which complaint, in the source's terms too.

    Decisions on it are findings (``about``) and outcomes (``of``) that name it, so each
    officer's disposition on each allegation keeps its link.

    Attributes:
        id: this allegation's id.
        summary: what is alleged, in neutral words.
        category: a neutral category from the ``allegation_category`` vocabulary.
        code: the source's own code for the category, as recorded.
        label: the source's own label for the category, as recorded.
        complaint: the complaint that makes it, if any (a watchdog may investigate without).
        incident: the incident it is about, where one is recorded.
        against: whom it is against; each claim adds one.
        identifiers: numbers the sources give the allegation.
        phrase: the source's own words for what is alleged.
        attributions: the attributions that report it; at least one.
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This allegation's id, unique in the casefile.")
    summary: str = prop("What is alleged, in neutral words.", text=Text.PROSE)
    category: str | None = prop(
        "A neutral category for what is alleged.", default=None, vocabulary="allegation_category"
    )
    code: str | None = prop(
        "The source's own code for the category, as recorded (`03D`).",
        default=None,
        text=Text.CODE,
    )
    label: str | None = prop(
        "The source's own label for the category, as recorded (`ILLEGAL ARREST`).",
        default=None,
        text=Text.PROSE,
    )
    complaint: Ref | None = prop(
        "The complaint that makes the allegation, where there is one.",
        default=None,
        ref=("complaint",),
    )
    incident: Ref | None = prop(
        "The incident the allegation is about, where one is recorded.",
        default=None,
        ref=("incident",),
    )
    against: tuple[Claim[Ref], ...] = prop(
        "Whom the allegation is against; each claim adds one.", default=(), ref=("actor",)
    )
    identifiers: tuple[Identifier, ...] = _identifiers()
    phrase: str | None = prop(
        "The source's own words for what is alleged.", default=None, text=Text.PROSE
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that report this allegation; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


def _decided_by() -> Any:
    return prop("The actors who made the decision.", default=(), ref=("actor",))


def _stage() -> Any:
    return prop(
        "Where the decision stands: recommended, decided, pending, appealed, overturned, ... "
        "Absent where the source does not say.",
        default=None,
        vocabulary="decision_stage",
    )


def _supersedes() -> Any:
    return prop(
        "The decisions this one replaces (a final finding replacing a recommended one, a "
        "penalty replacing a recommended penalty, an appeal's finding replacing a hearing's).",
        default=(),
        ref=_DECISIONS,
        acyclic=True,
    )


@attrs.frozen(kw_only=True)
class Finding:
    """A determination: what was found, in the project's neutral words, with its attributions.

    A finding is what a decision maker determined (a failure, a case to answer, an allegation
    substantiated or unfounded, a charge proven); what followed from it (a warning, a dismissal,
    a referral) is an ``Outcome``. Both say who decided, at which stage, and what they replace.

    Attributes:
        id: this finding's id.
        investigation: the investigation or other proceeding that made it, where one did.
        kind: from the ``finding_kind`` vocabulary.
        summary: the finding in neutral words; the sources' words are in its attributions.
        about: the entities it concerns (allegations, complaints, actors, ...).
        concerning: the actors it applies to (an officer, for a per-officer disposition).
        decided_by: the actors who made it.
        stage: where it stands (recommended, decided, overturned, ...).
        supersedes: the decisions it replaces.
        date: when it was made; competing.
        count: how many (officers, allegations, ...); competing.
        concerns: the dates or periods it concerns; each claim adds one.
        attributions: the attributions that report it; at least one.
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This finding's id, unique in the casefile.")
    investigation: Ref | None = prop(
        "The investigation or other proceeding that made the finding, where one did (a "
        "complaint upheld on review may have none in the casefile).",
        default=None,
        ref=("investigation",),
    )
    kind: str = prop("What sort of finding.", vocabulary="finding_kind")
    summary: str = prop("The finding in the project's neutral words.", text=Text.PROSE)
    about: tuple[Ref, ...] = prop(
        "The entities the finding concerns.", default=(), ref=_ENTITY_KINDS
    )
    concerning: tuple[Ref, ...] = prop(
        "The actors the finding applies to.", default=(), ref=("actor",)
    )
    decided_by: tuple[Ref, ...] = _decided_by()
    stage: str | None = _stage()
    supersedes: tuple[Ref, ...] = _supersedes()
    date: tuple[Claim[When], ...] = prop("When it was made.", default=(), competing=True)
    count: tuple[Claim[Quantity], ...] = prop(
        "How many, where the sources give a number.", default=(), competing=True
    )
    concerns: tuple[Claim[When], ...] = prop(
        "The dates or periods the finding concerns; each claim adds one.", default=()
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that report this finding; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Outcome:
    """A consequence: what came of an allegation, complaint, finding or proceeding.

    A sanction, a referral, a conviction, an apology: what followed a determination (which is a
    ``Finding``).

    Attributes:
        id: this outcome's id.
        kind: from the ``outcome_kind`` vocabulary; other jurisdictions' terms fit.
        summary: the outcome in neutral words.
        of: the allegations, complaints, investigations, findings or outcomes it results from.
        concerning: the actors it applies to.
        decided_by: the actors who decided or imposed it.
        stage: where it stands (recommended, decided, pending, ...).
        supersedes: the decisions it replaces.
        date: when it happened; competing.
        count: how many (officers, people, ...); competing.
        attributions: the attributions that report it; at least one.
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This outcome's id, unique in the casefile.")
    kind: str = prop("What sort of outcome.", vocabulary="outcome_kind")
    summary: str = prop("The outcome in the project's neutral words.", text=Text.PROSE)
    of: tuple[Ref, ...] = prop(
        "The allegations, complaints, investigations, findings or outcomes it results from, "
        "where the casefile holds them (a conviction may come from proceedings it does not "
        "record).",
        default=(),
        ref=("allegation", "complaint", "investigation", "finding", "outcome"),
    )
    concerning: tuple[Ref, ...] = prop("The actors it applies to.", default=(), ref=("actor",))
    decided_by: tuple[Ref, ...] = prop(
        "The actors who decided or imposed it.", default=(), ref=("actor",)
    )
    stage: str | None = _stage()
    supersedes: tuple[Ref, ...] = _supersedes()
    date: tuple[Claim[When], ...] = prop(
        "When it happened.",
        default=(),
        competing=True,
    )
    count: tuple[Claim[Quantity], ...] = prop(
        "How many, where the sources give a number.",
        default=(),
        competing=True,
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that report this outcome; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Figure:
    """A number stated about an entity: a count of allegations, a cost, a duration.

    Figures with the same ``subject`` and ``measure`` and different values are competing
    versions of one number.

    Attributes:
        id: this figure's id.
        subject: the entity the number is about.
        measure: what is measured, in snake_case (``allegations``, ``cost``, ``duration``).
        value: the quantity stated; absent where the source gives only words ("dozens").
        phrase: the source's own words for it ("£6m"); required where there is no value.
        attributions: the attributions that state it; at least one.
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This figure's id, unique in the casefile.")
    subject: Ref = prop("The entity the number is about.", ref=_ENTITY_KINDS)
    measure: str = prop(
        "What is measured, as a snake_case term; figures with the same subject and measure "
        "and different values are competing versions.",
        vocabulary="measure",
        example="allegations",
    )
    value: Quantity | None = prop(
        "The quantity stated; absent where the source gives only words that no number "
        "captures without saying more than they do (`dozens`), which `phrase` then holds.",
        default=None,
    )
    phrase: str | None = prop(
        "The source's own words for the number; required where there is no `value`.",
        default=None,
        example="£6m",
        text=Text.PROSE,
    )
    attributions: tuple[Ref, ...] = prop(
        "The attributions that state this figure; at least one.",
        ref=("attribution",),
        min_items=1,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Proposition:
    """A statement of fact that sources affirm or deny: "senior officers were investigated".

    Accounts that never answer each other can still be incompatible: one source says only
    lower ranks were investigated, another that senior officers were. Neither is a value of a
    property, so neither would show as a conflict. A proposition holds the statement in
    neutral words, and its ``holds`` claims say, attribution by attribution, whether it holds:
    true where affirmed, false where denied. ``holds`` is competing, so an affirmed and a
    denied proposition is a conflict, each side with its sources.

    Attributes:
        id: this proposition's id.
        statement: the statement, in the project's neutral words.
        about: the entities it is about.
        holds: whether it holds, as each source says: true where affirmed, false where denied.
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This proposition's id, unique in the casefile.")
    statement: str = prop(
        "The statement, in the project's neutral words.",
        example="Senior officers were among those investigated.",
        text=Text.PROSE,
    )
    about: tuple[Ref, ...] = prop("The entities it is about.", default=(), ref=_ENTITY_KINDS)
    holds: tuple[Claim[bool], ...] = prop(
        "Whether it holds, as each source says: true where affirmed, false where denied.",
        default=(),
        competing=True,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Question:
    """A question that sources answer differently: what led to a decision, what a figure counts.

    Some accounts differ without either denying the other. One source says a summary was
    published after representations from interested parties, another after a mayor's pressure;
    both may be true, so neither is a competing value of one property, and affirming one while
    denying the other would state more than either source's words. A question holds the matter
    in neutral words, and its ``answers`` are claims, one for each account, each with the
    attributions that give it. Answers that differ are reported by ``conflicts`` as accounts
    that differ (not as values that exclude each other), each with its sources.

    Attributes:
        id: this question's id.
        question: the question, in the project's neutral words.
        about: the entities it is about.
        answers: each account of the matter, as the sources give it, in neutral words close to
            theirs.
        note: an editor's neutral note (why the accounts are set side by side).
        extensions: data from other tools.
    """

    id: Id = prop("This question's id, unique in the casefile.")
    question: str = prop(
        "The question, in the project's neutral words.",
        example="What led the watchdog to publish the updated summary?",
        text=Text.PROSE,
    )
    about: tuple[Ref, ...] = prop("The entities it is about.", default=(), ref=_ENTITY_KINDS)
    answers: tuple[Claim[str], ...] = prop(
        "Each account of the matter as the sources give it, in neutral words close to theirs; "
        "the quoted words are in the attributions.",
        default=(),
        accounts=True,
        text=Text.PROSE,
    )
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Cell:
    """A cell of a CSV document, numbered as RFC 7111 numbers them: the header line is row 1.

    The column is given by number, by its header's name, or both (which must agree). The rules
    that make every implementation find the same cell are in ``casefile.locating``.

    Attributes:
        row: the record's number, from 1 (the header line).
        column: the cell's number in its row, from 1.
        header: the name of its column, as it stands in row 1 (unique there).
    """

    row: int = prop("The record's number, from 1: the header line is row 1.", minimum=1)
    column: int | None = prop("The cell's number in its row, from 1.", default=None, minimum=1)
    header: str | None = prop(
        "The name of the cell's column, as it stands in row 1, where it is unique there.",
        default=None,
        text=Text.CODE,
    )


@attrs.frozen(kw_only=True)
class Quote:
    """The exact words of an attribution, located in a document.

    In the spirit of the W3C Web Annotation selectors, the quote carries both its position
    (``start``/``end``, a TextPositionSelector) and its text with some context (``exact``,
    ``prefix``, ``suffix``, a TextQuoteSelector), so that it can be re-found if offsets drift.

    Attributes:
        document: the document the words are in.
        exact: the words, exactly as in the document.
        start: offset of the first code point, counting from 0.
        end: offset just past the last code point (end exclusive).
        prefix: up to 32 code points of the document just before the quote.
        suffix: up to 32 code points of the document just after the quote.
        cell: for a CSV document, the cell whose text the quote is.
        pointer: for a JSON document, the JSON Pointer of the value whose text the quote is.
    """

    document: Ref = prop("The document the words are in.", ref=("document",))
    exact: str = prop(
        "The words, exactly as they stand in the document. Empty only for a `cell` or "
        "`pointer` whose text is empty: what was recorded as empty is itself data.",
        text=Text.PROSE,
        allow_empty=True,
    )
    start: int = prop("Offset of the first code point of the quote, counting from 0.")
    end: int = prop("Offset just past the last code point of the quote (end exclusive).")
    prefix: str | None = prop(
        "Up to 32 code points of the document just before the quote.",
        default=None,
        text=Text.CONTEXT,
    )
    suffix: str | None = prop(
        "Up to 32 code points of the document just after the quote.",
        default=None,
        text=Text.CONTEXT,
    )
    cell: Cell | None = prop(
        "For a CSV document: the cell whose whole text the quote is (see `Cell`).",
        default=None,
    )
    pointer: str | None = prop(
        "For a JSON document: the JSON Pointer (RFC 6901) of the value whose token, as "
        "written, the quote is (a string's characters inside its quotes).",
        default=None,
        example="/0/summary",
        pattern=r"^(/([^~/]|~[01])*)*$",
        text=Text.LOCATOR,
    )


@attrs.frozen(kw_only=True)
class Attribution:
    """Who said what, where: one statement tied to its speaker, source and exact words.

    Attributes:
        id: this attribution's id.
        source: the source in which the statement was made.
        speaker: who makes the statement; absent when the source speaks in its own voice.
        relayed_by: who passed the words on, nearest the speaker first, where they are reported
            second hand ("sources said that he replied ...").
        quote: the exact words, located in a document.
        upstream: where the words come from, when the source reports them from another source
            or statement.
        mode: direct (the speaker's own words) or indirect (the source's account of them).
        stance: asserts, disputes, accepts or questions.
        kind: report (what happened or was said) or commentary (opinion, motive, judgement).
        about: the entities the statement concerns.
        responds_to: the claims, attributions or entities the stance is taken towards.
        said: when the statement was made, where the source says.
        note: an editor's neutral note.
        extensions: data from other tools.
    """

    id: Id = prop("This attribution's id, unique in the casefile.")
    source: Ref = prop("The source in which the statement was made.", ref=("source",))
    speaker: Ref | None = prop(
        "Who makes the statement; absent when the source speaks in its own voice.",
        default=None,
        ref=("actor",),
    )
    relayed_by: tuple[Ref, ...] = prop(
        "Who passed the words on, nearest the speaker first, when reported second hand.",
        default=(),
        ref=("actor",),
    )
    quote: Quote = prop("The exact words, located in a document.")
    upstream: tuple[Ref, ...] = prop(
        "Where the quoted words come from, when this source reports or quotes them from "
        "another: the source, or the statement (an attribution), they were first made in. "
        "Declared from the text, never guessed; evidence counts the line of evidence from there.",
        default=(),
        ref=("source", "attribution"),
        acyclic=True,
    )
    mode: Mode = prop(
        "direct: the quoted words are the speaker's own; indirect: they are the source's "
        "account of what the speaker said.",
        default=Mode.DIRECT,
    )
    stance: Stance = prop(
        "The position taken towards `responds_to` (or `about`).", default=Stance.ASSERTS
    )
    kind: AttributionKind = prop(
        "report: states what happened, was found or was said; commentary: opinion, motive or "
        "judgement in the speaker's own voice.",
        default=AttributionKind.REPORT,
    )
    about: tuple[Ref, ...] = prop(
        "The entities the statement concerns.", default=(), ref=_ENTITY_KINDS
    )
    responds_to: tuple[Ref, ...] = prop(
        "The claims, attributions or entities this statement takes its stance towards.",
        default=(),
        ref=KINDS,
    )
    said: When | None = prop("When the statement was made, where the source says.", default=None)
    note: str | None = prop("An editor's neutral note.", default=None, text=Text.PROSE)
    extensions: dict[str, Any] = _extensions()


@attrs.frozen(kw_only=True)
class Casefile:
    """An accountability casefile: an investigation, who says what about it, and where.

    Attributes:
        schema: where the file's JSON Schema is (``$schema`` in JSON), for editors.
        schema_version: the version of the casefile schema the data follows.
        id: this casefile's id.
        title: a neutral title.
        description: a neutral description of what the casefile covers.
        actors: people, organisations, unnamed people and groups.
        sources: the texts statements are made in.
        documents: the files the quoted words are found in.
        investigations: investigations, inquiries, reviews and operations.
        incidents: events that complaints and allegations are about.
        complaints: complaints.
        allegations: what is alleged, allegation by allegation.
        findings: determinations: what investigations and other decision makers found.
        outcomes: what came of complaints, investigations and findings.
        figures: numbers stated about entities.
        propositions: statements of fact that sources affirm or deny.
        questions: questions that sources answer differently.
        attributions: who said what, where, in which words.
        extensions: data from other tools.
    """

    schema: str | None = prop(
        "Where the JSON Schema of this file is, for editors and validators that find a "
        "file's schema by its `$schema` member: the schema's `$id` (such as "
        f"`{SCHEMA_ID}`), its address, or a path to a copy. Kept as written; "
        "`schema_version` says which version the data follows.",
        default=None,
        text=Text.LOCATOR,
        json_name="$schema",
    )
    schema_version: str = prop(
        "The version of the casefile schema this file follows, MAJOR.MINOR.",
        default=SCHEMA_VERSION,
        always=True,
        text=Text.CODE,
    )
    id: Id = prop("This casefile's id.")
    title: str = prop("A neutral title for the casefile.", text=Text.PROSE)
    description: str | None = prop(
        "A neutral description of what it covers.", default=None, text=Text.PROSE
    )
    actors: tuple[Actor, ...] = prop(
        "People, organisations, unnamed people and groups.", default=()
    )
    sources: tuple[Source, ...] = prop("The texts statements are made in.", default=())
    documents: tuple[Document, ...] = prop("The files quoted words are found in.", default=())
    investigations: tuple[Investigation, ...] = prop(
        "Investigations, inquiries, reviews and operations.", default=()
    )
    incidents: tuple[Incident, ...] = prop(
        "Events that complaints and allegations are about.", default=()
    )
    complaints: tuple[Complaint, ...] = prop("Complaints.", default=())
    allegations: tuple[Allegation, ...] = prop(
        "What complaints and investigations allege, each decided on its own.", default=()
    )
    findings: tuple[Finding, ...] = prop("What investigations found.", default=())
    outcomes: tuple[Outcome, ...] = prop(
        "What came of complaints, investigations and findings.", default=()
    )
    figures: tuple[Figure, ...] = prop("Numbers stated about entities.", default=())
    propositions: tuple[Proposition, ...] = prop(
        "Statements of fact that sources affirm or deny.", default=()
    )
    questions: tuple[Question, ...] = prop(
        "Questions that sources answer differently, with each account.", default=()
    )
    attributions: tuple[Attribution, ...] = prop(
        "Who said what, where, in which words.", default=()
    )
    extensions: dict[str, Any] = _extensions()
