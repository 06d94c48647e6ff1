"""A summary of a casefile: what it holds, its sources and their chains, where they disagree.

``summary_data`` gives it as JSON-ready data for tools; ``summary_text`` as text for people,
whole or brief (the counts alone, for a casefile too large to read through), laid out for a
width by ``casefile._terminal``.

The JSON only ever gains fields between releases: a field once there keeps its name, its
type and its meaning, so a tool written against one release reads the next. Its fields (the
command-line reference reads this list to describe them):

- ``id``: the casefile's id.
- ``title``: its title.
- ``schema_version``: the schema version it follows.
- ``counts``: how many records each collection holds, and ``claims``, the stated values.
- ``sources``: each source, in casefile order: ``id``, ``name`` (as the text names it),
  ``kind``, ``publisher`` (an actor id or null), ``published`` (the dates stated),
  ``derived_from`` (``relation`` and ``source``), ``attributions`` (how many statements it
  holds) and ``chain_roots`` (the roots of their chains, sorted).
- ``conflicts``: each conflict, as ``casefile conflicts --format json`` prints it.
- ``disputes``: each dispute: ``attribution``, ``speaker`` (an actor id or null), ``source``,
  ``stance``, ``target`` and ``said`` (a date or null).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import _terminal as term
from ._names import names, property_words
from .answers import Conflict
from .converter import converter
from .model import Casefile
from .plan import collections
from .query import Index

__all__ = ["LONG", "summary_data", "summary_text"]

LONG = 40
"""A summary listing more sources, conflicts and disputes than this ends by pointing to
``--brief``."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


def summary_data(casefile: Casefile, index: Index | None = None) -> dict[str, Any]:
    """Return the summary as JSON-ready data (fields in the module docstring)."""
    index = index or Index(casefile)
    named = names(index)
    counts = {collection: len(getattr(casefile, collection)) for collection in collections()}
    counts["claims"] = index.count("claim")
    sources = []
    for source in casefile.sources:
        attributions = index.said(source=source.id)
        sources.append(
            {
                "id": source.id,
                "name": named.source(source.id),
                "kind": source.kind,
                "publisher": source.publisher,
                "published": list(dict.fromkeys(str(c.value) for c in source.published)),
                "derived_from": [
                    {"relation": d.relation, "source": d.source} for d in source.derived_from
                ],
                "attributions": len(attributions),
                "chain_roots": sorted({index.line_root(a) for a in attributions}),
            }
        )
    return {
        "id": casefile.id,
        "title": casefile.title,
        "schema_version": casefile.schema_version,
        "counts": counts,
        "sources": sources,
        "conflicts": converter.unstructure(list(index.conflicts())),
        "disputes": [
            {
                "attribution": d.attribution.id,
                "speaker": d.attribution.speaker,
                "source": d.attribution.source,
                "stance": d.attribution.stance.value,
                "target": d.target,
                "said": None if d.attribution.said is None else str(d.attribution.said),
            }
            for d in index.disputes()
        ],
    }


def summary_text(
    casefile: Casefile,
    *,
    width: int = term.DEFAULT_WIDTH,
    brief: bool = False,
    index: Index | None = None,
) -> str:
    """Return the summary as text for people, ending in a newline.

    Args:
        casefile: the casefile.
        width: the width to lay the text out for, in terminal columns.
        brief: the counts alone: what it holds, its sources by kind, how many conflicts and
            disputes, and the commands that list them.
        index: the casefile's index, if one is built already.
    """
    index = index or Index(casefile)
    named = names(index)
    out = term.paragraph(
        f"{casefile.title} [{casefile.id}], schema {casefile.schema_version}", width
    )
    counts = [
        _plural(len(getattr(casefile, collection)), kind)
        for collection, kind in collections().items()
    ]
    claims = _plural(index.count("claim"), "claim")
    out += "\n" + term.paragraph(
        f"Holds: {', '.join(counts)}, and {claims} (stated values, each attributed).", width
    )
    conflicts = index.conflicts()
    disputes = index.disputes()
    if brief:
        kinds = Counter(source.kind.replace("_", " ") for source in casefile.sources)
        by_kind = ", ".join(_plural(n, kind) for kind, n in sorted(kinds.items()))
        out += term.paragraph(f"Sources: {by_kind or 'none'}.", width)
        out += term.paragraph(
            f"Where the sources disagree: {_conflict_counts(conflicts)}; "
            f"{_plural(len(disputes), 'dispute')}.",
            width,
        )
        out += "\n" + term.paragraph(
            "casefile conflicts and casefile disputes list them; casefile summary without "
            "--brief lists every source and its chain.",
            width,
        )
        return out

    out += "\n" + term.paragraph(
        f"Sources and their chains ({_plural(len(casefile.sources), 'source')}):", width
    )
    for source in casefile.sources:
        dates = ", ".join(dict.fromkeys(str(c.value) for c in source.published))
        out += term.paragraph(
            f"{named.source(source.id)}, "
            + (f"published {dates}" if dates else "date of publication unknown"),
            width,
            f"  {source.id}: ",
            "      ",
        )
        upstream: dict[str, list[str]] = {}
        for derivation in source.derived_from:
            upstream.setdefault(derivation.relation, []).append(derivation.source)
        derived = "; ".join(f"{relation} {_and(ids)}" for relation, ids in upstream.items())
        if derived:
            out += term.paragraph(derived[0].upper() + derived[1:], width, "      ")
        attributions = index.said(source=source.id)
        roots = sorted({index.line_root(a) for a in attributions})
        count = _plural(len(attributions), "statement")
        out += term.paragraph(
            f"{count}" + (f"; chain roots: {', '.join(roots)}" if roots else ""),
            width,
            "      ",
        )

    out += "\n" + term.paragraph(
        f"Where the sources disagree ({_conflict_counts(conflicts)})" + (":" if conflicts else "."),
        width,
    )
    for conflict in conflicts:
        left, right = conflict.left, conflict.right
        versus = " vs" if conflict.exclusive else "; another account, which may also hold:"
        out += term.paragraph(
            f"{term.shorten(named.of(conflict.subject), 40)} [{conflict.subject}], "
            f"{property_words(conflict.property)}: {left.value} "
            f"({'; '.join(map(named.source, left.sources))}){versus} {right.value} "
            f"({'; '.join(map(named.source, right.sources))})",
            width,
            "  ",
            "      ",
        )
    out += "\n" + term.paragraph(
        f"Disputes ({_plural(len(disputes), 'dispute')})" + (":" if disputes else "."), width
    )
    for dispute in disputes:
        said = f" ({dispute.attribution.said})" if dispute.attribution.said else ""
        target = term.shorten(named.of(dispute.target), 60).removesuffix(".")
        out += term.paragraph(
            f"{named.speaker(dispute.attribution)}{said} {dispute.attribution.stance.value} "
            f"{target} [{dispute.target}], in {named.source(dispute.attribution.source)} "
            f"[{dispute.attribution.id}]",
            width,
            "  ",
            "      ",
        )
    if len(casefile.sources) + len(conflicts) + len(disputes) > LONG:
        out += "\n" + term.paragraph("casefile summary --brief prints the counts alone.", width)
    return out


def _conflict_counts(conflicts: tuple[Conflict, ...]) -> str:
    """'18 conflicts', and how many of them are a question's accounts that may all hold."""
    accounts = sum(1 for c in conflicts if not c.exclusive)
    text = _plural(len(conflicts), "conflict")
    if accounts:
        text += f", {accounts} of them between accounts that may both hold"
    return text


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
