"""Adversarial inputs of any size: the shapes that made work grow faster than the input.

Each generator writes files into a folder and returns what a command needs to read them. The
shapes are those that once made the library hang, exhaust memory or crash:

- ``misspelt_references``: many ids, and many references that almost name one of them.
- ``near_miss_quotes``: a big document, and long quotes each with one letter changed.
- ``alias_bomb``: a short YAML extraction whose anchors and aliases nest many levels deep.
- ``repeated_document``: one big document named by many document entries.
- ``nested_brackets``: a file of nothing but brackets, deeply or widely nested.
- ``big_extraction``: a large valid extraction in YAML.
- ``republication_chain``: a valid casefile whose sources republish one another in a long line.
- ``deep_yaml``: an extraction nested deeper than the nesting limit.

The test suite (``tests/test_bounded.py``) runs each at a size where the old code took seconds
or more, and counts the work done; ``python -m benchmarks.adversarial`` runs each, as the
command line would, in a child process at the full size the issue named, and prints its time,
peak memory, exit status and problem codes::

    python -m benchmarks.adversarial [--scale 1.0] [--only NAME] [--timeout 300] [--memory 4096]

The same arguments always give the same bytes. The text is filler; it names no real person.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from casefile.version import SCHEMA_VERSION

__all__ = [
    "CASES",
    "Inputs",
    "alias_bomb",
    "big_extraction",
    "deep_yaml",
    "misspelt_references",
    "near_miss_quotes",
    "nested_brackets",
    "repeated_document",
    "republication_chain",
]

_FILLER = (
    "the panel read the minutes of every meeting and heard from staff who had raised concerns "
    "about how referrals were handled and what was recorded when and by whom "
)


@attrs.frozen
class Inputs:
    """What a generator wrote.

    Attributes:
        casefile: a casefile file (JSON), when one was written.
        extraction: an extraction file, when one was written.
        documents: the documents folder.
    """

    casefile: Path | None = None
    extraction: Path | None = None
    documents: Path | None = None


def _base(
    *, actors: list[dict[str, Any]] | None = None, text: str = "It was said."
) -> dict[str, Any]:
    """A valid casefile with one source, one document (``a.txt``) and one attribution."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {
        "schema_version": SCHEMA_VERSION,
        "id": "adversarial",
        "title": "Adversarial casefile",
        "actors": actors or [{"id": "speaker", "kind": "person", "name": "Speaker"}],
        "sources": [{"id": "src", "kind": "news_report"}],
        "documents": [{"id": "doc", "path": "a.txt", "sha256": digest, "sources": ["src"]}],
        "attributions": [
            {
                "id": "at-0",
                "source": "src",
                "quote": {"document": "doc", "exact": text[:5], "start": 0, "end": 5},
            }
        ],
    }


def _write(folder: Path, data: dict[str, Any], text: str | None = None) -> Inputs:
    folder.mkdir(parents=True, exist_ok=True)
    if text is not None:
        (folder / "a.txt").write_text(text, encoding="utf-8", newline="")
    path = folder / "casefile.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return Inputs(casefile=path, documents=folder)


def _misspell(identifier: str, k: int) -> str:
    """The id with two neighbouring letters of its first word swapped, where depends on ``k``.

    Only letters are swapped, so the result is never another of the generated ids.
    """
    i = k % 4
    return identifier[:i] + identifier[i + 1] + identifier[i] + identifier[i + 2 :]


def misspelt_references(folder: Path, *, ids: int = 10_000, references: int = 1_000) -> Inputs:
    """A casefile of ``ids`` actors and one finding about ``references`` misspelt actor ids.

    At the defaults the file is about 730 kB; each misspelt id is one swap away from a real one.
    """
    actors = [{"id": f"actor-{i:05d}", "kind": "person", "name": f"P{i}"} for i in range(ids)]
    data = _base(actors=actors)
    data["investigations"] = [{"id": "inv", "name": "Inquiry", "kind": "inquiry"}]
    data["findings"] = [
        {
            "id": "f",
            "investigation": "inv",
            "kind": "failure",
            "summary": "A finding.",
            "about": [_misspell(f"actor-{(k * 7) % ids:05d}", k) for k in range(references)],
            "attributions": ["at-0"],
        }
    ]
    return _write(folder, data, "It was said.")


