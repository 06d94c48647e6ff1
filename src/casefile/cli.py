"""The ``casefile`` command line.

Every command reads a casefile file, or the reference casefile when none is given, and prints
readable text, or JSON for tools with ``--format json``. Errors are messages, never
tracebacks. Exit status: 0 success; 1 the input has problems (listed); 2 the command was used
wrongly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from .building import build_file
from .errors import CasefileError, InvalidCasefile, Problem, UnknownId, _WithProblems
from .model import Casefile
from .reference import reference
from .schema import load_schema, schema_text
from .storage import load
from .summary import summary_text

__all__ = ["main"]


def _problems_text(name: str, problems: Sequence[Problem]) -> str:
    lines = [f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"]
    lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines)


def _read_problems(path: str, documents: str | None) -> list[Problem]:
    file = Path(path)
    try:
        if file.is_dir():
            return [Problem(pointer="", code="unreadable", message="this is a folder, not a casefile")]
        load(file, documents=documents)
    except InvalidCasefile as error:
        return list(error.problems)
    except OSError as error:
        return [Problem(pointer="", code="unreadable", message=f"cannot read the file: {error.strerror}")]
    return []


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    results = {path: _read_problems(path, args.documents) for path in args.files}
    if args.format == "json":
        payload = [
            {"file": path, "valid": not problems, "problems": [p.to_json() for p in problems]}
            for path, problems in results.items()
        ]
        out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        for path, problems in results.items():
            out.write((_problems_text(path, problems) if problems else f"{path}: valid") + "\n")
    return 1 if any(results.values()) else 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    out.write(schema_text(load_schema()))
    return 0


def _cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    casefile = build_file(args.extraction, args.documents, args.output)
    if args.output:
        out.write(f"wrote {args.output}\n\n")
    if not args.quiet:
        out.write(summary_text(casefile))
    return 0


def _casefile(args: argparse.Namespace) -> Casefile:
    if args.file is None:
        return reference()
    return load(args.file, documents=args.documents)


def _cmd_summary(args: argparse.Namespace, out: TextIO) -> int:
    out.write(summary_text(_casefile(args)))
    return 0


def _add_casefile_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="a casefile (default: the reference casefile)")
    parser.add_argument("--documents", help="the documents folder, to verify quotes as well")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casefile",
        description="Read, check and query accountability casefiles.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("validate", help="check casefiles in both layers")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--documents", help="the documents folder, to check digests and quotes")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_cmd_validate)

    p = commands.add_parser("schema", help="print the casefile JSON Schema")
    p.set_defaults(run=_cmd_schema)

    p = commands.add_parser("build", help="build a casefile from an extraction and its documents")
    p.add_argument("extraction", help="the extraction, in YAML or JSON")
    p.add_argument("--documents", required=True, help="the folder the documents are in")
    p.add_argument("-o", "--output", help="where to write the casefile")
    p.add_argument("--quiet", action="store_true", help="do not print a summary")
    p.set_defaults(run=_cmd_build)

    p = commands.add_parser("summary", help="summarise a casefile")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_summary)

    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        return run(args, out)
    except _WithProblems as error:
        sys.stderr.write(_problems_text(getattr(args, "file", None) or "casefile", error.problems) + "\n")
        return 1
    except UnknownId as error:
        sys.stderr.write(f"casefile: {error}\n")
        return 1
    except CasefileError as error:
        sys.stderr.write(f"casefile: {error}\n")
        return 1
    except OSError as error:
        name = error.filename or ""
        sys.stderr.write(f"casefile: cannot read {name}: {error.strerror or error}\n")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
