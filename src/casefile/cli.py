"""The ``casefile`` command line.

Every command reads a casefile file, or the reference casefile when none is given, and prints
readable text, or JSON for tools with ``--format json``. Errors are messages, never
tracebacks. Exit status: 0 success; 1 the input has problems (listed); 2 the command was used
wrongly; 70 an internal error (a bug in casefile, reported in one line); 130 interrupted.

Each command is declared once, in ``COMMANDS``: its name, help, arguments and handler. The
argument parser is built from that table, and a handler gets a ``Context`` that loads the
casefile and builds its index on first use.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from ._memory import short_of_memory
from .building import build_file
from .converter import converter
from .dates import DateError, PartialDate
from .documents import DocumentFolder
from .errors import (
    BuildError,
    CasefileError,
    FileError,
    InvalidCasefile,
    Problem,
    UnknownId,
    UnsafeOutput,
)
from .migrations import migrate_file
from .model import Casefile
from .query import Index, format_value
from .reference import reference
from .schema import load_schema, schema_text
from .storage import DEFAULT_MAX_BYTES, load
from .summary import summary_text

__all__ = ["main"]


class Context:
    """What a command's handler works with: its arguments, where to write, and the casefile.

    The casefile (the file given, or the reference casefile) is read on first use and its
    index built on first use, here and nowhere else; a command that needs neither pays for
    neither.
    """

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.args = args
        self.out = out

    @functools.cached_property
    def casefile(self) -> Casefile:
        """The casefile named on the command line, or the reference casefile."""
        if self.args.file is None:
            return reference()
        return load(
            self.args.file,
            documents=_documents(self.args.documents, self.args.max_bytes),
            max_bytes=self.args.max_bytes,
        )

    @functools.cached_property
    def index(self) -> Index:
        """The index of ``casefile``."""
        return Index(self.casefile)


@attrs.frozen
class Argument:
    """One argument or option of a command, as ``argparse`` is given it.

    Attributes:
        flags: a positional argument's name, or an option's spellings (``-o``, ``--output``).
        help: what it is for; the command's help and the documentation show it.
        options: the other keywords of ``add_argument`` (``type``, ``choices``, ``metavar``...).
    """

    flags: tuple[str, ...]
    help: str
    options: Mapping[str, Any]


def _arg(*flags: str, help: str, **options: Any) -> Argument:
    return Argument(flags, help, options)


@attrs.frozen
class Command:
    """One command: everything the parser, the help and the documentation know about it.

    Attributes:
        name: what the user types after ``casefile``.
        help: a one-line summary, shown in the list of commands.
        run: the handler; it returns the exit status.
        arguments: the command's own arguments, in the order the help lists them.
        reads_casefile: whether it takes the optional casefile ``FILE`` (the reference casefile
            by default) and ``--documents``, after its own arguments.
        json_output: whether it takes ``--format text|json``, last.
    """

    name: str
    help: str
    run: Callable[[Context], int]
    arguments: tuple[Argument, ...] = ()
    reads_casefile: bool = False
    json_output: bool = False


def _problems_text(name: str, problems: Sequence[Problem]) -> str:
    lines = [f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"]
    lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines)


def _documents(folder: str | None, max_bytes: int) -> DocumentFolder | None:
    """The documents folder named by ``--documents``, each file read within ``--max-bytes``."""
    return None if folder is None else DocumentFolder(folder, max_bytes)


def _read_problems(path: str, documents: str | None, max_bytes: int) -> list[Problem]:
    file = Path(path)
    try:
        if file.is_dir():
            return [
                Problem(pointer="", code="unreadable", message="this is a folder, not a casefile")
            ]
        load(file, documents=_documents(documents, max_bytes), max_bytes=max_bytes)
    except InvalidCasefile as error:
        return list(error.problems)
    except OSError as error:
        return [
            Problem(
                pointer="", code="unreadable", message=f"cannot read the file: {error.strerror}"
            )
        ]
    return []


def _validate(ctx: Context) -> int:
    args, out = ctx.args, ctx.out
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


def _schema(ctx: Context) -> int:
    ctx.out.write(schema_text(load_schema()))
    return 0


def _migrate(ctx: Context) -> int:
    # An empty --output means none, as it always has: the file is migrated in place.
    output = ctx.args.output or None
    result = migrate_file(
        ctx.args.file,
        output,
        documents=_documents(ctx.args.documents, ctx.args.max_bytes),
        max_bytes=ctx.args.max_bytes,
    )
    if result.written:
        ctx.out.write(
            f"{result.source}: migrated from schema {result.from_version} to "
            f"{result.to_version}; wrote {result.output}\n"
        )
    else:
        ctx.out.write(f"{result.source}: already at schema {result.from_version}; left unchanged\n")
    return 0


def _build(ctx: Context) -> int:
    args, out = ctx.args, ctx.out
    casefile = build_file(args.extraction, args.documents, args.output, max_bytes=args.max_bytes)
    if args.output:
        out.write(f"wrote {args.output}\n\n")
    if not args.quiet:
        out.write(summary_text(casefile))
    return 0


def _summary(ctx: Context) -> int:
    ctx.out.write(summary_text(ctx.casefile))
    return 0


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


def _emit(ctx: Context, results: Sequence[Any], rows: list[list[str]], empty: str) -> int:
    if ctx.args.format == "json":
        ctx.out.write(
            json.dumps(converter.unstructure(list(results)), indent=2, ensure_ascii=False) + "\n"
        )
    elif rows:
        ctx.out.write(_table(rows))
    else:
        ctx.out.write(empty + "\n")
    return 0


def _quote(attribution: Any, limit: int = 90) -> str:
    text = " ".join(attribution.quote.exact.split())
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1] + "\u2026") + "\u201d"


def _show(ctx: Context) -> int:
    args, out, index = ctx.args, ctx.out, ctx.index
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


def _timeline(ctx: Context) -> int:
    args, index = ctx.args, ctx.index
    entries = index.timeline(start=args.start, end=args.end, kinds=args.kind or None)
    rows = [
        [str(e.when), e.kind, e.event, e.label, f"[{', '.join(index.sources_of(e.attributions))}]"]
        for e in entries
    ]
    return _emit(ctx, entries, rows, "no dated items")


def _findings(ctx: Context) -> int:
    args, index = ctx.args, ctx.index
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
    return _emit(ctx, findings, rows, "no findings")


def _outcomes(ctx: Context) -> int:
    args, index = ctx.args, ctx.index
    outcomes = (
        index.outcomes(args.of, within=not args.direct) if args.of else index.casefile.outcomes
    )
    rows = []
    for outcome in outcomes:
        counts = " / ".join(dict.fromkeys(format_value(c.value) for c in outcome.count))
        rows.append([outcome.id, outcome.kind, counts or "-", outcome.summary])
    return _emit(ctx, outcomes, rows, "no outcomes")


def _said(ctx: Context) -> int:
    args = ctx.args
    found = ctx.index.said(speaker=args.speaker, source=args.source, about=args.about)
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
    return _emit(ctx, found, rows, "no attributions")


def _evidence(ctx: Context) -> int:
    args, out, index = ctx.args, ctx.out, ctx.index
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


def _conflicts(ctx: Context) -> int:
    conflicts = ctx.index.conflicts(ctx.args.subject)
    rows = [
        [
            c.subject,
            c.property,
            f"{c.left.value} ({', '.join(c.left.sources)})",
            f"vs {c.right.value} ({', '.join(c.right.sources)})",
        ]
        for c in conflicts
    ]
    return _emit(ctx, conflicts, rows, "no conflicts")


def _disputes(ctx: Context) -> int:
    disputes = ctx.index.disputes(ctx.args.target)
    rows = [
        [
            d.attribution.id,
            d.attribution.speaker or d.attribution.source,
            f"{d.attribution.stance.value} {d.target}",
            _quote(d.attribution),
        ]
        for d in disputes
    ]
    return _emit(ctx, disputes, rows, "no disputes")


def _search(ctx: Context) -> int:
    matches = ctx.index.search(ctx.args.text)
    rows = [[m.id, m.kind, m.field, " ".join(m.text.split())[:100]] for m in matches]
    return _emit(ctx, matches, rows, "no matches")


# ------------------------------------------------------------------ the table

# Added after a command's own arguments by `reads_casefile` (the first two) and `json_output`.
_FILE = _arg(
    "file", nargs="?", metavar="FILE", help="the casefile to read (default: the reference casefile)"
)
_DOCUMENTS = _arg("--documents", help="the documents folder, to verify quotes as well")
_FORMAT = _arg(
    "--format", choices=("text", "json"), default="text", help="text for people, json for tools"
)

_MAX_BYTES = _arg(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    metavar="N",
    help="refuse larger files (the casefile, an extraction, each document) before reading them",
)

_KINDS = ("investigation", "complaint", "finding", "outcome", "source", "actor", "attribution")
_DIRECT = _arg("--direct", action="store_true", help="leave out investigations within it")

#: Every command, in the order the help and the documentation list them.
COMMANDS: tuple[Command, ...] = (
    Command(
        "validate",
        "check casefiles in both layers",
        _validate,
        (
            _arg("files", nargs="+", metavar="FILE", help="the casefiles to check"),
            _arg("--documents", help="the documents folder, to check digests and quotes"),
            # Its own --format: the JSON is a report per file, not query results.
            _arg(
                "--format",
                choices=("text", "json"),
                default="text",
                help="text for people (default), or JSON: one object per file with its problems",
            ),
            _MAX_BYTES,
        ),
    ),
    Command("schema", "print the casefile JSON Schema", _schema),
    Command(
        "migrate",
        "upgrade a casefile to the current schema version, atomically",
        _migrate,
        (
            _arg("file", help="the casefile, rewritten in place unless --output is given"),
            _arg("-o", "--output", help="write the upgraded casefile here instead"),
            _DOCUMENTS,
            _MAX_BYTES,
        ),
    ),
    Command(
        "build",
        "build a casefile from an extraction and its documents",
        _build,
        (
            _arg("extraction", help="the extraction, in YAML or JSON"),
            _arg("--documents", required=True, help="the folder the documents are in"),
            _arg("-o", "--output", help="where to write the casefile"),
            _arg("--quiet", action="store_true", help="do not print a summary"),
            _MAX_BYTES,
        ),
    ),
    Command("summary", "summarise a casefile", _summary, reads_casefile=True),
    Command(
        "show",
        "show any entity, claim or attribution by id",
        _show,
        (_arg("id", help="the id of an entity, claim, role, milestone or attribution"),),
        reads_casefile=True,
        json_output=True,
    ),
    Command(
        "timeline",
        "every dated item, in date order",
        _timeline,
        (
            _arg(
                "--from",
                dest="start",
                type=_date,
                metavar="DATE",
                help="keep items reaching this date or later",
            ),
            _arg(
                "--to",
                dest="end",
                type=_date,
                metavar="DATE",
                help="keep items beginning by this date",
            ),
            _arg(
                "--kind",
                action="append",
                choices=_KINDS,
                help="keep items of this entity kind (repeatable)",
            ),
        ),
        reads_casefile=True,
        json_output=True,
    ),
    Command(
        "findings",
        "findings, of an investigation or about an entity",
        _findings,
        (
            _arg("--of", metavar="ID", help="an investigation (with those within it) or an entity"),
            _DIRECT,
        ),
        reads_casefile=True,
        json_output=True,
    ),
    Command(
        "outcomes",
        "outcomes, of a complaint, finding or investigation",
        _outcomes,
        (_arg("--of", metavar="ID", help="a complaint, finding or investigation"), _DIRECT),
        reads_casefile=True,
        json_output=True,
    ),
    Command(
        "said",
        "who said what: attributions by speaker, source or subject",
        _said,
        (
            _arg("--speaker", metavar="ID", help="keep what this actor said"),
            _arg("--source", metavar="ID", help="keep what this source reports"),
            _arg("--about", metavar="ID", help="keep what is said about this entity"),
        ),
        reads_casefile=True,
        json_output=True,
    ),
    Command(
        "evidence",
        "what supports and disputes an entity or value",
        _evidence,
        (_arg("id", help="the id of an entity or a claim"),),
        reads_casefile=True,
        json_output=True,
    ),
    Command(
        "conflicts",
        "competing values that cannot both be true",
        _conflicts,
        (_arg("--subject", metavar="ID", help="keep conflicts over this entity's values"),),
        reads_casefile=True,
        json_output=True,
    ),
    Command(
        "disputes",
        "statements that dispute or question others",
        _disputes,
        (_arg("--target", metavar="ID", help="keep disputes of this entity or statement"),),
        reads_casefile=True,
        json_output=True,
    ),
    Command(
        "search",
        "case-insensitive search of quotes, names and summaries",
        _search,
        (_arg("text", help="the words to look for, matched without regard to case"),),
        reads_casefile=True,
        json_output=True,
    ),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casefile",
        description="Read, check and query accountability casefiles.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=command.help)
        arguments = list(command.arguments)
        if command.reads_casefile:
            arguments += [_FILE, _DOCUMENTS, _MAX_BYTES]
        if command.json_output:
            arguments.append(_FORMAT)
        for argument in arguments:
            sub.add_argument(*argument.flags, help=argument.help, **argument.options)
        sub.set_defaults(run=command.run)
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
    run: Callable[[Context], int] = args.run
    try:
        return run(Context(args, out))
    except (InvalidCasefile, BuildError) as error:
        name = getattr(args, "file", None) or getattr(args, "extraction", None) or "casefile"
        sys.stderr.write(_problems_text(name, error.problems) + "\n")
        return 1
    except UnknownId as error:
        sys.stderr.write(f"casefile: {error}\n")
        return 1
    except FileError as error:  # an input refused unread (1), or an output refused (2)
        sys.stderr.write(f"casefile: {error} [{error.code}]\n")
        return 2 if isinstance(error, UnsafeOutput) else 1
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
    except (MemoryError, SystemError) as error:  # under ulimit -v: a message, not a traceback
        if not short_of_memory(error):
            return _internal(error)
        name = getattr(args, "file", None) or getattr(args, "extraction", None) or "the input"
        sys.stderr.write(
            f"casefile: {name}: memory ran out; it is too large for the memory this process "
            "may use [out-of-memory]\n"
        )
        return 1
    except RecursionError:  # every walk keeps its own stack: this would be a bug, said so
        name = getattr(args, "file", None) or getattr(args, "extraction", None) or "the input"
        sys.stderr.write(f"casefile: {name}: nested too deeply to read [too-deep]\n")
        return 1
    except Exception as error:  # a bug: say so in one line rather than show a traceback
        return _internal(error)


def _internal(error: Exception) -> int:
    sys.stderr.write(
        f"casefile: internal error ({type(error).__name__}: {error}); please report it "
        "with the command and input that caused it\n"
    )
    return 70


if __name__ == "__main__":
    sys.exit(main())
