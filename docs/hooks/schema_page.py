"""Generate the schema reference page from ``schema/casefile.schema.json`` at build time.

Developers in other languages read this page instead of the model, so everything on it comes
from the published schema: each definition's description, each property's type, whether it is
required, its description (with the competing, reference and vocabulary notes the generator
writes into it) and an example. An example is the property's own ``examples`` from the schema
where it has some, otherwise the first value the reference casefile holds at that place, with
the id of the entity it was taken from so that a reader can look it up. Change the schema and
this page changes with it; nothing here names an individual field. The one value taken from
the library rather than the schema file is the schema version it writes, beside the ``$id``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from casefile.version import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema" / "casefile.schema.json"
REFERENCE_PATH = ROOT / "src" / "casefile" / "data" / "reference" / "casefile.json"

# How many characters of an example value a table cell shows before it is cut: a long one
# is folded (FOLD_AT), so this much shows once the reader opens it.
EXAMPLE_BUDGET = 200
# How many characters of text an example cell shows before it is folded.
FOLD_AT = 32
# How many characters of a folded example's first value its summary shows, shape kept.
SUMMARY_BUDGET = 24
# How many of a property's listed examples a table cell shows.
EXAMPLES_SHOWN = 3
# Characters that Markdown or a table would read as syntax inside an HTML code element.
_CODE_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "\\": "&#92;",
}
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_DEF_PREFIX = "#/$defs/"


class Example(NamedTuple):
    """A value found in the reference casefile, and the id of the entity that holds it."""

    value: Any
    owner: str | None


def pages() -> dict[str, str | bytes]:
    """The schema reference page, made from the committed schema and the reference data."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    reference = json.loads(REFERENCE_PATH.read_text(encoding="utf-8"))
    return {"schema.md": render(schema, reference)}


# ------------------------------------------------------------------ Markdown-safe text


def code(text: str) -> str:
    """Write text as inline code that neither Markdown nor a table cell can misread.

    A backtick code span cannot hold a ``|`` inside a table portably, so this writes an HTML
    ``code`` element with the characters Markdown treats as syntax written as entities.
    """
    return "<code>" + "".join(_CODE_ENTITIES.get(ch, ch) for ch in text) + "</code>"


def markdown_cell(text: str) -> str:
    """Make a schema description safe inside a table cell, keeping its inline code.

    Descriptions are Markdown and mark code with backticks; those spans become :func:`code`
    elements, and in the prose around them ``|`` is an entity, ``<`` cannot open HTML, a line
    break is a space (as in a Markdown paragraph) and a blank line becomes ``<br><br>``, so
    that the row stays one line of Markdown.
    """
    parts: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_prose(text[position : match.start()]))
        parts.append(code(match.group(2).strip() or match.group(2)))
        position = match.end()
    parts.append(_prose(text[position:]))
    return "".join(parts)


def _prose(text: str) -> str:
    text = text.replace("|", "&#124;").replace("<", "&lt;")
    text = re.sub(r"\r?\n[ \t]*\r?\n\s*", "<br><br>", text)
    return re.sub(r"[ \t]*\r?\n[ \t]*", " ", text)


def markdown_block(text: str) -> str:
    """Make a description safe as a paragraph: code kept, no stray HTML."""
    return markdown_cell(text).replace("<br><br>", "\n\n")


# ------------------------------------------------------------------ types


def def_name(ref: str) -> str | None:
    """The definition a local ``$ref`` names, or None for any other reference."""
    return ref[len(_DEF_PREFIX) :] if ref.startswith(_DEF_PREFIX) else None


def link(ref: str) -> str:
    """Link a ``$ref`` to its definition's heading on this page."""
    name = def_name(ref)
    return f"[{name}](#{name})" if name else code(ref)


