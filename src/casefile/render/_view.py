"""A casefile as its renderings see it: readable names for ids, and the order of sections.

Every rendering of a casefile (the documentation's Markdown page, ``casefile render``'s HTML)
names things and orders them the same way; this is where that is decided, with no markup.
"""

from __future__ import annotations

import re
from typing import Any

from .. import model
from .._names import names, property_words
from ..dates import PartialDate, Period
from ..errors import UnknownId
from ..query import WITHIN, Index, TimelineEntry, format_value
from ._words import date_text, label

__all__ = ["CaseView", "parents"]

# A word that may be an id: casefile ids are letters, digits and ``._:-``, and end in neither
# punctuation that prose puts after a word (a full stop) nor a colon.
_ID_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*[A-Za-z0-9]")


def parents(inv: model.Investigation) -> list[model.Link]:
    """The links that put a proceeding within another (part of, appeal of, ...)."""
    return [link for link in inv.links if link.relation in WITHIN]


class CaseView:
    """The casefile with its index, and how a rendering names and orders what it holds.

    Args:
        case: the casefile (already without its sensitive values, unless they are wanted).
        index: its index, where one is built already.
    """

    def __init__(self, case: model.Casefile, index: Index | None = None) -> None:
        self.case = case
        self.index = index or Index(case)

    def find(self, id: str) -> Any:
        """The item with this id, or None (a page never fails on a reference it cannot find)."""
        try:
            return self.index.get(id)
        except UnknownId:
            return None

    def name(self, id: str) -> str:
        """A readable name for an id: a name, title, summary, proposition or question; a
        source by its title or publisher (:meth:`source_name`); a statement by who made it
        where."""
        item = self.find(id)
        if item is None:
            return id
        if isinstance(item, model.Source):
            return self.source_name(id)
        if isinstance(item, model.Attribution):
            if item.speaker is None:
                return f"statement of {self.source_name(item.source)}"
            return f"statement by {self.name(item.speaker)} in {self.source_name(item.source)}"
        if isinstance(item, model.Milestone):
            owner, _ = self.index.owner(id)
            return f"{self.name(owner)}, {label(item.event)} {self.value_name(item)}"
        if isinstance(item, model.Claim | model.Role):
            owner, prop = self.index.owner(id)
            return f"{self.name(owner)}, {label(prop)} {self.value_name(item)}"
        if isinstance(item, model.Figure):
            value = format_value(item.value) if item.value is not None else item.phrase
            return f"{self.name(item.subject)}, {label(item.measure)}: {value or 'not stated'}"
        if isinstance(item, model.Document):
            carried = [self.source_title(s) for s in item.sources]
            return f"document of {', '.join(carried)}" if carried else f"document {item.path}"
        for field in ("name", "summary", "title", "statement", "question"):
            value = getattr(item, field, None)
            if isinstance(value, str) and value:
                return value
        return id

    def note_parts(self, text: str) -> list[tuple[str, str | None]]:
        """An editor's note cut where it names a record by id: ``(text, None)`` for prose,
        ``(id, id)`` for an id of this casefile, so that a rendering can show its name.

        Only words with a ``-`` or ``.`` in them are taken for ids, so that a plain word
        which happens to be an actor's id (``iopc``) stays prose.
        """
        parts: list[tuple[str, str | None]] = []
        at = 0
        for match in _ID_WORD.finditer(text):
            word = match.group()
            if not ("-" in word or "." in word) or self.find(word) is None:
                continue
            if match.start() > at:
                parts.append((text[at : match.start()], None))
            parts.append((word, word))
            at = match.end()
        if at < len(text):
            parts.append((text[at:], None))
        return parts

    def conflict_words(self, subject: str, property: str) -> tuple[str, str]:
        """What a conflict is about, as words around its subject's name: ``("Sources differ
        on whether this holds: ", "")`` for a proposition, ``("", ": date of the decision")`` for a
        decision's date, ``("", ": when published")`` for a milestone (``property_words``)."""
        item = self.find(subject)
        kind, _, detail = property.partition(":")
        if property == "holds":
            return "Sources differ on whether this holds: ", ""
        if property == "date" and isinstance(item, model.Finding | model.Outcome):
            return "", ": date of the decision"
        if kind == "figure":
            return "", f": the figure for {label(detail)}"
        return "", f": {property_words(property)}"

    def value_name(self, item: model.Claim[Any] | model.Milestone | model.Role) -> str:
        """A claim's value for people: a referenced record by its name, a date in words."""
        if isinstance(item, model.Role):
            return item.title
        value = item.value
        if isinstance(value, PartialDate | Period):
            return date_text(value)
        if isinstance(value, model.Place):
            return value.text
        if isinstance(value, str) and self.find(value) is not None:
            return self.name(value)
        return format_value(value)

    def source_name(self, id: str) -> str:
        """A source for people, short enough to cite after every value: its publisher and
        kind, with the date it was first published where two sources would share a name
        (``casefile._names``, as the command line names it), the date in words."""
        source = self.find(id)
        if not isinstance(source, model.Source):
            return self.name(id)
        name = names(self.index).source(id)
        if id in name and source.title:  # two sources alike but for their titles
            return f"{label(source.kind)}: {source.title}"
        if source.published:
            # The command line writes the date as in the data, for the next command.
            first = source.published[0].value
            code = f" ({first})"
            if name.endswith(code):
                return f"{name.removesuffix(code)} ({date_text(first)})"
        return name

    def entry_label(self, entry: TimelineEntry) -> str:
        """A timeline entry's label (``casefile.timeline``), a source in it named as
        :meth:`source_name` names it."""
        item = self.find(entry.subject)
        source = None
        if isinstance(item, model.Source):
            source = item.id
        elif isinstance(item, model.Attribution) and item.speaker is None:
            source = item.source
        if source is not None:
            code = names(self.index).source(source)
            if entry.label.startswith(code):
                return self.source_name(source) + entry.label.removeprefix(code)
        return entry.label

    def source_title(self, id: str) -> str:
        """A source in full, where it is described: its publisher and title, else
        :meth:`source_name`."""
        source = self.find(id)
        if not isinstance(source, model.Source) or source.title is None:
            return self.source_name(id)
        if source.publisher:
            return f"{self.name(source.publisher)}: {source.title}"
        return source.title

    def speaker_name(self, attribution: model.Attribution) -> str:
        """Who makes a statement, or the source itself when it speaks in its own voice."""
        if attribution.speaker is None:
            return self.source_name(attribution.source)
        return self.name(attribution.speaker)

    def speakers(self) -> list[str]:
        """The ids of everyone quoted: actors in casefile order, then any others."""
        said = dict.fromkeys(a.speaker for a in self.case.attributions if a.speaker is not None)
        ordered = [a.id for a in self.case.actors if a.id in said]
        return ordered + [s for s in said if s not in set(ordered)]

    def principal(self) -> list[model.Investigation]:
        """The investigations the case turns on, parents before the investigations within them.

        Those with findings, complaints or a stated period, and every investigation they are
        part of; the others are listed briefly after them.
        """
        case, index = self.case, self.index
        chosen = {
            inv.id
            for inv in case.investigations
            if inv.complaints or inv.period_examined or index.findings(inv.id, within=False)
        }
        stack = list(chosen)
        while stack:
            inv = self.find(stack.pop())
            for claim in parents(inv):
                if claim.value not in chosen and isinstance(
                    self.find(claim.value), model.Investigation
                ):
                    chosen.add(claim.value)
                    stack.append(claim.value)
        ordered: dict[str, model.Investigation] = {}

        def visit(inv: model.Investigation) -> None:
            # An explicit stack: a chain of proceedings within proceedings may be long.
            todo = [inv]
            while todo:
                current = todo.pop()
                if current.id in ordered:
                    continue
                ordered[current.id] = current
                children = []
                for child in index.within(current.id):
                    found = self.find(child)
                    if (
                        child in chosen
                        and isinstance(found, model.Investigation)
                        and any(c.value == current.id for c in parents(found))
                    ):
                        children.append(found)
                todo.extend(reversed(children))

        for inv in case.investigations:
            if inv.id in chosen and not any(c.value in chosen for c in parents(inv)):
                visit(inv)
        # Investigations in a part-of cycle have no root; keep them all the same.
        for inv in case.investigations:
            if inv.id in chosen:
                visit(inv)
        return list(ordered.values())
