"""A casefile as its renderings see it: readable names for ids, and the order of sections.

Every rendering of a casefile (the documentation's Markdown page, ``casefile render``'s HTML)
names things and orders them the same way; this is where that is decided, with no markup.
"""

from __future__ import annotations

from typing import Any

from .. import model
from ..errors import UnknownId
from ..query import WITHIN, Index, format_value
from ._words import label

__all__ = ["CaseView", "parents"]


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
        """A readable name for an id: a name, title or summary; a source by its id."""
        item = self.find(id)
        if item is None or isinstance(item, model.Source | model.Attribution):
            return id
        if isinstance(item, model.Claim | model.Milestone | model.Role):
            owner, prop = self.index.owner(id)
            return f"{self.name(owner)}, {label(prop)} {format_value(getattr(item, 'value', ''))}"
        for field in ("name", "summary", "title", "statement"):
            value = getattr(item, field, None)
            if isinstance(value, str) and value:
                return value
        return id

    def source_name(self, id: str) -> str:
        """A source for people: its publisher and title (or kind), else its id."""
        source = self.find(id)
        if not isinstance(source, model.Source):
            return self.name(id)
        what = source.title or label(source.kind)
        if source.publisher:
            return f"{self.name(source.publisher)}: {what}"
        return what if source.title else id

    def speaker_name(self, attribution: model.Attribution) -> str:
        """Who makes a statement, or the source itself when it speaks in its own voice."""
        if attribution.speaker is None:
            return attribution.source
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