def type_text(node: dict[str, Any]) -> str:
    """Describe what a subschema accepts, in words, with references linked.

    Reads the keywords that shape a value (``$ref``, ``type``, ``items``, ``enum``,
    ``const``, ``anyOf``, ``oneOf``, ``allOf``, ``pattern``, ``format`` and the bounds); a
    keyword the page does not know is left to the schema itself.
    """
    parts: list[str] = []
    if "$ref" in node:
        parts.append(link(node["$ref"]))
    kind = node.get("type")
    if isinstance(kind, list):
        parts.append(" or ".join(kind))
    elif kind == "array":
        items = type_text(node["items"]) if isinstance(node.get("items"), dict) else "anything"
        # Parentheses keep the items' own bounds apart from the array's.
        parts.append(f"array of ({items})" if ", " in items else f"array of {items}")
    elif kind is not None:
        parts.append(str(kind))
    parts.extend(_bounds(node))
    if "const" in node:
        parts.append("always " + code(json.dumps(node["const"], ensure_ascii=False)))
    if "enum" in node:
        values = ", ".join(code(json.dumps(v, ensure_ascii=False)) for v in node["enum"])
        parts.append("one of " + values)
    for keyword, joiner in (("anyOf", " or "), ("oneOf", " or, exactly one of, ")):
        if keyword in node:
            parts.append(joiner.join(type_text(alt) for alt in node[keyword]))
    if "allOf" in node:
        parts.append(" and ".join(type_text(alt) for alt in node["allOf"]))
    return ", ".join(p for p in parts if p) or "any value"


def _bounds(node: dict[str, Any]) -> Iterator[str]:
    if "pattern" in node:
        yield "matching " + code(node["pattern"])
    if "format" in node:
        yield "format " + code(node["format"])
    if node.get("minLength"):
        yield f"at least {node['minLength']} character{'s' if node['minLength'] != 1 else ''}"
    if "maxLength" in node:
        yield f"at most {node['maxLength']} characters"
    if "minimum" in node:
        yield f"at least {node['minimum']}"
    if "maximum" in node:
        yield f"at most {node['maximum']}"
    if node.get("minItems"):
        yield f"at least {node['minItems']} item{'s' if node['minItems'] != 1 else ''}"
    if "maxItems" in node:
        yield f"at most {node['maxItems']} items"
    if node.get("uniqueItems"):
        yield "no repeated items"


def referenced(node: Any) -> Iterator[str]:
    """Every definition a subschema refers to, in the order they appear."""
    if isinstance(node, dict):
        name = def_name(node["$ref"]) if isinstance(node.get("$ref"), str) else None
        if name:
            yield name
        for value in node.values():
            yield from referenced(value)
    elif isinstance(node, list):
        for value in node:
            yield from referenced(value)


def definition_order(schema: dict[str, Any]) -> list[str]:
    """The definitions in reading order: from the root outwards, then any not reached."""
    defs: dict[str, Any] = schema.get("$defs", {})
    order: list[str] = []
    queue = [name for name in referenced({"$ref": schema.get("$ref", "")}) if name in defs]
    while queue:
        name = queue.pop(0)
        if name in order:
            continue
        order.append(name)
        queue.extend(n for n in referenced(defs[name]) if n in defs and n not in order)
    return order + sorted(name for name in defs if name not in order)


# ------------------------------------------------------------------ examples


