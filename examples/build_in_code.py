"""Build a small casefile in code, validate it, save it, and load it back.

Everything in it is invented and generic ("Example Watchdog", "Example Police"). The script
writes its own document, a three-line statement, and records what the statement says: an
investigation, who carried it out and when it was published, one finding, and the response to
it. Each stated value names the attribution behind it, and each attribution's quote is located
in the document with ``casefile.find_quote``, so its offsets are never typed by hand.

Run it with the folder to write to (a new temporary folder when none is given)::

    python examples/build_in_code.py [FOLDER]

It writes ``statement.txt`` and ``example.casefile.json`` there, prints what it built, and
exits with status 1, writing nothing, if the casefile has problems.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import casefile
from casefile import (
    Actor,
    ActorKind,
    Attribution,
    Claim,
    Document,
    Finding,
    Investigation,
    Milestone,
    Mode,
    Outcome,
    PartialDate,
    Period,
    Quote,
    Source,
    Stance,
)

# The curly apostrophe and the dash are one code point each, though three bytes in UTF-8:
# quote offsets count code points, so they do not depend on the encoding.
STATEMENT = (
    "Example Watchdog published its review of Example Police on 4 March 2024.\n"
    "The review found that Example Police did not record complaints between 2019 and 2021 "
    "\u2014 the force\u2019s own records showed none.\n"
    "Example Police said it accepted the finding.\n"
)
DOCUMENT_NAME = "statement.txt"
CASEFILE_NAME = "example.casefile.json"


def locate(text: str, document: str, exact: str) -> Quote:
    """Return a quote of ``exact`` located in ``text``, with 32 code points of context.

    The context lets a reader re-find the words should the offsets ever drift; find_quote
    raises if the words are missing or occur more than once, rather than guessing.
    """
    span = casefile.find_quote(text, exact)
    return Quote(
        document=document,
        exact=exact,
        start=span.start,
        end=span.end,
        prefix=text[max(span.start - 32, 0) : span.start] or None,
        suffix=text[span.end : span.end + 32] or None,
    )


def build_casefile(text: str, digest: str) -> casefile.Casefile:
    """Record what the statement says, every stated value tied to the words that state it."""
    review_period = Period.parse("2019/2021")
    return casefile.Casefile(
        id="example",
        title="Example Watchdog's review of complaint records at Example Police",
        actors=(
            Actor(id="watchdog", kind=ActorKind.ORGANISATION, name="Example Watchdog"),
            Actor(id="police", kind=ActorKind.ORGANISATION, name="Example Police"),
        ),
        sources=(Source(id="src-statement", kind="official_statement", publisher="watchdog"),),
        documents=(
            Document(
                id="doc-statement", path=DOCUMENT_NAME, sha256=digest, sources=("src-statement",)
            ),
        ),
        investigations=(
            Investigation(
                id="review",
                name="Review of complaint records",
                kind="review",
                conducted_by=(
                    Claim(id="review.by", value="watchdog", attributions=("at-published",)),
                ),
                examined=(Claim(id="review.examined", value="police", attributions=("at-found",)),),
                period_examined=(
                    Claim(id="review.period", value=review_period, attributions=("at-found",)),
                ),
                milestones=(
                    Milestone(
                        id="review.published",
                        event="published",
                        value=PartialDate(2024, 3, 4),
                        phrase="4 March 2024",
                        attributions=("at-published",),
                    ),
                ),
            ),
        ),
        findings=(
            Finding(
                id="review.not-recorded",
                investigation="review",
                kind="failure",
                summary="Example Police did not record complaints.",
                about=("police",),
                concerns=(
                    Claim(
                        id="review.not-recorded.when",
                        value=review_period,
                        attributions=("at-found",),
                    ),
                ),
                attributions=("at-found",),
            ),
        ),
        outcomes=(
            Outcome(
                id="out.accepted",
                kind="acceptance",
                summary="Example Police accepted the finding.",
                of=("review.not-recorded",),
                concerning=("police",),
                attributions=("at-accepted",),
            ),
        ),
        attributions=(
            Attribution(
                id="at-published",
                source="src-statement",
                speaker="watchdog",
                quote=locate(
                    text,
                    "doc-statement",
                    "Example Watchdog published its review of Example Police on 4 March 2024.",
                ),
                about=("review",),
            ),
            Attribution(
                id="at-found",
                source="src-statement",
                speaker="watchdog",
                quote=locate(
                    text,
                    "doc-statement",
                    "Example Police did not record complaints between 2019 and 2021 \u2014 the "
                    "force\u2019s own records showed none.",
                ),
                about=("police",),
            ),
            Attribution(
                id="at-accepted",
                source="src-statement",
                speaker="police",
                mode=Mode.INDIRECT,
                stance=Stance.ACCEPTS,
                quote=locate(text, "doc-statement", "Example Police said it accepted the finding."),
                responds_to=("review.not-recorded",),
            ),
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """Write the document, build and check the casefile, save it, load it back, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="where to write (default: a temporary folder)")
    folder = Path(parser.parse_args(argv).folder or tempfile.mkdtemp(prefix="casefile-example-"))
    folder.mkdir(parents=True, exist_ok=True)

    document = folder / DOCUMENT_NAME
    document.write_bytes(STATEMENT.encode("utf-8"))
    digest = hashlib.sha256(document.read_bytes()).hexdigest()
    case = build_casefile(STATEMENT, digest)

    problems = casefile.validate(case, documents=folder)
    if problems:
        for problem in problems:
            print(problem)
        return 1
    target = folder / CASEFILE_NAME
    casefile.dump(case, target, documents=folder)
    loaded = casefile.load(target, documents=folder)

    print(f"folder: {folder}")
    print(f"wrote {DOCUMENT_NAME} ({len(STATEMENT)} code points, {document.stat().st_size} bytes)")
    print(f"wrote {CASEFILE_NAME}: valid; loaded back, equal to what was built: {loaded == case}")
    index = casefile.Index(loaded)
    for finding in loaded.findings:
        print(f"finding {finding.id}: {finding.summary}")
        for attribution in index.evidence(finding.id).supporting:
            quote = attribution.quote
            print(
                f"  {attribution.id} ({attribution.speaker}, {attribution.stance.value}): "
                f"code points {quote.start}-{quote.end}: {quote.exact!r}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
