"""A short summary of a casefile that a person can read: what it holds, its sources and their
chains, and where the sources disagree."""

from __future__ import annotations

from .model import Casefile
from .plan import collections
from .query import Index

__all__ = ["summary_text"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


def summary_text(casefile: Casefile) -> str:
    """Return the summary as text ending in a newline."""
    index = Index(casefile)
    names = {a.id: a.name for a in casefile.actors}
    lines = [f"{casefile.title} [{casefile.id}], schema {casefile.schema_version}", ""]
    counts = [
        _plural(len(getattr(casefile, collection)), kind)
        for collection, kind in collections().items()
    ]
    lines.append("Holds: " + ", ".join(counts))
    claims = index.count("claim")
    lines.append(f"       and {_plural(claims, 'claim')} (stated values, each attributed)")

    lines += ["", "Sources and their chains:"]
    for source in casefile.sources:
        dates = dict.fromkeys(str(c.value) for c in source.published)
        published = ", ".join(dates) or "date unknown"
        publisher = names.get(source.publisher or "", "publisher unknown")
        lines.append(f"  {source.id}: {source.kind}; {publisher}; {published}")
        for derivation in source.derived_from:
            lines.append(f"      {derivation.relation} {derivation.source}")
        attributions = index.said(source=source.id)
        roots = sorted({index.line_root(a) for a in attributions})
        count = _plural(len(attributions), "attribution")
        lines.append(f"      {count}; chain roots: {', '.join(roots) or '-'}")

    conflicts = index.conflicts()
    lines += ["", f"Where the sources disagree ({_plural(len(conflicts), 'conflict')}):"]
    for conflict in conflicts:
        left, right = conflict.left, conflict.right
        lines.append(
            f"  {conflict.subject} {conflict.property}: {left.value} ({', '.join(left.sources)})"
            f" vs {right.value} ({', '.join(right.sources)})"
        )
    disputes = index.disputes()
    lines += ["", f"Disputes ({_plural(len(disputes), 'dispute')}):"]
    for dispute in disputes:
        speaker = names.get(dispute.attribution.speaker or "", dispute.attribution.source)
        said = f" ({dispute.attribution.said})" if dispute.attribution.said else ""
        lines.append(
            f"  {speaker}{said} {dispute.attribution.stance.value} {dispute.target} "
            f"[{dispute.attribution.id}]"
        )
    return "\n".join(lines) + "\n"