def collect_examples(schema: dict[str, Any], data: Any) -> dict[tuple[str, str], Example]:
    """Find the first value the data holds for each property of each definition.

    Walks the data and the schema together in document order, so "first" means the first a
    reader of the file would meet.
    """
    found: dict[tuple[str, str], Example] = {}
    defs: dict[str, Any] = schema.get("$defs", {})

    def walk(node: dict[str, Any], value: Any, owner: str | None) -> None:
        name = def_name(node["$ref"]) if isinstance(node.get("$ref"), str) else None
        if name in defs:
            target = defs[name]
            if isinstance(value, dict) and "properties" in target:
                _walk_object(name, target, value, owner)
            else:
                walk(target, value, owner)
        if node.get("type") == "array" and isinstance(value, list):
            items = node.get("items")
            if isinstance(items, dict):
                for item in value:
                    walk(items, item, owner)
        for keyword in ("anyOf", "oneOf", "allOf"):
            for alternative in node.get(keyword, ()):
                if _fits(alternative, value):
                    walk(alternative, value, owner)

    def _walk_object(name: str, target: dict[str, Any], value: dict[str, Any], owner: Any) -> None:
        # The whole file is not an entity a reader looks up: its own fields name no owner.
        own_id = value.get("id") if value is not data else None
        owner = own_id if isinstance(own_id, str) else owner
        for key, item in value.items():
            prop = target["properties"].get(key)
            if prop is None:
                continue
            found.setdefault((name, key), Example(item, owner))
            walk(prop, item, owner)

    def _fits(alternative: dict[str, Any], value: Any) -> bool:
        """Whether an object alternative could describe the value: all its keys are known."""
        name = def_name(alternative.get("$ref", ""))
        target = defs.get(name or "", alternative)
        if not isinstance(value, dict):
            return "properties" not in target
        return "properties" in target and set(value) <= set(target["properties"])

    walk({"$ref": schema.get("$ref", "")}, data, None)
    return found


def shorten(value: Any, budget: int = EXAMPLE_BUDGET) -> str:
    """Write a JSON value in at most about ``budget`` characters, cutting with an ellipsis.

    Lists keep their first item, objects their first keys, strings their beginning, so the
    reader still sees the value's shape.
    """
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= budget:
        return text
    if isinstance(value, str):
        return json.dumps(value[: max(budget - 3, 8)].rstrip() + "…", ensure_ascii=False)
    if isinstance(value, list):
        rest = ", …" if len(value) > 1 else ""
        return "[" + shorten(value[0], budget - 2 - len(rest)) + rest + "]"
    if isinstance(value, dict):
        pairs: list[str] = []
        used = 2
        for key, item in value.items():
            room = budget - used - len(json.dumps(key)) - 2
            pair = f"{json.dumps(key, ensure_ascii=False)}: {shorten(item, max(room, 12))}"
            if pairs and used + len(pair) > budget:
                break
            pairs.append(pair)
            used += len(pair) + 2
        rest = ", …" if len(pairs) < len(value) else ""
        return "{" + ", ".join(pairs) + rest + "}"
    return text


def example_cell(node: dict[str, Any], found: Example | None) -> str:
    """The example column, folded when long (see :func:`folded`)."""
    summary = _example_cell(node, found, budget=SUMMARY_BUDGET, shown=1, owner=False)
    return folded(_example_cell(node, found), summary)


