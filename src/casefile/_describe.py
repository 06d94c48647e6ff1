"""Any record of a casefile as text for people: what ``casefile show`` prints.

The record's fields are read from the field plan (``casefile.plan``), in the model's order,
so a field added to the model is shown with no change here:

- A value (text, a term, a date, a number) is a ``Label: value`` line; references are named
  and followed by their ids, ``Operation Linden [op-linden]``.
- Stated values (claims, milestones, roles) are listed under their field, each with its value,
  the source's own words for it, its id, and every attribution that states it.
- An attribution is who said it, in which source, with what stance unless it asserts, its id,
  and the quoted words whole. A record's own ``attributions`` are listed the same way.
- Other nested records (a quote, a quantity, a derivation) are written on one line, terms
  first ("republishes The National Pulse news report [src-national-pulse]").

Everything that comes from the data is cleaned by ``casefile._terminal`` as it is laid out.
"""

from __future__ import annotations

from typing import Any

from . import _terminal as term
from . import model
from ._names import Names, names
from .plan import ClassPlan, FieldPlan, Holds, plan
from .query import Index
from .values import format_value

__all__ = ["describe"]


def describe(index: Index, id: str, width: int) -> str:
    """Return the record with this id as text for people, laid out for ``width`` columns.

    Raises:
        UnknownId: no such id.
    """
    record = index.get(id)
    kind = index.kind(id)
    named = names(index)
    writer = _Writer(index, named, width)
    if kind == "claim":
        owner, field = index.owner(id)
        holder: type = type(index.get(owner))
        current = plan(holder).field(field).record
        assert current is not None
        writer.line(f"{_label(field).capitalize()} of {named.of(owner)} [{owner}]", "")
        writer.line(f"{kind} {id}", "")
        title = None
    else:
        cls: type = type(record)
        current = plan(cls)
        title = named.of(id)
        if title != id:
            writer.line(title, "")
        writer.line(f"{kind} {id}", "")
    writer.out += "\n"
    writer.fields(record, current, "", skip=title)
    return writer.out


def _attributed(current: ClassPlan) -> bool:
    """Whether records of this plan name the attributions that state them."""
    return any(f.name == "attributions" for f in current.references)


def _label(name: str) -> str:
    return name.replace("_", " ")


class _Writer:
    def __init__(self, index: Index, named: Names, width: int) -> None:
        self.index = index
        self.named = named
        self.width = width
        self.out = ""

    def line(self, text: str, indent: str, rest: str | None = None) -> None:
        self.out += term.paragraph(text, self.width, indent, rest)

    def fields(self, record: Any, current: ClassPlan, indent: str, skip: str | None) -> None:
        """Each field of ``record`` that holds something; ``skip`` is the title, shown already."""
        for field in current.fields:
            if field.holds is Holds.ID:
                continue
            value = getattr(record, field.name)
            if field.holds is Holds.TEXT and value == skip:
                continue
            values = list(value) if field.many else ([] if value is None else [value])
            if field.holds is Holds.EXTENSIONS:
                values = [value] if value else []
            if not values:
                continue
            label = _label(field.name).capitalize()
            if field.holds is Holds.REFERENCE and field.kinds == ("attribution",):
                self.line(f"{label}:", indent)
                for attribution in values:
                    self.attribution(attribution, indent + "  ")
            elif field.record is not None and (
                field.record.kind is not None or _attributed(field.record)
            ):
                self.line(f"{label}:", indent)
                for stated in values:
                    self.stated(stated, field.record, indent + "  ")
            else:
                text = "; ".join(self.value(field, v) for v in values)
                self.line(f"{label}: {text}", indent, indent + "    ")

    def stated(self, record: Any, current: ClassPlan, indent: str) -> None:
        """A claim, milestone, role or derivation: its value, then each attribution stating it."""
        own = f" [{record.id}]" if current.kind is not None else ""
        self.line(f"- {self.headline(record, current)}{own}", indent, indent + "  ")
        note = getattr(record, "note", None)
        if note:
            self.line(f"Note: {note}", indent + "  ", indent + "      ")
        for attribution in getattr(record, "attributions", ()):
            self.attribution(attribution, indent + "  ")

    def attribution(self, id: str, indent: str) -> None:
        try:
            found = self.index.get(id)
        except KeyError:
            self.line(f"{id} (not in this casefile)", indent)
            return
        who = self.named.speaker(found)
        if found.relayed_by:
            who += ", relayed by " + ", ".join(map(self.named.actor, found.relayed_by))
        where = "" if found.speaker is None else f", in {self.named.source(found.source)}"
        stance = "" if found.stance is model.Stance.ASSERTS else f" ({found.stance.value})"
        self.line(f"{who}{where}{stance} [{found.id}]:", indent, indent + "  ")
        self.line(f"\u201c{found.quote.exact}\u201d", indent + "  ", indent + "   ")

    def headline(self, record: Any, current: ClassPlan) -> str:
        """A stated or nested record on one line: its values, then the source's own words."""
        terms: list[str] = []
        parts: list[str] = []
        for field in current.fields:
            if field.holds is Holds.ID or field.name in ("attributions", "note", "phrase"):
                continue
            value = getattr(record, field.name)
            values = list(value) if field.many else ([] if value is None else [value])
            # A term says what the rest is ("published 2022", "republishes <source>").
            found = terms if field.holds is Holds.TERM else parts
            found.extend(self.value(field, v) for v in values)
        text = " ".join([*terms, ", ".join(parts)]).strip()
        phrase = getattr(record, "phrase", None)
        return f"{text} (\u201c{phrase}\u201d)" if phrase else text

    def value(self, field: FieldPlan, value: Any) -> str:
        """One value of a field, in words; references named, with their ids."""
        if field.holds is Holds.REFERENCE:
            name = self.named.of(value)
            return value if name == value else f"{name} [{value}]"
        if field.holds is Holds.ENUM:
            return str(value.value)
        if field.holds is Holds.EXTENSIONS:
            import json

            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        if isinstance(value, model.Quote):
            return (
                f"\u201c{value.exact}\u201d ({value.document}, code points "
                f"{value.start}\u2013{value.end})"
            )
        if isinstance(value, model.Quantity):
            return format_value(value)
        if field.record is not None:
            return self.headline(value, field.record)
        return str(value)
