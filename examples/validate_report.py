"""Validate a casefile file received from another tool, and report every problem in it.

A casefile written elsewhere (by hand, by a script in another language, by an export) may pass
the JSON Schema and still be broken: an id that names nothing, a quote whose offsets do not
span its words. ``casefile.validate`` checks both layers and returns every problem, each
with its place (a JSON Pointer), a stable code and a plain message; this script prints them as
text for people or as JSON for the tool that sent the file.

Run it on a file, and give the documents folder to check digests and quotes as well::

    python examples/validate_report.py FILE [--documents DIR] [--format text|json]

``examples/broken.casefile.json`` is a deliberately broken file to try it on. Exit status: 0
valid, 1 problems found, 2 the file could not be read or the command was used wrongly.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import casefile


def problems_of(path: Path, documents: str | None) -> list[casefile.Problem]:
    """Return every problem in the file at ``path``; an empty list when it is valid.

    The raw bytes go to the validator, not parsed JSON, so that duplicate keys, bad UTF-8 and
    numbers JSON cannot hold are reported too, with their line and column.
    """
    return casefile.validate(path.read_bytes(), documents=documents)


def as_text(path: Path, problems: list[casefile.Problem]) -> str:
    """Return the report for people: one line per problem, pointer first, then code."""
    if not problems:
        return f"{path}: valid"
    plural = "" if len(problems) == 1 else "s"
    lines = [f"{path}: {len(problems)} problem{plural}"]
    for problem in problems:
        where = problem.pointer or "(whole file)"
        if problem.line is not None:
            where += f" (line {problem.line}, column {problem.column})"
        lines.append(f"  {where}\n    {problem.code}: {problem.message}")
    return "\n".join(lines)


def as_json(path: Path, problems: list[casefile.Problem]) -> str:
    """Return the report for tools: the file, whether it is valid, and each problem's fields."""
    report = {
        "file": str(path),
        "valid": not problems,
        "problems": [problem.to_json() for problem in problems],
    }
    return json.dumps(report, indent=2, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    """Validate one file and print the report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="the casefile to check")
    parser.add_argument("--documents", help="the documents folder, to check digests and quotes")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    try:
        problems = problems_of(args.file, args.documents)
    except OSError as error:
        print(f"{args.file}: cannot read the file: {error.strerror or error}", file=sys.stderr)
        return 2
    print(as_json(args.file, problems) if args.format == "json" else as_text(args.file, problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
