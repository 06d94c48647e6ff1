"""The answers ``Index`` gives: small frozen records in a documented, stable order.

Kept apart from the index that makes them so that tools that print or export answers (the
command line, the documentation site) depend on their shape alone.
"""

from __future__ import annotations

import attrs

from . import model
from .dates import When

__all__ = [
    "Conflict",
    "Decision",
    "Dispute",
    "Evidence",
    "Line",
    "Match",
    "Reversal",
    "Side",
    "TimelineEntry",
]


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One dated item.

    Attributes:
        when: the date or period.
        kind: the kind of entity it belongs to (investigation, complaint, outcome, finding,
            source, attribution).
        subject: the id of that entity.
        item: the id of the dated item itself (a milestone, a claim, or the attribution).
        event: what the date is of: a milestone's event, or the property name.
        label: a short readable description.
        attributions: the attributions that state the date.
    """

    when: When
    kind: str
    subject: str
    item: str
    event: str
    label: str
    attributions: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Line:
    """One independent line of evidence: a chain root and the attributions that reach it."""

    root: str
    attributions: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Evidence:
    """What supports (and disputes) an entity or a stated value.

    Attributes:
        target: the id asked about.
        supporting: attributions that state it, or accept it.
        disputing: attributions that dispute or question it.
        sources: the sources the supporting attributions appear in, and the roots of their
            chains, in casefile order.
        lines: the independent lines the supporting attributions make.
    """

    target: str
    supporting: tuple[model.Attribution, ...]
    disputing: tuple[model.Attribution, ...]
    sources: tuple[str, ...]
    lines: tuple[Line, ...]

    @property
    def independent(self) -> int:
        """How many independent lines of evidence support the target."""
        return len(self.lines)


@attrs.frozen(kw_only=True)
class Side:
    """One version in a conflict: the claim, its value as written, and who states it."""

    item: str
    value: str
    attributions: tuple[str, ...]
    sources: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Conflict:
    """Two different values stated for one property of one entity.

    Most conflicts are between versions of one value, which cannot both be true: two periods
    examined, affirmed against denied. A question's answers are accounts of one matter that
    differ without denying each other; their conflicts are not ``exclusive``.

    Attributes:
        subject: the entity.
        property: the property name, ``milestones:<event>`` or ``figure:<measure>``.
        left: the version that comes first in the casefile.
        right: the other version.
        exclusive: whether the two cannot both hold: false for a question's differing answers.
    """

    subject: str
    property: str
    left: Side
    right: Side
    exclusive: bool

    def swapped(self) -> Conflict:
        """The same conflict seen from the other side."""
        return attrs.evolve(self, left=self.right, right=self.left)


@attrs.frozen(kw_only=True)
class Dispute:
    """An attribution that disputes or questions something, with what it responds to.

    Attributes:
        attribution: the disputing attribution.
        target: the id of what it disputes.
        supporting: the attributions that state or accept the disputed thing.
    """

    attribution: model.Attribution
    target: str
    supporting: tuple[model.Attribution, ...]


@attrs.frozen(kw_only=True)
class Match:
    """A search hit: the entity, the field, and the text that matched."""

    id: str
    kind: str
    field: str
    text: str


@attrs.frozen(kw_only=True)
class Decision:
    """One decision in a chain: a finding or an outcome, who made it, and whether it stands.

    Attributes:
        id: the finding's or outcome's id.
        sort: ``finding`` (a determination) or ``outcome`` (a consequence).
        kind: its kind (``sustained``, ``suspension``, ...).
        summary: its summary.
        decided_by: the actors who made it.
        stage: its stage, where stated.
        date: the first date stated for it, as written.
        supersedes: the decisions it replaces.
        superseded_by: the decisions that replace it.
        stands: whether it stands now (see ``casefile.decisions``).
    """

    id: str
    sort: str
    kind: str
    summary: str
    decided_by: tuple[str, ...]
    stage: str | None
    date: str | None
    supersedes: tuple[str, ...]
    superseded_by: tuple[str, ...]
    stands: bool


@attrs.frozen(kw_only=True)
class Reversal:
    """Two decisions that disagree: a later one reversing an earlier, or two that differ.

    Attributes:
        earlier: the decision replaced (or, for ``differs``, the first in the casefile).
        later: the decision that replaces it (or the other one).
        subjects: what they are about.
        reason: ``reversed`` or ``differs``.
        earlier_by: who made the earlier.
        later_by: who made the later.
    """

    earlier: str
    later: str
    subjects: tuple[str, ...]
    reason: str
    earlier_by: tuple[str, ...]
    later_by: tuple[str, ...]
