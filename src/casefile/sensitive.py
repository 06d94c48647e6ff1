"""Sensitive values: which they are, the rules a casefile keeps for them, and leaving them out.

Oversight data records characteristics of people (an officer's rank, a complainant's gender,
race or age) and the places incidents happened. A casefile may keep them only as the source's
own attributed labels (``model.Characteristic``), and some of them are *sensitive*:

- every value of a sensitive attribute (``vocabulary.SENSITIVE_CHARACTERISTICS``: gender,
  race or ethnicity, age, year of birth); the schema makes such a characteristic say
  ``sensitive: true``;
- every characteristic of a civilian: a complainant in any complaint, or a person involved in
  an incident in a civilian role (``vocabulary.CIVILIAN_ROLES``); validation makes these say
  ``sensitive: true`` (``sensitivity_problems``, problem code ``sensitive-unmarked``);
- every incident place (fields whose schema says ``x-casefile-sensitive``).

Characteristics are only of individual people: one held by an organisation or a group is the
problem ``characteristic-of-group``.

Renderings, exports and searches leave sensitive values out unless asked (the command line's
``--include-sensitive``): ``redact`` returns the casefile without them, without the
attributions that only they cite (their quotes are the values), and without the context
(``prefix``, ``suffix``) of other quotes in the same documents (in a table, the text beside a
cell is its neighbours), with the JSON Pointers of what it left out. It works from the
field plan, so a sensitive field added to the model is left out with no change here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from . import model
from .converter import converter
from .errors import Problem
from .plan import ClassPlan, Holds, plan
from .vocabulary import CIVILIAN_ROLES

__all__ = ["Redacted", "civilians", "is_sensitive_record", "redact", "sensitivity_problems"]

_PEOPLE = (model.ActorKind.PERSON, model.ActorKind.UNNAMED_PERSON)


def civilians(casefile: model.Casefile) -> frozenset[str]:
    """The ids of the actors who are civilians: complainants, and people an incident involved
    in a civilian role (complainant, victim, witness, civilian)."""
    found = {claim.value for complaint in casefile.complaints for claim in complaint.complainants}
    for incident in casefile.incidents:
        found.update(i.actor for i in incident.involved if i.role in CIVILIAN_ROLES)
    return frozenset(found)


def sensitivity_problems(casefile: model.Casefile) -> list[Problem]:
    """Characteristics held by organisations or groups, and civilians' characteristics not
    marked sensitive; each at its place."""
    holding = [(i, a) for i, a in enumerate(casefile.actors) if a.characteristics]
    if not holding:
        return []
    problems = []
    civilian = civilians(casefile)
    for index, actor in holding:
        if actor.kind not in _PEOPLE:
            problems.append(
                Problem(
                    pointer=f"/actors/{index}/characteristics",
                    code="characteristic-of-group",
                    message=f"{actor.id!r} is {'an' if actor.kind.value[0] == 'o' else 'a'} "
                    f"{actor.kind.value}: characteristics are recorded only of individual people",
                )
            )
        elif actor.id in civilian:
            for number, characteristic in enumerate(actor.characteristics):
                if not characteristic.sensitive:
                    problems.append(
                        Problem(
                            pointer=f"/actors/{index}/characteristics/{number}/sensitive",
                            code="sensitive-unmarked",
                            message=f"{actor.id!r} is a civilian (a complainant, victim or "
                            "witness): every characteristic recorded of them is sensitive",
                        )
                    )
    return problems


def is_sensitive_record(class_plan: ClassPlan, data: Any) -> bool:
    """Whether a record (as JSON data) says it is sensitive: a ``sensitive`` field set true."""
    return bool(
        isinstance(data, dict)
        and data.get("sensitive") is True
        and any(f.name == "sensitive" and f.holds is Holds.BOOLEAN for f in class_plan.fields)
    )


@attrs.frozen
class Redacted:
    """A casefile without its sensitive values.

    Attributes:
        casefile: the casefile, valid, with the sensitive values and the attributions that
            only they cite left out.
        withheld: the JSON Pointers, in the original casefile, of what was left out.
    """

    casefile: model.Casefile
    withheld: tuple[str, ...]


def redact(casefile: model.Casefile) -> Redacted:
    """Leave out every sensitive value (see the module docstring) and the attributions that
    only sensitive values cite; return the casefile that remains and what was left out."""
    if not _any_sensitive(casefile):
        return Redacted(casefile, ())
    data = converter.unstructure(casefile)
    root = plan(model.Casefile)
    withheld: list[str] = []
    cited: set[str] = set()
    removed: set[str] = set()
    _prune(data, root, "", withheld, cited, removed)
    dropped = cited - set(_references(data, root, "attribution"))
    if dropped:
        kept = []
        exposed: set[str] = set()  # documents a withheld quote stood in
        for index, attribution in enumerate(data.get("attributions", [])):
            if attribution["id"] in dropped:
                withheld.append(f"/attributions/{index}")
                removed.add(attribution["id"])
                exposed.add(attribution["quote"]["document"])
            else:
                kept.append(attribution)
        data["attributions"] = kept
        # A quote's context is the text beside it: in a table, the neighbouring cells, which
        # may be the very values withheld. Context is optional, so it goes.
        for attribution in kept:
            quote = attribution["quote"]
            if quote["document"] in exposed:
                quote.pop("prefix", None)
                quote.pop("suffix", None)
    _unlink(data, root, removed)
    return Redacted(converter.structure(data, model.Casefile), tuple(withheld))


def _any_sensitive(casefile: model.Casefile) -> bool:
    """A quick look: whether anything could be sensitive (most casefiles hold nothing so)."""
    return any(a.characteristics for a in casefile.actors) or any(
        i.where for i in casefile.incidents
    )


def _sensitive_fields(class_plan: ClassPlan) -> frozenset[str]:
    cls = class_plan.cls
    return frozenset(a.name for a in attrs.fields(cls) if a.metadata.get("sensitive"))


def _prune(
    data: Any,
    class_plan: ClassPlan,
    pointer: str,
    withheld: list[str],
    cited: set[str],
    removed: set[str],
) -> None:
    """Remove sensitive records and fields from ``data`` in place, from the plan; gather the
    attributions they cite and the ids they held."""
    stack: list[tuple[Any, ClassPlan, str]] = [(data, class_plan, pointer)]
    while stack:
        node, current, where = stack.pop()
        hidden = _sensitive_fields(current)
        for field in current.fields:
            name = model_json_name(current, field.name)
            if name not in node:
                continue
            if field.name in hidden and node[name] not in (None, [], {}):
                withheld.append(f"{where}/{name}")
                cited.update(_references(node[name], field.record, "attribution"))
                removed.update(_ids(node[name]))
                del node[name]
                continue
            child = field.record
            if child is None:
                continue
            if field.many:
                kept = []
                for index, item in enumerate(node[name]):
                    if is_sensitive_record(child, item):
                        withheld.append(f"{where}/{name}/{index}")
                        cited.update(_references(item, child, "attribution"))
                        removed.update(_ids(item))
                    else:
                        kept.append(item)
                        stack.append((item, child, f"{where}/{name}/{len(kept) - 1}"))
                node[name] = kept
            elif isinstance(node[name], dict):
                stack.append((node[name], child, f"{where}/{name}"))


def model_json_name(class_plan: ClassPlan, name: str) -> str:
    """The JSON property name of a field (``schema`` is ``$schema``)."""
    for attribute in attrs.fields(class_plan.cls):
        if attribute.name == name:
            return str(attribute.metadata.get("json_name", name))
    return name


def _records(data: Any, class_plan: ClassPlan | None) -> Iterable[tuple[dict[str, Any], ClassPlan]]:
    """Every record in ``data`` (of ``class_plan``, or a list of them) with its plan."""
    if class_plan is None:
        return
    items = data if isinstance(data, list) else [data]
    stack: list[tuple[Any, ClassPlan]] = [(item, class_plan) for item in items]
    while stack:
        node, current = stack.pop()
        if not isinstance(node, dict):
            continue
        yield node, current
        for field in current.records:
            value = node.get(field.name)
            if value is not None and field.record is not None:
                values = value if isinstance(value, list) else [value]
                stack.extend((v, field.record) for v in values)


def _references(data: Any, class_plan: ClassPlan | None, kind: str) -> Iterable[str]:
    """Every id that the references in ``data`` to records of ``kind`` hold."""
    for node, current in _records(data, class_plan):
        for field in current.references:
            value = node.get(field.name)
            if value is not None and kind in field.kinds:
                yield from value if isinstance(value, list) else [value]


def _ids(data: Any) -> Iterable[str]:
    """Every id held in JSON data, at any depth."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                yield node["id"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _unlink(data: Any, class_plan: ClassPlan, removed: set[str]) -> None:
    """Drop references to removed records: from lists, and optional single references."""
    if not removed:
        return
    for node, current in _records(data, class_plan):
        for field in current.references:
            value = node.get(field.name)
            if isinstance(value, list):
                node[field.name] = [v for v in value if v not in removed]
            elif value in removed:
                node.pop(field.name)
