"""Readable names for the ids of one casefile, for text meant for people.

- An actor, an investigation: its name. A complaint, finding or outcome: its summary. A
  proposition: its statement; a question: the question. Any other record: its name, title or
  summary, else its id (``casefile.timeline.name``).
- A conflict's property is written in words: ``period examined``, ``when published`` (a
  milestone's event), ``figure: investigations``.
- A source has no name of its own: it is called by its publisher and its kind ("GB News news
  report"), or "news report, publisher unknown". Where two sources of one casefile would
  share a name, the date each was first published is added, then, if they still do, the id.

Names are worked out once for each index (``names(index)``), and never stand in for an id
where a reader needs the id for the next command: callers print both.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from . import model
from .errors import UnknownId

if TYPE_CHECKING:
    from .query import Index

__all__ = ["Names", "names", "property_words"]


def _words(term: str) -> str:
    return term.replace("_", " ")


class Names:
    """The readable names of one indexed casefile's ids (see the module docstring)."""

    def __init__(self, index: Index) -> None:
        self._index = index
        actors = {a.id: a.name for a in index.casefile.actors}
        self._actors = actors
        base: dict[str, str] = {}
        for source in index.casefile.sources:
            publisher = actors.get(source.publisher or "")
            kind = _words(source.kind)
            base[source.id] = f"{publisher} {kind}" if publisher else f"{kind}, publisher unknown"
        groups: dict[str, list[model.Source]] = defaultdict(list)
        for source in index.casefile.sources:
            groups[base[source.id]].append(source)
        self._sources: dict[str, str] = {}
        for name, group in groups.items():
            if len(group) == 1:
                self._sources[group[0].id] = name
                continue
            dated = {s.id: f"{name} ({_first_published(s) or s.id})" for s in group}
            counts: dict[str, int] = defaultdict(int)
            for text in dated.values():
                counts[text] += 1
            for s in group:
                text = dated[s.id]
                self._sources[s.id] = text if counts[text] == 1 else f"{name} ({s.id})"

    def source(self, id: str) -> str:
        """The name of a source; the id itself if the casefile holds no such source."""
        return self._sources.get(id, id)

    def actor(self, id: str) -> str:
        """The name of an actor; the id itself if the casefile holds no such actor."""
        return self._actors.get(id, id)

    def of(self, id: str) -> str:
        """The name of any record by id; the id itself if there is no such record."""
        if id in self._sources:
            return self._sources[id]
        try:
            record = self._index.get(id)
        except UnknownId:
            return id
        return _name(record)

    def speaker(self, attribution: model.Attribution) -> str:
        """Who an attribution's words are by: the speaker, else the source that states them."""
        if attribution.speaker is not None:
            return self.actor(attribution.speaker)
        return self.source(attribution.source)


def property_words(name: str) -> str:
    """A conflict's property in words: ``period examined``, ``when published``, ``figure: ...``."""
    kind, _, detail = name.partition(":")
    if kind == "milestones":
        return f"when {_words(detail)}"
    return f"{_words(kind)}: {_words(detail)}" if detail else _words(kind)


def _first_published(source: model.Source) -> str | None:
    return str(source.published[0].value) if source.published else None


def _name(record: Any) -> str:
    from .timeline import name

    return name(record)


_cache: weakref.WeakKeyDictionary[Index, Names] = weakref.WeakKeyDictionary()


def names(index: Index) -> Names:
    """The names of an index's casefile, worked out on first use and kept with the index."""
    found = _cache.get(index)
    if found is None:
        found = _cache[index] = Names(index)
    return found
