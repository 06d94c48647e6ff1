"""Query the reference casefile: findings with their quotes and sources, outcomes, conflicts.

The reference casefile records how five web pages reported the Independent Office for Police
Conduct's September 2025 updated summary of Operation Amazon. This script asks it three
questions, each answered from the data with the words and sources behind the answer:

1. What did Operation Amazon find? Each finding, the sources that state it, how many
   independent lines of evidence those make once republication is collapsed, and every quote.
2. What came of it? The decisions on Operation Amazon and on the complaint behind it (the
   complaint upheld, and what followed), with who made them, their dates as stated, and the
   statements that dispute them.
3. Where do the sources disagree? Every pair of values that cannot both be true.

Run it from anywhere once casefile is installed::

    python examples/query_reference.py
"""

from __future__ import annotations

import casefile


def quote_line(index: casefile.Index, attribution_id: str) -> str:
    """Return one attribution as `source, speaker (mode): "words"`, white space folded.

    The speaker is shown as "(the source's own voice)" when there is none, so a reader can
    always tell an outlet's words from the words it attributes to someone else.
    """
    attribution = index.get(attribution_id)
    speaker = attribution.speaker or "(the source's own voice)"
    words = " ".join(attribution.quote.exact.split())
    return f"{attribution.source}, {speaker} ({attribution.mode.value}): \u201c{words}\u201d"


def print_findings(index: casefile.Index, investigation: str) -> None:
    """Print each finding of one investigation with its sources, lines of evidence and quotes."""
    findings = index.findings(investigation, within=False)
    print(f"Findings of {investigation}: {len(findings)}")
    for finding in findings:
        evidence = index.evidence(finding.id)
        roots = ", ".join(line.root for line in evidence.lines)
        print()
        print(f"{finding.id}: {finding.summary}")
        print(f"  sources and chain roots: {', '.join(evidence.sources)}")
        print(f"  independent lines of evidence: {evidence.independent} ({roots})")
        for attribution in finding.attributions:
            print(f"  - {quote_line(index, attribution)}")


def print_decisions(index: casefile.Index, investigation: str) -> None:
    """Print the decisions on an investigation and on the complaints behind it, with disputes.

    A decision is a finding (a determination, such as a complaint upheld) or an outcome (a
    consequence); each says who made it and whether it stands.
    """
    subjects = (investigation, *index.complaints_of(investigation))
    decisions = {d.id: d for subject in subjects for d in index.decisions(subject)}
    chosen = [d for d in decisions.values() if d.sort == "outcome" or d.kind == "upheld"]
    print(f"What came of {investigation} and its complaints: {len(chosen)} decisions")
    for decision in chosen:
        record = index.get(decision.id)
        dates = "; ".join(
            f"{claim.value} ({', '.join(index.sources_of(claim.attributions))})"
            for claim in record.date
        )
        print()
        print(f"{decision.id} [{decision.sort}: {decision.kind}]: {decision.summary}")
        print(f"  decided by: {', '.join(decision.decided_by) or 'not stated'}")
        print(f"  stated in: {', '.join(index.sources_of(record.attributions))}")
        print(f"  date as stated: {dates or 'not stated'}")
        for dispute in index.disputes(decision.id):
            verb = dispute.attribution.stance.value
            print(f"  {verb}: {quote_line(index, dispute.attribution.id)}")


def print_conflicts(index: casefile.Index) -> None:
    """Print every conflict: one property, two values, and the sources of each. A question's
    answers that differ are accounts that may both hold (``exclusive`` is false): "and", not
    "vs"."""
    conflicts = index.conflicts()
    accounts = sum(not conflict.exclusive for conflict in conflicts)
    print(
        f"Where the sources disagree: {len(conflicts)} conflicts, {accounts} of them between "
        "accounts that may both hold"
    )
    for conflict in conflicts:
        left, right = conflict.left, conflict.right
        versus = "vs" if conflict.exclusive else "and"
        print(
            f"  {conflict.subject} {conflict.property}: {left.value} ({', '.join(left.sources)})"
            f" {versus} {right.value} ({', '.join(right.sources)})"
        )


def main() -> None:
    """Answer the three questions about the reference casefile, in order."""
    case = casefile.reference()  # quotes re-verified against the shipped documents
    index = casefile.Index(case)
    print(case.title)
    print()
    print_findings(index, "op-amazon")
    print()
    print_decisions(index, "op-amazon")
    print()
    print_conflicts(index)


if __name__ == "__main__":
    main()
