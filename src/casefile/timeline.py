"""The timeline: every date in a casefile, found through the field plan, with a label.

Every field that ``casefile.plan`` says holds a date is on the timeline, wherever it is: an
entity's own date (a source's retrieval, a statement's date), or a stated value's (a claim's,
a milestone's, a role's), which belongs to the entity holding it. A date added to the model
appears here with no change to this module; only its wording may want an entry in
``_LABELS``. Labels name things as ``casefile._names`` does: a source by its publisher and
kind, never by its id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from . import model
from ._names import names
from .answers import TimelineEntry
from .dates import When
from .errors import UnknownId
from .plan import ClassPlan, walk

if TYPE_CHECKING:
    from .query import Index

__all__ = ["dated", "name"]


def name(record: Any) -> str:
    """A record's readable name: its name, title, summary, statement or question, else its id."""
    for field in ("name", "title", "summary", "statement", "question"):
        value = getattr(record, field, None)
        if value:
            return str(value)
    return str(record.id)


def dated(index: Index) -> Iterator[TimelineEntry]:
    """Every date in the indexed casefile, in document order (``Index.timeline`` sorts); an
    inferred value (``inferred`` on a claim or milestone) is left out."""
    casefile = index.casefile
    for record, current, holder, field, _ in walk(casefile):
        if not current.dates or record is casefile:
            continue
        if getattr(record, "inferred", None) is not None:
            continue  # an inference never places an item on the timeline by itself
        for date_field in current.dates:
            value = getattr(record, date_field.name)
            for when in value if date_field.many else (value,):
                if when is not None:
                    yield _entry(index, record, current, holder, field, date_field.name, when)


def _entry(
    index: Index,
    record: Any,
    current: ClassPlan,
    holder: Any,
    field: str,
    name_: str,
    when: When,
) -> TimelineEntry:
    """The entry of one date: field ``name_`` of ``record``, which ``holder`` holds in ``field``."""
    if current.kind is not None and current.kind != "claim":
        subject, item, event, key = record, record.id, name_, name_  # an entity's own date
    elif current.kind == "claim":
        # A stated value (a claim, milestone or role): a date of the entity holding it.
        subject, item, key = holder, record.id, field
        event = getattr(record, "event", None) or (field if name_ == "value" else name_)
    else:
        subject, item, event = holder, holder.id, f"{field}.{name_}"
        key = event
    label = _LABELS.get((type(subject), key))
    event = _EVENTS.get((type(subject), key), event)
    return TimelineEntry(
        when=when,
        kind=index.kind(subject.id),
        subject=subject.id,
        item=item,
        event=event,
        label=label(index, record, subject)
        if label is not None
        else f"{name(subject)}: {event.replace('_', ' ')}",
        attributions=tuple(getattr(record, "attributions", ()))
        or ((record.id,) if isinstance(record, model.Attribution) else ()),
    )


def _role_label(index: Index, role: Any, actor: Any) -> str:
    return f"{actor.name}: {role.title}"


def _statement_label(index: Index, attribution: Any, _subject: Any) -> str:
    try:
        speaker = name(index.get(attribution.speaker)) if attribution.speaker else None
    except UnknownId:  # an index of a casefile that was not validated
        speaker = None
    return f"{speaker or names(index).source(attribution.source)}: statement"


def _source_label(event: str) -> Callable[[Index, Any, Any], str]:
    return lambda index, record, subject: f"{names(index).source(subject.id)}: {event}"


def _name_label(index: Index, record: Any, subject: Any) -> str:
    return name(subject)


# How some dates are worded, by the class of the entity they belong to and the field that holds
# them; any other date is "<name of that entity>: <event>".
_LABELS: dict[tuple[type, str], Callable[[Index, Any, Any], str]] = {
    (model.Actor, "roles"): _role_label,
    (model.Attribution, "said"): _statement_label,
    (model.Source, "retrieved"): _source_label("retrieved"),
    (model.Source, "published"): _source_label("published"),
    (model.Outcome, "date"): _name_label,
    (model.Finding, "concerns"): _name_label,
}
# Events named otherwise than by their field.
_EVENTS: dict[tuple[type, str], str] = {(model.Actor, "roles"): "role"}