def folded(cell: str, summary: str) -> str:
    """A cell longer than ``FOLD_AT`` characters of text, in a ``<details>`` whose summary is
    the short form given (its first value, shortened with its brackets closed), so that a row
    is not several lines of wrapped JSON; the summary is marked as one that opens."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", cell))
    if len(plain) <= FOLD_AT:
        return cell
    return f'<details class="example"><summary>{summary}</summary>{cell}</details>'


def _example_cell(
    node: dict[str, Any],
    found: Example | None,
    budget: int = EXAMPLE_BUDGET,
    shown: int = EXAMPLES_SHOWN,
    owner: bool = True,
) -> str:
    """The example column: the schema's own examples, else the reference casefile's value.

    Each value is shortened to about ``budget`` characters; ``shown`` of the schema's examples
    are written and the rest counted; ``owner`` names the record a found value is in.
    """
    examples = node.get("examples")
    if isinstance(examples, list) and examples:
        cells = [code(shorten(e, budget)) for e in examples[:shown]]
        more = len(examples) - shown
        return ", ".join(cells) + (f" and {more} more" if more > 0 else "")
    if found is not None:
        cell = code(shorten(found.value, budget))
        if not owner or found.owner is None or found.owner == found.value:
            return cell
        return f"{cell} (in {code(found.owner)})"
    return "—"


# ------------------------------------------------------------------ the page


def render(schema: dict[str, Any], reference: Any) -> str:
    """The whole schema reference page, as Markdown."""
    examples = collect_examples(schema, reference)
    defs: dict[str, Any] = schema.get("$defs", {})
    lines = [
        "# Schema reference",
        "",
        f"This page is generated from {code('schema/casefile.schema.json')} each time the site "
        "is built, so it always describes the schema that ships with the library.",
        "",
        *_root(schema),
        "",
        "In each table, *Type* links to the definition a property refers to; *Required* says "
        "whether the property must be present, with the default assumed when it is absent; "
        "*Example* shows the schema's own examples where it lists some, otherwise the first "
        "value the reference casefile holds there, with the id of the entity that holds it "
        f"({code('casefile show ID')} prints that entity and {code('casefile evidence ID')} "
        "the attributions behind it).",
        "",
    ]
    for name in definition_order(schema):
        lines.extend(_definition(name, defs[name], examples))
    return "\n".join(lines).rstrip() + "\n"


def _root(schema: dict[str, Any]) -> list[str]:
    rows = [("Title", html.escape(str(schema.get("title", "—"))))]
    for keyword in ("$schema", "$id"):
        if keyword in schema:
            rows.append((code(keyword), code(str(schema[keyword]))))
    rows.append(("Schema version", code(SCHEMA_VERSION)))
    if "$ref" in schema:
        rows.append(("Root", link(schema["$ref"])))
    lines = ["| Keyword | Value |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in rows]
    if "description" in schema:
        lines += ["", markdown_block(schema["description"])]
    return lines


def _definition(
    name: str, node: dict[str, Any], examples: dict[tuple[str, str], Example]
) -> list[str]:
    lines = [f"## {name} {{ #{name} }}", ""]
    if "description" in node:
        lines += [markdown_block(node["description"]), ""]
    properties: dict[str, Any] = node.get("properties", {})
    if not properties:
        lines.append(f"**Type:** {type_text(node)}")
        if isinstance(node.get("examples"), list):
            lines += ["", f"**Examples:** {example_cell(node, None)}"]
        return [*lines, ""]
    required = set(node.get("required", ()))
    lines += [
        "| Property | Type | Required | Description | Example |",
        "|---|---|---|---|---|",
    ]
    for prop, sub in properties.items():
        row = [
            code(prop).replace("<code>", '<code class="property">', 1),
            type_text(sub),
            _required(prop in required, sub),
            markdown_cell(sub.get("description", "")) or "—",
            example_cell(sub, examples.get((name, prop))),
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", *_object_rules(node)]
    return [*lines, ""]


def _required(required: bool, node: dict[str, Any]) -> str:
    if required:
        return "yes"
    if "default" in node:
        return "no (default " + code(json.dumps(node["default"], ensure_ascii=False)) + ")"
    return "no"


def _object_rules(node: dict[str, Any]) -> list[str]:
    """Rules on the object as a whole: closed or open, and alternatives it must meet."""
    lines: list[str] = []
    extra = node.get("additionalProperties")
    if extra is False:
        lines.append("No other properties are allowed.")
    elif isinstance(extra, dict):
        lines.append(f"Other properties are allowed when they are {type_text(extra)}.")
    for keyword, words in (("anyOf", "At least one"), ("oneOf", "Exactly one")):
        alternatives = node.get(keyword)
        if not alternatives:
            continue
        names = [alt.get("required") for alt in alternatives]
        if all(isinstance(n, list) and len(n) == 1 for n in names):
            listed = ", ".join(code(str(n[0])) for n in names if n)
            lines.append(f"{words} of {listed} must be present.")
        else:
            listed = "; ".join(type_text(alt) for alt in alternatives)
            lines.append(f"{words} of these must hold: {listed}.")
    return [line + "\n" for line in lines]