def _document(chars: int) -> str:
    repeats = chars // len(_FILLER) + 1
    # Numbered sentences, so that no long stretch repeats and each quote has one place.
    words = [f"{_FILLER}(paragraph {i}) " for i in range(repeats)]
    return ("START " + "".join(words))[:chars]


def near_miss_quotes(
    folder: Path, *, document_chars: int = 1_000_000, quotes: int = 1, quote_chars: int = 2_000
) -> Inputs:
    """A document, and quotes of ``quote_chars`` from it with one letter changed in each.

    Writes the casefile (offsets at the quotes' true places, for ``validate --documents``) and
    the extraction (for ``build``).
    """
    text = _document(document_chars)
    data = _base(text=text)
    extraction = _base(text=text)
    del extraction["documents"][0]["sha256"]
    step = max(1, (len(text) - quote_chars) // max(quotes, 1))
    for k in range(quotes):
        start = k * step
        exact = text[start : start + quote_chars]
        middle = len(exact) // 2
        exact = exact[:middle] + ("X" if exact[middle] != "X" else "Y") + exact[middle + 1 :]
        quote = {"document": "doc", "exact": exact, "start": start, "end": start + len(exact)}
        attribution = {"id": f"at-{k + 1}", "source": "src", "quote": quote}
        data["attributions"].append(attribution)
        extraction["attributions"].append(
            {"id": f"at-{k + 1}", "source": "src", "quote": {"document": "doc", "exact": exact}}
        )
    inputs = _write(folder, data, text)
    for attribution in extraction["attributions"]:
        quote = attribution["quote"]
        attribution["quote"] = {"document": "doc", "exact": quote["exact"]}
    path = folder / "extraction.json"
    path.write_text(json.dumps(extraction, ensure_ascii=False), encoding="utf-8")
    return attrs.evolve(inputs, extraction=path)


def alias_bomb(folder: Path, *, depth: int = 9, width: int = 9) -> Inputs:
    """A YAML extraction of some hundred bytes whose aliases stand for ``width ** depth`` values."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("It was said.", encoding="utf-8")
    lines = ["a0: &a0 [x]"]
    for level in range(1, depth + 1):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    bomb = "\n".join("  " + line for line in lines)
    text = (
        f'schema_version: "{SCHEMA_VERSION}"\nid: bomb\ntitle: Bomb\n'
        f"actors: [{{id: a, kind: person, name: A}}]\n"
        f"sources: [{{id: src, kind: news_report}}]\n"
        f"documents: [{{id: doc, path: a.txt, sources: [src]}}]\n"
        f'attributions: [{{id: at, source: src, quote: "It was said."}}]\n'
        f"extensions:\n{bomb}\n"
    )
    path = folder / "extraction.yaml"
    path.write_text(text, encoding="utf-8")
    return Inputs(extraction=path, documents=folder)


def repeated_document(
    folder: Path, *, document_bytes: int = 10_000_000, times: int = 400, spellings: bool = True
) -> Inputs:
    """A casefile whose ``times`` document entries all name one document of ``document_bytes``.

    With ``spellings`` each entry spells the path differently (``a.txt``, ``./a.txt``,
    ``././a.txt``...), as a file system reads them all as one file; otherwise all spell it alike.
    """
    text = _document(document_bytes)
    data = _base(text=text)
    digest = data["documents"][0]["sha256"]
    data["documents"] = [
        {
            "id": f"doc-{k}",
            "path": ("./" * k if spellings else "") + "a.txt",
            "sha256": digest,
            "sources": ["src"],
        }
        for k in range(times)
    ]
    data["attributions"][0]["quote"]["document"] = "doc-0"
    return _write(folder, data, text)


def nested_brackets(folder: Path, *, size: int = 100_000_000, deep: bool = True) -> Inputs:
    """A file of ``size`` bytes of brackets: one nest (``deep``) or many nests of 200 levels."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "brackets.json"
    if deep:
        path.write_bytes(b"[" * (size // 2) + b"]" * (size // 2))
    else:
        nest = b"[" * 200 + b"]" * 200
        count = max(1, (size - 2) // (len(nest) + 1))
        path.write_bytes(b"[" + b",".join([nest] * count) + b"]")
    return Inputs(casefile=path)


def big_extraction(folder: Path, *, size: int = 50_000_000) -> Inputs:
    """A valid YAML extraction of about ``size`` bytes, with its documents."""
    import yaml

    from .synthetic import generate

    records = max(12, size * 10_000 // 4_170_000)  # about 417 bytes of YAML a record
    synthetic = generate(records, seed=5)
    synthetic.write(folder)
    data = synthetic.data
    for document in data["documents"]:
        del document["sha256"]
    for attribution in data["attributions"]:
        quote = attribution["quote"]
        attribution["quote"] = {"document": quote["document"], "exact": quote["exact"]}
        if "prefix" in quote:
            attribution["quote"]["prefix"] = quote["prefix"]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path = folder / "extraction.yaml"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
    return Inputs(extraction=path, documents=folder)


def republication_chain(folder: Path, *, sources: int = 1_000) -> Inputs:
    """A valid casefile whose ``sources`` sources each republish the one before."""
    data = _base()
    data["actors"].append({"id": "outlet", "kind": "organisation", "name": "Outlet"})
    data["sources"] = [{"id": "src-0", "kind": "news_report", "publisher": "outlet"}] + [
        {
            "id": f"src-{k}",
            "kind": "republication",
            "derived_from": [{"source": f"src-{k - 1}", "relation": "republishes"}],
        }
        for k in range(1, sources)
    ]
    last = f"src-{sources - 1}"
    data["documents"][0]["sources"] = [last]
    data["attributions"][0].update(source=last, speaker="outlet")
    data["investigations"] = [{"id": "inv", "name": "Inquiry", "kind": "inquiry"}]
    data["findings"] = [
        {
            "id": "f",
            "investigation": "inv",
            "kind": "failure",
            "summary": "A finding.",
            "attributions": ["at-0"],
        }
    ]
    return _write(folder, data, "It was said.")


def deep_yaml(folder: Path, *, depth: int = 300, flow: bool = True) -> Inputs:
    """An extraction whose extensions nest ``depth`` levels: flow sequences, or block mappings."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("It was said.", encoding="utf-8")
    if flow:
        nest = "  org.example:deep: " + "[" * depth + "x" + "]" * depth + "\n"
    else:
        nest = "".join(f"{'  ' * (k + 1)}k{k}:\n" for k in range(depth)) + "  " * (depth + 1)
        nest += "x\n"
    text = (
        f'schema_version: "{SCHEMA_VERSION}"\nid: deep\ntitle: Deep\n'
        f"sources: [{{id: src, kind: news_report}}]\n"
        f"documents: [{{id: doc, path: a.txt, sources: [src]}}]\n"
        f'attributions: [{{id: at, source: src, quote: "It was said."}}]\n'
        f"extensions:\n{nest}"
    )
    path = folder / "extraction.yaml"
    path.write_text(text, encoding="utf-8")
    return Inputs(extraction=path, documents=folder)


# ---------------------------------------------------------------- the runner

#: name -> (generator at full size, the command's arguments after ``casefile``, codes expected)
Case = tuple[Callable[[Path, float], Inputs], Callable[[Inputs], list[str]], set[str]]


def _validate(inputs: Inputs, documents: bool = True) -> list[str]:
    args = ["validate", "--format", "json", str(inputs.casefile)]
    return args + (["--documents", str(inputs.documents)] if documents else [])


def _build(inputs: Inputs) -> list[str]:
    return ["build", str(inputs.extraction), "--documents", str(inputs.documents), "--quiet"]


CASES: dict[str, Case] = {
    "misspelt-references": (
        lambda f, s: misspelt_references(f, ids=int(10_000 * s), references=max(1, int(1_000 * s))),
        lambda i: _validate(i, documents=False),
        {"dangling-reference"},
    ),
    "misspelt-references (3 MB)": (
        lambda f, s: misspelt_references(f, ids=int(40_000 * s), references=max(1, int(4_000 * s))),
        lambda i: _validate(i, documents=False),
        {"dangling-reference"},
    ),
    "near-miss-quote (validate)": (
        lambda f, s: near_miss_quotes(f, document_chars=int(1_000_000 * s)),
        _validate,
        {"quote-mismatch"},
    ),
    "near-miss-quotes x20 (build)": (
        lambda f, s: near_miss_quotes(f, document_chars=int(1_000_000 * s), quotes=20),
        _build,
        {"quote-not-found"},
    ),
    "alias-bomb": (
        lambda f, s: alias_bomb(f, depth=max(2, round(9 * s))),
        _build,
        {"too-many-values"},
    ),
    "repeated-document": (
        lambda f, s: repeated_document(
            f, document_bytes=int(10_000_000 * s), times=max(2, int(400 * s))
        ),
        _validate,
        set(),
    ),
    "nested-brackets (deep)": (
        lambda f, s: nested_brackets(f, size=int(100_000_000 * s)),
        lambda i: _validate(i, documents=False),
        {"too-deep"},
    ),
    "nested-brackets (wide)": (
        lambda f, s: nested_brackets(f, size=int(100_000_000 * s), deep=False),
        lambda i: _validate(i, documents=False),
        {"too-many-values"},
    ),
    "big-extraction": (
        lambda f, s: big_extraction(f, size=int(50_000_000 * s)),
        _build,
        set(),
    ),
    "republication-chain": (
        lambda f, s: republication_chain(f, sources=max(2, int(1_000 * s))),
        lambda i: ["evidence", "f", str(i.casefile)],
        set(),
    ),
    "deep-yaml": (
        lambda f, s: deep_yaml(f),
        _build,
        {"too-deep"},
    ),
}


@attrs.frozen
class Run:
    """One case run in a child process."""

    name: str
    input_bytes: int
    seconds: float
    peak_mb: float
    status: int | str
    codes: tuple[str, ...]


def _size(inputs: Inputs) -> int:
    """The bytes the command reads: the casefile or extraction, and each document once."""
    paths = {p for p in (inputs.casefile, inputs.extraction) if p is not None}
    if inputs.documents is not None:
        paths |= {p for p in inputs.documents.iterdir() if p.suffix == ".txt"}
    return sum(p.stat().st_size for p in paths)


def run(name: str, scale: float, timeout: float, memory_mb: int) -> Run:
    """Generate one case and run its command in a child process, limited in time and memory."""
    make, command, _ = CASES[name]
    with tempfile.TemporaryDirectory() as folder:
        inputs = make(Path(folder), scale)
        limit = memory_mb * 1024 * 1024

        def limited() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "casefile.cli", *command(inputs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=limited,
        )
        status: int | str
        try:
            out, err = process.communicate(timeout=timeout)
            status = process.returncode
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            status = f"killed after {timeout:.0f} s"
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        text = (out + err).decode("utf-8", "replace")
        codes = sorted(set(re.findall(r'"code": "([a-z0-9-]+)"|\[([a-z0-9-]+)\]', text)))
        found = tuple(sorted({a or b for a, b in codes}))
        if isinstance(status, int) and status not in (0, 1, 2):
            found += tuple((text.strip().splitlines() or ["?"])[-1:])
        return Run(name, _size(inputs), seconds, usage.ru_maxrss / 1024, status, found)


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} kB"


def main(argv: list[str] | None = None) -> None:
    """Run every case (or one) and print a Markdown table of the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the size the issue named")
    parser.add_argument("--only", action="append", help="run only this case (repeatable)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a kill")
    parser.add_argument("--memory", type=int, default=4096, help="address-space limit in MiB")
    parser.add_argument("--no-header", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = args.only or list(CASES)
    if not args.no_header:
        print("| case | input | time | peak memory | exit | codes |")
        print("|---|---|---|---|---|---|", flush=True)
    for name in names:
        # A fresh process per case keeps the children's peak memory its own.
        if len(names) > 1:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.adversarial",
                    "--scale",
                    str(args.scale),
                    "--only",
                    name,
                    "--timeout",
                    str(args.timeout),
                    "--memory",
                    str(args.memory),
                    "--no-header",
                ],
                check=False,
            )
            continue
        result = run(name, args.scale, args.timeout, args.memory)
        print(
            f"| {result.name} | {_mb(result.input_bytes)} | {result.seconds:,.1f} s | "
            f"{result.peak_mb:,.0f} MB | {result.status} | {', '.join(result.codes) or '-'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
