"""Measure load, validation, save and queries on a synthetic casefile; print the figures.

Usage: python benchmarks/bench_casefile.py [ATTRIBUTIONS] (default 10000)

The casefile is made deterministically (a seeded random generator) with one document per 50
attributions, claims on every investigation and outcome, competing figures, and disputes, so
that every validation rule and query has work to do. Times are the best of three runs, wall
clock, on whatever machine runs it; memory is the peak traced by tracemalloc during a load.
These are figures to compare, not pass/fail targets: no test asserts on them.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import casefile
from casefile import model
from casefile.anchoring import sha256_hex
from casefile.dates import PartialDate, Period
from casefile.parsing import parse_json
from casefile.validation import _fast_validator, _validator, shape_problems

WORDS = "the force watchdog said officers failed children report found complaint upheld".split()


def make(attributions: int, seed: int = 1) -> tuple[model.Casefile, dict[str, str]]:
    """Build a valid casefile with about ``attributions`` attributions, and its documents."""
    rng = random.Random(seed)
    n_docs = max(1, attributions // 50)
    texts = {f"{i}.txt": " ".join(rng.choice(WORDS) for _ in range(600)) for i in range(n_docs)}
    actors = tuple(
        model.Actor(id=f"actor-{i}", kind=model.ActorKind.PERSON, name=f"Person {i}")
        for i in range(max(2, attributions // 20))
    )
    sources = tuple(
        model.Source(
            id=f"src-{i}",
            kind="news_report" if i % 3 else "republication",
            derived_from=(model.Derivation(source=f"src-{i - 1}", relation="republishes"),) if i % 3 == 0 and i else (),
        )
        for i in range(n_docs)
    )
    documents = tuple(
        model.Document(
            id=f"doc-{i}",
            path=f"{i}.txt",
            sha256=sha256_hex(texts[f"{i}.txt"].encode()),
            sources=(f"src-{i}",),
        )
        for i in range(n_docs)
    )
    attribution_list = []
    for i in range(attributions):
        doc = rng.randrange(n_docs)
        text = texts[f"{doc}.txt"]
        start = rng.randrange(0, len(text) - 40)
        end = start + rng.randrange(5, 40)
        attribution_list.append(
            model.Attribution(
                id=f"at-{i}",
                source=f"src-{doc}",
                speaker=f"actor-{rng.randrange(len(actors))}",
                quote=model.Quote(document=f"doc-{doc}", exact=text[start:end], start=start, end=end),
                stance=model.Stance.DISPUTES if i % 25 == 0 else model.Stance.ASSERTS,
                responds_to=(f"finding-{i % max(1, attributions // 10)}",) if i % 25 == 0 else (),
                said=PartialDate(2000 + i % 25),
            )
        )

    def some() -> tuple[str, ...]:
        return tuple(f"at-{rng.randrange(attributions)}" for _ in range(2))

    n_inv = max(1, attributions // 40)
    investigations = tuple(
        model.Investigation(
            id=f"inv-{i}",
            name=f"Investigation {i}",
            kind="investigation",
            part_of=(model.Claim(id=f"inv-{i}.part", value=f"inv-{i // 2}", attributions=some()),) if i else (),
            period_examined=tuple(
                model.Claim(id=f"inv-{i}.period.{k}", value=Period(PartialDate(1990 + k), PartialDate(2010 + k)), attributions=some())
                for k in range(2)
            ),
            milestones=(model.Milestone(id=f"inv-{i}.pub", event="published", value=PartialDate(2022), attributions=some()),),
        )
        for i in range(n_inv)
    )
    findings = tuple(
        model.Finding(id=f"finding-{i}", investigation=f"inv-{i % n_inv}", kind="failure", summary=f"Finding {i}", attributions=some())
        for i in range(max(1, attributions // 10))
    )
    outcomes = tuple(
        model.Outcome(
            id=f"outcome-{i}",
            kind="case_to_answer",
            summary=f"Outcome {i}",
            of=(f"finding-{i}",),
            count=tuple(
                model.Claim(id=f"outcome-{i}.count.{k}", value=model.Quantity(value=10 + k, unit="officers"), attributions=some())
                for k in range(2)
            ),
            attributions=some(),
        )
        for i in range(max(1, attributions // 20))
    )
    case = model.Casefile(
        id="bench",
        title="Benchmark",
        actors=actors,
        sources=sources,
        documents=documents,
        investigations=investigations,
        findings=findings,
        outcomes=outcomes,
        attributions=tuple(attribution_list),
    )
    return case, texts


def best(function: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    case, texts = make(size)
    with tempfile.TemporaryDirectory() as folder:
        for name, text in texts.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        text = casefile.dumps(case)
        data = casefile.to_data(case)
        rows: list[tuple[str, float]] = []
        rows.append(("dumps (model to JSON text)", best(lambda: casefile.dumps(case))[0]))
        fast = "jsonschema-rs" if _fast_validator() is not None else "python-jsonschema"
        rows.append((f"shape, as loads checks it ({fast})", best(lambda: shape_problems(data))[0]))
        rows.append(("shape, python-jsonschema alone", best(lambda: list(_validator().iter_errors(data)), runs=1)[0]))
        rows.append(("parse (strict JSON)", best(lambda: parse_json(text))[0]))
        rows.append(("loads (parse, shape, objects, integrity)", best(lambda: casefile.loads(text))[0]))
        rows.append(("loads with documents (digests, quotes)", best(lambda: casefile.loads(text, documents=folder))[0]))
        elapsed, index = best(lambda: casefile.Index(case))
        rows.append(("Index(casefile)", elapsed))
        rows.append(("timeline()", best(index.timeline)[0]))
        rows.append(("conflicts()", best(index.conflicts)[0]))
        rows.append(("disputes()", best(index.disputes)[0]))
        rows.append(("evidence() for every finding", best(lambda: [index.evidence(f.id) for f in case.findings])[0]))
        rows.append(("search('officers')", best(lambda: index.search("officers"))[0]))
        tracemalloc.start()
        casefile.loads(text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"casefile benchmark: {size} attributions, {len(case.findings)} findings, "
          f"{len(case.documents)} documents, {len(text) / 1e6:.1f} MB of JSON")
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"  {name.ljust(width)}  {seconds * 1000:9.1f} ms")
    print(f"  {'peak memory during loads (tracemalloc)'.ljust(width)}  {peak / 1e6:9.1f} MB")


if __name__ == "__main__":
    main()
