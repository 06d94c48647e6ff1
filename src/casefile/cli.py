"""The ``casefile`` command line.

Every command reads a casefile file, or the reference casefile when none is given, and prints
readable text, or JSON for tools with ``--format json``. Errors are messages, never
tracebacks. Exit status: 0 success; 1 the input has problems (listed); 2 the command was used
wrongly; 70 an internal error (a bug in casefile, reported in one line); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from .building import build_file
from .converter import converter
from .dates import DateError, PartialDate
from .errors import BuildError, CasefileError, InvalidCasefile, Problem, UnknownId
from .model import Casefile
from .parsing import parse_json
from .query import Index, format_value
from .reference import reference
from .schema import load_schema, schema_text
from .storage import DEFAULT_MAX_BYTES, dumps, load, read_limited, write_atomic
from .summary import summary_text
from .validation import check

__all__ = ["main"]


def _problems_text(name: str, problems: Sequence[Problem]) -> str:
    lines = [f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"]
    lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines)


def _read_problems(path: str, documents: str | None, max_bytes: int) -> list[Problem]:
    file = Path(path)
    try:
        if file.is_dir():
            return [
                Problem(pointer="", code="unreadable", message="this is a folder, not a casefile")
            ]
        load(file, documents=documents, max_bytes=max_bytes)
    except InvalidCasefile as error:
        return list(error.problems)
    except OSError as error:
        return [
            Problem(
                pointer="", code="unreadable", message=f"cannot read the file: {error.strerror}"
            )
        ]
    return []


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    results = {path: _read_problems(path, args.documents, args.max_bytes) for path in args.files}
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


def _cmd_migrate(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.file)
    data, problems = parse_json(read_limited(path, DEFAULT_MAX_BYTES))
    if problems:
        raise InvalidCasefile(problems)
    old = data.get("schema_version") if isinstance(data, dict) else None
    casefile = check(data, documents=args.documents)
    target = Path(args.output) if args.output else path
    if old == casefile.schema_version and target == path:
        out.write(f"{path}: already at schema {old}; left unchanged\n")
        return 0
    write_atomic(target, dumps(casefile))
    out.write(f"{path}: migrated from schema {old} to {casefile.schema_version}; wrote {target}\n")
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


def _add_casefile_argument(parser: argparse.ArgumentParser, *, json_output: bool = True) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="the casefile to read (default: the reference casefile)",
    )
    parser.add_argument("--documents", help="the documents folder, to verify quotes as well")
    if json_output:
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="text for people, json for tools",
        )


# ------------------------------------------------------------------ query commands
#
# JSON output (``--format json``) is an array of result objects in the order the text shows;
# each object is the result class (casefile.query) converted by the casefile converter, so
# model objects inside appear exactly as in a casefile file.


def _date(text: str) -> PartialDate:
    """Read a date option; a malformed one is a usage error (exit 2), like any bad option."""
    try:
        return PartialDate.parse(text)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _table(rows: Sequence[Sequence[str]]) -> str:
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def _emit(
    args: argparse.Namespace, out: TextIO, results: Sequence[Any], rows: list[list[str]], empty: str
) -> int:
    if args.format == "json":
        out.write(
            json.dumps(converter.unstructure(list(results)), indent=2, ensure_ascii=False) + "\n"
        )
    elif rows:
        out.write(_table(rows))
    else:
        out.write(empty + "\n")
    return 0


def _quote(attribution: Any, limit: int = 90) -> str:
    text = " ".join(attribution.quote.exact.split())
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1] + "\u2026") + "\u201d"


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    item = index.get(args.id)
    data = converter.unstructure(item)
    if args.format == "json":
        out.write(
            json.dumps({"kind": index.kind(args.id), "item": data}, indent=2, ensure_ascii=False)
            + "\n"
        )
    else:
        out.write(f"{index.kind(args.id)} {args.id}\n")
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0


def _cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    entries = index.timeline(
        start=args.start,
        end=args.end,
        kinds=args.kind or None,
    )
    rows = [
        [str(e.when), e.kind, e.event, e.label, f"[{', '.join(index.sources_of(e.attributions))}]"]
        for e in entries
    ]
    return _emit(args, out, entries, rows, "no dated items")


def _cmd_findings(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    if args.of:
        kind = index.kind(args.of)
        findings = (
            index.findings(args.of, within=not args.direct)
            if kind == "investigation"
            else tuple(f for f in index.casefile.findings if args.of in f.about)
        )
    else:
        findings = index.casefile.findings
    rows = []
    for finding in findings:
        became = ", ".join(o.kind for o in index.outcomes(finding.id)) or "-"
        sources = ", ".join(index.evidence(finding.id).sources)
        rows.append(
            [
                finding.id,
                finding.investigation,
                finding.summary + f"  [{sources}; outcomes: {became}]",
            ]
        )
    return _emit(args, out, findings, rows, "no findings")


def _cmd_outcomes(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    outcomes = (
        index.outcomes(args.of, within=not args.direct) if args.of else index.casefile.outcomes
    )
    rows = []
    for outcome in outcomes:
        counts = " / ".join(dict.fromkeys(format_value(c.value) for c in outcome.count))
        rows.append([outcome.id, outcome.kind, counts or "-", outcome.summary])
    return _emit(args, out, outcomes, rows, "no outcomes")


def _cmd_said(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    found = index.said(speaker=args.speaker, source=args.source, about=args.about)
    rows = [
        [
            a.id,
            a.speaker or f"({a.source})",
            a.stance.value,
            f"{a.quote.document}@{a.quote.start}",
            _quote(a),
        ]
        for a in found
    ]
    return _emit(args, out, found, rows, "no attributions")


def _cmd_evidence(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    evidence = index.evidence(args.id)
    if args.format == "json":
        data = converter.unstructure(evidence)
        data["independent"] = evidence.independent
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    stating = index.sources_of(tuple(a.id for a in evidence.supporting))
    out.write(
        f"{args.id}: {len(evidence.supporting)} supporting attribution(s), stated in "
        f"{len(stating)} source(s) ({', '.join(stating) or '-'}); "
        f"{evidence.independent} independent line(s) of evidence by chain root:\n"
    )
    for line in evidence.lines:
        out.write(f"  line {line.root}: {', '.join(line.attributions)}\n")
    rows = [["supports", a.id, a.source, _quote(a)] for a in evidence.supporting]
    rows += [["disputes", a.id, a.source, _quote(a)] for a in evidence.disputing]
    out.write(_table(rows))
    return 0


def _cmd_conflicts(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    conflicts = index.conflicts(args.subject)
    rows = [
        [
            c.subject,
            c.property,
            f"{c.left.value} ({', '.join(c.left.sources)})",
            f"vs {c.right.value} ({', '.join(c.right.sources)})",
        ]
        for c in conflicts
    ]
    return _emit(args, out, conflicts, rows, "no conflicts")


def _cmd_disputes(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    disputes = index.disputes(args.target)
    rows = [
        [
            d.attribution.id,
            d.attribution.speaker or d.attribution.source,
            f"{d.attribution.stance.value} {d.target}",
            _quote(d.attribution),
        ]
        for d in disputes
    ]
    return _emit(args, out, disputes, rows, "no disputes")


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    index = Index(_casefile(args))
    matches = index.search(args.text)
    rows = [[m.id, m.kind, m.field, " ".join(m.text.split())[:100]] for m in matches]
    return _emit(args, out, matches, rows, "no matches")


def _add_query_commands(commands: Any) -> None:
    p = commands.add_parser("show", help="show any entity, claim or attribution by id")
    p.add_argument("id", help="the id of an entity, claim, role, milestone or attribution")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_show)

    p = commands.add_parser("timeline", help="every dated item, in date order")
    p.add_argument(
        "--from",
        dest="start",
        type=_date,
        metavar="DATE",
        help="keep items reaching this date or later",
    )
    p.add_argument(
        "--to", dest="end", type=_date, metavar="DATE", help="keep items beginning by this date"
    )
    p.add_argument(
        "--kind",
        action="append",
        choices=(
            "investigation",
            "complaint",
            "finding",
            "outcome",
            "source",
            "actor",
            "attribution",
        ),
        help="keep items of this entity kind (repeatable)",
    )
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_timeline)

    p = commands.add_parser("findings", help="findings, of an investigation or about an entity")
    p.add_argument(
        "--of", metavar="ID", help="an investigation (with those within it) or an entity"
    )
    p.add_argument("--direct", action="store_true", help="leave out investigations within it")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_findings)

    p = commands.add_parser("outcomes", help="outcomes, of a complaint, finding or investigation")
    p.add_argument("--of", metavar="ID", help="a complaint, finding or investigation")
    p.add_argument("--direct", action="store_true", help="leave out investigations within it")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_outcomes)

    p = commands.add_parser(
        "said", help="who said what: attributions by speaker, source or subject"
    )
    p.add_argument("--speaker", metavar="ID", help="keep what this actor said")
    p.add_argument("--source", metavar="ID", help="keep what this source reports")
    p.add_argument("--about", metavar="ID", help="keep what is said about this entity")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_said)

    p = commands.add_parser("evidence", help="what supports and disputes an entity or value")
    p.add_argument("id", help="the id of an entity or a claim")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_evidence)

    p = commands.add_parser("conflicts", help="competing values that cannot both be true")
    p.add_argument("--subject", metavar="ID", help="keep conflicts over this entity's values")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_conflicts)

    p = commands.add_parser("disputes", help="statements that dispute or question others")
    p.add_argument("--target", metavar="ID", help="keep disputes of this entity or statement")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_disputes)

    p = commands.add_parser("search", help="case-insensitive search of quotes, names and summaries")
    p.add_argument("text", help="the words to look for, matched without regard to case")
    _add_casefile_argument(p)
    p.set_defaults(run=_cmd_search)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casefile",
        description="Read, check and query accountability casefiles.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("validate", help="check casefiles in both layers")
    p.add_argument("files", nargs="+", metavar="FILE", help="the casefiles to check")
    p.add_argument("--documents", help="the documents folder, to check digests and quotes")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), or JSON: one object per file with its problems",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help="refuse larger files before reading them",
    )
    p.set_defaults(run=_cmd_validate)

    p = commands.add_parser("schema", help="print the casefile JSON Schema")
    p.set_defaults(run=_cmd_schema)

    p = commands.add_parser(
        "migrate", help="upgrade a casefile to the current schema version, atomically"
    )
    p.add_argument("file", help="the casefile, rewritten in place unless --output is given")
    p.add_argument("-o", "--output", help="write the upgraded casefile here instead")
    p.add_argument("--documents", help="the documents folder, to verify quotes as well")
    p.set_defaults(run=_cmd_migrate)

    p = commands.add_parser("build", help="build a casefile from an extraction and its documents")
    p.add_argument("extraction", help="the extraction, in YAML or JSON")
    p.add_argument("--documents", required=True, help="the folder the documents are in")
    p.add_argument("-o", "--output", help="where to write the casefile")
    p.add_argument("--quiet", action="store_true", help="do not print a summary")
    p.set_defaults(run=_cmd_build)

    p = commands.add_parser("summary", help="summarise a casefile")
    _add_casefile_argument(p, json_output=False)
    p.set_defaults(run=_cmd_summary)

    _add_query_commands(commands)

    return parser


def _quiet_stdout() -> None:
    # Python flushes stdout at exit and would report the closed pipe again: point the file
    # descriptor at /dev/null instead.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout has no file descriptor (captured in a test)
        pass


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        return run(args, out)
    except (InvalidCasefile, BuildError) as error:
        name = getattr(args, "file", None) or getattr(args, "extraction", None) or "casefile"
        sys.stderr.write(_problems_text(name, error.problems) + "\n")
        return 1
    except UnknownId as error:
        sys.stderr.write(f"casefile: {error}\n")
        return 1
    except CasefileError as error:
        sys.stderr.write(f"casefile: {error}\n")
        return 1
    except BrokenPipeError:  # the reader went away (`casefile ... | head`): not an error
        _quiet_stdout()
        return 0
    except OSError as error:
        name = error.filename or ""
        sys.stderr.write(f"casefile: cannot read or write {name}: {error.strerror or error}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so in one line rather than show a traceback
        sys.stderr.write(
            f"casefile: internal error ({type(error).__name__}: {error}); please report it "
            "with the command and input that caused it\n"
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
